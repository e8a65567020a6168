using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.BuildingBlocks.Validation;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts.Scope;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Reporting.Rendering;
using FluentValidation;
using Mediator;

namespace EPlanNacc.Modules.Reporting.Features.Reports;

/// <summary>
/// (2) รายงานสถานะโครงการ/กิจกรรม/มาตรการ ประจำปีงบประมาณ of one LAO: every project of the year with its state at 6
/// and 12 months (the status reported, awaiting a report, or no report needed) and the reason of "not possible";
/// with the count of each state per round. <c>GET /api/v1/reports/status</c>. Scope as the other LAO reports.
/// </summary>
[Allow(Caller.SignedIn)]
[Limited(Usage.Report)]
public sealed record GetStatusReportQuery(int FiscalYear, string? DlaCode = null) : IQuery<StatusReport>,
    IReportQuery, ILaoScoped;

/// <param name="Rounds">"6" and "12": how many projects are in each state.</param>
/// <param name="Projects">In the plan's order (dimension, then entry).</param>
public sealed record StatusReport(
    int FiscalYear, string DlaCode, string LaoName, string ProvinceNameTh, string DistrictNameTh,
    IReadOnlyDictionary<string, StatusCounts> Rounds, IReadOnlyList<ProjectStatusItem> Projects) : IReport
{
    public const string Title = "รายงานสถานะโครงการ/กิจกรรม/มาตรการ ประจำปีงบประมาณ";

    public ReportDocument ToDocument()
    {
        var states = new (string Label, Func<StatusCounts, int> Count)[]
        {
            (ProjectLabels.Statuses.Label(RoundReportCodes.Completed), c => c.Completed),
            (ProjectLabels.Statuses.Label(RoundReportCodes.InProgress), c => c.InProgress),
            (ProjectLabels.Statuses.Label(RoundReportCodes.NotPossible), c => c.NotPossible),
            (ProjectLabels.AwaitingReport, c => c.Awaiting),
            (RoundTexts.NotRequired + " (ไม่สอดคล้องกับมิติ)", c => c.NotRequired),
        };
        var summary = new ReportTable("สรุปสถานะ", "สรุปจำนวนโครงการตามสถานะ",
            [new("สถานะ"), new(RoundTexts.RoundName(6), CellKind.Count), new(RoundTexts.RoundName(12), CellKind.Count)],
            [
                .. states.Select(s => new ReportRow([s.Label, s.Count(Rounds["6"]), s.Count(Rounds["12"])])),
                new ReportRow(["รวม", Rounds["6"].Total, Rounds["12"].Total], RowKind.Total),
            ]);
        var number = 0;
        var detail = new ReportTable("รายโครงการ", "สถานะรายโครงการ",
            [
                new("ลำดับ", CellKind.Count), new("ชื่อโครงการ/กิจกรรม/มาตรการ") { WidthPercent = 28 },
                new("มิติ") { NoWrap = true }, new("ประเภท"), new("งบประมาณ (บาท)", CellKind.Amount),
                new("สถานะ", Group: RoundTexts.RoundName(6)), new("เหตุผล", Group: RoundTexts.RoundName(6)),
                new("สถานะ", Group: RoundTexts.RoundName(12)), new("เหตุผล", Group: RoundTexts.RoundName(12)),
            ],
            Projects.Select(p => new ReportRow(
            [
                ++number, p.Name, $"มิติที่ {p.DimensionCode}", ProjectLabels.WorkTypes.Label(p.WorkType),
                p.NoBudget ? "ไม่ใช้งบประมาณ" : p.Budget,
                RoundTexts.Status(p.Round6.State),
                RoundTexts.Reason(p.Round6.NotPossibleReason, p.Round6.NotPossibleReasonOther),
                RoundTexts.Status(p.Round12.State),
                RoundTexts.Reason(p.Round12.NotPossibleReason, p.Round12.NotPossibleReasonOther),
            ])).ToList())
        {
            EmptyText = $"ยังไม่มีโครงการใน{ThaiFormat.FiscalYear(FiscalYear)}",
        };
        return new ReportDocument(Title, ReportPlaces.Place(LaoName, DistrictNameTh, ProvinceNameTh),
            ThaiFormat.FiscalYear(FiscalYear), [summary, detail], $"status-{DlaCode}-{FiscalYear}")
        {
            Landscape = true,
            Notes =
            [
                "รอบ 6 เดือน: ผลการดำเนินงานตั้งแต่ 1 ตุลาคม ถึง 31 มีนาคม · รอบ 12 เดือน: " +
                "ผลการดำเนินงานทั้งปีงบประมาณ",
                $"{ProjectLabels.AwaitingReport}: โครงการที่ต้องรายงานผลแต่ยังไม่ได้รายงานในรอบนั้น " +
                $"· {RoundTexts.NotRequired}: โครงการที่สำนักงาน ป.ป.ช. คัดกรองว่าไม่สอดคล้องกับมิติ",
            ],
        };
    }
}

/// <summary>How many projects are in each state in one round.</summary>
public sealed record StatusCounts(int Completed, int InProgress, int NotPossible, int Awaiting, int NotRequired)
{
    public int Total => Completed + InProgress + NotPossible + Awaiting + NotRequired;

    public static StatusCounts Of(RoundFigures f) =>
        new(f.Completed, f.InProgress, f.NotPossible, f.Awaiting, f.NotRequired);
}

/// <param name="Round6">The state at 6 months.</param>
/// <param name="Round12">The state at 12 months.</param>
public sealed record ProjectStatusItem(
    Guid Id, string Name, string DimensionCode, string? MissionCode, string WorkType, decimal Budget, bool NoBudget,
    string Conformity, ProjectRoundStatus Round6, ProjectRoundStatus Round12);

/// <param name="State"><c>completed</c> | <c>in_progress</c> | <c>not_possible</c> | <c>awaiting</c> (needs a report,
/// has none) | <c>not_required</c> (screened non-conforming).</param>
public sealed record ProjectRoundStatus(
    string State, string? NotPossibleReason, string? NotPossibleReasonOther, decimal? OrdinanceBudget,
    decimal? BudgetSpent, DateTimeOffset? ReportedAt)
{
    public static ProjectRoundStatus Of(ProjectResultItem project, int round)
    {
        var state = ProjectRoundStates.Of(project, round);
        var report = state == ProjectRoundStates.NotRequired ? null : project.Round(round);
        return new ProjectRoundStatus(state, report?.NotPossibleReason, report?.NotPossibleReasonOther,
            report?.OrdinanceBudget, report?.BudgetSpent, report?.ReportedAt);
    }
}

public sealed class GetStatusReportValidator : AbstractValidator<GetStatusReportQuery>
{
    public GetStatusReportValidator()
    {
        RuleFor(x => x.FiscalYear).ValidFiscalYear();
        RuleFor(x => x.DlaCode).DlaCodeOrEmpty();
    }
}

public sealed class GetStatusReportHandler(ISender sender) : IQueryHandler<GetStatusReportQuery, StatusReport>
{
    public async ValueTask<StatusReport> Handle(GetStatusReportQuery query, CancellationToken ct)
    {
        var lao = await sender.Send(new GetLaoInScopeQuery(query.DlaCode), ct);
        var projects = await sender.Send(new ListProjectResultsQuery(query.FiscalYear, lao.DlaCode), ct);
        return new StatusReport(query.FiscalYear, lao.DlaCode, lao.NameTh, lao.ProvinceNameTh, lao.DistrictNameTh,
            RoundReportCodes.Rounds.ToDictionary(r => r.ToString(System.Globalization.CultureInfo.InvariantCulture),
                r => StatusCounts.Of(RoundFigures.Of(projects, r))),
            projects.Select(p => new ProjectStatusItem(p.ProjectId, p.Name, p.DimensionCode, p.MissionCode, p.WorkType,
                p.Budget, p.NoBudget, p.Conformity, ProjectRoundStatus.Of(p, 6),
                ProjectRoundStatus.Of(p, 12))).ToList());
    }
}
