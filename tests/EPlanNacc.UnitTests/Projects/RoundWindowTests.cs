using EPlanNacc.Modules.Projects.Contracts;

namespace EPlanNacc.UnitTests.Projects;

public sealed class RoundWindowTests
{
    private static readonly DateOnly Opens = new(2027, 4, 1);
    private static readonly DateOnly Deadline = new(2027, 4, 30);

    [Theory]
    [InlineData("2027-03-31", RoundPhase.NotYetOpen)]
    [InlineData("2027-04-01", RoundPhase.Open)]
    [InlineData("2027-04-30", RoundPhase.Open)]
    [InlineData("2027-05-01", RoundPhase.Closed)]
    public void A_round_is_open_from_its_opening_date_to_its_deadline_both_included(string today, RoundPhase phase) =>
        Assert.Equal(phase, new RoundWindow(2570, 6, Opens, Deadline).PhaseOn(DateOnly.Parse(today)));

    [Theory]
    [InlineData("2027-03-31", RoundPhase.NotYetOpen)]
    [InlineData("2027-04-30", RoundPhase.Open)]
    [InlineData("2027-05-01", RoundPhase.Extended)]
    [InlineData("2027-05-15", RoundPhase.Extended)]
    [InlineData("2027-05-16", RoundPhase.Closed)]
    public void An_extension_keeps_the_round_open_for_its_LAO_to_its_last_day(string today, RoundPhase phase)
    {
        var window = new RoundWindow(2570, 6, Opens, Deadline, new DateOnly(2027, 5, 15));
        Assert.Equal(phase, window.PhaseOn(DateOnly.Parse(today)));
        Assert.Equal(phase is RoundPhase.Open or RoundPhase.Extended, window.IsOpenOn(DateOnly.Parse(today)));
        Assert.Equal(new DateOnly(2027, 5, 15), window.LastDay);
    }

    [Fact]
    public void An_extension_ending_before_the_deadline_changes_nothing()
    {
        var window = new RoundWindow(2570, 6, Opens, Deadline, new DateOnly(2027, 4, 10));
        Assert.Equal(Deadline, window.LastDay);
        Assert.Equal(RoundPhase.Open, window.PhaseOn(new DateOnly(2027, 4, 20)));
        Assert.Equal(RoundPhase.Closed, window.PhaseOn(new DateOnly(2027, 5, 1)));
    }

    [Theory]
    [InlineData(2570, 6, "2027-04-01", "2027-04-30")]
    [InlineData(2570, 12, "2027-10-01", "2027-10-31")]
    [InlineData(2569, 6, "2026-04-01", "2026-04-30")]
    [InlineData(2569, 12, "2026-10-01", "2026-10-31")]
    public void The_domain_defaults_are_April_for_6_months_and_the_October_after_the_year_for_12(int year, int round,
        string opens, string deadline) =>
        Assert.Equal((DateOnly.Parse(opens), DateOnly.Parse(deadline)), RoundWindow.DefaultDates(year, round));

    [Fact]
    public void Only_rounds_6_and_12_exist() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RoundWindow.DefaultDates(2570, 9));

    [Fact]
    public void The_window_says_in_Thai_when_it_opens_until_when_or_since_when_it_is_closed()
    {
        var window = new RoundWindow(2570, 6, Opens, Deadline);
        Assert.Equal("รอบ 6 เดือน ยังไม่เปิดรับรายงาน (เปิดรับ 1 เม.ย. 2570 ถึง 30 เม.ย. 2570)",
            window.DescribeOn(new DateOnly(2026, 11, 25)));
        Assert.Equal("รอบ 6 เดือน เปิดรับรายงานถึง 30 เม.ย. 2570", window.DescribeOn(new DateOnly(2027, 4, 2)));
        Assert.Equal("รอบ 6 เดือน ปิดรับรายงานแล้ว (ครบกำหนด 30 เม.ย. 2570)",
            window.DescribeOn(new DateOnly(2027, 5, 2)));
        Assert.Equal("รอบ 6 เดือน ขยายเวลารับรายงานให้ อปท. นี้ถึง 7 พ.ค. 2570",
            (window with { ExtensionUntil = new DateOnly(2027, 5, 7) }).DescribeOn(new DateOnly(2027, 5, 2)));
    }

    [Fact]
    public void An_LAO_with_an_extension_reads_its_own_last_day_before_the_deadline_too()
    {
        var extended = new RoundWindow(2570, 6, Opens, Deadline, new DateOnly(2027, 5, 7));
        Assert.Equal("รอบ 6 เดือน ยังไม่เปิดรับรายงาน (เปิดรับ 1 เม.ย. 2570 ถึง 30 เม.ย. 2570 " +
                     "ขยายเวลาให้ อปท. นี้ถึง 7 พ.ค. 2570)", extended.DescribeOn(new DateOnly(2027, 3, 2)));
        Assert.Equal("รอบ 6 เดือน เปิดรับรายงานถึง 30 เม.ย. 2570 (ขยายเวลาให้ อปท. นี้ถึง 7 พ.ค. 2570)",
            extended.DescribeOn(new DateOnly(2027, 4, 30)));
        Assert.Equal("รอบ 6 เดือน ปิดรับรายงานแล้ว (ครบกำหนด 7 พ.ค. 2570)",
            extended.DescribeOn(new DateOnly(2027, 5, 8)));
        // an extension that ends before the deadline (the round was moved later since) changes nothing
        Assert.Equal("รอบ 6 เดือน เปิดรับรายงานถึง 30 เม.ย. 2570",
            (extended with { ExtensionUntil = new DateOnly(2027, 4, 20) }).DescribeOn(new DateOnly(2027, 4, 2)));
    }

    [Fact]
    public void The_calendar_gives_each_LAO_its_own_window()
    {
        var calendar = new RoundCalendar(2570,
            [new RoundPeriod(2570, 6, Opens, Deadline, false),
                new RoundPeriod(2570, 12, new(2027, 10, 1), new(2027, 10, 31), true)],
            [new RoundExtension(2570, 6, "6900106", new(2027, 5, 10), "อุทกภัย", DateTimeOffset.UnixEpoch, "admin")]);
        Assert.True(calendar.WindowFor(6, "6900106").IsOpenOn(new DateOnly(2027, 5, 5)));
        Assert.False(calendar.WindowFor(6, "6900202").IsOpenOn(new DateOnly(2027, 5, 5)));
        Assert.Null(calendar.WindowFor(12, "6900106").ExtensionUntil);
    }
}
