using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Projects.Features.Projects;

namespace EPlanNacc.UnitTests.Projects;

/// <summary>What a closed round locks and what a material edit withdraws
/// (docs/adr/0008-scores-after-the-deadline.md).</summary>
public sealed class ProjectChangeRulesTests
{
    private static readonly RoundWindow Round6 = new(2570, 6, new(2027, 4, 1), new(2027, 4, 30));
    private static readonly RoundWindow Round12 = new(2570, 12, new(2027, 10, 1), new(2027, 10, 31));
    private static readonly DateOnly RecordedInMarch = new(2027, 3, 15);

    private static DeadlineLock? LockOn(string today, string conformity = ProjectConformity.Unset,
        DateOnly? recordedOn = null, RoundWindow? round6 = null) =>
        ProjectChangeRules.LockOf(
            conformity, recordedOn ?? RecordedInMarch, [round6 ?? Round6, Round12], DateOnly.Parse(today));

    [Theory]
    [InlineData("2027-04-30", null)]
    [InlineData("2027-05-01", 6)]
    [InlineData("2027-10-31", 6)]
    [InlineData("2027-11-01", 12)]
    public void A_project_is_locked_after_the_deadline_by_the_latest_closed_round(string today, int? round) =>
        Assert.Equal(round, LockOn(today)?.ClosedRound.Round);

    [Theory]
    [InlineData(ProjectConformity.Unset, true)]
    [InlineData(ProjectConformity.Conforming, true)]
    [InlineData(ProjectConformity.NonConforming, false)]
    public void Only_a_project_that_needs_a_report_is_locked(string conformity, bool locked) =>
        Assert.Equal(locked, LockOn("2027-05-01", conformity) is not null);

    [Theory]
    [InlineData("2027-04-30", true)]
    [InlineData("2027-05-01", false)]
    public void A_project_recorded_after_the_deadline_is_not_bound_by_that_round(string recordedOn, bool locked) =>
        Assert.Equal(locked, LockOn("2027-06-01", recordedOn: DateOnly.Parse(recordedOn)) is not null);

    [Fact]
    public void An_extension_moves_the_lock_to_the_day_after_it_and_binds_what_was_recorded_during_it()
    {
        var extended = Round6 with { ExtensionUntil = new DateOnly(2027, 5, 15) };
        Assert.Null(LockOn("2027-05-15", round6: extended));
        var locked = LockOn("2027-05-16", round6: extended, recordedOn: new DateOnly(2027, 5, 10));
        Assert.NotNull(locked);
        Assert.Equal("รอบ 6 เดือน ปีงบประมาณ พ.ศ. 2570 ปิดรับรายงานแล้ว " +
                     "(ขยายเวลาให้ อปท. นี้ถึง 15 พ.ค. 2570 จากกำหนดส่ง 30 เม.ย. 2570)", locked.RoundClosed);
    }

    [Fact]
    public void The_refusals_say_which_round_closed_when_and_who_can_still_act()
    {
        var locked = LockOn("2027-05-01")!;
        Assert.Equal("รอบ 6 เดือน ปีงบประมาณ พ.ศ. 2570 ปิดรับรายงานแล้ว (ครบกำหนด 30 เม.ย. 2570)", locked.RoundClosed);
        var delete = locked.DeleteRefused();
        Assert.Equal("ลบโครงการนี้ไม่ได้ เพราะรอบ 6 เดือน ปีงบประมาณ พ.ศ. 2570 ปิดรับรายงานแล้ว " +
                     "(ครบกำหนด 30 เม.ย. 2570)",
            delete.Message);
        Assert.Contains(delete.Details, d => d.Contains("สำนักงาน ป.ป.ช. ประจำจังหวัด"));
        Assert.StartsWith("ย้ายโครงการนี้ไปมิติอื่นหรือปีงบประมาณอื่นไม่ได้ เพราะรอบ 6 เดือน",
            locked.MoveRefused().Message);
        Assert.Contains(DeadlineLock.WhoCan, locked.Reason);
    }

    [Fact]
    public void The_day_a_project_was_recorded_is_its_day_in_Bangkok() =>
        Assert.Equal(new DateOnly(2027, 5, 1),
            ProjectChangeRules.DayInBangkok(new DateTimeOffset(2027, 4, 30, 17, 0, 0, TimeSpan.Zero)));

    [Theory]
    [InlineData("name", true)]
    [InlineData("dimensionCode", true)]
    [InlineData("workType", true)]
    [InlineData("budget", true)]
    [InlineData("essence", false)]
    [InlineData("objectives", false)]
    [InlineData("targetGroups", false)]
    [InlineData("targetGroupOther", false)]
    [InlineData("quarters", false)]
    [InlineData("remarks", false)]
    [InlineData("missionCode", false)]
    [InlineData("fiscalYear", false)]
    public void Only_an_edit_of_what_staff_judged_withdraws_a_screening(string field, bool withdraws)
    {
        ProjectFieldChange[] changes = [new(field, "x", "ก", "ข")];
        Assert.Equal(withdraws, ProjectChangeRules.WithdrawsScreening(ProjectConformity.Conforming, changes));
        Assert.Equal(withdraws, ProjectChangeRules.WithdrawsScreening(ProjectConformity.NonConforming, changes));
        Assert.False(ProjectChangeRules.WithdrawsScreening(ProjectConformity.Unset, changes));
    }

    [Fact]
    public void A_withdrawal_is_recorded_as_the_mark_and_its_reason_going_back_to_not_yet_screened()
    {
        var lines = ProjectChangeRules.Withdrawal(ProjectConformity.NonConforming, "เป็นงานประจำ");
        Assert.Equal(
            [
                new ProjectFieldChange("conformity", "ผลการคัดกรอง", "ไม่สอดคล้อง (ไม่ต้องรายงานผล)",
                    $"ยังไม่คัดกรอง ({ProjectChangeRules.WithdrawnNote})"),
                new ProjectFieldChange("conformityReason", "เหตุผลการคัดกรอง", "เป็นงานประจำ", null),
            ], lines);
        Assert.Single(ProjectChangeRules.Withdrawal(ProjectConformity.Conforming, null));
    }
}
