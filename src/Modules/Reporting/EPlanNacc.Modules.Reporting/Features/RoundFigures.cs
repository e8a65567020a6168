using EPlanNacc.Modules.Projects.Contracts;

namespace EPlanNacc.Modules.Reporting.Features;

/// <summary>
/// What a set of projects (a plan, one dimension of it, a province) reported in one round. How screening enters:
/// <see cref="ProjectCount"/> and <see cref="Budget"/> count every project, screened or not; everything about
/// reports counts only the projects that need one (conforming, or not yet screened): a non-conforming project needs
/// no report, so it is neither reported nor awaiting, and a report left on a project screened out later is not
/// counted (the same rule as the implementation score and the project list's round totals).
/// </summary>
public sealed record RoundFigures(
    int Round, int ProjectCount, decimal Budget, int NeedReport, int Reported, int Completed, int InProgress, int NotPossible,
    decimal OrdinanceBudget, decimal BudgetSpent, IReadOnlyDictionary<string, int> NotPossibleReasons)
{
    /// <summary>Projects that need a report and have none yet (รอการรายงานผล).</summary>
    public int Awaiting => NeedReport - Reported;

    /// <summary>Projects screened non-conforming (ไม่ต้องรายงานผล).</summary>
    public int NotRequired => ProjectCount - NeedReport;

    /// <summary>The reasons of "not possible" in the order of the form.</summary>
    public static readonly IReadOnlyList<string> Reasons =
        [RoundReportCodes.NoBudget, RoundReportCodes.PolicyChanged, RoundReportCodes.InsufficientStaff, RoundReportCodes.Other];

    public static RoundFigures Of(IEnumerable<ProjectResultItem> projects, int round)
    {
        var all = projects.ToList();
        var reports = all.Where(p => p.CountsAsConforming).Select(p => p.Round(round)).OfType<ProjectRoundResult>().ToList();
        int Count(string status) => reports.Count(r => r.Status == status);
        return new RoundFigures(round, all.Count, all.Sum(p => p.Budget), all.Count(p => p.CountsAsConforming), reports.Count,
            Count(RoundReportCodes.Completed), Count(RoundReportCodes.InProgress), Count(RoundReportCodes.NotPossible),
            reports.Sum(r => r.OrdinanceBudget), reports.Sum(r => r.BudgetSpent),
            Reasons.ToDictionary(reason => reason, reason => reports.Count(r => r.Status == RoundReportCodes.NotPossible && r.NotPossibleReason == reason)));
    }

    /// <summary>Whether an LAO reported the round: every project that needs a report has one (an LAO whose projects
    /// all need none has nothing to report; one without a plan has not reported).</summary>
    public LaoRoundState State => ProjectCount == 0 ? LaoRoundState.NoPlan
        : NeedReport == 0 ? LaoRoundState.NotRequired
        : Reported == NeedReport ? LaoRoundState.Complete
        : Reported > 0 ? LaoRoundState.Partial
        : LaoRoundState.None;
}

/// <summary>How far an LAO reported a round.</summary>
public enum LaoRoundState { NoPlan, NotRequired, None, Partial, Complete }

/// <summary>The Thai wording of round results, for the pages and the reports.</summary>
public static class RoundTexts
{
    public const string NotRequired = "ไม่ต้องรายงานผล";

    /// <summary>รอบ 6 เดือน / รอบ 12 เดือน</summary>
    public static string RoundName(int round) => RoundWindow.RoundNameOf(round);

    /// <summary>What a project's state in a round reads: its status, awaiting a report, or no report needed.</summary>
    public static string Status(string state) => state switch
    {
        ProjectRoundStates.Awaiting => ProjectLabels.AwaitingReport,
        ProjectRoundStates.NotRequired => NotRequired,
        _ => ProjectLabels.Statuses.Label(state),
    };

    public static string Reason(string? reason, string? other) =>
        reason is null ? "-" : reason == RoundReportCodes.Other && !string.IsNullOrWhiteSpace(other) ? $"{ProjectLabels.NotPossibleReasons.Label(reason)}: {other}"
            : ProjectLabels.NotPossibleReasons.Label(reason);

    public static string State(LaoRoundState state, RoundFigures figures) => state switch
    {
        LaoRoundState.NoPlan => "-",
        LaoRoundState.NotRequired => NotRequired,
        LaoRoundState.None => "ยังไม่รายงาน",
        LaoRoundState.Partial => $"บางส่วน ({figures.Reported}/{figures.NeedReport})",
        _ => "ครบ",
    };
}

/// <summary>The state of one project in one round: the status reported, or <c>awaiting</c> (needs a report, has
/// none), or <c>not_required</c> (screened non-conforming).</summary>
public static class ProjectRoundStates
{
    public const string Awaiting = "awaiting";
    public const string NotRequired = "not_required";

    public static string Of(ProjectResultItem project, int round) =>
        !project.CountsAsConforming ? NotRequired : project.Round(round)?.Status ?? Awaiting;
}
