using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Projects.Features.Projects;
using EPlanNacc.Modules.Projects.Features.RoundReports;

namespace EPlanNacc.UnitTests.Projects;

public sealed class RoundReportRulesTests
{
    private static readonly RoundWindow Window = new(2570, 6, new(2027, 4, 1), new(2027, 4, 30));

    [Theory]
    [InlineData("unset", "2027-04-10", true, null, null)]
    [InlineData("conforming", "2027-04-10", true, null, null)]
    [InlineData("non_conforming", "2027-04-10", false, "ไม่ต้องรายงานผล (ไม่สอดคล้องกับมิติ)", "ไม่ต้องรายงาน")]
    [InlineData("conforming", "2027-03-01", false, "ยังไม่เปิดรับรายงาน (เปิด 1 เม.ย. 2570)", "ยังไม่เปิดรับ")]
    [InlineData("unset", "2027-05-01", false, "ปิดรับรายงานแล้ว (ครบกำหนด 30 เม.ย. 2570)", "ปิดรับแล้ว")]
    public void A_report_button_is_enabled_only_for_a_project_that_needs_a_report_in_an_open_round(string conformity,
        string today, bool can, string? reason, string? shortReason) =>
        Assert.Equal(new ReportAvailability(can, reason, shortReason),
            RoundReportRules.Availability(conformity, Window, DateOnly.Parse(today)));

    [Theory]
    [InlineData(12, "completed", "completed", null, true)]
    [InlineData(12, "in_progress", "completed", null, false)]
    [InlineData(12, "not_possible", "completed", null, false)]
    [InlineData(12, "in_progress", "in_progress", null, true)]
    [InlineData(12, "in_progress", null, null, true)]
    [InlineData(6, "completed", null, "in_progress", false)]
    [InlineData(6, "completed", null, "completed", true)]
    [InlineData(6, "in_progress", "completed", "completed", true)]
    [InlineData(6, "completed", null, null, true)]
    public void Completed_at_6_months_stays_completed_at_12(int round, string status, string? round6, string? round12,
        bool allowed) =>
        Assert.Equal(allowed, RoundReportRules.StatusRefusal(round, status, round6, round12) is null);

    [Fact]
    public void The_12_month_form_starts_from_the_6_month_report_and_locks_a_completed_status()
    {
        var r6 = new RoundReportDetails(100m, 50m, true, "completed", null, null, "ครบ", DateTimeOffset.UnixEpoch);
        var r12 = r6 with { BudgetSpent = 90m };
        Assert.Same(r6, RoundReportRules.Prefill(12, null, r6));
        Assert.Same(r12, RoundReportRules.Prefill(12, r12, r6));
        Assert.Null(RoundReportRules.Prefill(6, null, null));
        Assert.True(RoundReportRules.StatusLocked(12, "completed"));
        Assert.False(RoundReportRules.StatusLocked(12, "in_progress"));
        Assert.False(RoundReportRules.StatusLocked(6, "completed"));
    }

    [Fact]
    public void Codes_have_the_manuals_Thai_labels_in_the_forms_order()
    {
        Assert.Equal(["project", "activity", "measure", "guideline"], ProjectCodes.WorkTypes.Codes);
        Assert.Equal("แนวปฏิบัติงาน", ProjectCodes.WorkTypes.Label("guideline"));
        Assert.Equal("guideline", ProjectCodes.WorkTypes.Find(" แนวปฏิบัติงาน "));
        Assert.Equal("measure", ProjectCodes.WorkTypes.Find("MEASURE"));
        Assert.Null(ProjectCodes.WorkTypes.Find("งานเลี้ยง"));
        Assert.Equal(9, ProjectCodes.TargetGroups.Codes.Count());
        Assert.Equal(["no_budget", "policy_changed", "insufficient_staff", "other"],
            ProjectCodes.NotPossibleReasons.Codes);
        Assert.Equal("-", ProjectCodes.Statuses.Label(null));
        Assert.Equal([true, false, null, null],
            new[] { "conforming", "non_conforming", "unset", null }.Select(ProjectConformity.Conforms));
    }
}
