using EPlanNacc.Host.Infrastructure;
using EPlanNacc.Modules.Identity;
using EPlanNacc.Modules.Identity.Features.Passwords;
using EPlanNacc.Modules.Identity.Features.SignIn;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace EPlanNacc.Host.Pages.Identity;

[EnableRateLimiting(RateLimiting.PasswordReset)]
public sealed class ForgotPasswordModel(IOptions<IdentityOptions> identity) : AppPageModel
{
    public string ResetLinkValidity => SignInTexts.ResetLinkValidity(identity.Value);

    public sealed class ForgotForm
    {
        public string? Email { get; set; }
    }

    [BindProperty] public ForgotForm Input { get; set; } = new();
    public bool Sent { get; private set; }
    public Type ClientRulesFor => typeof(RequestPasswordResetCommand);

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Sent = await TryAsync(() => Sender.Send(new RequestPasswordResetCommand(Input.Email), ct).AsTask());
        return Page();
    }
}
