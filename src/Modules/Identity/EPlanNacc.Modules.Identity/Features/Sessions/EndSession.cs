using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.Identity.Contracts;
using EPlanNacc.Modules.Identity.Features.Audit;
using Mediator;

namespace EPlanNacc.Modules.Identity.Features.Sessions;

/// <summary>Ends one of the caller's own sessions on the server (sign-out of the pages, POST /api/v1/auth/revoke, a
/// new sign-in in the same browser): from then on its cookie or token, and every copy of it, is refused. Recorded as
/// <c>account.signed_out</c>. A session already ended, or another account's, is left as it is.</summary>
[Allow(Caller.SignedIn, DuringSetup = true, DuringPasswordChange = true)]
public sealed record EndSessionCommand(Guid SessionId) : ICommand<Unit>;

public sealed class EndSessionHandler(IPublisher publisher, DbSession db, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<EndSessionCommand, Unit>
{
    public async ValueTask<Unit> Handle(EndSessionCommand command, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var ended = await db.ExecuteAsync("""
            UPDATE identity.sessions SET ended_at = @now
            WHERE id = @SessionId AND user_id = @UserId AND ended_at IS NULL
            """, new { command.SessionId, user.UserId, now }, ct);
        if (ended == 0) return Unit.Value;
        var account = await db.QuerySingleAsync<AccountRow>(AccountRow.Select + " WHERE id = @UserId",
            new { user.UserId }, ct);
        await AccountHistory.RecordAsync(db, AuditActor.Account(account, user.IpAddress), account, "signed_out", now,
            null, null, ct);
        await publisher.Publish(new SessionEndedNotification(command.SessionId), ct);
        return Unit.Value;
    }
}

/// <summary>The sessions and name counts that can no longer matter: sessions begun more than
/// <see cref="IdentityOptions.SessionHours"/> ago (ended or not: none is good any more), and the failures of unknown
/// names whose window and lock have passed, and the request counts of the rate limits whose window has ended
/// (<see cref="Instances.RequestCounter"/>). Every hour.</summary>
[Allow(Caller.Module)]
public sealed record DeleteExpiredSignInRecordsCommand : ICommand<int>;

public sealed class DeleteExpiredSignInRecordsHandler(DbSession db, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<IdentityOptions> options)
    : ICommandHandler<DeleteExpiredSignInRecordsCommand, int>
{
    public async ValueTask<int> Handle(DeleteExpiredSignInRecordsCommand command, CancellationToken ct)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        return await db.ExecuteAsync("""
            DELETE FROM identity.sessions WHERE started_at < @sessionsBefore;
            DELETE FROM identity.unknown_name_failures
            WHERE updated_at < @failuresBefore AND (locked_until IS NULL OR locked_until < @now);
            DELETE FROM identity.request_counts WHERE window_end < @now;
            """, new
        {
            now, sessionsBefore = now.AddHours(-o.SessionHours),
            failuresBefore = now.AddMinutes(-o.LockoutWindowMinutes),
        }, ct);
    }
}
