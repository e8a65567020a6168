using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Projects.Features.Rounds;

namespace EPlanNacc.UnitTests.Projects;

/// <summary>When a round was finished in time: the Bangkok day of the last first report against the deadline and
/// the LAO's own last day, both included.</summary>
public sealed class RoundProgressRulesTests
{
    private static readonly DateOnly Deadline = new(2027, 4, 30);
    private static readonly DateOnly Extended = new(2027, 5, 15);

    /// <summary>A moment given in Bangkok time (UTC+7).</summary>
    private static DateTimeOffset Bangkok(string moment) =>
        DateTimeOffset.Parse(moment + "+07:00", System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2027-04-30T23:59:59", ReportTiming.ByDeadline)]
    [InlineData("2027-05-01T00:00:00", ReportTiming.InExtension)]
    [InlineData("2027-05-15T23:59:59", ReportTiming.InExtension)]
    [InlineData("2027-05-16T00:00:00", ReportTiming.Late)]
    public void With_an_extension_the_LAO_is_on_time_to_its_last_day(string finishedAt, ReportTiming timing) =>
        Assert.Equal(timing, RoundProgressRules.Timing(Bangkok(finishedAt), Deadline, Extended));

    [Theory]
    [InlineData("2027-04-01T08:00:00", ReportTiming.ByDeadline)]
    [InlineData("2027-04-30T23:59:59", ReportTiming.ByDeadline)]
    [InlineData("2027-05-01T00:00:00", ReportTiming.Late)]
    public void Without_one_the_deadline_is_the_last_day(string finishedAt, ReportTiming timing) =>
        Assert.Equal(timing, RoundProgressRules.Timing(Bangkok(finishedAt), Deadline, Deadline));

    [Fact]
    public void The_day_is_Bangkok_s_not_UTC_s()
    {
        // 18:00 UTC on 30 April is already 1 May in Bangkok
        var moment = new DateTimeOffset(2027, 4, 30, 18, 0, 0, TimeSpan.Zero);
        Assert.Equal(ReportTiming.Late, RoundProgressRules.Timing(moment, Deadline, Deadline));
    }

    [Fact]
    public void Nothing_to_report_is_never_late() =>
        Assert.Equal(ReportTiming.ByDeadline, RoundProgressRules.Timing(null, Deadline, Deadline));

    [Theory]
    [InlineData(0, 0, 0, LaoRoundState.NoPlan)]
    [InlineData(2, 0, 0, LaoRoundState.NotRequired)]
    [InlineData(2, 2, 0, LaoRoundState.None)]
    [InlineData(2, 2, 1, LaoRoundState.Partial)]
    [InlineData(3, 2, 2, LaoRoundState.Complete)]
    public void A_row_of_progress_reads_its_state_as_the_round_count_does(int projects, int need, int reported,
        LaoRoundState state)
    {
        var row = new LaoRoundProgress("6900106", projects, need, reported, null, Deadline, false, false);
        Assert.Equal(state, row.State);
        Assert.Equal(state is LaoRoundState.Complete or LaoRoundState.NotRequired, row.Finished);
        Assert.Equal(need - reported, row.Awaiting);
    }

    [Fact]
    public void The_last_day_of_an_LAO_is_its_extension_when_it_ends_after_the_deadline()
    {
        var progress = new RoundProgress(2570, 6, new DateOnly(2027, 4, 1), Deadline, [],
            new Dictionary<string, DateOnly> { ["3500102"] = Extended, ["4500103"] = new(2027, 4, 20) });
        Assert.Equal(Extended, progress.LastDayOf("3500102"));
        Assert.Equal(Deadline, progress.LastDayOf("4500103"));
        Assert.Equal(Deadline, progress.LastDayOf("6900106"));
    }
}
