using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.Identity.Features.Audit;
using EPlanNacc.Modules.Identity.Rules;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace EPlanNacc.Modules.Identity.Features.SignIn;

/// <summary>Signs in with a user name (an LAO's 7-digit code, or a staff user name) and a password. An LAO account
/// that has never been set up signs in with its code alone (and an activation code when NACC requires one): that
/// session may only complete the basic-data wizard. Unknown user, disabled account and wrong password fail alike; an
/// account locked by staff is refused until staff unlock it. Every attempt is recorded in the audit trail. A command,
/// because a failure is recorded (and <see cref="IdentityOptions.LockoutThreshold"/> failures within
/// <see cref="IdentityOptions.LockoutWindowMinutes"/> lock the account for
/// <see cref="IdentityOptions.LockoutMinutes"/>).</summary>
[Allow(Caller.Anyone)]
public sealed record SignInCommand(string? Username, string? Password, string? ActivationCode, string? IpAddress,
    string? UserAgent)
    : ICommand<SignInResult>;

public enum SignInStatus { Succeeded, SetupRequired, Failed, LockedOut }

/// <param name="PasswordChangeRequired">The password was set by someone else (the first admin): the session may
/// only change it.</param>
public sealed record SignedInAccount(
    Guid UserId, string Username, UserRole Role, string? DlaCode, string? ProvinceCode, string DisplayName,
    Guid SecurityStamp, bool SetupRequired, bool PasswordChangeRequired = false);

/// <param name="RetryAfter">How long a lock of failed sign-ins still lasts (none for a lock put by staff).</param>
/// <param name="Refusal">Why a locked account is refused, in Thai, with the settings in force.</param>
public sealed record SignInResult(
    SignInStatus Status, SignedInAccount? Account = null, TimeSpan? RetryAfter = null, string? Refusal = null)
{
    public static readonly SignInResult Failed = new(SignInStatus.Failed);
}

public sealed class SignInHandler(DbSession db, ISender sender, TimeProvider clock, IOptions<IdentityOptions> options)
    : ICommandHandler<SignInCommand, SignInResult>
{
    private static readonly PasswordHasher<string> Hasher = new();
    private static readonly string DummyHash = Hasher.HashPassword("dummy", "not-a-real-password-0");
    private const string FailedKind = "sign_in_failed";

    public async ValueTask<SignInResult> Handle(SignInCommand command, CancellationToken ct)
    {
        var o = options.Value;
        var policy = new LockoutPolicy(o.LockoutThreshold, TimeSpan.FromMinutes(o.LockoutWindowMinutes),
            TimeSpan.FromMinutes(o.LockoutMinutes));
        var now = clock.GetUtcNow();
        var username = command.Username?.Trim() ?? string.Empty;
        if (username.Length is 0 or > 100) return SignInResult.Failed;

        var account = await db.QuerySingleOrDefaultAsync<AccountRow>(
            AccountRow.Select + " WHERE lower(username) = lower(@username) FOR UPDATE", new { username }, ct);
        if (account is null || account.DisabledAt is not null)
        {
            // the same work as a wrong password, so that timing does not tell which user names exist or are disabled
            Hasher.VerifyHashedPassword(username, DummyHash, command.Password ?? string.Empty);
            // an unknown name is recorded without it: people type their password into the wrong field
            if (account is null)
                await AuditTrail.InsertAsync(db, now, AuditActor.Anonymous(command.IpAddress),
                    AccountHistory.ActionOf(FailedKind), null, "ชื่อผู้ใช้งานที่ไม่มีในระบบ", ct);
            else
                await AccountHistory.RecordAsync(db, AuditActor.Account(account, command.IpAddress), account,
                    FailedKind, now, "บัญชีนี้ปิดการใช้งานแล้ว", command.UserAgent, ct);
            return SignInResult.Failed;
        }

        if (account.LockedByStaffAt is not null)
            return new SignInResult(SignInStatus.LockedOut, Refusal: SignInTexts.LockedByStaff);
        var state = new LockoutState(account.RecentFailureMoments, account.LockedUntil);
        if (policy.IsLocked(state, now))
            return new SignInResult(SignInStatus.LockedOut, RetryAfter: policy.RemainingLock(state, now),
                Refusal: SignInTexts.LockedOut(o));

        bool ok;
        string? rehash = null;
        if (account.NeverSetUp)
        {
            ok = string.IsNullOrEmpty(command.Password)
                && (!o.RequireActivationCode || ActivationCodeMatches(account, command.ActivationCode, now));
        }
        else if (string.IsNullOrEmpty(command.Password) || account.PasswordHash is null)
        {
            ok = false;
        }
        else
        {
            var verified = Hasher.VerifyHashedPassword(account.Username, account.PasswordHash, command.Password);
            ok = verified != PasswordVerificationResult.Failed;
            if (verified == PasswordVerificationResult.SuccessRehashNeeded)
                rehash = Hasher.HashPassword(account.Username, command.Password);
        }

        if (!ok)
        {
            var after = policy.AfterFailure(state, now);
            await db.ExecuteAsync("""
                UPDATE identity.users SET recent_failures = @Failures, locked_until = @LockedUntil WHERE id = @Id
                """,
                new
                {
                    account.Id, Failures = after.RecentFailures.Select(t => t.UtcDateTime).ToArray(), after.LockedUntil,
                }, ct);
            var locked = policy.IsLocked(after, now) && !policy.IsLocked(state, now);
            await AccountHistory.RecordAsync(db, AuditActor.Account(account, command.IpAddress), account,
                locked ? "locked_out" : FailedKind, now, null, command.UserAgent, ct);
            return SignInResult.Failed;
        }

        await db.ExecuteAsync("""
            UPDATE identity.users SET recent_failures = '{}', locked_until = NULL, last_sign_in_at = @now,
                   password_hash = coalesce(@rehash, password_hash)
            WHERE id = @Id
            """, new { account.Id, now, rehash }, ct);
        await AccountHistory.RecordAsync(db, AuditActor.Account(account, command.IpAddress), account,
            account.NeverSetUp ? "setup_sign_in" : "signed_in", now, null, command.UserAgent, ct);

        var displayName = account.DisplayName;
        if (account.DlaCode is not null && await sender.Send(new GetLaoQuery(account.DlaCode), ct) is { } lao)
            displayName = lao.NameTh;

        var role = UserRoles.Parse(account.Role) ?? UserRole.Lao;
        var signedIn = new SignedInAccount(account.Id, account.Username, role, account.DlaCode,
            account.ProvinceCode, displayName, account.SecurityStamp, account.NeverSetUp, account.MustChangePassword);
        return new SignInResult(account.NeverSetUp ? SignInStatus.SetupRequired : SignInStatus.Succeeded, signedIn);
    }

    private static bool ActivationCodeMatches(AccountRow account, string? code, DateTimeOffset now) =>
        !string.IsNullOrWhiteSpace(code) && account.ActivationCodeHash is not null &&
        account.ActivationCodeExpiresAt is { } expires && expires > now &&
        Hasher.VerifyHashedPassword(account.Username, account.ActivationCodeHash,
            ActivationCodes.Normalize(code)) != PasswordVerificationResult.Failed;
}
