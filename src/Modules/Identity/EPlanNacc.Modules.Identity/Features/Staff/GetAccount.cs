using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Security;
using Mediator;

namespace EPlanNacc.Modules.Identity.Features.Staff;

/// <summary>An account's state and its latest events (first set-up with address, resets, locks), for staff.</summary>
[Allow(Caller.Staff)]
public sealed record GetAccountQuery(string Username) : IQuery<AccountDetails>, IAccountScoped;

public sealed record AccountDetails(
    string Username, string Role, string? DlaCode, string? ProvinceCode, string DisplayName, bool SetupCompleted,
    DateTimeOffset? SetupCompletedAt, DateTimeOffset? LockedUntil, DateTimeOffset? LastSignInAt, IReadOnlyList<AccountEventItem> Events);

public sealed record AccountEventItem(string Kind, string? Actor, string? IpAddress, string? UserAgent, DateTimeOffset OccurredAt);

public sealed class GetAccountHandler(DbSession db, TimeProvider clock) : IQueryHandler<GetAccountQuery, AccountDetails>
{
    public async ValueTask<AccountDetails> Handle(GetAccountQuery query, CancellationToken ct)
    {
        var a = await StaffAccounts.LockAsync(db, query.Username, ct);
        var last = await db.ExecuteScalarAsync<DateTime?>("SELECT last_sign_in_at FROM identity.users WHERE id = @Id", new { a.Id }, ct);
        var events = await db.QueryAsync<AccountEventItem>("""
            SELECT kind, actor, ip_address, user_agent, occurred_at FROM identity.account_events
            WHERE user_id = @Id ORDER BY occurred_at DESC LIMIT 50
            """, new { a.Id }, ct);
        var now = clock.GetUtcNow();
        return new AccountDetails(a.Username, a.Role, a.DlaCode, a.ProvinceCode, a.DisplayName, !a.NeverSetUp, a.SetupCompletedAt,
            a.LockedUntil > now ? a.LockedUntil : null,
            last is null ? null : new DateTimeOffset(DateTime.SpecifyKind(last.Value, DateTimeKind.Utc)), events);
    }
}
