using System.Text.RegularExpressions;
using EPlanNacc.BuildingBlocks.Modules;
using EPlanNacc.BuildingBlocks.Validation;

namespace EPlanNacc.UnitTests.BuildingBlocks;

public sealed class ThaiRulesTests
{
    [Theory]
    [InlineData("02-528-4800", true)]
    [InlineData("02-528-4800 ต่อ 3408", true)]
    [InlineData("074 123 456", true)]
    [InlineData("(074) 123-456", true)]
    [InlineData("+66 74 123 456", true)]
    [InlineData("081-234-5678", true)]
    [InlineData("0812345678", true)]
    [InlineData("12345", false)]
    [InlineData("01-234-5678", false)]
    [InlineData("081-234-567", false)]
    [InlineData("โทร 081-234-5678", false)]
    [InlineData("", false)]
    public void Thai_phone_numbers(string value, bool valid) => Assert.Equal(valid, ThaiRules.IsThaiPhone(value));

    [Theory]
    [InlineData("081-234-5678", true)]
    [InlineData("+66 81 234 5678", true)]
    [InlineData("06 1234 5678", true)]
    [InlineData("02-528-4800", false)]
    [InlineData("081-234-567", false)]
    public void Thai_mobile_numbers(string value, bool valid) => Assert.Equal(valid, ThaiRules.IsThaiMobile(value));

    [Theory]
    [InlineData("074-123-457", true)]
    [InlineData("0812345678", false)]
    public void Thai_fixed_lines(string value, bool valid) => Assert.Equal(valid, ThaiRules.IsThaiFixedLine(value));

    /// <summary>The browser's patterns (client-side mirror) take and refuse the same numbers as the server.</summary>
    [Theory]
    [InlineData("02-528-4800 ต่อ 3408")]
    [InlineData("074 123 456")]
    [InlineData("+66 74 123 456")]
    [InlineData("081-234-5678")]
    [InlineData("12345")]
    [InlineData("01-234-5678")]
    [InlineData("081-234-567")]
    public void Client_phone_patterns_agree_with_the_server(string value)
    {
        Assert.Equal(ThaiRules.IsThaiPhone(value), Regex.IsMatch(value, "^(?:" + ThaiRules.ClientPhonePattern + ")$"));
        Assert.Equal(ThaiRules.IsThaiMobile(value),
            Regex.IsMatch(value, "^(?:" + ThaiRules.ClientMobilePattern + ")$"));
        Assert.Equal(ThaiRules.IsThaiFixedLine(value),
            Regex.IsMatch(value, "^(?:" + ThaiRules.ClientFixedLinePattern + ")$"));
    }

    [Theory]
    [InlineData("name@example.go.th", true)]
    [InlineData("a.b+c@sub.domain.th", true)]
    [InlineData("name.example.go.th", false)]
    [InlineData("name@localhost", false)]
    [InlineData("two@@example.com", false)]
    [InlineData("with space@example.com", false)]
    public void Email_addresses(string value, bool valid)
    {
        Assert.Equal(valid, ThaiRules.IsEmail(value));
        Assert.Equal(valid, Regex.IsMatch(value, "^(?:" + ThaiRules.ClientEmailPattern + ")$"));
    }

    [Theory]
    [InlineData("www.kohyo.go.th", true)]
    [InlineData("https://kohyo.go.th/page", true)]
    [InlineData("http://kohyo.go.th", true)]
    [InlineData("not a site", false)]
    [InlineData("ftp://kohyo.go.th", false)]
    [InlineData("kohyo", false)]
    public void Websites(string value, bool valid) => Assert.Equal(valid, ThaiRules.IsWebsite(value));

    [Theory]
    [InlineData("1.23", 2, true)]
    [InlineData("1.234", 2, false)]
    [InlineData("10", 0, true)]
    [InlineData("10.5", 0, false)]
    [InlineData("1.10", 2, true)]
    public void Decimal_places(string value, int decimals, bool valid) =>
        Assert.Equal(valid, ThaiRules.HasAtMostDecimals(
            decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), decimals));

    [Fact]
    public void Max_decimals_tells_the_browser_its_step()
    {
        Assert.Equal("0.01", new MaxDecimalsValidator<object>(2).ClientAttributes["step"]);
        Assert.Equal("1", new MaxDecimalsValidator<object>(0).ClientAttributes["step"]);
    }

    [Fact]
    public void Csv_lines_with_quotes_and_commas_are_read_whole()
    {
        Assert.Equal(["1.1", "mission", "ก, ข \"ค\"", ""], Csv.ParseLine("1.1,mission,\"ก, ข \"\"ค\"\"\","));
    }
}
