using System.Text.Json;
using EPlanNacc.BuildingBlocks.Auditing;
using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Validation;
using EPlanNacc.Modules.LocalAuthorityProfile.Features.Profiles;
using FluentValidation;
using Mediator;

namespace EPlanNacc.Modules.LocalAuthorityProfile.Features.Registry;

/// <summary>NACC central staff correct the province and district the DLA registry gives an LAO (the LAO cannot:
/// they decide which provincial office sees it). Recorded in the LAO's history with the reason, and kept over every
/// later load of the registry file. Returns whether anything changed.</summary>
[Allow(Caller.Admin)]
public sealed record CorrectLaoLocationCommand(string DlaCode, string? ProvinceCode, string? DistrictCode,
    string? Reason)
    : ICommand<bool>, ILaoScoped;

public sealed class CorrectLaoLocationValidator : AbstractValidator<CorrectLaoLocationCommand>
{
    public CorrectLaoLocationValidator(DbSession db)
    {
        RuleFor(x => x.ProvinceCode).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("กรุณาเลือกจังหวัด")
            .MustAsync(async (code, ct) => await db.ExecuteScalarAsync<bool>(
                "SELECT EXISTS (SELECT 1 FROM local_authority_profile.provinces WHERE code = @code)", new { code }, ct))
            .WithMessage("ไม่พบจังหวัดที่เลือก");
        RuleFor(x => x.DistrictCode).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("กรุณาเลือกอำเภอ")
            .MustAsync(async (cmd, code, ct) => await db.ExecuteScalarAsync<bool>(
                "SELECT EXISTS (SELECT 1 FROM local_authority_profile.districts WHERE code = @code AND " +
                "province_code = @province)", new { code, province = cmd.ProvinceCode ?? string.Empty }, ct))
            .WithMessage("อำเภอที่เลือกไม่อยู่ในจังหวัดที่เลือก");
        RuleFor(x => x.Reason).RequiredText("เหตุผลของการแก้ไข");
    }
}

public sealed class CorrectLaoLocationHandler(DbSession db, ICurrentUser user, TimeProvider clock,
    IAuditTrail audit) : ICommandHandler<CorrectLaoLocationCommand, bool>
{
    private sealed record Location(string ProvinceCode, string DistrictCode);

    public async ValueTask<bool> Handle(CorrectLaoLocationCommand command, CancellationToken ct)
    {
        var before = await db.QuerySingleAsync<Location>(
            "SELECT province_code, district_code FROM local_authority_profile.registry_laos WHERE dla_code " +
            "= @DlaCode FOR UPDATE", new { command.DlaCode }, ct);
        var after = new Location(command.ProvinceCode!.Trim(), command.DistrictCode!.Trim());
        if (before == after) return false;
        var now = clock.GetUtcNow();
        var by = user.Username ?? "-";
        ProfileFieldChange[] changes =
        [
            .. before.ProvinceCode == after.ProvinceCode ? [] :
                new[]
                {
                    new ProfileFieldChange("location.provinceCode", "จังหวัด", before.ProvinceCode, after.ProvinceCode),
                },
            .. before.DistrictCode == after.DistrictCode ? [] :
                new[]
                {
                    new ProfileFieldChange("location.districtCode", "อำเภอ", before.DistrictCode, after.DistrictCode),
                },
            new ProfileFieldChange("registry.correctionReason", "เหตุผลการแก้ไขทะเบียน", null, command.Reason!.Trim()),
        ];
        await db.ExecuteAsync("""
            INSERT INTO local_authority_profile.registry_corrections
                (dla_code, province_code, district_code, reason, corrected_at, corrected_by)
            VALUES (@DlaCode, @ProvinceCode, @DistrictCode, @Reason, @now, @by)
            ON CONFLICT (dla_code) DO UPDATE SET province_code = excluded.province_code,
                district_code = excluded.district_code, reason = excluded.reason,
                corrected_at = excluded.corrected_at, corrected_by = excluded.corrected_by;
            UPDATE local_authority_profile.registry_laos
            SET province_code = @ProvinceCode, district_code = @DistrictCode
            WHERE dla_code = @DlaCode;
            INSERT INTO local_authority_profile.profile_changes
                (id, dla_code, changed_at, changed_by, ip_address, changes)
            VALUES (@Id, @DlaCode, @now, @by, @Ip, @Changes::jsonb);
            """,
            new
            {
                command.DlaCode, after.ProvinceCode, after.DistrictCode, Reason = command.Reason!.Trim(), now, by,
                Id = Guid.CreateVersion7(), Ip = user.IpAddress, Changes = JsonSerializer.Serialize(changes),
            }, ct);
        await audit.RecordAsync("lao.location_corrected", command.DlaCode,
            string.Join(" · ", changes.Select(c => $"{c.Label}: {c.Old ?? "-"} → {c.New}")), ct);
        return true;
    }
}
