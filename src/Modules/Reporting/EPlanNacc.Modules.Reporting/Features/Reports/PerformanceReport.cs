using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.BuildingBlocks.Validation;
using EPlanNacc.Modules.Evaluation.Contracts;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Reporting.Rendering;
using FluentValidation;
using Mediator;

namespace EPlanNacc.Modules.Reporting.Features.Reports;

/// <summary>
/// (1) รายงานผลการดำเนินงานตามแผนฯ of one LAO for round 6 or 12: per dimension the projects, planned budget,
/// ordinance budget, disbursed, counts by status and the implementation score with its band; the reasons of "not
/// possible". <c>GET /api/v1/reports/performance</c>. An LAO reads its own; staff name an LAO of their scope.
/// </summary>
[Allow(Caller.SignedIn)]
[Limited(Usage.Report)]
public sealed record GetPerformanceReportQuery(int FiscalYear, int Round, string? DlaCode = null)
    : IQuery<PerformanceReport>, IReportQuery, ILaoScoped;

/// <param name="Dimensions">Every dimension of the year's taxonomy, in order.</param>
/// <param name="CalculatedAt">When the scores were calculated (null: never).</param>
public sealed record PerformanceReport(
    int FiscalYear, int Round, string DlaCode, string LaoName, string ProvinceNameTh, string DistrictNameTh,
    DateTimeOffset? CalculatedAt,
    IReadOnlyList<PerformanceRow> Dimensions, PerformanceRow Total,
    IReadOnlyDictionary<string, int> NotPossibleReasons) : IReport
{
    public const string Title = "รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต";

    public ReportDocument ToDocument()
    {
        var group = "สถานะการดำเนินงาน (โครงการ)";
        var columns = new ReportColumn[]
        {
            new("มิติ") { WidthPercent = 22 }, new("ทั้งหมด", CellKind.Count, "จำนวนโครงการ"),
            new("ต้องรายงานผล", CellKind.Count, "จำนวนโครงการ"),
            new("ตามแผน", CellKind.Amount, "งบประมาณ (บาท)"),
            new("ตามข้อบัญญัติ/เทศบัญญัติ", CellKind.Amount, "งบประมาณ (บาท)"),
            new("เบิกจ่าย", CellKind.Amount, "งบประมาณ (บาท)"), new("ดำเนินการแล้วเสร็จ", CellKind.Count, group),
            new("อยู่ระหว่างดำเนินการ", CellKind.Count, group), new("ไม่สามารถดำเนินการได้", CellKind.Count, group),
            new("รอการรายงานผล", CellKind.Count, group), new("คะแนน", CellKind.Score, "ผลการนำแผนไปปฏิบัติ"),
            new("ระดับ", CellKind.Band, "ผลการนำแผนไปปฏิบัติ"),
        };
        static ReportRow Row(PerformanceRow r, RowKind kind) => new(
        [
            r.Code is null ? r.NameTh : $"มิติที่ {r.Code} {r.NameTh}", r.ProjectCount, r.NeedReport, r.Budget,
            r.OrdinanceBudget, r.BudgetSpent, r.Completed, r.InProgress, r.NotPossible, r.Awaiting, r.Score, r.Band,
        ], kind);
        var byDimension = new ReportTable("ผลการดำเนินงานตามมิติ",
            $"ผลการดำเนินงานจำแนกตามมิติ {RoundTexts.RoundName(Round)}", columns,
            [.. Dimensions.Select(d => Row(d, RowKind.Normal)), Row(Total, RowKind.Total)]);
        var reasons = new ReportTable("เหตุผลที่ดำเนินการไม่ได้", "เหตุผลของโครงการที่ไม่สามารถดำเนินการได้",
            [new("เหตุผล"), new("จำนวนโครงการ", CellKind.Count)],
            [
                .. NotPossibleReasons.Select(r =>
                    new ReportRow([ProjectLabels.NotPossibleReasons.Label(r.Key), r.Value])),
                new ReportRow(["รวม", NotPossibleReasons.Values.Sum()], RowKind.Total),
            ]);
        return new ReportDocument(Title, ReportPlaces.Place(LaoName, DistrictNameTh, ProvinceNameTh),
            $"{ThaiFormat.FiscalYear(FiscalYear)} {RoundTexts.RoundName(Round)}", [byDimension, reasons],
            $"performance-{DlaCode}-{FiscalYear}-r{Round}")
        {
            Landscape = true,
            Notes = ReportNotes.Implementation(Round, CalculatedAt),
        };
    }
}

/// <param name="Code">The dimension, or null for the whole plan.</param>
/// <param name="NeedReport">Projects that need a report (all but the non-conforming).</param>
/// <param name="Awaiting">Projects that need a report and have none.</param>
/// <param name="Score">The implementation score 0-100 (null when no project counts or not yet calculated).</param>
public sealed record PerformanceRow(
    string? Code, string NameTh, int ProjectCount, int NeedReport, decimal Budget, decimal OrdinanceBudget,
    decimal BudgetSpent, int Completed, int InProgress, int NotPossible, int Awaiting, decimal? Score, string? Band)
{
    public static PerformanceRow Of(string? code, string nameTh, RoundFigures f, ImplementationScoreItem? score) =>
        new(code, nameTh, f.ProjectCount, f.NeedReport, f.Budget, f.OrdinanceBudget, f.BudgetSpent, f.Completed,
            f.InProgress, f.NotPossible, f.Awaiting, score?.Score, score?.Band);
}

public sealed class GetPerformanceReportValidator : AbstractValidator<GetPerformanceReportQuery>
{
    public GetPerformanceReportValidator()
    {
        RuleFor(x => x.FiscalYear).ValidFiscalYear();
        RuleFor(x => x.Round).ValidRound();
        RuleFor(x => x.DlaCode).DlaCodeOrEmpty();
    }
}

public sealed class GetPerformanceReportHandler(ISender sender)
    : IQueryHandler<GetPerformanceReportQuery, PerformanceReport>
{
    public async ValueTask<PerformanceReport> Handle(GetPerformanceReportQuery query, CancellationToken ct)
    {
        var plan = await LaoPlan.LoadAsync(sender, query.DlaCode, query.FiscalYear, ct);
        var round = query.Round;
        var rows = plan.Dimensions.Select(d => PerformanceRow.Of(d.Code, d.NameTh,
            RoundFigures.Of(plan.In(d.Code), round), plan.Score(round, d.Code))).ToList();
        var all = RoundFigures.Of(plan.Projects, round);
        var lao = plan.Lao;
        return new PerformanceReport(plan.FiscalYear, round, lao.DlaCode, lao.NameTh, lao.ProvinceNameTh,
            lao.DistrictNameTh, plan.CalculatedAt, rows,
            PerformanceRow.Of(null, "รวมทุกมิติ", all, plan.Score(round, null)), all.NotPossibleReasons);
    }
}

/// <summary>The notes printed under the reports' tables.</summary>
internal static class ReportNotes
{
    public static readonly string Formula = ImplementationScoreFormula.DescriptionTh;

    public static string Bands(int round) => $"ระดับ{RoundTexts.RoundName(round)}: {ScoreBands.DescribeTh(round)}";

    public static string Calculated(DateTimeOffset? at) =>
        at is { } time ? $"คะแนนคำนวณเมื่อ {ThaiFormat.DateTime(time)} " +
            "(ระบบคำนวณใหม่ภายในหนึ่งนาทีหลังการรายงานผลหรือการคัดกรอง)" : "ยังไม่มีคะแนนที่คำนวณได้ในปีงบประมาณนี้";

    public static IReadOnlyList<string> Implementation(int round, DateTimeOffset? calculatedAt) =>
        [Formula, Bands(round), Calculated(calculatedAt)];
}
