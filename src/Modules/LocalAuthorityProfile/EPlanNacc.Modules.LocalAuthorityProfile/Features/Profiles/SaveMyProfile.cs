using System.Text.Json;
using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.BuildingBlocks.Validation;
using EPlanNacc.Modules.Identity.Contracts;
using FluentValidation;
using Mediator;

namespace EPlanNacc.Modules.LocalAuthorityProfile.Features.Profiles;

/// <summary>Saves the three pages of basic data at once (the wizard's last page, or <c>PUT /api/v1/me/profile</c>).
/// On the first set-up it must carry <see cref="Password"/>, which becomes the account's password in the same
/// transaction; afterwards a password here is ignored (the Profile menu has its own change of password).
/// The province and district are the DLA registry's: the LAO may repeat them or leave them out, another value is
/// refused (400). <see cref="Version"/> is the version the form or client read: a stale one is refused (409); none
/// is accepted (v1 clients).</summary>
[Allow(Caller.Lao, DuringSetup = true)]
public sealed record SaveMyProfileCommand(
    ProfileLocation? Location, ProfileAreaAndExecutives? AreaAndExecutives, ProfileCoordinator? Coordinator,
    string? Password, string? UserAgent = null, int? Version = null) : ICommand<ProfileSaved>;

/// <summary>What the save did; after a first set-up, the account's
/// new security stamp (for renewing the session).</summary>
public sealed record ProfileSaved(string DlaCode, string Name, bool SetupCompleted, Guid? NewSecurityStamp,
    int ChangedFields);

public sealed class SaveMyProfileValidator : AbstractValidator<SaveMyProfileCommand>
{
    public SaveMyProfileValidator(ICurrentUser user, ISender sender,
        IValidator<ProfileLocation> location, IValidator<ProfileAreaAndExecutives> area,
        IValidator<ProfileCoordinator> coordinator)
    {
        RuleFor(x => x.Location).NotNull().WithMessage("กรุณากรอกข้อมูลที่ตั้ง").SetValidator(location!);
        RuleFor(x => x.AreaAndExecutives).NotNull().WithMessage("กรุณากรอกข้อมูลพื้นที่และผู้บริหาร")
            .SetValidator(area!);
        RuleFor(x => x.Coordinator).NotNull().WithMessage("กรุณากรอกข้อมูลผู้ประสานงาน").SetValidator(coordinator!);
        RuleFor(x => x.Password).CustomAsync(async (password, context, ct) =>
        {
            if (!user.SetupRequired) return;
            foreach (var reason in await sender.Send(new CheckPasswordQuery(password, user.Username), ct))
                context.AddFailure("Password", reason);
        });
    }
}

/// <summary>Page 1, ข้อมูลที่ตั้ง. The province and district come from the DLA registry and cannot be changed by the
/// LAO (a wrong registry entry is corrected by NACC staff, see <c>CorrectLaoLocationCommand</c>).</summary>
public sealed class ProfileLocationValidator : AbstractValidator<ProfileLocation>
{
    public const string ProvinceFixed =
        "จังหวัดของ อปท. เป็นไปตามทะเบียนของกรมส่งเสริมการปกครองท้องถิ่น แก้ไขเองไม่ได้ " +
        "หากไม่ถูกต้องกรุณาแจ้งสำนักงาน ป.ป.ช.";
    public const string DistrictFixed =
        "อำเภอของ อปท. เป็นไปตามทะเบียนของกรมส่งเสริมการปกครองท้องถิ่น แก้ไขเองไม่ได้ " +
        "หากไม่ถูกต้องกรุณาแจ้งสำนักงาน ป.ป.ช.";

    public ProfileLocationValidator(DbSession db, ICurrentUser user)
    {
        RuleFor(x => x.ProvinceCode)
            .MustAsync(async (code, ct) => await RegistryHasAsync(db, user, "province_code", code, ct))
            .WithMessage(ProvinceFixed)
            .When(x => !string.IsNullOrWhiteSpace(x.ProvinceCode));
        RuleFor(x => x.DistrictCode)
            .MustAsync(async (code, ct) => await RegistryHasAsync(db, user, "district_code", code, ct))
            .WithMessage(DistrictFixed)
            .When(x => !string.IsNullOrWhiteSpace(x.DistrictCode));
        RuleFor(x => x.LaoType).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("กรุณาเลือกประเภท อปท.")
            .MustAsync(async (code, ct) => await db.ExecuteScalarAsync<bool>(
                "SELECT EXISTS (SELECT 1 FROM local_authority_profile.lao_types WHERE code = @code)", new { code }, ct))
            .WithMessage("ประเภท อปท. ไม่ถูกต้อง");
        RuleFor(x => x.Size).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("กรุณาเลือกขนาด อปท.")
            .Must(s => LaoSizes.Names.ContainsKey(s!)).WithMessage("ขนาด อปท. ต้องเป็น ใหญ่ กลาง หรือ เล็ก");
        RuleFor(x => x.Name).RequiredText("ชื่อ อปท.", ThaiRules.NameMaxLength);
        RuleFor(x => x.OfficeAddress).RequiredText("ที่ตั้งที่ทำการ");
    }

    /// <summary>Whether the caller's registry entry holds <paramref name="code"/> in <paramref name="column"/> (one of
    /// two fixed column names, never user input).</summary>
    private static async Task<bool> RegistryHasAsync(DbSession db, ICurrentUser user, string column, string? code,
        CancellationToken ct) =>
        await db.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM local_authority_profile.registry_laos WHERE dla_code = @dla " +
            $"AND {column} = @code)", new { dla = user.DlaCode, code = code!.Trim() }, ct);
}

/// <summary>Page 2, ข้อมูลพื้นที่และผู้บริหาร.</summary>
public sealed class ProfileAreaAndExecutivesValidator : AbstractValidator<ProfileAreaAndExecutives>
{
    public const decimal MaxServiceArea = 513_120m; // the area of Thailand, km²
    public const decimal MaxPopulation = 100_000_000m;

    public ProfileAreaAndExecutivesValidator()
    {
        RuleFor(x => x.ServiceAreaSqKm).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("กรุณากรอกขนาดพื้นที่ให้บริการ")
            .GreaterThanExclusive(0).WithMessage("ขนาดพื้นที่ให้บริการต้องมากกว่า 0 ตารางกิโลเมตร")
            .LessThanOrEqualTo(MaxServiceArea)
            .WithMessage("ขนาดพื้นที่ให้บริการต้องไม่เกิน 513,120 ตารางกิโลเมตร (พื้นที่ทั้งประเทศ)")
            .MaxDecimals(2).WithMessage("ขนาดพื้นที่ให้บริการมีทศนิยมได้ไม่เกิน 2 ตำแหน่ง");
        RuleFor(x => x.Population).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("กรุณากรอกจำนวนประชากรในพื้นที่")
            .GreaterThanOrEqualTo(0).WithMessage("จำนวนประชากรต้องไม่ติดลบ")
            .MaxDecimals(0).WithMessage("จำนวนประชากรต้องเป็นจำนวนเต็ม")
            .LessThanOrEqualTo(MaxPopulation).WithMessage("จำนวนประชากรต้องไม่เกิน 100,000,000 คน");
        RuleFor(x => x.RevenueExcludingSubsidies).Amount("รายได้ไม่รวมเงินอุดหนุน");
        RuleFor(x => x.SubsidyRevenue).Amount("รายได้จากเงินอุดหนุน");
        RuleFor(x => x.ExecutiveName).RequiredText("ชื่อผู้บริหารท้องถิ่น", ThaiRules.NameMaxLength);
        RuleFor(x => x.PermanentSecretaryName)
            .RequiredText("ชื่อปลัดองค์กรปกครองส่วนท้องถิ่น", ThaiRules.NameMaxLength);
    }
}

/// <summary>Page 3, ข้อมูลผู้ประสานงาน (the password is checked with
/// the command: it matters only on the first set-up).</summary>
public sealed class ProfileCoordinatorValidator : AbstractValidator<ProfileCoordinator>
{
    public ProfileCoordinatorValidator()
    {
        RuleFor(x => x.FullName).RequiredText("ชื่อ-สกุลผู้ประสานงาน", ThaiRules.NameMaxLength);
        RuleFor(x => x.Position).RequiredText("ตำแหน่ง", ThaiRules.NameMaxLength);
        RuleFor(x => x.Affiliation).RequiredText("สังกัด", ThaiRules.NameMaxLength);
        RuleFor(x => x.Phone).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("กรุณากรอกหมายเลขโทรศัพท์")
            .ThaiPhone().WithMessage("หมายเลขโทรศัพท์ไม่ถูกต้อง เช่น 02-528-4800 ต่อ 3408 หรือ 081-234-5678")
            .MaximumLength(50).WithMessage("หมายเลขโทรศัพท์ยาวได้ไม่เกิน 50 ตัวอักษร");
        RuleFor(x => x.Mobile).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("กรุณากรอกหมายเลขโทรศัพท์เคลื่อนที่")
            .ThaiMobile().WithMessage("หมายเลขโทรศัพท์เคลื่อนที่ไม่ถูกต้อง ต้องเป็นตัวเลข 10 หลัก ขึ้นต้นด้วย 06 08 " +
                                      "หรือ 09 เช่น 081-234-5678")
            .MaximumLength(50).WithMessage("หมายเลขโทรศัพท์เคลื่อนที่ยาวได้ไม่เกิน 50 ตัวอักษร");
        RuleFor(x => x.Fax).Cascade(CascadeMode.Stop)
            .ThaiFixedLine().WithMessage("หมายเลขโทรสารไม่ถูกต้อง ต้องเป็นตัวเลข 9 หลัก เช่น 02-528-4801")
            .MaximumLength(50).WithMessage("หมายเลขโทรสารยาวได้ไม่เกิน 50 ตัวอักษร");
        RuleFor(x => x.Email).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("กรุณากรอกอีเมล (ใช้รับลิงก์ตั้งรหัสผ่านใหม่และอีเมลแจ้งเตือนกำหนดส่งรายงาน)")
            .EmailAddressTh().WithMessage("รูปแบบอีเมลไม่ถูกต้อง เช่น name@example.go.th")
            .MaximumLength(254).WithMessage("อีเมลยาวได้ไม่เกิน 254 ตัวอักษร");
        RuleFor(x => x.Website).Cascade(CascadeMode.Stop)
            .Website().WithMessage("รูปแบบเว็บไซต์ไม่ถูกต้อง เช่น www.example.go.th")
            .MaximumLength(500).WithMessage("เว็บไซต์ยาวได้ไม่เกิน 500 ตัวอักษร");
    }
}

public sealed class SaveMyProfileHandler(DbSession db, ICurrentUser user, ISender sender, TimeProvider clock)
    : ICommandHandler<SaveMyProfileCommand, ProfileSaved>
{
    public async ValueTask<ProfileSaved> Handle(SaveMyProfileCommand command, CancellationToken ct)
    {
        var dlaCode = user.OwnDlaCode();
        var before = await db.QuerySingleOrDefaultAsync<ProfileRow>(ProfileRow.SelectSql + " FOR UPDATE OF r",
            new { DlaCode = dlaCode }, ct)
            ?? throw new NotFoundException("ไม่พบ อปท. ในทะเบียน");
        if (command.Version is { } read && read != before.Version)
            throw new ConflictException("ข้อมูลพื้นฐานถูกบันทึกไปแล้วหลังจากที่ท่านเปิดอ่าน " +
                                        "กรุณาเปิดหน้านี้ใหม่แล้วแก้ไขอีกครั้ง",
                [$"บันทึกล่าสุดโดย {before.UpdatedBy} เมื่อ {ThaiFormat.DateTime(before.UpdatedAt!.Value)}"]);
        var l = command.Location!;
        var a = command.AreaAndExecutives!;
        var c = command.Coordinator!;
        var after = new ProfileRow
        {
            DlaCode = dlaCode, ProvinceCode = before.ProvinceCode, DistrictCode = before.DistrictCode,
            LaoType = l.LaoType, Size = l.Size, Name = Clean(l.Name), OfficeAddress = Clean(l.OfficeAddress),
            ServiceAreaSqKm = a.ServiceAreaSqKm, Population = a.Population,
            RevenueExcludingSubsidies = a.RevenueExcludingSubsidies,
            SubsidyRevenue = a.SubsidyRevenue, ExecutiveName = Clean(a.ExecutiveName),
            PermanentSecretaryName = Clean(a.PermanentSecretaryName),
            CoordinatorFullName = Clean(c.FullName), CoordinatorPosition = Clean(c.Position),
            CoordinatorAffiliation = Clean(c.Affiliation), CoordinatorPhone = Clean(c.Phone),
            CoordinatorMobile = Clean(c.Mobile), CoordinatorFax = Clean(c.Fax), CoordinatorEmail = Clean(c.Email),
            Website = Clean(c.Website), Completed = true,
        };
        var now = clock.GetUtcNow();

        await db.ExecuteAsync("""
            INSERT INTO local_authority_profile.profiles AS p (
                dla_code, lao_type, size, name, office_address,
                service_area_sq_km, population, revenue_excluding_subsidies, subsidy_revenue,
                executive_name, permanent_secretary_name,
                coordinator_full_name, coordinator_position, coordinator_affiliation,
                coordinator_phone, coordinator_mobile, coordinator_fax, coordinator_email,
                website, completed_at, updated_at, updated_by)
            VALUES (
                @DlaCode, @LaoType, @Size, @Name, @OfficeAddress,
                @ServiceAreaSqKm, @Population::integer, @RevenueExcludingSubsidies, @SubsidyRevenue,
                @ExecutiveName, @PermanentSecretaryName,
                @CoordinatorFullName, @CoordinatorPosition, @CoordinatorAffiliation,
                @CoordinatorPhone, @CoordinatorMobile, @CoordinatorFax, @CoordinatorEmail,
                @Website, @Now, @Now, @By)
            ON CONFLICT (dla_code) DO UPDATE SET
                lao_type = excluded.lao_type,
                size = excluded.size, name = excluded.name, office_address = excluded.office_address,
                service_area_sq_km = excluded.service_area_sq_km, population = excluded.population,
                revenue_excluding_subsidies = excluded.revenue_excluding_subsidies,
                subsidy_revenue = excluded.subsidy_revenue,
                executive_name = excluded.executive_name, permanent_secretary_name = excluded.permanent_secretary_name,
                coordinator_full_name = excluded.coordinator_full_name,
                coordinator_position = excluded.coordinator_position,
                coordinator_affiliation = excluded.coordinator_affiliation,
                coordinator_phone = excluded.coordinator_phone,
                coordinator_mobile = excluded.coordinator_mobile, coordinator_fax = excluded.coordinator_fax,
                coordinator_email = excluded.coordinator_email, website = excluded.website,
                updated_at = excluded.updated_at, updated_by = excluded.updated_by, reset_at = NULL,
                version = p.version + 1
            """,
            new
            {
                after.DlaCode, after.LaoType, after.Size, after.Name, after.OfficeAddress,
                after.ServiceAreaSqKm, after.Population, after.RevenueExcludingSubsidies, after.SubsidyRevenue,
                after.ExecutiveName,
                after.PermanentSecretaryName, after.CoordinatorFullName, after.CoordinatorPosition,
                after.CoordinatorAffiliation,
                after.CoordinatorPhone, after.CoordinatorMobile, after.CoordinatorFax, after.CoordinatorEmail,
                after.Website, Now = now, By = user.Username ?? dlaCode,
            }, ct);

        var changes = ProfileChanges.Between(before, after);
        if (changes.Count > 0 || !before.Completed)
        {
            await db.ExecuteAsync("""
                INSERT INTO local_authority_profile.profile_changes
                    (id, dla_code, changed_at, changed_by, ip_address, changes)
                VALUES (@Id, @DlaCode, @Now, @By, @Ip, @Changes::jsonb)
                """,
                new
                {
                    Id = Guid.CreateVersion7(), DlaCode = dlaCode, Now = now, By = user.Username ?? dlaCode,
                    Ip = user.IpAddress, Changes = JsonSerializer.Serialize(changes),
                }, ct);
        }

        Guid? stamp = null;
        if (user.SetupRequired)
            stamp = await sender.Send(
                new CompleteAccountSetupCommand(dlaCode, command.Password!, user.IpAddress, command.UserAgent), ct);
        return new ProfileSaved(dlaCode, after.Name!, stamp is not null, stamp, changes.Count);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

public sealed record ProfileFieldChange(string Field, string Label, string? Old, string? New);

internal static class ProfileChanges
{
    public static IReadOnlyList<ProfileFieldChange> Between(ProfileRow before, ProfileRow after) =>
        before.Fields().Zip(after.Fields())
            .Where(p => !string.Equals(p.First.Value, p.Second.Value, StringComparison.Ordinal))
            .Select(p => new ProfileFieldChange(p.First.Field, p.First.Label, p.First.Value, p.Second.Value))
            .ToList();
}
