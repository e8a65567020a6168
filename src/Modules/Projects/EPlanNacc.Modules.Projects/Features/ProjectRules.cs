using System.Text.RegularExpressions;
using EPlanNacc.BuildingBlocks.Thai;
using FluentValidation;

namespace EPlanNacc.Modules.Projects.Features;

/// <summary>The rules the module's messages share, each with its one Thai message: a fiscal year (BE), a round,
/// an LAO's 7-digit code.</summary>
internal static partial class ProjectRules
{
    public static readonly string FiscalYearMessage = $"ปีงบประมาณต้องเป็นปี พ.ศ. ระหว่าง {FiscalYear.Earliest} ถึง {FiscalYear.Latest}";

    public static IRuleBuilderOptions<T, int> ValidFiscalYear<T>(this IRuleBuilder<T, int> rule) =>
        rule.InclusiveBetween(FiscalYear.Earliest, FiscalYear.Latest).WithMessage(FiscalYearMessage);

    /// <summary>A fiscal year when given (none: the current one).</summary>
    public static IRuleBuilderOptions<T, int?> ValidFiscalYear<T>(this IRuleBuilder<T, int?> rule) =>
        rule.InclusiveBetween(FiscalYear.Earliest, FiscalYear.Latest).WithMessage(FiscalYearMessage);

    public static IRuleBuilderOptions<T, int> ValidRound<T>(this IRuleBuilder<T, int> rule) =>
        rule.Must(r => r is 6 or 12).WithMessage("รอบการรายงานต้องเป็น 6 หรือ 12 (เดือน)");

    /// <summary>An LAO's 7-digit code when given.</summary>
    public static IRuleBuilderOptions<T, string?> DlaCodeFormat<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(code => string.IsNullOrWhiteSpace(code) || DlaCode().IsMatch(code.Trim())).WithMessage("รหัส อปท. ต้องเป็นตัวเลข 7 หลัก");

    [GeneratedRegex("^[0-9]{7}$")]
    private static partial Regex DlaCode();
}
