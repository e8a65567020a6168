using EPlanNacc.BuildingBlocks.Thai;
using Microsoft.Extensions.Time.Testing;

namespace EPlanNacc.UnitTests.BuildingBlocks;

public sealed class ThaiFormatTests
{
    [Fact]
    public void Dates_are_shown_in_the_Buddhist_Era_with_Thai_month_names()
    {
        Assert.Equal("25 พ.ย. 2569", ThaiFormat.ShortDate(new DateOnly(2026, 11, 25)));
        Assert.Equal("25 พฤศจิกายน 2569", ThaiFormat.LongDate(new DateOnly(2026, 11, 25)));
        Assert.Equal("1 ม.ค. 2570", ThaiFormat.ShortDate(new DateOnly(2027, 1, 1)));
        Assert.Equal("31 ธันวาคม 2569", ThaiFormat.LongDate(new DateOnly(2026, 12, 31)));
    }

    [Fact]
    public void A_moment_is_shown_in_Bangkok_time()
    {
        var utc = new DateTimeOffset(2026, 11, 25, 17, 30, 0, TimeSpan.Zero);
        Assert.Equal("26 พ.ย. 2569 00:30 น.", ThaiFormat.DateTime(utc));
    }

    [Fact]
    public void Today_is_the_date_in_Bangkok_not_in_UTC()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 9, 30, 18, 0, 0, TimeSpan.Zero));
        Assert.Equal(new DateOnly(2026, 10, 1), ThaiFormat.TodayInBangkok(clock));
    }

    [Theory]
    [InlineData("1234567", "1,234,567.00 บาท")]
    [InlineData("0", "0.00 บาท")]
    [InlineData("999999999999.99", "999,999,999,999.99 บาท")]
    [InlineData("50000.5", "50,000.50 บาท")]
    public void Amounts_are_shown_in_baht_with_two_decimals(string amount, string expected) =>
        Assert.Equal(expected,
            ThaiFormat.Baht(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Fiscal_years_are_named_as_users_expect() =>
        Assert.Equal("ปีงบประมาณ พ.ศ. 2570", ThaiFormat.FiscalYear(2570));

    [Fact]
    public void The_Thai_culture_formats_years_in_the_Buddhist_Era() =>
        Assert.Equal("2569", new DateTime(2026, 11, 25).ToString("yyyy", ThaiFormat.Culture));
}

public sealed class FiscalYearTests
{
    [Theory]
    [InlineData(2026, 11, 25, 2570)]
    [InlineData(2026, 10, 1, 2570)]
    [InlineData(2026, 9, 30, 2569)]
    [InlineData(2026, 1, 1, 2569)]
    [InlineData(2017, 10, 1, 2561)]
    public void A_date_falls_in_the_fiscal_year_that_ends_the_next_30_September(int y, int m, int d, int expected) =>
        Assert.Equal(expected, FiscalYear.Of(new DateOnly(y, m, d)));

    [Fact]
    public void Fiscal_year_2570_runs_from_1_October_2569_to_30_September_2570_BE()
    {
        // docs/api.md: 2569 = 1 Oct 2025 .. 30 Sep 2026 (CE)
        Assert.Equal(new DateOnly(2025, 10, 1), FiscalYear.StartOf(2569));
        Assert.Equal(new DateOnly(2026, 9, 30), FiscalYear.EndOf(2569));
        Assert.Equal(new DateOnly(2026, 10, 1), FiscalYear.StartOf(2570));
        Assert.Equal(new DateOnly(2027, 9, 30), FiscalYear.EndOf(2570));
    }

    [Theory]
    [InlineData(1, "2026-10-01", "2026-12-31")]
    [InlineData(2, "2027-01-01", "2027-03-31")]
    [InlineData(3, "2027-04-01", "2027-06-30")]
    [InlineData(4, "2027-07-01", "2027-09-30")]
    public void Quarters_of_fiscal_year_2570(int quarter, string start, string end)
    {
        var (s, e) = FiscalYear.Quarter(2570, quarter);
        Assert.Equal(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), s);
        Assert.Equal(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), e);
        Assert.Equal(quarter, FiscalYear.QuarterOf(s));
        Assert.Equal(quarter, FiscalYear.QuarterOf(e));
    }

    [Fact]
    public void Quarters_outside_1_to_4_are_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => FiscalYear.Quarter(2570, 5));

    [Fact]
    public void The_year_selector_runs_from_2561_to_next_year_newest_first()
    {
        var years = FiscalYear.Selectable(new DateOnly(2026, 11, 25));
        Assert.Equal(2571, years[0]);
        Assert.Equal(2561, years[^1]);
        Assert.Equal(11, years.Count);
        Assert.True(FiscalYear.IsValid(2570));
        Assert.False(FiscalYear.IsValid(2560));
        Assert.False(FiscalYear.IsValid(2026));
    }
}
