using System.Text.RegularExpressions;
using EPlanNacc.BuildingBlocks.Thai;
using FluentValidation;

namespace EPlanNacc.BuildingBlocks.Validation;

/// <summary>The rules of the values every module's messages name (a fiscal year in BE, a reporting round, an LAO's
/// 7-digit code, a province's 2-digit code), each with its one Thai message.</summary>
public static partial class CodeRules
{
    public static readonly string FiscalYearMessage =
        $"ปีงบประมาณต้องเป็นปี พ.ศ. ระหว่าง {FiscalYear.Earliest} ถึง {FiscalYear.Latest}";

    public static readonly string RoundMessage =
        $"รอบการรายงานต้องเป็น {string.Join(" หรือ ", FiscalYear.Rounds)} (เดือน)";

    public const string DlaCodeMessage = "รหัส อปท. ต้องเป็นตัวเลข 7 หลัก";
    public const string ProvinceCodeMessage = "รหัสจังหวัดต้องเป็นตัวเลข 2 หลัก";

    public static IRuleBuilderOptions<T, int> ValidFiscalYear<T>(this IRuleBuilder<T, int> rule) =>
        rule.Must(FiscalYear.IsValid).WithMessage(FiscalYearMessage);

    /// <summary>A fiscal year when given (none: the query's default).</summary>
    public static IRuleBuilderOptions<T, int?> ValidFiscalYear<T>(this IRuleBuilder<T, int?> rule) =>
        rule.Must(y => y is null || FiscalYear.IsValid(y.Value)).WithMessage(FiscalYearMessage);

    public static IRuleBuilderOptions<T, int> ValidRound<T>(this IRuleBuilder<T, int> rule) =>
        rule.Must(FiscalYear.IsRound).WithMessage(RoundMessage);

    /// <summary>An LAO's 7-digit code, or none.</summary>
    public static IRuleBuilderOptions<T, string?> DlaCodeOrEmpty<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(c => string.IsNullOrWhiteSpace(c) || SevenDigits().IsMatch(c.Trim())).WithMessage(DlaCodeMessage);

    /// <summary>A province's 2-digit code, or none.</summary>
    public static IRuleBuilderOptions<T, string?> ProvinceCodeOrEmpty<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(c => string.IsNullOrWhiteSpace(c) || TwoDigits().IsMatch(c.Trim())).WithMessage(ProvinceCodeMessage);

    [GeneratedRegex("^[0-9]{7}$")]
    private static partial Regex SevenDigits();

    [GeneratedRegex("^[0-9]{2}$")]
    private static partial Regex TwoDigits();
}
