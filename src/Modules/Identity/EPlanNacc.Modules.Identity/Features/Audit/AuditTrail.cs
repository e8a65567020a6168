using EPlanNacc.BuildingBlocks.Auditing;
using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Security;

namespace EPlanNacc.Modules.Identity.Features.Audit;

/// <summary>Writes identity.audit_log through the request's <see cref="DbSession"/>, so that an entry joins the open
/// transaction and is rolled back with it (with no transaction open, it is written at once).</summary>
internal sealed class AuditTrail(DbSession db, ICurrentUser user, TimeProvider clock) : IAuditTrail
{
    public Task RecordAsync(string action, string? dlaCode, string? detail, CancellationToken ct = default) =>
        InsertAsync(db, clock.GetUtcNow(), AuditActor.Of(user), action, dlaCode, detail, ct);

    /// <summary>Records an action of <paramref name="actor"/>, who need not be the caller: a sign-in or a failed one
    /// is the account's, before anyone is signed in.</summary>
    public static async Task InsertAsync(DbSession db, DateTimeOffset at, AuditActor actor, string action,
        string? dlaCode, string? detail, CancellationToken ct = default)
    {
        if (!AuditActions.IsValid(action))
            throw new ArgumentException($"'{action}' is not a dotted action code", nameof(action));
        await db.ExecuteAsync("""
            INSERT INTO identity.audit_log
                (id, at, actor, actor_role, actor_province, action, dla_code, detail, address)
            VALUES (@id, @at, @Username, @Role, @ProvinceCode, @action, @dlaCode, @detail, @Address)
            """, new
        {
            id = Guid.CreateVersion7(), at, actor.Username, actor.Role, actor.ProvinceCode, action, dlaCode, detail,
            actor.Address,
        }, ct);
    }
}

/// <summary>Who an audit entry is by: a user name, its role code, its province (a provincial office's only) and the
/// address the request came from.</summary>
internal sealed record AuditActor(string? Username, string? Role, string? ProvinceCode, string? Address)
{
    public static AuditActor Of(ICurrentUser user) => new(user.Username, user.Role?.ToCode(),
        user.Role == UserRole.Provincial ? user.ProvinceCode : null, user.IpAddress);

    /// <summary>The account itself, acting from <paramref name="address"/> (a sign-in, a reset link).</summary>
    public static AuditActor Account(AccountRow account, string? address) => new(account.Username, account.Role,
        account.Role == UserRoles.Provincial ? account.ProvinceCode : null, address);

    /// <summary>Nobody signed in (a failed sign-in with an unknown user name).</summary>
    public static AuditActor Anonymous(string? address) => new(null, null, null, address);
}
