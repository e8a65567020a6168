using EPlanNacc.Host.Infrastructure;
using EPlanNacc.Modules.Identity.Features.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace EPlanNacc.Host.Pages.Identity;

/// <summary>ออกจากระบบ: the session ends on the server, not only in this browser, so that a copy of its cookie stops
/// working too.</summary>
[AllowDuringSetup]
[AllowDuringPasswordChange]
public sealed class LogoutModel : AppPageModel
{
    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? Page() : RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (User.SessionOf() is { } session) await Sender.Send(new EndSessionCommand(session), ct);
        await HttpContext.SignOutAsync(AuthSchemes.Cookie);
        TempData["Success"] = "ออกจากระบบเรียบร้อยแล้ว";
        return RedirectToPage("/Identity/Login");
    }
}
