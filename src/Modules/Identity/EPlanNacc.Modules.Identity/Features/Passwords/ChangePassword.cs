using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.Identity.Contracts;
using EPlanNacc.Modules.Identity.Features.Audit;
using EPlanNacc.Modules.Identity.Features.SignIn;
using EPlanNacc.Modules.Identity.Rules;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace EPlanNacc.Modules.Identity.Features.Passwords;

/// <summary>Changes the signed-in user's password (Profile menu). Every other session of the account ends;
/// the new security stamp is returned so that the current session can be renewed. A wrong current password is
/// counted as a failed sign-in (someone holding a session is not thereby its owner): the failures lock the account,
/// for sign-in and for this change alike, and the lock is emailed to its owner. A result, not a refusal by exception,
/// so that the count commits.</summary>
[Allow(Caller.SignedIn, DuringPasswordChange = true)]
public sealed record ChangePasswordCommand(string? CurrentPassword, string? NewPassword)
    : ICommand<PasswordChangeResult>;

public enum PasswordChangeStatus { Changed, WrongCurrentPassword, LockedOut }

/// <param name="SecurityStamp">The account's new stamp (when changed): the current session renews itself with
/// it.</param>
/// <param name="RetryAfter">How long the lock of failed sign-ins still lasts (when locked out).</param>
/// <param name="Refusal">The Thai message of the refusal.</param>
public sealed record PasswordChangeResult(
    PasswordChangeStatus Status, Guid SecurityStamp = default, TimeSpan? RetryAfter = null, string? Refusal = null)
{
    public const string WrongCurrentPassword = "รหัสผ่านปัจจุบันไม่ถูกต้อง";
}

public sealed class ChangePasswordValidator : AbstractValidator<ChangePasswordCommand>
{
    public ChangePasswordValidator(ICurrentUser user)
    {
        RuleFor(x => x.CurrentPassword).NotEmpty().WithMessage("กรุณากรอกรหัสผ่านปัจจุบัน");
        RuleFor(x => x.NewPassword).Custom((password, context) =>
        {
            foreach (var reason in PasswordPolicy.Check(password, user.Username))
                context.AddFailure("NewPassword", reason);
        });
        RuleFor(x => x.NewPassword).NotEqual(x => x.CurrentPassword).When(x => !string.IsNullOrEmpty(x.NewPassword))
            .WithMessage("รหัสผ่านใหม่ต้องไม่ซ้ำกับรหัสผ่านปัจจุบัน");
    }
}

public sealed class ChangePasswordHandler(IPublisher publisher, DbSession db, ISender sender, ICurrentUser user,
    TimeProvider clock, IOptions<IdentityOptions> options)
    : ICommandHandler<ChangePasswordCommand, PasswordChangeResult>
{
    public async ValueTask<PasswordChangeResult> Handle(ChangePasswordCommand command, CancellationToken ct)
    {
        if (!user.IsAuthenticated || user.UserId is null || user.SetupRequired) throw new ForbiddenException();
        var account = await db.QuerySingleOrDefaultAsync<AccountRow>(
            AccountRow.Select + " WHERE id = @Id FOR UPDATE", new { Id = user.UserId }, ct)
            ?? throw new NotFoundException();
        var o = options.Value;
        var now = clock.GetUtcNow();
        var state = SignInFailures.StateOf(account);
        if (SignInFailures.Policy(o).IsLocked(state, now))
        {
            var locked = SignInFailures.Locked(state, now, o);
            return new PasswordChangeResult(PasswordChangeStatus.LockedOut, RetryAfter: locked.RetryAfter,
                Refusal: locked.Refusal);
        }
        var actor = AuditActor.Account(account, user.IpAddress);
        if (Secrets.Verify(account.Username, account.PasswordHash, command.CurrentPassword)
            == PasswordVerificationResult.Failed)
        {
            await SignInFailures.CountAsync(db, sender, o, account, actor, now, null, ct);
            return new PasswordChangeResult(PasswordChangeStatus.WrongCurrentPassword,
                Refusal: PasswordChangeResult.WrongCurrentPassword);
        }

        var stamp = Guid.NewGuid();
        await db.ExecuteAsync("""
            UPDATE identity.users
            SET password_hash = @Hash, security_stamp = @stamp, must_change_password = false, recent_failures = '{}',
                updated_at = @now
            WHERE id = @Id
            """,
            new { account.Id, Hash = Secrets.Hash(account.Username, command.NewPassword!), stamp, now }, ct);
        await AccountHistory.RecordAsync(db, actor, account, "password_changed", now, null, null, ct);
        await publisher.Publish(new AccountSessionsEndedNotification(account.Id), ct);
        return new PasswordChangeResult(PasswordChangeStatus.Changed, stamp);
    }
}
