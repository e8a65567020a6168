using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts;

namespace EPlanNacc.Modules.Reporting.Features;

/// <summary>How a report names the place it is about. Whom a report may be about is decided by the authorization
/// step (<see cref="ILaoScoped"/>, <see cref="IProvinceScoped"/>) and read through the scope contract.</summary>
internal static class ReportPlaces
{
    /// <summary>"องค์การบริหารส่วนตำบลเกาะยอ อำเภอเมืองสงขลา จังหวัดสงขลา"</summary>
    public static string Describe(LaoInfo lao) => Place(lao.NameTh, lao.DistrictNameTh, lao.ProvinceNameTh);

    public static string Place(string laoName, string districtNameTh, string provinceNameTh) =>
        $"{laoName} อำเภอ{districtNameTh} จังหวัด{provinceNameTh}";
}
