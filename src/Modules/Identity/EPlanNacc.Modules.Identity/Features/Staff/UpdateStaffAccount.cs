using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.Identity.Contracts;
using EPlanNacc.Modules.Identity.Features.Passwords;
using EPlanNacc.Modules.Identity.Rules;
using FluentValidation;
using Mediator;

namespace EPlanNacc.Modules.Identity.Features.Staff;

/// <summary>NACC staff edit a staff account of their scope: its name, email, role and province, by the rules of
/// <see cref="CreateStaffAccountCommand"/> (a provincial office cannot make an admin nor move an account to another
/// province: 403). Nobody changes their own role or province. A new role or province ends the account's sessions; a
/// new email stops the links sent to the old one. The email may stay empty (a provincial account provisioned without
/// one). Recorded, with what changed.</summary>
[Allow(Caller.Staff)]
public sealed record UpdateStaffAccountCommand(
    string Username, string? FullName, string? Email, string? Role, string? ProvinceCode) : ICommand<Unit>,
    IAccountScoped;

public sealed class UpdateStaffAccountValidator : AbstractValidator<UpdateStaffAccountCommand>
{
    public UpdateStaffAccountValidator()
    {
        RuleFor(x => x.FullName).StaffName();
        RuleFor(x => x.Email).StaffEmail();
        RuleFor(x => x.Role).Must(StaffAccountRules.IsStaffRole).WithMessage(StaffAccountRules.RoleMessage);
        RuleFor(x => x.ProvinceCode).StaffProvince(x => x.Role);
    }
}

public sealed class UpdateStaffAccountHandler(IPublisher publisher, DbSession db, ISender sender, ICurrentUser user,
    TimeProvider clock) : ICommandHandler<UpdateStaffAccountCommand, Unit>
{
    public async ValueTask<Unit> Handle(UpdateStaffAccountCommand command, CancellationToken ct)
    {
        var account = await StaffAccounts.LockAsync(db, command.Username, ct);
        if (!account.IsStaff) throw new RuleViolationException(StaffAccountRules.StaffOnly);
        var role = command.Role!;
        if (StaffAccountRules.RefusalToAssign(user.Role, role) is { } refusal) throw new ForbiddenException(refusal);
        var province = role == UserRoles.Provincial
            ? (await StaffProvinces.RequireAsync(sender, user, command.ProvinceCode, ct)).Code
            : null;
        var name = command.FullName!.Trim();
        var email = StaffAccountFields.Trimmed(command.Email);

        var changes = new List<string>();
        if (name != account.DisplayName) changes.Add($"ชื่อ: {account.DisplayName} → {name}");
        var newEmail = !string.Equals(email, account.Email, StringComparison.OrdinalIgnoreCase);
        if (newEmail) changes.Add($"อีเมล: {account.Email ?? "-"} → {email ?? "-"}");
        var moved = role != account.Role || province != account.ProvinceCode;
        if (role != account.Role)
            changes.Add($"บทบาท: {AccountTexts.Role(account.Role)} → {AccountTexts.Role(role)}");
        if (province != account.ProvinceCode)
            changes.Add($"จังหวัด: {account.ProvinceCode ?? "-"} → {province ?? "-"}");
        if (changes.Count == 0) return Unit.Value;
        if (moved && account.Id == user.UserId) throw new RuleViolationException(StaffAccountRules.NotYourself);

        var now = clock.GetUtcNow();
        await db.ExecuteAsync("""
            UPDATE identity.users
            SET display_name = @name, email = @email, role = @role, province_code = @province,
                security_stamp = CASE WHEN @moved THEN @Stamp ELSE security_stamp END, updated_at = @now
            WHERE id = @Id
            """, new { account.Id, name, email, role, province, moved, Stamp = Guid.NewGuid(), now }, ct);
        if (newEmail) await ResetTokens.RevokeAsync(db, account.Id, now, ct);
        await AccountHistory.RecordAsync(db, user, account, "updated", now, string.Join("; ", changes), ct);
        if (moved) await publisher.Publish(new AccountSessionsEndedNotification(account.Id), ct);
        return Unit.Value;
    }
}
