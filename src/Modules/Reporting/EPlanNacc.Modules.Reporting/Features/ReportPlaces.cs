using System.Text.RegularExpressions;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts;
using FluentValidation;
using Mediator;

namespace EPlanNacc.Modules.Reporting.Features;

/// <summary>How a report names the place it is about. Whom a report may be about is decided by the authorization
/// step (<see cref="ILaoScoped"/>, <see cref="IProvinceScoped"/>) and read through the scope contract.</summary>
internal static class ReportPlaces
{
    /// <summary>"องค์การบริหารส่วนตำบลเกาะยอ อำเภอเมืองสงขลา จังหวัดสงขลา"</summary>
    public static string Describe(LaoInfo lao) => Place(lao.NameTh, lao.DistrictNameTh, lao.ProvinceNameTh);

    public static string Place(string laoName, string districtNameTh, string provinceNameTh) => $"{laoName} อำเภอ{districtNameTh} จังหวัด{provinceNameTh}";
}

/// <summary>The rules the module's queries share, each with its one Thai message (the API uses the messages for values it cannot read as numbers).</summary>
public static partial class ReportRules
{
    public static readonly string FiscalYearMessage = $"ปีงบประมาณต้องเป็นปี พ.ศ. ระหว่าง {FiscalYear.Earliest} ถึง {FiscalYear.Latest}";
    public const string RoundMessage = "รอบการรายงานต้องเป็น 6 หรือ 12 (เดือน)";

    public static IRuleBuilderOptions<T, int> IsFiscalYear<T>(this IRuleBuilder<T, int> rule) =>
        rule.Must(FiscalYear.IsValid).WithMessage(FiscalYearMessage);

    public static IRuleBuilderOptions<T, int> IsRound<T>(this IRuleBuilder<T, int> rule) =>
        rule.Must(r => r is 6 or 12).WithMessage(RoundMessage);

    /// <summary>An LAO's 7-digit code, or none.</summary>
    public static IRuleBuilderOptions<T, string?> IsDlaCodeOrEmpty<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(c => string.IsNullOrWhiteSpace(c) || SevenDigits().IsMatch(c.Trim())).WithMessage("รหัส อปท. ต้องเป็นตัวเลข 7 หลัก");

    /// <summary>A province's 2-digit code, or none.</summary>
    public static IRuleBuilderOptions<T, string?> IsProvinceCodeOrEmpty<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(c => string.IsNullOrWhiteSpace(c) || TwoDigits().IsMatch(c.Trim())).WithMessage("รหัสจังหวัดต้องเป็นตัวเลข 2 หลัก");

    [GeneratedRegex("^[0-9]{7}$")]
    private static partial Regex SevenDigits();

    [GeneratedRegex("^[0-9]{2}$")]
    private static partial Regex TwoDigits();
}
