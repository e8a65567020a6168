using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Reporting.Features;
using EPlanNacc.Modules.Reporting.Rendering;

namespace EPlanNacc.UnitTests.Reporting;

/// <summary>How screening enters the round figures, how an LAO's round reads, and the report formats.</summary>
public sealed class RoundFiguresTests
{
    private static readonly DateTimeOffset At = new(2026, 4, 10, 3, 0, 0, TimeSpan.Zero);

    private static ProjectRoundResult Result(string status, decimal ordinance = 1_000m, decimal spent = 500m, string? reason = null) =>
        new(status, ordinance, spent, true, reason, reason == RoundReportCodes.Other ? "อื่น ๆ" : null, null, At, At);

    private static ProjectResultItem Project(decimal budget, string conformity = ProjectConformity.Unset, ProjectRoundResult? r6 = null, ProjectRoundResult? r12 = null) =>
        new("6900106", Guid.NewGuid(), 2570, "โครงการ", "1", null, "project", budget, budget == 0, conformity, r6, r12);

    [Fact]
    public void An_empty_plan_has_no_figures_and_no_plan()
    {
        var f = RoundFigures.Of([], 6);
        Assert.Equal((0, 0m, 0, 0, 0, 0m), (f.ProjectCount, f.Budget, f.NeedReport, f.Reported, f.Awaiting, f.BudgetSpent));
        Assert.Equal([0, 0, 0, 0], f.NotPossibleReasons.Values);
        Assert.Equal(LaoRoundState.NoPlan, f.State);
    }

    [Fact]
    public void A_non_conforming_project_counts_in_the_plan_but_needs_no_report_and_its_old_report_is_not_counted()
    {
        var f = RoundFigures.Of(
        [
            Project(10_000m, ProjectConformity.Conforming, Result(RoundReportCodes.Completed, 10_000m, 9_000m)),
            Project(20_000m, ProjectConformity.NonConforming, Result(RoundReportCodes.Completed, 20_000m, 20_000m)),
            Project(30_000m),
        ], 6);
        Assert.Equal((3, 60_000m, 2, 1, 1, 1), (f.ProjectCount, f.Budget, f.NeedReport, f.Reported, f.Awaiting, f.NotRequired));
        Assert.Equal((1, 10_000m, 9_000m), (f.Completed, f.OrdinanceBudget, f.BudgetSpent));
        Assert.Equal(LaoRoundState.Partial, f.State);
        Assert.Equal("บางส่วน (1/2)", RoundTexts.State(f.State, f));
    }

    [Fact]
    public void Statuses_and_reasons_are_counted_per_round()
    {
        var plan = new[]
        {
            Project(1m, r6: Result(RoundReportCodes.NotPossible, reason: RoundReportCodes.NoBudget), r12: Result(RoundReportCodes.InProgress)),
            Project(1m, r6: Result(RoundReportCodes.NotPossible, reason: RoundReportCodes.Other)),
            Project(1m, r6: Result(RoundReportCodes.InProgress)),
        };
        var r6 = RoundFigures.Of(plan, 6);
        Assert.Equal((3, 0, 1, 2, LaoRoundState.Complete), (r6.Reported, r6.Completed, r6.InProgress, r6.NotPossible, r6.State));
        Assert.Equal([1, 0, 0, 1], RoundFigures.Reasons.Select(r => r6.NotPossibleReasons[r]));
        var r12 = RoundFigures.Of(plan, 12);
        Assert.Equal((1, 1, 2, LaoRoundState.Partial), (r12.Reported, r12.InProgress, r12.Awaiting, r12.State));
    }

    [Fact]
    public void A_plan_screened_out_entirely_has_nothing_to_report_and_an_unreported_one_nothing_reported()
    {
        Assert.Equal(LaoRoundState.NotRequired, RoundFigures.Of([Project(1m, ProjectConformity.NonConforming)], 12).State);
        Assert.Equal(LaoRoundState.None, RoundFigures.Of([Project(1m), Project(2m)], 12).State);
    }

    [Fact]
    public void A_project_reads_its_state_in_a_round()
    {
        Assert.Equal(ProjectRoundStates.NotRequired, ProjectRoundStates.Of(Project(1m, ProjectConformity.NonConforming, Result(RoundReportCodes.Completed)), 6));
        Assert.Equal(ProjectRoundStates.Awaiting, ProjectRoundStates.Of(Project(1m), 6));
        Assert.Equal(RoundReportCodes.Completed, ProjectRoundStates.Of(Project(1m, r6: Result(RoundReportCodes.Completed)), 6));
        Assert.Equal("รอการรายงานผล", RoundTexts.Status(ProjectRoundStates.Awaiting));
        Assert.Equal("ไม่สามารถดำเนินการได้", RoundTexts.Status(RoundReportCodes.NotPossible));
        Assert.Equal("อื่นๆ: น้ำท่วม", RoundTexts.Reason(RoundReportCodes.Other, "น้ำท่วม"));
        Assert.Equal("-", RoundTexts.Reason(null, null));
    }
}

public sealed class ReportFormatTests
{
    [Theory]
    [InlineData(null, ReportOutput.Json)]
    [InlineData("", ReportOutput.Json)]
    [InlineData("json", ReportOutput.Json)]
    [InlineData("PDF", ReportOutput.Pdf)]
    [InlineData(" xlsx ", ReportOutput.Xlsx)]
    public void A_format_names_its_output(string? format, ReportOutput output) => Assert.Equal(output, ReportOutputs.Parse(format));

    [Theory]
    [InlineData("docx")]
    [InlineData("xls")]
    [InlineData("pdf;")]
    public void Another_format_is_refused_in_Thai(string format)
    {
        var refused = Assert.Throws<RuleViolationException>(() => ReportOutputs.Parse(format));
        Assert.Equal(("format", "รูปแบบรายงาน (format) ต้องเป็น json, pdf หรือ xlsx"), (refused.Field, refused.Message));
    }

    [Fact]
    public void Cells_read_by_their_column_and_a_text_or_count_reads_as_itself_in_any_column()
    {
        Assert.Equal("1,234,567.50", ReportFormat.Cell(1_234_567.5m, CellKind.Amount));
        Assert.Equal("87.50", ReportFormat.Cell(87.5m, CellKind.Score));
        Assert.Equal("1,234", ReportFormat.Cell(1234, CellKind.Count));
        Assert.Equal("ส้ม", ReportFormat.Cell("orange", CellKind.Band));
        Assert.Equal("-", ReportFormat.Cell(null, CellKind.Amount));
        Assert.Equal("ไม่ใช้งบประมาณ", ReportFormat.Cell("ไม่ใช้งบประมาณ", CellKind.Amount));
        Assert.Equal("12", ReportFormat.Cell(12, CellKind.Text));
        Assert.Equal("ใช่", ReportFormat.Cell(true, CellKind.Count));
    }
}
