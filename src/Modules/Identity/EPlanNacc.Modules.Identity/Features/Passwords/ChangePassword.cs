using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.Identity.Contracts;
using EPlanNacc.Modules.Identity.Features.Audit;
using EPlanNacc.Modules.Identity.Rules;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;

namespace EPlanNacc.Modules.Identity.Features.Passwords;

/// <summary>Changes the signed-in user's password (Profile menu). Every other session of the account ends;
/// the new security stamp is returned so that the current session can be renewed.</summary>
[Allow(Caller.SignedIn, DuringPasswordChange = true)]
public sealed record ChangePasswordCommand(string? CurrentPassword, string? NewPassword) : ICommand<PasswordChanged>;

public sealed record PasswordChanged(Guid SecurityStamp);

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

public sealed class ChangePasswordHandler(IPublisher publisher, DbSession db, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<ChangePasswordCommand, PasswordChanged>
{
    private static readonly PasswordHasher<string> Hasher = new();

    public async ValueTask<PasswordChanged> Handle(ChangePasswordCommand command, CancellationToken ct)
    {
        if (!user.IsAuthenticated || user.UserId is null || user.SetupRequired) throw new ForbiddenException();
        var account = await db.QuerySingleOrDefaultAsync<AccountRow>(
            AccountRow.Select + " WHERE id = @Id FOR UPDATE", new { Id = user.UserId }, ct)
            ?? throw new NotFoundException();
        if (account.PasswordHash is null ||
            Hasher.VerifyHashedPassword(account.Username, account.PasswordHash,
                command.CurrentPassword!) == PasswordVerificationResult.Failed)
            throw new ValidationException(
                [new FluentValidation.Results.ValidationFailure("CurrentPassword", "รหัสผ่านปัจจุบันไม่ถูกต้อง")]);

        var now = clock.GetUtcNow();
        var stamp = Guid.NewGuid();
        await db.ExecuteAsync("""
            UPDATE identity.users
            SET password_hash = @Hash, security_stamp = @stamp, must_change_password = false, updated_at = @now
            WHERE id = @Id
            """,
            new { account.Id, Hash = Hasher.HashPassword(account.Username, command.NewPassword!), stamp, now }, ct);
        await AccountHistory.RecordAsync(db, AuditActor.Account(account, user.IpAddress), account, "password_changed",
            now, null, null, ct);
        await publisher.Publish(new AccountSessionsEndedNotification(account.Id), ct);
        return new PasswordChanged(stamp);
    }
}
