using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Reporting.Features;
using EPlanNacc.Modules.Reporting.Rendering;
using static EPlanNacc.UnitTests.Projects.ResultSamples;

namespace EPlanNacc.UnitTests.Reporting;

/// <summary>The round figures the reports show are those of the Projects contract's rule (RoundCount, tested in
/// tests/EPlanNacc.UnitTests/Projects/RoundCountTests.cs), and how a round reads in Thai.</summary>
public sealed class RoundFiguresTests
{
    [Fact]
    public void The_figures_are_the_round_count_of_the_projects_contract()
    {
        var plan = new[]
        {
            Project(10_000m, ProjectConformity.Conforming, Result(RoundReportCodes.Completed, 10_000m, 9_000m)),
            Project(20_000m, ProjectConformity.NonConforming, Result(RoundReportCodes.Completed, 20_000m, 20_000m)),
            Project(30_000m, r6: Result(RoundReportCodes.NotPossible, 0m, 0m, RoundReportCodes.Other)),
            Project(40_000m),
        };
        var f = RoundFigures.Of(plan, 6);
        var c = RoundCount.Of(plan, 6);
        Assert.Equal(
            (c.Round, c.ProjectCount, c.Budget, c.NeedReport, c.Reported, c.Completed, c.InProgress, c.NotPossible),
            (f.Round, f.ProjectCount, f.Budget, f.NeedReport, f.Reported, f.Completed, f.InProgress, f.NotPossible));
        Assert.Equal((c.OrdinanceBudget, c.BudgetSpent, c.Awaiting, c.NotRequired, c.State),
            (f.OrdinanceBudget, f.BudgetSpent, f.Awaiting, f.NotRequired, f.State));
        Assert.Equal(c.NotPossibleReasons, f.NotPossibleReasons);
        Assert.Equal((4, 3, 2, 1, 1), (f.ProjectCount, f.NeedReport, f.Reported, f.Awaiting, f.NotRequired));
        Assert.Equal("บางส่วน (2/3)", RoundTexts.State(f.State, f));
    }

    [Fact]
    public void A_project_state_and_reason_read_in_Thai()
    {
        Assert.Equal("รอการรายงานผล", RoundTexts.Status(ProjectRoundStates.Awaiting));
        Assert.Equal("ไม่ต้องรายงานผล", RoundTexts.Status(ProjectRoundStates.NotRequired));
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
    public void A_format_names_its_output(string? format, ReportOutput output) =>
        Assert.Equal(output, ReportOutputs.Parse(format));

    [Theory]
    [InlineData("docx")]
    [InlineData("xls")]
    [InlineData("pdf;")]
    public void Another_format_is_refused_in_Thai(string format)
    {
        var refused = Assert.Throws<RuleViolationException>(() => ReportOutputs.Parse(format));
        Assert.Equal(("format", "รูปแบบรายงาน (format) ต้องเป็น json, pdf หรือ xlsx"),
            (refused.Field, refused.Message));
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
