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
    public void A_report_button_is_enabled_only_for_a_project_that_needs_a_report_in_an_open_round(string conformity, string today, bool can, string? reason, string? shortReason) =>
        Assert.Equal(new ReportAvailability(can, reason, shortReason), RoundReportRules.Availability(conformity, Window, DateOnly.Parse(today)));

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
    public void Completed_at_6_months_stays_completed_at_12(int round, string status, string? round6, string? round12, bool allowed) =>
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
    public void Totals_count_each_status_and_what_awaits_a_report_among_projects_that_need_one()
    {
        ProjectDetails P(string conformity, decimal budget, RoundReportDetails? r6) => new(Guid.NewGuid(), "6900106", 2570, "p", [1], "project", "1", null,
            "e", budget == 0, budget, ["staff"], null, "o", null, conformity, new Dictionary<string, RoundReportDetails?> { ["6"] = r6, ["12"] = null }, 1);
        RoundReportDetails R(string status, decimal ordinance, decimal spent) => new(ordinance, spent, true, status, status == "not_possible" ? "no_budget" : null, null, null, DateTimeOffset.UnixEpoch);
        var projects = new[]
        {
            P("unset", 100m, R("completed", 100m, 90m)),
            P("conforming", 200m, R("in_progress", 150m, 10m)),
            P("unset", 0m, R("not_possible", 0m, 0m)),
            P("conforming", 50m, null),
            P("non_conforming", 70m, R("completed", 70m, 70m)),
        };
        var t = RoundTotals.Of(projects, 6);
        Assert.Equal((5, 4, 3, 1, 1, 1, 1, 1), (t.ProjectCount, t.NeedReport, t.Reported, t.Completed, t.InProgress, t.NotPossible, t.Awaiting, t.NonConforming));
        Assert.Equal((420m, 250m, 100m), (t.Budget, t.OrdinanceBudget, t.BudgetSpent));
        var t12 = RoundTotals.Of(projects, 12);
        Assert.Equal((0, 4, 0m), (t12.Reported, t12.Awaiting, t12.BudgetSpent));
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
        Assert.Equal(["no_budget", "policy_changed", "insufficient_staff", "other"], ProjectCodes.NotPossibleReasons.Codes);
        Assert.Equal("-", ProjectCodes.Statuses.Label(null));
        Assert.Equal([true, false, null, null], new[] { "conforming", "non_conforming", "unset", null }.Select(ProjectConformity.Conforms));
    }
}
