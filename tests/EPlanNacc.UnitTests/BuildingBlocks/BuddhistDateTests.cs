using EPlanNacc.BuildingBlocks.Thai;

namespace EPlanNacc.UnitTests.BuildingBlocks;

public sealed class BuddhistDateTests
{
    [Theory]
    [InlineData("30/04/2570", 2027, 4, 30)]
    [InlineData("1/3/2570", 2027, 3, 1)]
    [InlineData(" 01-10-2569 ", 2026, 10, 1)]
    [InlineData("29.02.2567", 2024, 2, 29)]
    [InlineData("31 / 12 / 2569", 2026, 12, 31)]
    public void A_day_typed_in_the_Buddhist_Era_is_read_as_the_Christian_Era_day(string typed, int year, int month,
        int day)
    {
        Assert.True(BuddhistDate.TryParse(typed, out var date, out var error));
        Assert.Equal((new DateOnly(year, month, day), null), (date, error));
    }

    [Theory]
    [InlineData("", BuddhistDate.FormatMessage)]
    [InlineData("2027-04-30", BuddhistDate.FormatMessage)]
    [InlineData("30 เม.ย. 2570", BuddhistDate.FormatMessage)]
    [InlineData("30/04/70", BuddhistDate.FormatMessage)]
    [InlineData("30/04/2027", BuddhistDate.YearMessage)]
    [InlineData("29/02/2570", BuddhistDate.NoSuchDayMessage)]
    [InlineData("31/04/2570", BuddhistDate.NoSuchDayMessage)]
    [InlineData("1/13/2570", BuddhistDate.NoSuchDayMessage)]
    [InlineData("0/1/2570", BuddhistDate.NoSuchDayMessage)]
    public void Anything_else_is_refused_with_a_Thai_message(string typed, string message)
    {
        Assert.False(BuddhistDate.TryParse(typed, out _, out var error));
        Assert.Equal(message, error);
    }

    [Fact]
    public void A_day_is_written_back_as_two_digit_day_and_month_and_the_Buddhist_year()
    {
        Assert.Equal("01/03/2570", BuddhistDate.Format(new DateOnly(2027, 3, 1)));
        Assert.Equal("31/12/2569", BuddhistDate.Format(new DateOnly(2026, 12, 31)));
        Assert.True(BuddhistDate.TryParse(BuddhistDate.Format(new DateOnly(2028, 2, 29)), out var back, out _));
        Assert.Equal(new DateOnly(2028, 2, 29), back);
    }
}
