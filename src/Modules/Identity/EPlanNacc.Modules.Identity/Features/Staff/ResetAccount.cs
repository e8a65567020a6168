using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.Identity.Contracts;
using Mediator;

namespace EPlanNacc.Modules.Identity.Features.Staff;

/// <summary>Staff put an LAO account back to "never set up": its password is removed, every session ends, and
/// its next sign-in takes the 7-digit code alone and leads to the basic-data wizard. Its data stays.</summary>
[Allow(Caller.Staff)]
public sealed record ResetAccountCommand(string Username) : ICommand<Unit>, IAccountScoped;

public sealed class ResetAccountHandler(IPublisher publisher, DbSession db, ICurrentUser user, TimeProvider clock) : ICommandHandler<ResetAccountCommand, Unit>
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
        await db.ExecuteAsync(AccountEvents.InsertSql, AccountEvents.Row(account.Id, "account_reset", user.Username, user.IpAddress, now), ct);
        await publisher.Publish(new AccountSessionsEndedNotification(account.Id), ct);
        return Unit.Value;
    }
}
