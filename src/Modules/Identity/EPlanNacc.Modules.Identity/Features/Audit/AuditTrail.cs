using EPlanNacc.BuildingBlocks.Auditing;
using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Security;

namespace EPlanNacc.Modules.Identity.Features.Audit;

/// <summary>Writes identity.audit_log through the request's <see cref="DbSession"/>, so that an entry joins the open
/// transaction and is rolled back with it (with no transaction open, it is written at once).</summary>
internal sealed class AuditTrail(DbSession db, ICurrentUser user, TimeProvider clock) : IAuditTrail
{
    public Task RecordAsync(string action, string? dlaCode, string? detail, CancellationToken ct = default) =>
        RecordAsAsync(new AuditEntry(action, dlaCode, detail, user.Username, user.Role?.ToCode(),
            user.Role == UserRole.Provincial ? user.ProvinceCode : null, user.IpAddress), ct);

    /// <summary>Records an action whose actor is not the caller: a sign-in or a failed one, by the username typed
    /// before anyone is signed in.</summary>
    public async Task RecordAsAsync(AuditEntry entry, CancellationToken ct = default)
    {
        if (!AuditActions.IsValid(entry.Action))
            throw new ArgumentException($"'{entry.Action}' is not a dotted action code", nameof(entry));
        await db.ExecuteAsync("""
            INSERT INTO identity.audit_log
                (id, at, actor, actor_role, actor_province, action, dla_code, detail, address)
            VALUES (@id, @at, @Actor, @ActorRole, @ActorProvince, @Action, @DlaCode, @Detail, @Address)
            """, new
        {
            id = Guid.CreateVersion7(), at = clock.GetUtcNow(), entry.Actor, entry.ActorRole, entry.ActorProvince,
            entry.Action, entry.DlaCode, entry.Detail, entry.Address,
        }, ct);
    }
}

internal sealed record AuditEntry(string Action, string? DlaCode, string? Detail, string? Actor, string? ActorRole,
    string? ActorProvince, string? Address);
