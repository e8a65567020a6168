using System.Globalization;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Spreadsheets;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.BuildingBlocks.Validation;
using EPlanNacc.Modules.Reporting.Features.Dashboard;
using EPlanNacc.Modules.Reporting.Features.Reports;
using EPlanNacc.Modules.Reporting.Rendering;
using Mediator;

namespace EPlanNacc.Host.Api.Reporting;

/// <summary>The summary and the four reports of docs/api.md. An LAO reads its own; staff name an LAO of their scope
/// with <c>?dlaCode=</c> (the province report names a province). Every report answers <c>format=json</c> (the
/// default), <c>pdf</c> or <c>xlsx</c>; numbers that cannot be read answer 400 with the field's Thai message.</summary>
public static class ReportingEndpoints
{
    public static void MapReportingEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/dashboard",
            async (string? fiscalYear, string? dlaCode, ISender sender, TimeProvider clock, CancellationToken ct) =>
                Results.Ok((await sender.Send(new GetDashboardQuery(Year(fiscalYear, clock), dlaCode), ct)).Summary))
            .WithTags("Summary").Produces<DashboardSummary>().ProducesValidationProblem().ProducesProblem(404)
            .WithName("getDashboard").WithSummary("ข้อมูลโดยสรุป / Read the summary")
            .WithDescription(
                "ข้อมูลโดยสรุป of a fiscal year (the current one when omitted): projects and budget (all " +
                         "projects), per dimension, and per round what was reported");

        var reports = api.MapGroup("/reports").WithTags("Reports");
        reports.MapGet("/performance", (string? fiscalYear, string? round, string? dlaCode, string? format,
            ISender sender, TimeProvider clock, CancellationToken ct) =>
                Answer(new GetPerformanceReportQuery(Year(fiscalYear, clock), Round(round), dlaCode),
                    format, sender, ct))
            .Produces<PerformanceReport>(200, Json, Pdf, Xlsx)
            .ProducesValidationProblem().ProducesProblem(404)
            .WithName("getPerformanceReport").WithSummary("รายงานผลการดำเนินงานตามแผน / Performance report")
            .WithDescription(
                "รายงานผลการดำเนินงานตามแผนฯ of round 6 or 12: per dimension projects, budgets, statuses " +
                         "and the implementation score (format=json|pdf|xlsx)");
        reports.MapGet("/status", (string? fiscalYear, string? dlaCode, string? format, ISender sender,
            TimeProvider clock, CancellationToken ct) =>
                Answer(new GetStatusReportQuery(Year(fiscalYear, clock), dlaCode), format, sender, ct))
            .Produces<StatusReport>(200, Json, Pdf, Xlsx)
            .ProducesValidationProblem().ProducesProblem(404)
            .WithName("getStatusReport").WithSummary("รายงานสถานะโครงการ / Status report")
            .WithDescription("รายงานสถานะโครงการ/กิจกรรม/มาตรการ ประจำปีงบประมาณ: every project's state at 6 and 12 " +
                         "months (format=json|pdf|xlsx)");
        reports.MapGet("/evaluation", (string? fiscalYear, string? dlaCode, string? format, ISender sender,
            TimeProvider clock, CancellationToken ct) =>
                Answer(new GetEvaluationReportQuery(Year(fiscalYear, clock), dlaCode), format, sender, ct))
            .Produces<EvaluationReport>(200, Json, Pdf, Xlsx)
            .ProducesValidationProblem().ProducesProblem(404)
            .WithName("getEvaluationReport").WithSummary("รายงานผลการประเมิน / Evaluation report")
            .WithDescription(
                "รายงานผลการประเมินแผนปฏิบัติการป้องกันการทุจริต: projects and budget by dimension with the " +
                         "scores the caller may see (format=json|pdf|xlsx)");
        reports.MapGet("/province", (string? provinceCode, string? fiscalYear, string? round, string? format,
            ISender sender, TimeProvider clock, CancellationToken ct) =>
                Answer(new GetProvinceReportQuery(provinceCode, Year(fiscalYear, clock), Round(round)),
                    format, sender, ct))
            .Produces<ProvinceReport>(200, Json, Pdf, Xlsx)
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404)
            .WithName("getProvinceReport").WithSummary("รายงานระดับจังหวัด / Province report")
            .WithDescription("รายงานผลการนำแผนไปปฏิบัติระดับจังหวัด of round 6 or 12 (staff): one row per LAO with " +
                         "district subtotals and the province total (format=json|pdf|xlsx)");
    }

    private const string Json = "application/json", Pdf = ReportOutputs.PdfContentType, Xlsx = XlsxWriter.ContentType;

    private static async Task<IResult> Answer<TReport>(IQuery<TReport> query, string? format, ISender sender,
        CancellationToken ct)
        where TReport : IReport
    {
        var output = ReportOutputs.Parse(format);
        if (output == ReportOutput.Json) return Results.Ok(await sender.Send(query, ct));
        var file = await sender.Send(new RenderReportQuery((IReportQuery)query, output), ct);
        return Results.File(file.Content, file.ContentType, file.FileName);
    }

    /// <summary>The fiscal year asked, or the current one (Bangkok) when none.</summary>
    internal static int Year(string? value, TimeProvider clock) =>
        string.IsNullOrWhiteSpace(value) ? FiscalYear.Of(ThaiFormat.TodayInBangkok(clock))
            : Number(value, "fiscalYear", CodeRules.FiscalYearMessage);

    internal static int Round(string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new RuleViolationException(
                $"กรุณาระบุรอบการรายงาน (round) {string.Join(" หรือ ", FiscalYear.Rounds)}", "round")
            : Number(value, "round", CodeRules.RoundMessage);

    private static int Number(string value, string field, string message) =>
        int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n : throw new RuleViolationException(message, field);
}
