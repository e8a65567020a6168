using EPlanNacc.Host.Infrastructure;
using EPlanNacc.Modules.Identity.Features.Passwords;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace EPlanNacc.Host.Pages.Identity;

/// <summary>เปลี่ยนรหัสผ่าน (Profile menu); also the only page of a session that must change the password it was given
/// (the first admin), which then goes on to its home page.</summary>
[AllowDuringPasswordChange]
public sealed class ChangePasswordModel : AppPageModel
{
    public sealed class ChangeForm
    {
        public string? CurrentPassword { get; set; }
        public string? NewPassword { get; set; }
        public string? ConfirmPassword { get; set; }
    }

    [BindProperty] public ChangeForm Input { get; set; } = new();
    public Type ClientRulesFor => typeof(ChangePasswordCommand);

    /// <summary>The session was given its password by someone else and must replace it before anything else.</summary>
    public bool MustChange => User.MustChangePassword();

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Input.NewPassword != Input.ConfirmPassword)
        {
            ModelState.AddModelError("Input.ConfirmPassword", "รหัสผ่านที่ยืนยันไม่ตรงกับรหัสผ่านใหม่");
            return Page();
        }
        PasswordChangeResult? result = null;
        if (!await TryAsync(async () =>
            result = await Sender.Send(new ChangePasswordCommand(Input.CurrentPassword, Input.NewPassword), ct)))
            return Page();
        switch (result!.Status)
        {
            case PasswordChangeStatus.WrongCurrentPassword:
                ModelState.AddModelError("Input.CurrentPassword", result.Refusal!);
                return Page();
            case PasswordChangeStatus.LockedOut:
                ModelState.AddModelError(string.Empty, result.Refusal!);
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                return Page();
        }
        // renew this session with the new stamp; every other session of the account has ended
        await HttpContext.SignInAsync(AuthSchemes.Cookie,
            AppClaims.WithChanges(User, AuthSchemes.Cookie, stamp: result.SecurityStamp));
        Flash("เปลี่ยนรหัสผ่านเรียบร้อยแล้ว");
        // the first admin goes on to its home page; anyone else stays on the page, with the message
        return MustChange ? RedirectToPage("/Staff/Index") : RedirectToPage();
    }
}
