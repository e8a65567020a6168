using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Security;
using Mediator;

namespace EPlanNacc.Modules.Identity.Features.Sessions;

/// <summary>Whether a session (cookie or bearer token) is still good: it has not ended on the server (sign-out,
/// revoked, replaced by a new sign-in in the same browser: <see cref="EndSessionCommand"/>), its account exists, the
/// account's security stamp has not changed since it was issued (password changed or reset, staff reset or lock), and
/// its setup state is as claimed.</summary>
[Allow(Caller.Anyone)]
public sealed record ValidateSessionQuery(Guid UserId, Guid SecurityStamp, bool SetupRequired, Guid SessionId)
    : IQuery<bool>;

public sealed class ValidateSessionHandler(DbSession db) : IQueryHandler<ValidateSessionQuery, bool>
{
    public async ValueTask<bool> Handle(ValidateSessionQuery query, CancellationToken ct) =>
        await db.ExecuteScalarAsync<bool>("""
            SELECT EXISTS (SELECT 1 FROM identity.users u JOIN identity.sessions s ON s.user_id = u.id
                           WHERE u.id = @UserId AND s.id = @SessionId AND s.ended_at IS NULL
                             AND u.security_stamp = @SecurityStamp
                             AND ((u.role = @Lao AND u.setup_completed_at IS NULL) = @SetupRequired))
            """,
            new { query.UserId, query.SecurityStamp, query.SetupRequired, query.SessionId, Lao = UserRoles.Lao }, ct);
}
