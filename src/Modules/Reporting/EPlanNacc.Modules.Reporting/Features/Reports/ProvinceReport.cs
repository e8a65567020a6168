using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.BuildingBlocks.Validation;
using EPlanNacc.Modules.Evaluation.Contracts;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts.Scope;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Reporting.Rendering;
using FluentValidation;
using Mediator;

namespace EPlanNacc.Modules.Reporting.Features.Reports;

/// <summary>
/// (4) รายงานผลการนำแผนไปปฏิบัติระดับจังหวัด for round 6 or 12: one row per LAO of the province (recorded a plan?
/// reported the round? projects, budget, disbursed, implementation score and band), a subtotal per district and the
/// province's total (mean score of the LAOs that have one, and how many LAOs fall in each band, from the Evaluation
/// module's roll-up). <c>GET /api/v1/reports/province</c>: staff only (an LAO gets 403), a provincial office its own
/// province (another answers 404; none named means its own), an admin any (and must name it).
/// </summary>
[Allow(Caller.Staff)]
[Limited(Usage.Report)]
public sealed record GetProvinceReportQuery(string? ProvinceCode, int FiscalYear, int Round) : IQuery<ProvinceReport>,
    IReportQuery, IProvinceScoped;

/// <param name="Districts">In the order of their codes, each with its LAOs (by name) and its subtotal.</param>
public sealed record ProvinceReport(
    int FiscalYear, int Round, string ProvinceCode, string ProvinceNameTh, DateTimeOffset? CalculatedAt,
    IReadOnlyList<DistrictSection> Districts, RollupRow Total) : IReport
{
    public const string Title = "รายงานผลการนำแผนไปปฏิบัติระดับจังหวัด";

    public ReportDocument ToDocument()
    {
        var round = RoundTexts.RoundName(Round);
        var perLao = new ReportTable("รายองค์กร", $"ผลการนำแผนไปปฏิบัติรายองค์กรปกครองส่วนท้องถิ่น {round}",
            [
                new("องค์กรปกครองส่วนท้องถิ่น") { WidthPercent = 26 }, new("รหัส"), new("บันทึกแผน") { NoWrap = true },
                new($"รายงานผล{round}") { NoWrap = true }, new("จำนวนโครงการ", CellKind.Count),
                new("งบประมาณตามแผน (บาท)", CellKind.Amount), new("การเบิกจ่าย (บาท)", CellKind.Amount),
                new("คะแนน", CellKind.Score, "ผลการนำแผนไปปฏิบัติ"), new("ระดับ", CellKind.Band, "ผลการนำแผนไปปฏิบัติ"),
            ],
            [
                .. Districts.SelectMany(d => d.Laos.Select(l => new ReportRow(
                    [
                        l.NameTh, l.DlaCode, l.PlanRecorded ? "บันทึกแล้ว" : "ยังไม่บันทึก", l.RoundText,
                        l.ProjectCount, l.Budget, l.BudgetSpent, l.Score, l.Band,
                    ]))
                    .Append(SubtotalRow($"รวมอำเภอ{d.NameTh} ({d.Total.LaoCount} แห่ง)", d.Total, RowKind.Subtotal))),
                SubtotalRow($"รวมจังหวัด{ProvinceNameTh} ({Total.LaoCount} แห่ง)", Total, RowKind.Total),
            ]);
        var byDistrict = new ReportTable("สรุปรายอำเภอ", $"สรุปผลการนำแผนไปปฏิบัติรายอำเภอ {round}",
            [
                new("อำเภอ"), new("อปท. (แห่ง)", CellKind.Count), new("บันทึกแผนแล้ว", CellKind.Count),
                new("รายงานผลครบ", CellKind.Count),
                new("จำนวนโครงการ", CellKind.Count), new("งบประมาณตามแผน (บาท)", CellKind.Amount),
                new("การเบิกจ่าย (บาท)", CellKind.Amount), new("คะแนนเฉลี่ย", CellKind.Score),
                new("ระดับ", CellKind.Band), new("เขียว", CellKind.Count, "จำนวน อปท. ตามระดับ"),
                new("ส้ม", CellKind.Count, "จำนวน อปท. ตามระดับ"), new("แดง", CellKind.Count, "จำนวน อปท. ตามระดับ"),
                new("ไม่มีคะแนน", CellKind.Count, "จำนวน อปท. ตามระดับ"),
            ],
            [
                .. Districts.Select(d => DistrictRow(d.Total, RowKind.Normal)),
                DistrictRow(Total, RowKind.Total),
            ]);
        return new ReportDocument(Title, $"จังหวัด{ProvinceNameTh}", $"{ThaiFormat.FiscalYear(FiscalYear)} {round}",
            [perLao, byDistrict], $"province-{ProvinceCode}-{FiscalYear}-r{Round}")
        {
            Landscape = true,
            Notes =
            [
                $"รายงานผลครบ: อปท. รายงานผล{round}ครบทุกโครงการที่ต้องรายงาน " +
                "(โครงการที่ไม่สอดคล้องกับมิติไม่ต้องรายงานผล) · แถวรวม: จำนวน อปท. " +
                "ที่บันทึกแผนแล้วและที่รายงานผลครบ คะแนนเป็นค่าเฉลี่ยของ อปท. ที่มีคะแนน และระดับของค่าเฉลี่ยนั้น",
                ReportNotes.Formula, ReportNotes.Bands(Round), ReportNotes.Calculated(CalculatedAt),
            ],
        };
    }

    private static ReportRow SubtotalRow(string label, RollupRow t, RowKind kind) =>
        new([label, null, t.PlanRecorded, t.RoundReported, t.ProjectCount, t.Budget, t.BudgetSpent, t.MeanScore,
            t.Band], kind);

    private static ReportRow DistrictRow(RollupRow t, RowKind kind) =>
        new([t.NameTh, t.LaoCount, t.PlanRecorded, t.RoundReported, t.ProjectCount, t.Budget, t.BudgetSpent,
            t.MeanScore, t.Band, t.Green, t.Orange, t.Red, t.NoScore], kind);
}

public sealed record DistrictSection(string Code, string NameTh, IReadOnlyList<LaoRoundRow> Laos, RollupRow Total);

/// <param name="RoundReport"><c>complete</c> (every project that needs a report has one) | <c>partial</c> | <c>none</c>
/// | <c>not_required</c> (every project screened non-conforming) | <c>no_plan</c>.</param>
/// <param name="RoundText">The same in Thai.</param>
/// <param name="BudgetSpent">Disbursed, as reported in the round for the projects that need a report.</param>
public sealed record LaoRoundRow(
    string DlaCode, string NameTh, bool PlanRecorded, string RoundReport, string RoundText, int ProjectCount,
    int NeedReport, int Reported, decimal Budget, decimal BudgetSpent, decimal? Score, string? Band);

/// <summary>A district's or the province's totals.</summary>
/// <param name="RoundReported">LAOs that reported every project that needs a report.</param>
/// <param name="MeanScore">The mean score of the LAOs that have
/// one; <paramref name="Band"/> is the band of that mean.</param>
public sealed record RollupRow(
    string? Code, string NameTh, int LaoCount, int PlanRecorded, int RoundReported, int ProjectCount, decimal Budget,
    decimal BudgetSpent, decimal? MeanScore, string? Band, int Green, int Orange, int Red, int NoScore);

public sealed class GetProvinceReportValidator : AbstractValidator<GetProvinceReportQuery>
{
    public GetProvinceReportValidator()
    {
        RuleFor(x => x.FiscalYear).ValidFiscalYear();
        RuleFor(x => x.Round).ValidRound();
        RuleFor(x => x.ProvinceCode).ProvinceCodeOrEmpty();
    }
}

public sealed class GetProvinceReportHandler(ISender sender) : IQueryHandler<GetProvinceReportQuery, ProvinceReport>
{
    public async ValueTask<ProvinceReport> Handle(GetProvinceReportQuery query, CancellationToken ct)
    {
        var province = await sender.Send(new GetProvinceInScopeQuery(query.ProvinceCode), ct);
        var (year, round) = (query.FiscalYear, query.Round);
        var laos = await sender.Send(new ListLaosQuery(province.Code), ct);
        var codes = laos.Select(l => l.DlaCode).ToList();
        // the round's figures per LAO as the Projects module keeps them: one row per LAO, no project read
        var counts = await sender.Send(new ListLaoRoundCountsQuery(year, round, codes), ct);
        // each LAO's total score of the round and the district means, in one read of the LAOs' total scores
        var rollup = await sender.Send(new GetScoreRollupQuery(year, round,
            [.. laos.Select(l => new RollupMember(l.DlaCode, l.DistrictCode, l.DistrictNameTh))]), ct);

        LaoRoundRow Row(LaoInfo lao)
        {
            var figures = counts.TryGetValue(lao.DlaCode, out var count)
                ? RoundFigures.Of(count) : RoundFigures.None(round);
            var score = rollup.Laos.GetValueOrDefault(lao.DlaCode);
            return new LaoRoundRow(lao.DlaCode, lao.NameTh, figures.ProjectCount > 0,
                RoundTexts.Code(figures.State), RoundTexts.State(figures.State, figures),
                figures.ProjectCount, figures.NeedReport, figures.Reported, figures.Budget, figures.BudgetSpent,
                score?.Score, score?.Band);
        }

        RollupRow Totals(string? code, string nameTh, IReadOnlyList<LaoRoundRow> rows, ScoreRollupRow? scored) => new(
            code, nameTh, rows.Count, rows.Count(r => r.PlanRecorded), rows.Count(r => r.RoundReport == "complete"),
            rows.Sum(r => r.ProjectCount),
            rows.Sum(r => r.Budget), rows.Sum(r => r.BudgetSpent), scored?.MeanScore,
            ScoreBands.Of(round, scored?.MeanScore), scored?.Green ?? 0, scored?.Orange ?? 0, scored?.Red ?? 0,
            scored?.NoScore ?? rows.Count);

        var districts = laos.GroupBy(l => (l.DistrictCode, l.DistrictNameTh)).Select(g =>
        {
            var rows = g.Select(Row).ToList();
            return new DistrictSection(g.Key.DistrictCode, g.Key.DistrictNameTh, rows,
                Totals(g.Key.DistrictCode, g.Key.DistrictNameTh, rows,
                    rollup.Rows.FirstOrDefault(r => r.Code == g.Key.DistrictCode)));
        }).ToList();
        var all = districts.SelectMany(d => d.Laos).ToList();
        return new ProvinceReport(year, round, province.Code, province.NameTh, rollup.CalculatedAt, districts,
            Totals(null, $"รวมจังหวัด{province.NameTh}", all, rollup.Total));
    }
}
