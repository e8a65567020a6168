using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.BuildingBlocks.Validation;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Projects.Features.Projects;
using EPlanNacc.Modules.Projects.Features.Rounds;
using FluentValidation;
using Mediator;

namespace EPlanNacc.Modules.Projects.Features.RoundReports;

/// <summary>What the report form of a project's round shows: the project, the round's window for its LAO today,
/// the values to start from (its report; for a first 12-month report, the 6-month one), whether the status is
/// fixed to completed, and, when the form is read-only, why. Same scope as reading the project.</summary>
[Allow(Caller.SignedIn)]
public sealed record GetRoundReportFormQuery(Guid ProjectId, int Round) : IQuery<RoundReportForm>, IProjectScoped;

/// <param name="ReadOnlyReason">Why the report cannot be saved now (null when it can).</param>
public sealed record RoundReportForm(
    ProjectDetails Project, string LaoName, int Round, RoundWindow Window, string WindowMessage,
    RoundReportDetails? Current, RoundReportDetails? Prefill, bool StatusLocked, string? ReadOnlyReason,
    string DimensionName, string? MissionName)
{
    public bool CanSave => ReadOnlyReason is null;
}

public sealed class GetRoundReportFormValidator : AbstractValidator<GetRoundReportFormQuery>
{
    public GetRoundReportFormValidator() => RuleFor(x => x.Round).ValidRound();
}

public sealed class GetRoundReportFormHandler(DbSession db, ICurrentUser user, ProjectRows rows, DimensionTrees trees,
    ISender sender, TimeProvider clock)
    : IQueryHandler<GetRoundReportFormQuery, RoundReportForm>
{
    public async ValueTask<RoundReportForm> Handle(GetRoundReportFormQuery query, CancellationToken ct)
    {
        var row = await rows.ReadAsync(query.ProjectId, includeDeleted: false, ct);
        var project = row.ToDetails();
        var lao = await sender.Send(new GetLaoQuery(row.DlaCode), ct);
        var calendar = await RoundCalendarStore.LoadAsync(db, row.FiscalYear, [row.DlaCode], ct);
        var window = calendar.WindowFor(query.Round, row.DlaCode);
        var today = ThaiFormat.TodayInBangkok(clock);
        var current = project.Round(query.Round);
        var availability = RoundReportRules.Availability(project.Conformity, window, today);
        var readOnly = user.Role != UserRole.Lao
            ? "เจ้าหน้าที่ดูรายงานได้อย่างเดียว การบันทึกรายงานผลเป็นของ อปท."
            : project.NeedsNoReport ? RoundReportRules.NonConformingMessage
            : availability.CanReport ? null
            : $"{window.DescribeOn(today)} จึงดูรายงานได้อย่างเดียว แก้ไขไม่ได้";
        var tree = await trees.ForYearAsync(row.FiscalYear, ct);
        return new RoundReportForm(project, lao?.NameTh ?? row.DlaCode, query.Round, window,
            window.DescribeOn(today), current,
            RoundReportRules.Prefill(query.Round, current, project.Round(6)),
            RoundReportRules.StatusLocked(query.Round, project.Round(6)?.Status),
            readOnly, tree?.NameOf(row.DimensionCode) ?? row.DimensionCode,
            row.MissionCode is null ? null : tree?.NameOf(row.MissionCode));
    }
}
