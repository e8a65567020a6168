using EPlanNacc.Modules.Reporting.Features.Completeness;

namespace EPlanNacc.UnitTests.Reporting;

/// <summary>How the completeness page counts a group of LAOs: each LAO in each column it has done, reported ones
/// split into on time and late, shares in per cent.</summary>
public sealed class CompletenessCountsTests
{
    private static LaoCompleteness Lao(string code, bool profile = true, string state = "complete", bool onTime = true,
        bool late = false, bool inExtension = false, DateOnly? extended = null, string? band = null) =>
        new(code, "อบต.", "9001", "เมืองสงขลา", profile, state != "no_plan", state, "", 1, state == "complete" ? 1 : 0,
            null, onTime && state is "complete" or "not_required", late, inExtension, extended, null, band);

    [Fact]
    public void Each_LAO_counts_once_in_each_column_it_has_done()
    {
        var counts = CompletenessCounts.Of(
        [
            Lao("1", band: "green"),
            Lao("2", state: "partial", onTime: false, band: "orange"),
            Lao("3", profile: false, state: "no_plan", onTime: false),
            Lao("4", onTime: false, late: true, band: "red"),
            Lao("5", inExtension: true, extended: new DateOnly(2027, 5, 15), band: "green"),
            Lao("6", state: "not_required"),
        ]);
        Assert.Equal(new CompletenessCounts(6, 5, 5, 4, 3, 1, 1, 1, 2, 1, 1), counts);
        Assert.Equal((2, 1, 2), (counts.NotReported, counts.NoPlan, counts.NoScore));
    }

    [Fact]
    public void Shares_are_per_cent_with_two_decimals_and_none_for_an_empty_group()
    {
        var counts = new CompletenessCounts(141, 3, 3, 2, 2, 0, 0, 0, 1, 1, 0);
        Assert.Equal(1.42m, counts.Percent(counts.RoundReported));
        Assert.Equal(2.13m, counts.Percent(counts.ProfileCompleted));
        Assert.Equal(100m, counts.Percent(141));
        Assert.Null(CompletenessCounts.Sum([]).Percent(0));
    }

    [Fact]
    public void Groups_add_up_column_by_column()
    {
        var a = new CompletenessCounts(141, 3, 3, 2, 2, 0, 0, 0, 1, 1, 0);
        var b = new CompletenessCounts(211, 2, 2, 2, 1, 1, 1, 1, 1, 0, 1);
        Assert.Equal(new CompletenessCounts(352, 5, 5, 4, 3, 1, 1, 1, 2, 1, 1), CompletenessCounts.Sum([a, b]));
    }

    [Theory]
    [InlineData(true, false, false, "ตรงเวลา")]
    [InlineData(true, false, true, "ตรงเวลา (ภายในเวลาที่ขยาย)")]
    [InlineData(false, true, false, "ล่าช้า")]
    [InlineData(false, false, false, null)]
    public void The_timing_reads_in_Thai(bool onTime, bool late, bool inExtension, string? text)
    {
        var lao = Lao("1", onTime: onTime, late: late, inExtension: inExtension);
        Assert.Equal(text, lao.TimingText);
        Assert.Equal(onTime || late, lao.RoundReported);
    }
}
