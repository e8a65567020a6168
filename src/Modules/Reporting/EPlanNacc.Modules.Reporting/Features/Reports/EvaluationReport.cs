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
/// (3) รายงานผลการประเมินแผนปฏิบัติการป้องกันการทุจริต of one LAO for a fiscal year: per dimension the projects and
/// budget, the implementation score of both rounds with its band, and the assessment scores the caller may see (an
/// LAO its own and the offices' once published; staff all). <c>GET /api/v1/reports/evaluation</c>.
/// </summary>
[Allow(Caller.SignedIn)]
[Limited(Usage.Report)]
public sealed record GetEvaluationReportQuery(int FiscalYear, string? DlaCode = null) : IQuery<EvaluationReport>,
    IReportQuery, ILaoScoped;

/// <param name="MaxTotal">The sum of the maxima per dimension of the year.</param>
/// <param name="PassingTotal">The minimum passing total of the assessment scores that year.</param>
public sealed record EvaluationReport(
    int FiscalYear, string DlaCode, string LaoName, string ProvinceNameTh, string DistrictNameTh,
    DateTimeOffset? CalculatedAt, decimal PassingTotal, decimal MaxTotal, IReadOnlyList<EvaluationRow> Dimensions,
    EvaluationRow Total) : IReport
{
    public const string Title = "รายงานผลการประเมินแผนปฏิบัติการป้องกันการทุจริต";

    public ReportDocument ToDocument()
    {
        const string assessment = "คะแนนการประเมิน";
        var columns = new ReportColumn[]
        {
            new("มิติ") { WidthPercent = 24 }, new("จำนวนโครงการ", CellKind.Count),
            new("งบประมาณ (บาท)", CellKind.Amount),
            new("คะแนน", CellKind.Score, "ผลการนำแผนไปปฏิบัติ " + RoundTexts.RoundName(6)),
            new("ระดับ", CellKind.Band, "ผลการนำแผนไปปฏิบัติ " + RoundTexts.RoundName(6)),
            new("คะแนน", CellKind.Score, "ผลการนำแผนไปปฏิบัติ " + RoundTexts.RoundName(12)),
            new("ระดับ", CellKind.Band, "ผลการนำแผนไปปฏิบัติ " + RoundTexts.RoundName(12)),
            new("อปท. ประเมินตนเอง", CellKind.Score, assessment),
            new("ป.ป.ช. ประจำจังหวัด", CellKind.Score, assessment), new("ป.ป.ช. ส่วนกลาง", CellKind.Score, assessment),
            new("คะแนนเต็ม", CellKind.Score, assessment),
        };
        static ReportRow Row(EvaluationRow r, RowKind kind) => new(
        [
            r.Code is null ? r.NameTh : $"มิติที่ {r.Code} {r.NameTh}", r.ProjectCount, r.Budget,
            r.Implementation["6"].Score, r.Implementation["6"].Band, r.Implementation["12"].Score,
            r.Implementation["12"].Band, r.Assessments.Self, r.Assessments.Provincial,
            r.Assessments.Central, r.MaxScore,
        ], kind);
        var table = new ReportTable("ผลการประเมินตามมิติ",
            "จำนวนโครงการ งบประมาณ และผลการประเมิน จำแนกตามมิติ", columns,
            [.. Dimensions.Select(d => Row(d, RowKind.Normal)), Row(Total, RowKind.Total)]);
        return new ReportDocument(Title, ReportPlaces.Place(LaoName, DistrictNameTh, ProvinceNameTh),
            ThaiFormat.FiscalYear(FiscalYear), [table], $"evaluation-{DlaCode}-{FiscalYear}")
        {
            Landscape = true,
            Notes =
            [
                ReportNotes.Formula, ReportNotes.Bands(6), ReportNotes.Bands(12), ReportNotes.Calculated(CalculatedAt),
                $"คะแนนการประเมินผ่านเกณฑ์เมื่อคะแนนรวมไม่ต่ำกว่า {ThaiFormat.Number(PassingTotal, 2)} " +
                $"จาก {ThaiFormat.Number(MaxTotal, 2)} คะแนน · คะแนนของสำนักงาน ป.ป.ช. แสดงแก่ อปท. " +
                "เมื่อสำนักงานเผยแพร่แล้ว · \"-\" คือยังไม่ได้บันทึกหรือยังไม่เผยแพร่",
            ],
        };
    }
}

/// <param name="Code">The dimension, or null for the whole plan.</param>
/// <param name="Implementation">"6" and "12".</param>
/// <param name="MaxScore">The maximum assessment score of the dimension (or in total).</param>
public sealed record EvaluationRow(
    string? Code, string NameTh, int ProjectCount, decimal Budget,
    IReadOnlyDictionary<string, ScoreWithBand> Implementation, AssessmentScores Assessments, decimal? MaxScore);

public sealed record ScoreWithBand(decimal? Score, string? Band);

/// <summary>The scores of the three assessors (null: not entered, or not visible to the caller).</summary>
public sealed record AssessmentScores(decimal? Self, decimal? Provincial, decimal? Central);

public sealed class GetEvaluationReportValidator : AbstractValidator<GetEvaluationReportQuery>
{
    public GetEvaluationReportValidator()
    {
        RuleFor(x => x.FiscalYear).ValidFiscalYear();
        RuleFor(x => x.DlaCode).DlaCodeOrEmpty();
    }
}

public sealed class GetEvaluationReportHandler(ISender sender, ICurrentUser user)
    : IQueryHandler<GetEvaluationReportQuery, EvaluationReport>
{
    public async ValueTask<EvaluationReport> Handle(GetEvaluationReportQuery query, CancellationToken ct)
    {
        var plan = await LaoPlan.LoadAsync(sender, query.DlaCode, query.FiscalYear, ct);
        var (lao, projects) = (plan.Lao, plan.Projects);
        var assessments = await sender.Send(
            new GetAssessmentsQuery(plan.FiscalYear, [lao.DlaCode], OnlyVisibleToLao: user.Role == UserRole.Lao), ct);

        IReadOnlyDictionary<string, ScoreWithBand> Implementation(string? dimension) =>
            RoundReportCodes.Rounds.ToDictionary(
                r => r.ToString(System.Globalization.CultureInfo.InvariantCulture),
                r => new ScoreWithBand(plan.Score(r, dimension)?.Score, plan.Score(r, dimension)?.Band));

        decimal? Assessed(string assessor, string? dimension) =>
            assessments.Assessments.FirstOrDefault(a => a.Assessor == assessor) is not { } sheet ? null
            : dimension is null ? sheet.Total
            : sheet.ScoreByDimension.TryGetValue(dimension, out var score) ? score : null;

        AssessmentScores Assessments(string? dimension) =>
            new(Assessed(Assessors.Self, dimension), Assessed(Assessors.Provincial, dimension),
                Assessed(Assessors.Central, dimension));

        var rows = plan.Dimensions.Select(d =>
        {
            var inDimension = plan.In(d.Code);
            return new EvaluationRow(d.Code, d.NameTh, inDimension.Count, inDimension.Sum(p => p.Budget),
                Implementation(d.Code), Assessments(d.Code),
                assessments.MaxByDimension.TryGetValue(d.Code, out var max) ? max : null);
        }).ToList();
        var total = new EvaluationRow(null, "รวมทุกมิติ", projects.Count, projects.Sum(p => p.Budget),
            Implementation(null), Assessments(null), assessments.MaxTotal);
        return new EvaluationReport(plan.FiscalYear, lao.DlaCode, lao.NameTh, lao.ProvinceNameTh, lao.DistrictNameTh,
            plan.CalculatedAt, assessments.PassingTotal, assessments.MaxTotal, rows, total);
    }
}
