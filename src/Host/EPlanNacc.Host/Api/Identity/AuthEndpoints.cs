using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Host.Infrastructure;
using EPlanNacc.Modules.Identity.Features.Passwords;
using EPlanNacc.Modules.Identity.Features.Sessions;
using EPlanNacc.Modules.Identity.Features.SignIn;
using EPlanNacc.Modules.Identity.Features.Staff;
using Mediator;

namespace EPlanNacc.Host.Api.Identity;

public sealed record TokenRequest(string? Username, string? Password, string? ActivationCode);
/// <param name="PasswordChangeRequired">The password was set by someone else (the first admin): this token may only
/// change it (<c>POST /api/v1/me/password</c>), then sign in again.</param>
public sealed record TokenResponse(
    string AccessToken, string TokenType, int ExpiresIn, string Role, bool SetupRequired, bool PasswordChangeRequired);
public sealed record ForgotPasswordRequest(string? Email);
public sealed record ResetPasswordRequest(string? Token, string? NewPassword);
public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

public static class AuthEndpoints
{
    public const string Unknown = "ไม่พบผู้ใช้งาน";

    public static void MapAuthEndpoints(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Authentication").AllowAnonymous();

        auth.MapPost("/token",
            async (TokenRequest? body, HttpContext http, ISender sender, TokenIssuer issuer, CancellationToken ct) =>
        {
            var result = await sender.Send(new SignInCommand(body?.Username, body?.Password, body?.ActivationCode,
                ClientAddresses.TextOf(http), http.Request.Headers.UserAgent.ToString()), ct);
            switch (result.Status)
            {
                case SignInStatus.Succeeded or SignInStatus.SetupRequired:
                    var token = issuer.Issue(result.Account!, out var lifetime);
                    var account = result.Account!;
                    return Results.Ok(new TokenResponse(token, "Bearer", (int)lifetime.TotalSeconds,
                        account.Role.ToCode(), account.SetupRequired, account.PasswordChangeRequired));
                case SignInStatus.LockedOut:
                    // a lock of failed sign-ins ends by itself; one put by staff lasts until they lift it
                    SetRetryAfter(http, result.RetryAfter);
                    return Problem(429, result.Refusal!);
                default:
                    return Problem(401, Unknown);
            }
        })
        .RequireRateLimiting(RateLimiting.SignIn)
        .Produces<TokenResponse>().ProducesProblem(401).ProducesProblem(429).ProducesValidationProblem()
        .WithName("createToken").WithSummary("ขอโทเค็นเข้าใช้งาน / Sign in for an access token")
        .WithDescription("Sign in: an access token for the API (an LAO's first sign-in takes its code alone)");

        auth.MapPost("/forgot-password", async (ForgotPasswordRequest? body, ISender sender, CancellationToken ct) =>
        {
            await sender.Send(new RequestPasswordResetCommand(body?.Email), ct);
            return Results.Accepted();
        })
        .RequireRateLimiting(RateLimiting.PasswordReset)
        .Produces(202).ProducesValidationProblem().ProducesProblem(429)
        .WithName("requestPasswordReset").WithSummary("ขอลิงก์ตั้งรหัสผ่านใหม่ / Request a password reset link")
        .WithDescription(
            "Email a password reset link to the coordinator email recorded in the basic data (202 always)");

        auth.MapPost("/reset-password", async (ResetPasswordRequest? body, ISender sender, CancellationToken ct) =>
        {
            await sender.Send(new ResetPasswordCommand(body?.Token, body?.NewPassword), ct);
            return Results.NoContent();
        })
        .RequireRateLimiting(RateLimiting.PasswordReset)
        .Produces(204).ProducesValidationProblem().ProducesProblem(429)
        .WithName("resetPassword").WithSummary("ตั้งรหัสผ่านใหม่ / Reset a password")
        .WithDescription(
            "Set a new password with the token of a reset link (single use, for Identity:ResetTokenMinutes)");

        api.MapPost("/me/password",
            async (ChangePasswordRequest? body, HttpContext http, ISender sender, CancellationToken ct) =>
        {
            var result = await sender.Send(new ChangePasswordCommand(body?.CurrentPassword, body?.NewPassword), ct);
            switch (result.Status)
            {
                case PasswordChangeStatus.WrongCurrentPassword:
                    return Results.ValidationProblem(
                        new Dictionary<string, string[]> { ["currentPassword"] = [result.Refusal!] },
                        title: ApiProblems.TitleFor(400), type: "https://httpstatuses.io/400");
                case PasswordChangeStatus.LockedOut:
                    SetRetryAfter(http, result.RetryAfter);
                    return Problem(429, result.Refusal!);
                default:
                    return Results.NoContent();
            }
        })
        .WithTags("Account")
        .WithMetadata(new AllowDuringPasswordChangeAttribute())
        .Produces(204).ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(429)
        .WithName("changePassword").WithSummary("เปลี่ยนรหัสผ่าน / Change the password")
        .WithDescription("Change the signed-in user's password (wrong current passwords count as failed sign-ins)");

        api.MapPost("/auth/revoke", async (HttpContext http, ISender sender, CancellationToken ct) =>
        {
            if (http.User.SessionOf() is { } session) await sender.Send(new EndSessionCommand(session), ct);
            return Results.NoContent();
        })
        .WithTags("Authentication")
        .WithMetadata(new AllowDuringSetupAttribute(), new AllowDuringPasswordChangeAttribute())
        .Produces(204).ProducesProblem(401)
        .WithName("revokeToken").WithSummary("ออกจากระบบ (ยกเลิกโทเค็น) / Revoke the token")
        .WithDescription("End the session of this bearer token: it answers 401 from then on (no body)");

        var staff = api.MapGroup("/admin/accounts").WithTags("Staff: accounts");
        staff.MapPost("/{username}/reset", async (string username, ISender sender, CancellationToken ct) =>
        {
            await sender.Send(new ResetAccountCommand(username), ct);
            return Results.NoContent();
        }).Produces(204).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404)
          .WithName("resetAccount").WithSummary("คืนค่าบัญชี อปท. / Reset an LAO account")
          .WithDescription("Put an LAO account back to 'never set up' (its data stays)");
        staff.MapPost("/{username}/unlock", async (string username, ISender sender, CancellationToken ct) =>
        {
            await sender.Send(new UnlockAccountCommand(username), ct);
            return Results.NoContent();
        }).Produces(204).ProducesProblem(403).ProducesProblem(404)
            .WithName("unlockAccount").WithSummary("ปลดล็อกบัญชี / Unlock an account")
            .WithDescription("Lift the lock of failed sign-ins");
        staff.MapPost("/{username}/activation-code", async (string username, ISender sender, CancellationToken ct) =>
            Results.Ok(await sender.Send(new IssueActivationCodeCommand(username), ct)))
            .Produces<ActivationCodeIssued>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404)
            .WithName("createActivationCode").WithSummary("ออกรหัสเปิดใช้งาน / Issue an activation code")
            .WithDescription("Issue an activation code for an LAO's first sign-in (when NACC requires one)");
        staff.MapGet("/{username}", async (string username, ISender sender, CancellationToken ct) =>
            Results.Ok(await sender.Send(new GetAccountQuery(username), ct)))
            .Produces<AccountDetails>().ProducesProblem(403).ProducesProblem(404)
            .WithName("getAccount").WithSummary("อ่านบัญชีผู้ใช้ / Read an account")
            .WithDescription("An account's state and its latest events (first set-up with address, resets, locks)");
    }

    private static void SetRetryAfter(HttpContext http, TimeSpan? wait)
    {
        if (wait is { } w) http.Response.Headers.RetryAfter = ((int)Math.Ceiling(w.TotalSeconds)).ToString();
    }

    private static IResult Problem(int status, string title) =>
        Results.Problem(title: title, statusCode: status, type: $"https://httpstatuses.io/{status}");
}
