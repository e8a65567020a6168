using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Reporting.Features.Reminders;

namespace EPlanNacc.UnitTests.Reporting;

/// <summary>When the deadline reminders go: 14, 7, 3 and 1 days before an LAO's own last day, while its round is
/// open; the provincial offices' lists the day after the round's deadline.</summary>
public sealed class ReminderStepsTests
{
    private static readonly DateOnly Opens = new(2027, 4, 1);
    private static readonly DateOnly Deadline = new(2027, 4, 30);
    private static readonly RoundWindow Round = new(2570, 6, Opens, Deadline);

    private static DateOnly Day(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2027-04-15", null)]
    [InlineData("2027-04-16", "before-14")]
    [InlineData("2027-04-17", null)]
    [InlineData("2027-04-23", "before-7")]
    [InlineData("2027-04-27", "before-3")]
    [InlineData("2027-04-29", "before-1")]
    [InlineData("2027-04-30", null)]
    [InlineData("2027-05-01", null)]
    public void An_LAO_is_reminded_14_7_3_and_1_days_before_the_deadline(string today, string? step) =>
        Assert.Equal(step, ReminderSteps.DueFor(Round, Day(today)));

    [Theory]
    [InlineData("2027-04-16", null)]
    [InlineData("2027-04-29", null)]
    [InlineData("2027-04-26", "before-14")]
    [InlineData("2027-05-03", "before-7")]
    [InlineData("2027-05-07", "before-3")]
    [InlineData("2027-05-09", "before-1")]
    [InlineData("2027-05-10", null)]
    public void An_extension_moves_the_steps_to_the_LAOs_own_last_day(string today, string? step) =>
        Assert.Equal(step, ReminderSteps.DueFor(Round with { ExtensionUntil = new DateOnly(2027, 5, 10) }, Day(today)));

    [Fact]
    public void No_reminder_goes_before_the_round_opens()
    {
        var shortRound = new RoundWindow(2570, 6, new DateOnly(2027, 4, 25), Deadline);
        Assert.Null(ReminderSteps.DueFor(shortRound, Day("2027-04-16")));
        Assert.Null(ReminderSteps.DueFor(shortRound, Day("2027-04-23")));
        Assert.Equal("before-3", ReminderSteps.DueFor(shortRound, Day("2027-04-27")));
    }

    [Fact]
    public void The_provincial_lists_go_the_day_after_the_rounds_deadline()
    {
        var period = new RoundPeriod(2570, 6, Opens, Deadline, IsDefault: false);
        Assert.False(ReminderSteps.ListDueOn(period, Deadline));
        Assert.True(ReminderSteps.ListDueOn(period, Day("2027-05-01")));
        Assert.False(ReminderSteps.ListDueOn(period, Day("2027-05-02")));
    }

    [Fact]
    public void The_schedule_of_a_round_lists_its_days_in_order_and_leaves_out_those_before_it_opens()
    {
        var period = new RoundPeriod(2570, 6, new DateOnly(2027, 4, 20), Deadline, IsDefault: false);
        Assert.Equal(
            [("before-7", Day("2027-04-23")), ("before-3", Day("2027-04-27")), ("before-1", Day("2027-04-29")),
                ("after-deadline", Day("2027-05-01"))],
            ReminderSteps.Schedule(period));
    }

    [Fact]
    public void Steps_read_in_Thai()
    {
        Assert.Equal("14 วันก่อนครบกำหนด", ReminderSteps.Label("before-14"));
        Assert.Equal("ส่งโดยเจ้าหน้าที่ 16 เม.ย. 2570", ReminderSteps.Label(ReminderSteps.Manual(Day("2027-04-16"))));
        Assert.Equal("manual-2027-04-16", ReminderSteps.Manual(Day("2027-04-16")));
        Assert.StartsWith("รายชื่อถึงสำนักงานจังหวัด", ReminderSteps.Label(ReminderSteps.AfterDeadline));
        Assert.Equal("14, 7, 3 และ 1 วันก่อนครบกำหนดส่งรายงาน", ReminderSteps.DaysText);
    }

    [Fact]
    public void The_years_around_a_day_are_the_fiscal_year_and_its_neighbours() =>
        Assert.Equal([2570, 2571, 2572], ReminderSteps.YearsAround(Day("2027-10-15")));
}
