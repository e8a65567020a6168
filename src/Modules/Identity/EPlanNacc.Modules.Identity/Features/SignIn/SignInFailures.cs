using System.Security.Cryptography;
using System.Text;
using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.Modules.Identity.Contracts;
using EPlanNacc.Modules.Identity.Features.Audit;
using EPlanNacc.Modules.Identity.Features.Emails;
using EPlanNacc.Modules.Identity.Rules;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts;
using Mediator;

namespace EPlanNacc.Modules.Identity.Features.SignIn;

/// <summary>Failed sign-ins, and wrong current passwords of a change of password, as the lockout counts them
/// (<see cref="LockoutPolicy"/>): the failure that locks an account is recorded as <c>account.locked_out</c> with its
/// address, and the lock is emailed to the account's owner, once per lock. A name without an account, or of a disabled
/// one, is counted and locked the same way (identity.unknown_name_failures, by the SHA-256 of the name), so that no
/// answer tells which user names exist (docs/adr/0020-sign-in-and-session-attacks.md).</summary>
internal static class SignInFailures
{
    public const string FailedKind = "sign_in_failed";
    public const string LockedKind = "locked_out";

    public static LockoutPolicy Policy(IdentityOptions o) => new(o.LockoutThreshold,
        TimeSpan.FromMinutes(o.LockoutWindowMinutes), TimeSpan.FromMinutes(o.LockoutMinutes));

    public static LockoutState StateOf(AccountRow account) => new(account.RecentFailureMoments, account.LockedUntil);

    /// <summary>The answer to any try while a lock of failed sign-ins lasts, the right password included.</summary>
    public static SignInResult Locked(LockoutState state, DateTimeOffset now, IdentityOptions o) =>
        new(SignInStatus.LockedOut, RetryAfter: Policy(o).RemainingLock(state, now), Refusal: SignInTexts.LockedOut(o));

    /// <summary>Counts one failure of <paramref name="account"/> (whose row the caller holds locked) by
    /// <paramref name="actor"/>, and records it; when it locks the account, the owner is told by email. True when this
    /// failure locked the account.</summary>
    public static async Task<bool> CountAsync(DbSession db, ISender sender, IdentityOptions o, AccountRow account,
        AuditActor actor, DateTimeOffset now, string? userAgent, CancellationToken ct)
    {
        var policy = Policy(o);
        var state = StateOf(account);
        var after = policy.AfterFailure(state, now);
        await db.ExecuteAsync("""
            UPDATE identity.users SET recent_failures = @Failures, locked_until = @LockedUntil WHERE id = @Id
            """,
            new { account.Id, Failures = after.RecentFailures.Select(t => t.UtcDateTime).ToArray(), after.LockedUntil },
            ct);
        var locked = policy.IsLocked(after, now) && !policy.IsLocked(state, now);
        var detail = locked ? await TellOwnerAsync(sender, o, account, now, after.LockedUntil!.Value, actor.Address, ct)
            : null;
        await AccountHistory.RecordAsync(db, actor, account, locked ? LockedKind : FailedKind, now, detail, userAgent,
            ct);
        return locked;
    }

    /// <summary>The email of a new lock to the account's owner (an LAO's coordinator on file, an officer's own
    /// address), through the outbox; what the audit entry says of it.</summary>
    private static async Task<string> TellOwnerAsync(ISender sender, IdentityOptions o, AccountRow account,
        DateTimeOffset at, DateTimeOffset until, string? address, CancellationToken ct)
    {
        var (email, toName, accountName) = (account.Email, account.DisplayName, account.DisplayName);
        if (account.IsLao)
        {
            var contact = (await sender.Send(new ListLaoContactsQuery([account.DlaCode!]), ct)).FirstOrDefault();
            (email, toName, accountName) = (contact?.Email, contact?.CoordinatorFullName ?? "", contact?.NameTh ?? "");
        }
        if (string.IsNullOrWhiteSpace(email)) return "ไม่มีอีเมลของบัญชีนี้ จึงไม่ได้แจ้งทางอีเมล";
        await sender.Send(new QueueEmailCommand(AccountEmails.LockedOut(email, toName, account.Username,
            accountName, at, until, address, o)), ct);
        return $"แจ้งทางอีเมลถึง {email}";
    }

    private sealed record NameRow
    {
        public DateTime[] RecentFailures { get; init; } = [];
        public DateTimeOffset? LockedUntil { get; init; }
    }

    /// <summary>A try under <paramref name="username"/>, which has no account or a disabled one: while the name is
    /// locked, the answer of a locked account; otherwise the failure is counted as an account's would be and the
    /// answer is that of a wrong password.</summary>
    public static async Task<SignInResult> CountNameAsync(DbSession db, IdentityOptions o, string username,
        DateTimeOffset now, CancellationToken ct)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(username.ToLowerInvariant()));
        // the row, made when absent, locked until the commit: tries of one name at once are counted one by one
        var row = await db.QuerySingleAsync<NameRow>("""
            INSERT INTO identity.unknown_name_failures (name_hash, updated_at) VALUES (@hash, @now)
            ON CONFLICT (name_hash) DO UPDATE SET name_hash = excluded.name_hash
            RETURNING recent_failures, locked_until
            """, new { hash, now }, ct);
        var state = new LockoutState(
            row.RecentFailures.Select(t => new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc))).ToList(),
            row.LockedUntil);
        var policy = Policy(o);
        if (policy.IsLocked(state, now)) return Locked(state, now, o);
        var after = policy.AfterFailure(state, now);
        await db.ExecuteAsync("""
            UPDATE identity.unknown_name_failures
            SET recent_failures = @Failures, locked_until = @LockedUntil, updated_at = @now
            WHERE name_hash = @hash
            """,
            new { hash, now, Failures = after.RecentFailures.Select(t => t.UtcDateTime).ToArray(), after.LockedUntil },
            ct);
        return SignInResult.Failed;
    }
}
