using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts;
using Mediator;

namespace EPlanNacc.Modules.Reporting.Features;

/// <summary>Whom a summary or a report may be about. An LAO reads its own (another LAO's code answers 404); staff
/// name an LAO of their scope (400 when none is named, 404 outside their scope). The province report is for staff
/// only (403 for an LAO): a provincial office its own province (404 for another), an admin any.</summary>
internal static class ReportScope
{
    public const string LaoNotFound = "ไม่พบ อปท. ที่ระบุ";

    public static async Task<LaoInfo> LaoAsync(ISender sender, ICurrentUser user, string? dlaCode, CancellationToken ct)
    {
        var code = dlaCode?.Trim();
        if (user.Role == UserRole.Lao)
        {
            if (!string.IsNullOrEmpty(code) && code != user.DlaCode) throw new NotFoundException(LaoNotFound);
            return await sender.Send(new GetLaoQuery(user.DlaCode!), ct) ?? throw new NotFoundException(LaoNotFound);
        }
        user.RequireStaff();
        if (string.IsNullOrEmpty(code)) throw new RuleViolationException("กรุณาเลือก อปท. (dlaCode)", "dlaCode");
        var lao = await sender.Send(new GetLaoQuery(code), ct);
        if (lao is null || !user.CanSeeLao(lao.DlaCode, lao.ProvinceCode)) throw new NotFoundException(LaoNotFound);
        return lao;
    }

    public static async Task<ProvinceName> ProvinceAsync(ISender sender, ICurrentUser user, string? provinceCode, CancellationToken ct)
    {
        if (user.Role == UserRole.Lao) throw new ForbiddenException("รายงานระดับจังหวัดสำหรับเจ้าหน้าที่สำนักงาน ป.ป.ช. เท่านั้น");
        user.RequireStaff();
        var code = string.IsNullOrWhiteSpace(provinceCode) && user.Role == UserRole.Provincial ? user.ProvinceCode : provinceCode?.Trim();
        if (string.IsNullOrEmpty(code)) throw new RuleViolationException("กรุณาเลือกจังหวัด (provinceCode)", "provinceCode");
        var province = (await sender.Send(new ListProvinceNamesQuery(), ct)).FirstOrDefault(p => p.Code == code)
                       ?? throw new RuleViolationException($"ไม่พบจังหวัดรหัส {code}", "provinceCode");
        if (!user.CanSeeProvince(province.Code)) throw new NotFoundException("ไม่พบจังหวัดที่ระบุในขอบเขตของท่าน");
        return province;
    }

    /// <summary>"องค์การบริหารส่วนตำบลเกาะยอ อำเภอเมืองสงขลา จังหวัดสงขลา"</summary>
    public static string Describe(LaoInfo lao) => Place(lao.NameTh, lao.DistrictNameTh, lao.ProvinceNameTh);

    public static string Place(string laoName, string districtNameTh, string provinceNameTh) => $"{laoName} อำเภอ{districtNameTh} จังหวัด{provinceNameTh}";
}
