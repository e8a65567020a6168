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
/// session may only complete the basic-data wizard. A command, because every try is recorded in the audit trail and
/// counted: <see cref="IdentityOptions.LockoutThreshold"/> failures within
/// <see cref="IdentityOptions.LockoutWindowMinutes"/> lock the account for <see cref="IdentityOptions.LockoutMinutes"/>
/// (every try answered 429 meanwhile, the right password too), and tell its owner by email.
/// <para>No answer tells which user names exist (docs/adr/0020-sign-in-and-session-attacks.md): an unknown name, a
/// disabled account and a wrong password fail alike, and an unknown or disabled name is counted and locked like an
/// account; an account locked by staff answers so only to its right password; and every try costs one password hash,
/// so that the time of the answer does not tell either.</para>
/// <para>A successful sign-in opens a session (identity.sessions): its id goes into the cookie or the token, and
/// ending it (sign-out, POST /api/v1/auth/revoke, <see cref="Sessions.EndSessionCommand"/>) ends that cookie or token
/// at once.</para></summary>
[Allow(Caller.Anyone)]
public sealed record SignInCommand(string? Username, string? Password, string? ActivationCode, string? IpAddress,
    string? UserAgent)
    : ICommand<SignInResult>;

public enum SignInStatus { Succeeded, SetupRequired, Failed, LockedOut }

/// <param name="PasswordChangeRequired">The password was set by someone else (the first admin): the session may
/// only change it.</param>
/// <param name="SessionId">The session this sign-in opened (identity.sessions).</param>
/// <param name="SignedInAt">When: a session lasts at most <see cref="IdentityOptions.SessionHours"/> from
/// then.</param>
public sealed record SignedInAccount(
    Guid UserId, string Username, UserRole Role, string? DlaCode, string? ProvinceCode, string DisplayName,
    Guid SecurityStamp, bool SetupRequired, bool PasswordChangeRequired = false, Guid SessionId = default,
    DateTimeOffset SignedInAt = default);

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
    public async ValueTask<SignInResult> Handle(SignInCommand command, CancellationToken ct)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        var username = command.Username?.Trim() ?? string.Empty;
        // no account has such a name (the rules of user names): nothing to count
        if (username.Length is 0 or > 100) return SignInResult.Failed;

        var account = await db.QuerySingleOrDefaultAsync<AccountRow>(
            AccountRow.Select + " WHERE lower(username) = lower(@username) FOR UPDATE", new { username }, ct);
        if (account is null || account.DisabledAt is not null)
        {
            Secrets.Verify(username, null, command.Password);
            var answer = await SignInFailures.CountNameAsync(db, o, username, now, ct);
            if (answer.Status == SignInStatus.LockedOut) return answer;
            // an unknown name is recorded without it: people type their password into the wrong field
            if (account is null)
                await AuditTrail.InsertAsync(db, now, AuditActor.Anonymous(command.IpAddress),
                    AccountHistory.ActionOf(SignInFailures.FailedKind), null, "ชื่อผู้ใช้งานที่ไม่มีในระบบ", ct);
            else
                await AccountHistory.RecordAsync(db, AuditActor.Account(account, command.IpAddress), account,
                    SignInFailures.FailedKind, now, "บัญชีนี้ปิดการใช้งานแล้ว", command.UserAgent, ct);
            return answer;
        }

        var state = SignInFailures.StateOf(account);
        if (SignInFailures.Policy(o).IsLocked(state, now))
        {
            Secrets.Verify(account.Username, null, command.Password);
            return SignInFailures.Locked(state, now, o);
        }

        var (ok, rehash) = Check(account, command, now, o);
        if (!ok)
        {
            await SignInFailures.CountAsync(db, sender, o, account, AuditActor.Account(account, command.IpAddress), now,
                command.UserAgent, ct);
            return SignInResult.Failed;
        }
        // only the account's own password learns that staff locked it
        if (account.LockedByStaffAt is not null)
            return new SignInResult(SignInStatus.LockedOut, Refusal: SignInTexts.LockedByStaff);

        var sessionId = Guid.CreateVersion7();
        await db.ExecuteAsync("""
            UPDATE identity.users SET recent_failures = '{}', locked_until = NULL, last_sign_in_at = @now,
                   password_hash = coalesce(@rehash, password_hash)
            WHERE id = @Id;
            INSERT INTO identity.sessions (id, user_id, started_at, ip_address) VALUES (@sessionId, @Id, @now, @Ip);
            """, new { account.Id, now, rehash, sessionId, Ip = command.IpAddress }, ct);
        await AccountHistory.RecordAsync(db, AuditActor.Account(account, command.IpAddress), account,
            account.NeverSetUp ? "setup_sign_in" : "signed_in", now, null, command.UserAgent, ct);

        var displayName = account.DisplayName;
        if (account.DlaCode is not null && await sender.Send(new GetLaoQuery(account.DlaCode), ct) is { } lao)
            displayName = lao.NameTh;

        var role = UserRoles.Parse(account.Role) ?? UserRole.Lao;
        var signedIn = new SignedInAccount(account.Id, account.Username, role, account.DlaCode,
            account.ProvinceCode, displayName, account.SecurityStamp, account.NeverSetUp, account.MustChangePassword,
            sessionId, now);
        return new SignInResult(account.NeverSetUp ? SignInStatus.SetupRequired : SignInStatus.Succeeded, signedIn);
    }

    /// <summary>Whether the try matches the account (and the hash to store when the password's hash is of an older
    /// kind), with exactly one hash verification whatever the account's state.</summary>
    private static (bool Ok, string? Rehash) Check(AccountRow account, SignInCommand command, DateTimeOffset now,
        IdentityOptions o)
    {
        if (account.NeverSetUp)
        {
            // the code alone, and an activation code still valid where NACC requires one
            var code = command.ActivationCode;
            var codeHash = o.RequireActivationCode && !string.IsNullOrWhiteSpace(code)
                           && account.ActivationCodeExpiresAt is { } expires && expires > now
                ? account.ActivationCodeHash : null;
            var codeOk = Secrets.Verify(account.Username, codeHash,
                code is null ? null : ActivationCodes.Normalize(code)) != PasswordVerificationResult.Failed;
            return (string.IsNullOrEmpty(command.Password) && (!o.RequireActivationCode || codeOk), null);
        }
        var hash = string.IsNullOrEmpty(command.Password) ? null : account.PasswordHash;
        var verified = Secrets.Verify(account.Username, hash, command.Password);
        return (verified != PasswordVerificationResult.Failed,
            verified == PasswordVerificationResult.SuccessRehashNeeded
                ? Secrets.Hash(account.Username, command.Password!) : null);
    }
}
