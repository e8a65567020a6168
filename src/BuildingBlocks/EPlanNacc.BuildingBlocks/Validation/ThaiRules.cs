using System.Text.RegularExpressions;
using FluentValidation;

namespace EPlanNacc.BuildingBlocks.Validation;

/// <summary>The validation rules every module shares, each with its Thai message. The API limits of
/// docs/api.md: names at most 500 characters, other texts at most 4,000, amounts 0 to 999,999,999,999.99.</summary>
public static partial class ThaiRules
{
    public const int NameMaxLength = 500;
    public const int TextMaxLength = 4000;
    public const decimal MaxAmount = 999_999_999_999.99m;

    public static IRuleBuilderOptions<T, string?> RequiredText<T>(this IRuleBuilderInitial<T, string?> rule,
        string label, int maxLength = TextMaxLength) =>
        rule.Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage($"กรุณากรอก{label}")
            .MaximumLength(maxLength).WithMessage($"{label}ยาวได้ไม่เกิน {maxLength:#,##0} ตัวอักษร");

    public static IRuleBuilderOptions<T, string?> OptionalText<T>(this IRuleBuilder<T, string?> rule, string label,
        int maxLength = TextMaxLength) =>
        rule.MaximumLength(maxLength).WithMessage($"{label}ยาวได้ไม่เกิน {maxLength:#,##0} ตัวอักษร");

    /// <summary>An amount in baht: 0 to 999,999,999,999.99, at most 2 decimals.</summary>
    public static IRuleBuilderOptions<T, decimal?> Amount<T>(this IRuleBuilderInitial<T, decimal?> rule, string label,
        bool required = true)
    {
        var chain = rule.Cascade(CascadeMode.Stop);
        if (required) chain.NotNull().WithMessage($"กรุณากรอก{label}");
        return chain
            .GreaterThanOrEqualTo(0).WithMessage($"{label}ต้องไม่ติดลบ")
            .LessThanOrEqualTo(MaxAmount).WithMessage($"{label}ต้องไม่เกิน 999,999,999,999.99 บาท")
            .SetValidator(new MaxDecimalsValidator<T>(2)).WithMessage($"{label}มีทศนิยมได้ไม่เกิน 2 ตำแหน่ง");
    }

    public static IRuleBuilderOptions<T, decimal?> MaxDecimals<T>(this IRuleBuilder<T, decimal?> rule, int decimals) =>
        rule.SetValidator(new MaxDecimalsValidator<T>(decimals));

    public static IRuleBuilderOptions<T, decimal?> GreaterThanExclusive<T>(this IRuleBuilder<T, decimal?> rule,
        decimal limit) =>
        rule.SetValidator(new GreaterThanExclusiveValidator<T>(limit));

    /// <summary>A Thai fixed-line or mobile number, optionally with "ต่อ" and an extension.</summary>
    public static IRuleBuilderOptions<T, string?> ThaiPhone<T>(this IRuleBuilder<T, string?> rule) =>
        rule.SetValidator(new ClientPatternValidator<T>(IsThaiPhone, ClientPhonePattern, "tel"));

    public static IRuleBuilderOptions<T, string?> ThaiMobile<T>(this IRuleBuilder<T, string?> rule) =>
        rule.SetValidator(new ClientPatternValidator<T>(IsThaiMobile, ClientMobilePattern, "tel"));

    public static IRuleBuilderOptions<T, string?> ThaiFixedLine<T>(this IRuleBuilder<T, string?> rule) =>
        rule.SetValidator(new ClientPatternValidator<T>(IsThaiFixedLine, ClientFixedLinePattern, "tel"));

    public static IRuleBuilderOptions<T, string?> EmailAddressTh<T>(this IRuleBuilder<T, string?> rule) =>
        rule.SetValidator(new ClientPatternValidator<T>(IsEmail, ClientEmailPattern, "email"));

    public static IRuleBuilderOptions<T, string?> Website<T>(this IRuleBuilder<T, string?> rule) =>
        rule.SetValidator(new ClientPatternValidator<T>(IsWebsite, ClientWebsitePattern, "url"));

    // The same rules in JavaScript syntax, for the browser (HTML pattern attributes match the whole value and are
    // compiled with the "v" flag: ( ) / - inside a character class must be escaped).
    private const string Sep = @"[\s\-.\(\)]*";
    public const string ClientFixedLinePattern = @"\s*(\+66|0)" + Sep + "[2-7]" + "(" + Sep + "[0-9]){7}" + Sep +
        @"((ต่อ|ext\.?|x)\s*[0-9]{1,6})?\s*";
    public const string ClientMobilePattern = @"\s*(\+66|0)" + Sep + "[689]" + "(" + Sep + "[0-9]){8}" + Sep +
        @"((ต่อ|ext\.?|x)\s*[0-9]{1,6})?\s*";
    public const string ClientPhonePattern = @"\s*(\+66|0)" + Sep + "([2-7](" + Sep + "[0-9]){7}|[689](" + Sep +
        "[0-9]){8})" + Sep + @"((ต่อ|ext\.?|x)\s*[0-9]{1,6})?\s*";
    public const string ClientEmailPattern = @"\s*[^@\s]+@[^@\s]+\.[^@\s]+\s*";
    public const string ClientWebsitePattern = @"\s*(https?://)?[^\s\/.]+(\.[^\s\/.]+)+(/\S*)?\s*";

    public static bool HasAtMostDecimals(decimal value, int decimals) => decimal.Round(value, decimals) == value;

    /// <summary>An email address of the usual form (one @, a dotted domain, no spaces).</summary>
    public static bool IsEmail(string? value) =>
        value is not null && value.Length <= 254 && EmailPattern().IsMatch(value.Trim());

    /// <summary>Digits of a Thai telephone number, with spaces,
    /// dashes, dots or brackets removed and +66 read as 0.</summary>
    public static string PhoneDigits(string value)
    {
        var main = ExtensionPattern().Replace(value, string.Empty);
        var digits = new string(main.Where(char.IsAsciiDigit).ToArray());
        if (main.TrimStart().StartsWith("+66", StringComparison.Ordinal)
            && digits.StartsWith("66", StringComparison.Ordinal))
            digits = "0" + digits[2..];
        return digits;
    }

    private static bool OnlyPhoneCharacters(string value) =>
        PhoneCharacters().IsMatch(ExtensionPattern().Replace(value, string.Empty));

    /// <summary>A Thai fixed-line (0X XXX XXXX, 9 digits) or mobile (0X
    /// XXXX XXXX, 10 digits) number, optionally "ต่อ 1234".</summary>
    public static bool IsThaiPhone(string? value) =>
        value is not null && OnlyPhoneCharacters(value) && PhoneDigits(value) is var d &&
        (FixedLine().IsMatch(d) || Mobile().IsMatch(d));

    public static bool IsThaiMobile(string? value) =>
        value is not null && OnlyPhoneCharacters(value) && Mobile().IsMatch(PhoneDigits(value));

    public static bool IsThaiFixedLine(string? value) =>
        value is not null && OnlyPhoneCharacters(value) && FixedLine().IsMatch(PhoneDigits(value));

    public static bool IsWebsite(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return false;
        var v = value.Trim();
        if (!v.Contains("://", StringComparison.Ordinal)) v = "https://" + v;
        return Uri.TryCreate(v, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            && uri.Host.Contains('.') && !v.Contains(' ')
            // a name, not a number ("0" reads as the address 0.0.0.0)
            && uri.HostNameType == UriHostNameType.Dns;
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
    [GeneratedRegex(@"^0[2-7][0-9]{7}$")]
    private static partial Regex FixedLine();
    [GeneratedRegex(@"^0[689][0-9]{8}$")]
    private static partial Regex Mobile();
    [GeneratedRegex(@"^[\s0-9+\-().]+$")]
    private static partial Regex PhoneCharacters();
    [GeneratedRegex(@"\s*(ต่อ|ext\.?|x)\s*[0-9]{1,6}\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex ExtensionPattern();
}
