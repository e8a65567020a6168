using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.Identity.Features.Audit;

namespace EPlanNacc.Modules.Identity.Features;

/// <summary>A row of identity.users as the slices read it.</summary>
internal sealed record AccountRow
{
    public Guid Id { get; init; }
    public string Username { get; init; } = "";
    public string Role { get; init; } = "";
    public string? DlaCode { get; init; }
    public string? ProvinceCode { get; init; }
    public string DisplayName { get; init; } = "";
    public string? Email { get; init; }
    public string? PasswordHash { get; init; }
    public DateTimeOffset? SetupCompletedAt { get; init; }
    public string? ActivationCodeHash { get; init; }
    public DateTimeOffset? ActivationCodeExpiresAt { get; init; }
    public DateTime[] RecentFailures { get; init; } = [];
    public DateTimeOffset? LockedUntil { get; init; }
    public Guid SecurityStamp { get; init; }
    public bool MustChangePassword { get; init; }
    public DateTimeOffset? DisabledAt { get; init; }
    public DateTimeOffset? LockedByStaffAt { get; init; }

    public bool IsLao => Role == UserRoles.Lao;
    public IReadOnlyList<DateTimeOffset> RecentFailureMoments =>
        RecentFailures.Select(t => new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc))).ToList();
    public bool NeverSetUp => IsLao && SetupCompletedAt is null;
    public bool IsStaff => !IsLao;

    /// <summary>The account's row; the caller appends its WHERE (and FOR UPDATE).</summary>
    public const string Select = """
        SELECT id, username, role, dla_code, province_code, display_name, email, password_hash, setup_completed_at,
               activation_code_hash, activation_code_expires_at, recent_failures, locked_until, security_stamp,
               must_change_password, disabled_at, locked_by_staff_at
        FROM identity.users
        """;
}

/// <summary>Records what happened to an account (identity.account_events).</summary>
internal static class AccountEvents
{
    public const string InsertSql = """
        INSERT INTO identity.account_events (id, user_id, kind, actor, ip_address, user_agent, detail, occurred_at)
        VALUES (@Id, @UserId, @Kind, @Actor, @Ip, @UserAgent, @Detail, @At)
        """;

    public static object Row(Guid userId, string kind, string? actor, string? ip, DateTimeOffset at,
        string? detail = null, string? userAgent = null) =>
        new
        {
            Id = Guid.CreateVersion7(), UserId = userId, Kind = kind, Actor = actor, Ip = ip,
            UserAgent = Truncate(userAgent, 500), Detail = detail, At = at,
        };

    private static string? Truncate(string? s, int max) => s is null || s.Length <= max ? s : s[..max];
}

/// <summary>What happened to an account, recorded twice in the transaction of the change: in the account's history
/// (identity.account_events, shown on its page, with the browser) and in the audit trail (identity.audit_log, the
/// audit page: action <c>account.</c> + the event's kind, about the LAO of an LAO account; for a staff account the
/// detail names it).</summary>
internal static class AccountHistory
{
    /// <summary>An action of the caller on <paramref name="account"/>.</summary>
    public static Task RecordAsync(DbSession db, ICurrentUser user, AccountRow account, string kind,
        DateTimeOffset at, string? detail = null, CancellationToken ct = default) =>
        RecordAsync(db, AuditActor.Of(user), account, kind, at, detail, null, ct);

    public static async Task RecordAsync(DbSession db, AuditActor actor, AccountRow account, string kind,
        DateTimeOffset at, string? detail, string? userAgent, CancellationToken ct)
    {
        await db.ExecuteAsync(AccountEvents.InsertSql,
            AccountEvents.Row(account.Id, kind, actor.Username, actor.Address, at, detail, userAgent), ct);
        var about = account.IsLao ? detail : detail is null
            ? $"บัญชี {account.Username}" : $"บัญชี {account.Username}: {detail}";
        await AuditTrail.InsertAsync(db, at, actor, ActionOf(kind), account.DlaCode, about, ct);
    }

    /// <summary><c>account.</c> and the event's kind (<c>account_reset</c> is <c>account.reset</c>).</summary>
    public static string ActionOf(string kind) => "account." + (kind.StartsWith("account_", StringComparison.Ordinal)
        ? kind["account_".Length..] : kind);
}

/// <summary>The state of an account as the accounts page and the API name it: <c>disabled</c> (a staff account that
/// may not sign in), <c>locked</c> (by staff, or by failed sign-ins until the lock runs out), <c>never_set_up</c> (an
/// LAO that has not completed its first set-up, a staff account whose officer has not yet set a password) or
/// <c>active</c>, in that order.</summary>
public static class AccountStates
{
    public const string NeverSetUp = "never_set_up";
    public const string Active = "active";
    public const string Locked = "locked";
    public const string Disabled = "disabled";

    public static readonly IReadOnlyList<string> All = [NeverSetUp, Active, Locked, Disabled];

    /// <summary>The state as SQL over identity.users <c>u</c>, with parameters <c>@Now</c> and <c>@Lao</c> (the
    /// LAO role code).</summary>
    internal const string Sql = """
        CASE WHEN u.disabled_at IS NOT NULL THEN 'disabled'
             WHEN u.locked_by_staff_at IS NOT NULL OR u.locked_until > @Now THEN 'locked'
             WHEN (u.role = @Lao AND u.setup_completed_at IS NULL)
                  OR (u.role <> @Lao AND u.password_hash IS NULL) THEN 'never_set_up'
             ELSE 'active' END
        """;
}

/// <summary>An account's role and state in Thai, for the pages.</summary>
public static class AccountTexts
{
    public static string State(string state) => state switch
    {
        AccountStates.NeverSetUp => "ยังไม่ได้ตั้งค่า",
        AccountStates.Active => "ใช้งานได้",
        AccountStates.Locked => "ถูกระงับการเข้าสู่ระบบ",
        AccountStates.Disabled => "ปิดการใช้งาน",
        _ => state,
    };

    public static string Role(string role) => role switch
    {
        UserRoles.Lao => "อปท.",
        UserRoles.Provincial => "สำนักงาน ป.ป.ช. ประจำจังหวัด",
        UserRoles.Admin => "ผู้ดูแลระบบส่วนกลาง",
        _ => role,
    };
}
