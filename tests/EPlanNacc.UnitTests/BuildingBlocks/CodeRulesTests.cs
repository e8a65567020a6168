using EPlanNacc.BuildingBlocks.Validation;
using FluentValidation;

namespace EPlanNacc.UnitTests.BuildingBlocks;

/// <summary>The rules of a fiscal year, a round and the codes, each with its one Thai message.</summary>
public sealed class CodeRulesTests
{
    private sealed record Asked(int Year, int? OptionalYear, int Round, string? DlaCode, string? ProvinceCode);

    private sealed class AskedValidator : AbstractValidator<Asked>
    {
        public AskedValidator()
        {
            RuleFor(x => x.Year).ValidFiscalYear();
            RuleFor(x => x.OptionalYear).ValidFiscalYear();
            RuleFor(x => x.Round).ValidRound();
            RuleFor(x => x.DlaCode).DlaCodeOrEmpty();
            RuleFor(x => x.ProvinceCode).ProvinceCodeOrEmpty();
        }
    }

    private static IEnumerable<string> Errors(Asked asked) =>
        new AskedValidator().Validate(asked).Errors.Select(e => e.ErrorMessage);

    [Fact]
    public void Good_values_and_absent_optional_ones_pass()
    {
        Assert.Empty(Errors(new Asked(2561, null, 6, null, " ")));
        Assert.Empty(Errors(new Asked(2600, 2570, 12, " 6900106 ", "90")));
    }

    [Fact]
    public void Each_wrong_value_has_its_Thai_message() =>
        Assert.Equal(
        [
            "ปีงบประมาณต้องเป็นปี พ.ศ. ระหว่าง 2561 ถึง 2600", "ปีงบประมาณต้องเป็นปี พ.ศ. ระหว่าง 2561 ถึง 2600",
            "รอบการรายงานต้องเป็น 6 หรือ 12 (เดือน)", "รหัส อปท. ต้องเป็นตัวเลข 7 หลัก",
            "รหัสจังหวัดต้องเป็นตัวเลข 2 หลัก",
        ], Errors(new Asked(2026, 2601, 9, "690010", "9")));
}
