using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.Identity.Contracts;
using EPlanNacc.Modules.Identity.Features.Passwords;
using EPlanNacc.Modules.Identity.Rules;
using Mediator;

namespace EPlanNacc.Modules.Identity.Features.Staff;

/// <summary>NACC staff disable a staff account of their scope (an officer who left): it cannot sign in (the sign-in
/// answers as for a wrong password), its sessions end and its unused password links stop working. Nobody disables
/// their own account, so an admin always remains. LAO accounts are locked instead (<see cref="LockAccountCommand"/>).
/// Recorded.</summary>
[Allow(Caller.Staff)]
public sealed record DisableStaffAccountCommand(string Username) : ICommand<Unit>, IAccountScoped;

public sealed class DisableStaffAccountHandler(IPublisher publisher, DbSession db, ICurrentUser user,
    TimeProvider clock) : ICommandHandler<DisableStaffAccountCommand, Unit>
{
    public async ValueTask<Unit> Handle(DisableStaffAccountCommand command, CancellationToken ct)
    {
        var account = await StaffAccounts.LockAsync(db, command.Username, ct);
        if (!account.IsStaff) throw new RuleViolationException(StaffAccountRules.StaffOnly);
        if (account.Id == user.UserId) throw new RuleViolationException(StaffAccountRules.NotYourself);
        if (account.DisabledAt is not null) return Unit.Value;
        var now = clock.GetUtcNow();
        await db.ExecuteAsync("""
            UPDATE identity.users SET disabled_at = @now, security_stamp = @Stamp, updated_at = @now WHERE id = @Id
            """, new { account.Id, now, Stamp = Guid.NewGuid() }, ct);
        await ResetTokens.RevokeAsync(db, account.Id, now, ct);
        await AccountHistory.RecordAsync(db, user, account, "disabled", now, ct: ct);
        await publisher.Publish(new AccountSessionsEndedNotification(account.Id), ct);
        return Unit.Value;
    }
}

/// <summary>NACC staff enable a disabled staff account of their scope again: it signs in with its password as before
/// (or, never set up, with a new link: <see cref="SendAccountSetupLinkCommand"/>). Recorded.</summary>
[Allow(Caller.Staff)]
public sealed record EnableStaffAccountCommand(string Username) : ICommand<Unit>, IAccountScoped;

public sealed class EnableStaffAccountHandler(DbSession db, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<EnableStaffAccountCommand, Unit>
{
    public async ValueTask<Unit> Handle(EnableStaffAccountCommand command, CancellationToken ct)
    {
        var account = await StaffAccounts.LockAsync(db, command.Username, ct);
        if (!account.IsStaff) throw new RuleViolationException(StaffAccountRules.StaffOnly);
        if (account.DisabledAt is null) return Unit.Value;
        var now = clock.GetUtcNow();
        await db.ExecuteAsync("UPDATE identity.users SET disabled_at = NULL, updated_at = @now WHERE id = @Id",
            new { account.Id, now }, ct);
        await AccountHistory.RecordAsync(db, user, account, "enabled", now, ct: ct);
        return Unit.Value;
    }
}
