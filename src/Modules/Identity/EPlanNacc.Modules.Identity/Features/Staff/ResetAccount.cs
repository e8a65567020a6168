using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.Identity.Contracts;
using EPlanNacc.Modules.Identity.Features.Emails;
using Mediator;

namespace EPlanNacc.Modules.Identity.Features.Staff;

/// <summary>Staff put an LAO account back to "never set up": its password is removed, every session ends, and
/// its next sign-in (with an activation code where NACC requires one) leads to the basic-data wizard, which starts
/// from the registry (the previous coordinator's details stay in the history, not on the new session's pages). Its
/// data stays. Recorded, and the coordinator on file is told by email who did it and when.</summary>
[Allow(Caller.Staff)]
public sealed record ResetAccountCommand(string Username) : ICommand<Unit>, IAccountScoped;

public sealed class ResetAccountHandler(IPublisher publisher, DbSession db, ISender sender, ICurrentUser user,
    TimeProvider clock) : ICommandHandler<ResetAccountCommand, Unit>
{
    public async ValueTask<Unit> Handle(ResetAccountCommand command, CancellationToken ct)
    {
        var account = await StaffAccounts.LockAsync(db, command.Username, ct);
        if (!account.IsLao) throw new RuleViolationException("ตั้งค่าใหม่ได้เฉพาะบัญชีของ อปท. เท่านั้น");
        var now = clock.GetUtcNow();
        await db.ExecuteAsync("""
            UPDATE identity.password_reset_tokens SET used_at = @now WHERE user_id = @Id AND used_at IS NULL;
            UPDATE identity.users SET password_hash = NULL, setup_completed_at = NULL, security_stamp = @Stamp,
                   recent_failures = '{}', locked_until = NULL, updated_at = @now
            WHERE id = @Id;
            """, new { account.Id, now, Stamp = Guid.NewGuid() }, ct);
        var notice = await AccountNotices.SendAsync(db, sender, user, account,
            (lao, staff) => AccountEmails.ResetNotice(lao, staff, now), ct);
        await AccountHistory.RecordAsync(db, user, account, "account_reset", now, notice, ct);
        await publisher.Publish(new AccountSessionsEndedNotification(account.Id), ct);
        await publisher.Publish(new LaoAccountResetNotification(account.DlaCode!, now), ct);
        return Unit.Value;
    }
}
