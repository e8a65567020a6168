using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Validation;
using EPlanNacc.Modules.Identity.Rules;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;

namespace EPlanNacc.Modules.Identity.Features.Staff;

/// <summary>NACC staff create a staff account (<c>POST /api/v1/admin/staff-accounts</c>): a central admin (admins
/// only) or a provincial office's officer (an admin for any province, a provincial office for its own: 403 otherwise,
/// <see cref="StaffAccountRules"/>). The account has no password: the officer gets a Thai email with a single-use link
/// to set one (valid <see cref="IdentityOptions.AccountSetupLinkDays"/>). An admin account has no province (a
/// province sent with it is ignored). Recorded in the account's history and the audit trail. Returns the user
/// name.</summary>
[Allow(Caller.Staff)]
public sealed record CreateStaffAccountCommand(
    string? Username, string? FullName, string? Email, string? Role, string? ProvinceCode) : ICommand<string>;

public sealed class CreateStaffAccountValidator : AbstractValidator<CreateStaffAccountCommand>
{
    public CreateStaffAccountValidator()
    {
        RuleFor(x => x.Username).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("กรุณากรอกชื่อผู้ใช้งาน")
            .Must(StaffAccountRules.IsUsername).WithMessage(StaffAccountRules.UsernameMessage);
        RuleFor(x => x.FullName).StaffName();
        RuleFor(x => x.Email).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("กรุณากรอกอีเมลของเจ้าหน้าที่ (ระบบส่งลิงก์กำหนดรหัสผ่านไปที่อีเมลนี้)")
            .StaffEmail();
        RuleFor(x => x.Role).Must(StaffAccountRules.IsStaffRole).WithMessage(StaffAccountRules.RoleMessage);
        RuleFor(x => x.ProvinceCode).StaffProvince(x => x.Role);
    }
}

/// <summary>The fields a staff account's form shares (create and edit).</summary>
internal static class StaffAccountFields
{
    public static IRuleBuilderOptions<T, string?> StaffName<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.RequiredText("ชื่อ-นามสกุลหรือชื่อหน่วยงาน", ThaiRules.NameMaxLength);

    public static IRuleBuilderOptions<T, string?> StaffEmail<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(254).WithMessage("อีเมลยาวได้ไม่เกิน 254 ตัวอักษร")
            .Must(e => string.IsNullOrWhiteSpace(e) || ThaiRules.IsEmail(e.Trim()))
            .WithMessage("รูปแบบอีเมลไม่ถูกต้อง เช่น name@nacc.go.th");

    /// <summary>A provincial account names its province; an admin account none (ignored).</summary>
    public static void StaffProvince<T>(this IRuleBuilderInitial<T, string?> rule, Func<T, string?> role) =>
        rule.Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("กรุณาเลือกจังหวัดของสำนักงาน ป.ป.ช. ประจำจังหวัด")
            .ProvinceCodeOrEmpty()
            .When(x => role(x) == UserRoles.Provincial);

    public static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

public sealed class CreateStaffAccountHandler(DbSession db, ISender sender, ICurrentUser user, TimeProvider clock,
    IOptions<IdentityOptions> options) : ICommandHandler<CreateStaffAccountCommand, string>
{
    public async ValueTask<string> Handle(CreateStaffAccountCommand command, CancellationToken ct)
    {
        var role = command.Role!;
        if (StaffAccountRules.RefusalToAssign(user.Role, role) is { } refusal) throw new ForbiddenException(refusal);
        var province = role == UserRoles.Provincial
            ? await StaffProvinces.RequireAsync(sender, user, command.ProvinceCode, ct)
            : null;
        var username = command.Username!.Trim();
        var email = command.Email!.Trim();
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7();
        var created = await db.ExecuteAsync("""
            INSERT INTO identity.users (id, username, role, province_code, display_name, email, security_stamp,
                                        created_at, updated_at)
            SELECT @id, @username, @role, @ProvinceCode, @FullName, @email, @Stamp, @now, @now
            WHERE NOT EXISTS (SELECT 1 FROM identity.users WHERE lower(username) = lower(@username))
            ON CONFLICT DO NOTHING
            """,
            new
            {
                id, username, role, ProvinceCode = province?.Code, FullName = command.FullName!.Trim(), email,
                Stamp = Guid.NewGuid(), now,
            }, ct);
        if (created == 0)
            throw new RuleViolationException($"ชื่อผู้ใช้งาน {username} มีผู้ใช้แล้ว กรุณาเลือกชื่ออื่น", "username");

        var account = await db.QuerySingleAsync<AccountRow>(AccountRow.Select + " WHERE id = @id", new { id }, ct);
        var sent = await SetupLinks.SendAsync(db, sender, options.Value, account, email, now, ct);
        var what = province is null ? AccountTexts.Role(role) : $"{AccountTexts.Role(role)}{province.NameTh}";
        await AccountHistory.RecordAsync(db, user, account, "created", now, $"{what} · {sent}", ct);
        return username;
    }
}
