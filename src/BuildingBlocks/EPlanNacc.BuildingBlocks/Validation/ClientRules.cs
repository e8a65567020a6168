using FluentValidation;
using FluentValidation.Validators;

namespace EPlanNacc.BuildingBlocks.Validation;

/// <summary>A property validator that can say how a browser checks the same rule: HTML attributes (pattern,
/// step, type...) for the form field. The Host's tag helper reads these from the validator's descriptor so that
/// the browser mirrors the server's rules with the same Thai messages.</summary>
public interface IClientRule
{
    IReadOnlyDictionary<string, string> ClientAttributes { get; }
}

/// <summary>At most N decimal places (amounts: 2).</summary>
public sealed class MaxDecimalsValidator<T>(int decimals) : PropertyValidator<T, decimal?>, IClientRule
{
    public override string Name => "MaxDecimals";
    public override bool IsValid(ValidationContext<T> context, decimal? value) =>
        value is null || ThaiRules.HasAtMostDecimals(value.Value, decimals);
    protected override string GetDefaultMessageTemplate(string errorCode) => $"มีทศนิยมได้ไม่เกิน {decimals} ตำแหน่ง";
    public IReadOnlyDictionary<string, string> ClientAttributes { get; } = new Dictionary<string, string>
    {
        ["step"] = decimals == 0 ? "1" : "0." + new string('0', decimals - 1) + "1",
    };
}

/// <summary>A check the browser does with a regular expression (JavaScript syntax) as well.</summary>
public sealed class ClientPatternValidator<T>(Func<string?, bool> isValid, string pattern, string? inputMode = null)
    : PropertyValidator<T, string?>, IClientRule
{
    public override string Name => "ClientPattern";
    public override bool IsValid(ValidationContext<T> context, string? value) =>
        string.IsNullOrWhiteSpace(value) || isValid(value);
    protected override string GetDefaultMessageTemplate(string errorCode) => "รูปแบบไม่ถูกต้อง";
    public IReadOnlyDictionary<string, string> ClientAttributes { get; } = inputMode is null
        ? new Dictionary<string, string> { ["pattern"] = pattern }
        : new Dictionary<string, string> { ["pattern"] = pattern, ["inputmode"] = inputMode };
}

/// <summary>Greater than a value, excluded (area &gt; 0): the browser checks it through data-min-exclusive.</summary>
public sealed class GreaterThanExclusiveValidator<T>(decimal limit) : PropertyValidator<T, decimal?>, IClientRule
{
    public override string Name => "GreaterThanExclusive";
    public override bool IsValid(ValidationContext<T> context, decimal? value) => value is null || value > limit;
    protected override string GetDefaultMessageTemplate(string errorCode) => $"ต้องมากกว่า {limit}";
    public IReadOnlyDictionary<string, string> ClientAttributes { get; } =
        new Dictionary<string, string>
        {
            ["data-min-exclusive"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
}
