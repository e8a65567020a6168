using EPlanNacc.Host.Infrastructure;
using EPlanNacc.Modules.Identity.Features.Passwords;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace EPlanNacc.Host.Pages.Identity;

[EnableRateLimiting(RateLimiting.PasswordReset)]
public sealed class ResetPasswordModel : AppPageModel
{
    public sealed class ResetForm
    {
        public string? Token { get; set; }
        public string? NewPassword { get; set; }
        public string? ConfirmPassword { get; set; }
    }

    [BindProperty] public ResetForm Input { get; set; } = new();
    public bool LinkValid { get; private set; }
    public Type ClientRulesFor => typeof(ResetPasswordCommand);

    public async Task OnGetAsync(string? token, CancellationToken ct)
    {
        Input.Token = token;
        LinkValid = await Sender.Send(new CheckResetTokenQuery(token), ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        LinkValid = true;
        if (Input.NewPassword != Input.ConfirmPassword)
        {
            ModelState.AddModelError("Input.ConfirmPassword", "รหัสผ่านที่ยืนยันไม่ตรงกับรหัสผ่านใหม่");
            return Page();
        }
        if (!await TryAsync(() => Sender.Send(new ResetPasswordCommand(Input.Token, Input.NewPassword), ct).AsTask()))
        {
            LinkValid = ModelState["Input.Token"] is null;
            return Page();
        }
        Flash("ตั้งรหัสผ่านใหม่เรียบร้อยแล้ว กรุณาเข้าสู่ระบบด้วยรหัสผ่านใหม่");
        return RedirectToPage("/Identity/Login");
    }
}
