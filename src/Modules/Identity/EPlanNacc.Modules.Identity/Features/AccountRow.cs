using EPlanNacc.BuildingBlocks.Security;
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

    public bool IsLao => Role == UserRoles.Lao;
    public IReadOnlyList<DateTimeOffset> RecentFailureMoments =>
        RecentFailures.Select(t => new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc))).ToList();
    public bool NeverSetUp => IsLao && SetupCompletedAt is null;

    /// <summary>The account's row; the caller appends its WHERE (and FOR UPDATE).</summary>
    public const string Select = """
        SELECT id, username, role, dla_code, province_code, display_name, email, password_hash, setup_completed_at,
               activation_code_hash, activation_code_expires_at, recent_failures, locked_until, security_stamp,
               must_change_password
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
