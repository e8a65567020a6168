namespace EPlanNacc.Modules.Projects.Contracts;

/// <summary>
/// The one rule of what a reporting round counts of a set of projects (a plan, one dimension of it, a province):
/// the project list's round totals (Projects), the summary and the reports (Reporting) and the implementation score
/// (Evaluation, from the tallies of <see cref="ListRoundTalliesQuery"/>, whose GROUP BY is held to this rule by
/// tests/EPlanNacc.IntegrationTests/Evaluation/RoundTallyTests.cs). <see cref="ProjectCount"/> and
/// <see cref="Budget"/> count every project, screened or not; everything about reports counts only the projects
/// that need one (<see cref="NeedsReport"/>: conforming, or not yet screened). A non-conforming project needs no
/// report, so it is neither reported nor awaiting, and a report left on a project screened out later is not
/// counted.
/// </summary>
/// <param name="NeedReport">Projects that need a report (what the score divides by).</param>
/// <param name="Reported">Projects that need a report and have one, in any status.</param>
/// <param name="NotPossibleReasons">Of the reports "not possible", how many give each reason: every code of
/// <see cref="ProjectLabels.NotPossibleReasons"/>, in the form's order.</param>
public sealed record RoundCount(
    int Round, int ProjectCount, decimal Budget, int NeedReport, int Reported, int Completed, int InProgress,
    int NotPossible, decimal OrdinanceBudget, decimal BudgetSpent, IReadOnlyDictionary<string, int> NotPossibleReasons)
{
    /// <summary>Projects that need a report and have none yet (รอการรายงานผล); they score 0.</summary>
    public int Awaiting => NeedReport - Reported;

    /// <summary>Projects screened non-conforming (ไม่ต้องรายงานผล).</summary>
    public int NotRequired => ProjectCount - NeedReport;

    /// <summary>Whether a project needs a round report: every project but one screened non-conforming (a project
    /// not yet screened is treated as conforming).</summary>
    public static bool NeedsReport(string conformity) => conformity != ProjectConformity.NonConforming;

    public static RoundCount Of(IEnumerable<ProjectResultItem> projects, int round) =>
        Of(round, projects.Select(p => p.EntryIn(round)));

    public static RoundCount Of(int round, IEnumerable<RoundEntry> projects)
    {
        var all = projects.ToList();
        var needing = all.Where(p => NeedsReport(p.Conformity)).ToList();
        var reports = needing.Where(p => p.Status is not null).ToList();
        int Count(string status) => reports.Count(r => r.Status == status);
        var reasons = new OrderedDictionary<string, int>();
        foreach (var reason in ProjectLabels.NotPossibleReasons.Codes)
            reasons[reason] = reports.Count(r => r.Status == RoundReportCodes.NotPossible
                                                 && r.NotPossibleReason == reason);
        return new RoundCount(round, all.Count, all.Sum(p => p.Budget), needing.Count, reports.Count,
            Count(RoundReportCodes.Completed), Count(RoundReportCodes.InProgress), Count(RoundReportCodes.NotPossible),
            reports.Sum(r => r.OrdinanceBudget), reports.Sum(r => r.BudgetSpent), reasons);
    }

    /// <summary>Whether an LAO reported the round: every project that needs a report has one (an LAO whose projects
    /// all need none has nothing to report; one without a plan has not reported).</summary>
    public LaoRoundState State => StateOf(ProjectCount, NeedReport, Reported);

    /// <summary>The rule of <see cref="State"/>, from the three counts (also of
    /// <see cref="LaoRoundProgress"/>).</summary>
    public static LaoRoundState StateOf(int projectCount, int needReport, int reported) =>
        projectCount == 0 ? LaoRoundState.NoPlan
        : needReport == 0 ? LaoRoundState.NotRequired
        : reported == needReport ? LaoRoundState.Complete
        : reported > 0 ? LaoRoundState.Partial
        : LaoRoundState.None;
}

/// <summary>What the count of a round reads of one project: its planned budget, its screening and what was
/// reported for it in that round (<see cref="Status"/> null: not reported).</summary>
public readonly record struct RoundEntry(
    decimal Budget, string Conformity, string? Status, decimal OrdinanceBudget, decimal BudgetSpent,
    string? NotPossibleReason);

/// <summary>How far an LAO reported a round.</summary>
public enum LaoRoundState { NoPlan, NotRequired, None, Partial, Complete }

/// <summary>The state of one project in one round: the status reported, or <c>awaiting</c> (needs a report, has
/// none), or <c>not_required</c> (screened non-conforming).</summary>
public static class ProjectRoundStates
{
    public const string Awaiting = "awaiting";
    public const string NotRequired = "not_required";

    public static string Of(RoundEntry project) =>
        !RoundCount.NeedsReport(project.Conformity) ? NotRequired : project.Status ?? Awaiting;

    public static string Of(ProjectResultItem project, int round) => Of(project.EntryIn(round));
}
