using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Security;
using Mediator;

namespace EPlanNacc.Modules.Identity.Features.Staff;

/// <summary>Staff lift the lock that failed sign-ins put on an account (admin: any; provincial: its LAOs).</summary>
[Allow(Caller.Staff)]
public sealed record UnlockAccountCommand(string Username) : ICommand<Unit>, IAccountScoped;

public sealed class UnlockAccountHandler(DbSession db, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<UnlockAccountCommand, Unit>
{
    public async ValueTask<Unit> Handle(UnlockAccountCommand command, CancellationToken ct)
    {
        var account = await StaffAccounts.LockAsync(db, command.Username, ct);
        var now = clock.GetUtcNow();
        await db.ExecuteAsync("""
            UPDATE identity.users SET recent_failures = '{}', locked_until = NULL, updated_at = @now WHERE id = @Id
            """, new { account.Id, now }, ct);
        await db.ExecuteAsync(AccountEvents.InsertSql,
            AccountEvents.Row(account.Id, "unlocked", user.Username, user.IpAddress, now), ct);
        return Unit.Value;
    }
}
