using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Security;
using Mediator;

namespace EPlanNacc.Modules.Identity.Features.Sessions;

/// <summary>Whether a session (cookie or bearer token) issued with this security stamp is still good: the account
/// exists, its stamp has not changed (password change, reset, staff reset), and its setup state is as
/// claimed.</summary>
[Allow(Caller.Anyone)]
public sealed record ValidateSessionQuery(Guid UserId, Guid SecurityStamp, bool SetupRequired) : IQuery<bool>;

public sealed class ValidateSessionHandler(DbSession db) : IQueryHandler<ValidateSessionQuery, bool>
{
    public async ValueTask<bool> Handle(ValidateSessionQuery query, CancellationToken ct) =>
        await db.ExecuteScalarAsync<bool>("""
            SELECT EXISTS (SELECT 1 FROM identity.users
                           WHERE id = @UserId AND security_stamp = @SecurityStamp
                             AND ((role = @Lao AND setup_completed_at IS NULL) = @SetupRequired))
            """, new { query.UserId, query.SecurityStamp, query.SetupRequired, Lao = UserRoles.Lao }, ct);
}
