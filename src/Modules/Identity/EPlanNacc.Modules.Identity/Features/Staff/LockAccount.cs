using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.Identity.Contracts;
using EPlanNacc.Modules.Identity.Rules;
using Mediator;

namespace EPlanNacc.Modules.Identity.Features.Staff;

/// <summary>NACC staff lock an account of their scope (an LAO's whose password may be known to others, an officer's
/// on leave): every sign-in is refused with a message to call the provincial office (429 in the API) until staff
/// unlock it (<see cref="UnlockAccountCommand"/>), and its sessions end. Not one's own account. Recorded.</summary>
[Allow(Caller.Staff)]
public sealed record LockAccountCommand(string Username) : ICommand<Unit>, IAccountScoped;

public sealed class LockAccountHandler(IPublisher publisher, DbSession db, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<LockAccountCommand, Unit>
{
    public async ValueTask<Unit> Handle(LockAccountCommand command, CancellationToken ct)
    {
        var account = await StaffAccounts.LockAsync(db, command.Username, ct);
        if (account.Id == user.UserId) throw new RuleViolationException(StaffAccountRules.NotYourself);
        if (account.LockedByStaffAt is not null) return Unit.Value;
        var now = clock.GetUtcNow();
        await db.ExecuteAsync("""
            UPDATE identity.users SET locked_by_staff_at = @now, security_stamp = @Stamp, updated_at = @now
            WHERE id = @Id
            """, new { account.Id, now, Stamp = Guid.NewGuid() }, ct);
        await AccountHistory.RecordAsync(db, user, account, "locked", now, ct: ct);
        await publisher.Publish(new AccountSessionsEndedNotification(account.Id), ct);
        return Unit.Value;
    }
}
