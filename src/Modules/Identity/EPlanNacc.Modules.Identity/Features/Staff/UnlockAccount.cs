using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Security;
using Mediator;

namespace EPlanNacc.Modules.Identity.Features.Staff;

/// <summary>Staff lift the lock that failed sign-ins or staff (<see cref="LockAccountCommand"/>) put on an account
/// (admin: any; provincial: its LAOs and its province's staff accounts).</summary>
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
            UPDATE identity.users
            SET recent_failures = '{}', locked_until = NULL, locked_by_staff_at = NULL, updated_at = @now
            WHERE id = @Id
            """, new { account.Id, now }, ct);
        await AccountHistory.RecordAsync(db, user, account, "unlocked", now, ct: ct);
        return Unit.Value;
    }
}
