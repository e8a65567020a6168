using System.ComponentModel.DataAnnotations;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Host.Infrastructure;
using EPlanNacc.Modules.Identity;
using EPlanNacc.Modules.Identity.Features.Sessions;
using EPlanNacc.Modules.Identity.Features.SignIn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace EPlanNacc.Host.Pages.Identity;

[EnableRateLimiting(RateLimiting.SignIn)]
public sealed class LoginModel(IOptions<IdentityOptions> identity) : AppPageModel
{
    public sealed class LoginForm
    {
        [Display(Name = "รหัสผู้ใช้งาน")] public string? Username { get; set; }
        [Display(Name = "รหัสผ่าน")] public string? Password { get; set; }
        [Display(Name = "รหัสเปิดใช้งาน")] public string? ActivationCode { get; set; }
    }

    [BindProperty] public LoginForm Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public bool RequireActivationCode => identity.Value.RequireActivationCode;
    public string? Error { get; private set; }

    public IActionResult OnGet(string? username)
    {
        if (User.Identity?.IsAuthenticated == true)
            return User.IsSetupSession() ? RedirectToRoute(SetupGate.SetupRoute) : RedirectToPage("/Reporting/Summary");
        Input.Username = username;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Input.Username))
        {
            ModelState.AddModelError("Input.Username", "กรุณากรอกรหัสผู้ใช้งาน");
            return Page();
        }
        var result = await Sender.Send(new SignInCommand(Input.Username, Input.Password, Input.ActivationCode,
            ClientAddresses.TextOf(HttpContext), Request.Headers.UserAgent.ToString()), ct);
        switch (result.Status)
        {
            case SignInStatus.Succeeded or SignInStatus.SetupRequired:
                var account = result.Account!;
                // the session this browser had before (whoever's) ends: the new one is never a cookie set earlier
                if (User.Identity?.IsAuthenticated == true && User.SessionOf() is { } earlier)
                    await Sender.Send(new EndSessionCommand(earlier), ct);
                await HttpContext.SignInAsync(AuthSchemes.Cookie, AppClaims.Principal(account, AuthSchemes.Cookie),
                    new AuthenticationProperties { IsPersistent = false });
                if (account.SetupRequired) return RedirectToRoute(SetupGate.SetupRoute);
                if (account.PasswordChangeRequired) return RedirectToPage("/Identity/ChangePassword");
                if (Url.IsLocalUrl(ReturnUrl) && ReturnUrl != "/") return LocalRedirect(ReturnUrl);
                // the home page of the account: an LAO's summary, the staff's page
                return RedirectToPage(account.Role == UserRole.Lao ? "/Reporting/Summary" : "/Staff/Index");
            case SignInStatus.LockedOut:
                Error = result.Refusal;
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                break;
            default:
                Error = Api.Identity.AuthEndpoints.Unknown;
                break;
        }
        Input.Password = null;
        return Page();
    }
}
