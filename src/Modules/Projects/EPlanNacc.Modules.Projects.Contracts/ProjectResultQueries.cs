using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Thai;
using Mediator;

namespace EPlanNacc.Modules.Projects.Contracts;

/// <summary>
/// Every live (not deleted) project of one fiscal year for a set of LAOs, with what was reported for it in the
/// 6- and 12-month rounds: one row per project, ordered by LAO, dimension and entry. One call answers for a whole
/// province (pass all its LAO codes; one SQL statement, no per-LAO round trip). For other modules (Evaluation,
/// Reporting): no caller scope is applied, the asking module applies its own.
/// An LAO without any row has recorded no plan that year.
/// </summary>
[Allow(Caller.Module)]
public sealed record ListProjectResultsQuery(int FiscalYear, IReadOnlyList<string> DlaCodes)
    : IQuery<IReadOnlyList<ProjectResultItem>>
{
    public ListProjectResultsQuery(int fiscalYear, string dlaCode) : this(fiscalYear, [dlaCode]) { }
}

/// <summary>One project and its round results.</summary>
/// <param name="WorkType"><c>project</c> | <c>activity</c> | <c>measure</c> | <c>guideline</c>.</param>
/// <param name="Budget">Planned budget in baht (0 when <paramref name="NoBudget"/>).</param>
/// <param name="Conformity"><c>unset</c> | <c>conforming</c> | <c>non_conforming</c>: an unset project counts as
/// conforming; a non-conforming one needs no report and is left out of scores.</param>
/// <param name="Round6">The 6-month report, null when not reported.</param>
/// <param name="Round12">The 12-month report, null when not reported.</param>
public sealed record ProjectResultItem(
    string DlaCode, Guid ProjectId, int FiscalYear, string Name, string DimensionCode, string? MissionCode,
    string WorkType, decimal Budget, bool NoBudget, string Conformity, ProjectRoundResult? Round6,
    ProjectRoundResult? Round12)
{
    /// <summary>Conforming or not yet screened: the project needs a report
    /// (<see cref="RoundCount.NeedsReport"/>).</summary>
    public bool CountsAsConforming => RoundCount.NeedsReport(Conformity);

    /// <summary>The report of round 6 or 12 (null when not reported).</summary>
    public ProjectRoundResult? Round(int round) => round switch
    {
        6 => Round6,
        12 => Round12,
        _ => throw new ArgumentOutOfRangeException(nameof(round), "round is 6 or 12"),
    };

    public bool IsReported(int round) => Round(round) is not null;

    /// <summary>What <see cref="RoundCount"/> counts of this project in round 6 or 12.</summary>
    public RoundEntry EntryIn(int round)
    {
        var report = Round(round);
        return new RoundEntry(Budget, Conformity, report?.Status, report?.OrdinanceBudget ?? 0m,
            report?.BudgetSpent ?? 0m, report?.NotPossibleReason);
    }
}

/// <summary>What an LAO reported for a project in one round.</summary>
/// <param name="Status"><c>in_progress</c> | <c>completed</c> | <c>not_possible</c>.</param>
/// <param name="NotPossibleReason"><c>no_budget</c> | <c>policy_changed</c> | <c>insufficient_staff</c> | <c>other</c>;
/// set exactly when the status is <c>not_possible</c>.</param>
/// <param name="NotPossibleReasonOther">The text of the reason <c>other</c>.</param>
/// <param name="ReportedAt">When the report was last saved (a correction moves it).</param>
/// <param name="FirstReportedAt">When it was first saved (for
/// on-time/late counts against the round's deadline).</param>
public sealed record ProjectRoundResult(
    string Status, decimal OrdinanceBudget, decimal BudgetSpent, bool InLocalOrdinance,
    string? NotPossibleReason, string? NotPossibleReasonOther, string? Remarks,
    DateTimeOffset ReportedAt, DateTimeOffset FirstReportedAt);

/// <summary>
/// The round calendar of one fiscal year: the 6- and 12-month rounds with their opening date and deadline (set by
/// NACC; the domain default when never set), and the per-LAO extensions granted (all of them, or only those of
/// <see cref="DlaCodes"/> when given). No caller scope applied. Use <see cref="RoundCalendar.WindowFor"/> or
/// <see cref="RoundWindow"/> to tell whether a round is open for an LAO on a day.
/// </summary>
[Allow(Caller.Module)]
public sealed record GetRoundCalendarQuery(int FiscalYear, IReadOnlyList<string>? DlaCodes = null)
    : IQuery<RoundCalendar>;

public sealed record RoundCalendar(int FiscalYear, IReadOnlyList<RoundPeriod> Rounds,
    IReadOnlyList<RoundExtension> Extensions)
{
    public RoundPeriod Round(int round) => Rounds.Single(r => r.Round == round);

    public RoundExtension? ExtensionFor(int round, string dlaCode) =>
        Extensions.FirstOrDefault(e => e.Round == round && e.DlaCode == dlaCode);

    /// <summary>The window of a round for one LAO: its dates and its extension, if any.</summary>
    public RoundWindow WindowFor(int round, string dlaCode)
    {
        var r = Round(round);
        return new RoundWindow(FiscalYear, round, r.OpensOn, r.Deadline, ExtensionFor(round, dlaCode)?.Until);
    }
}

/// <param name="IsDefault">True when NACC never set this round's dates: they are the domain default
/// (6-month: 1 to 30 April; 12-month: 1 to 31 October after the fiscal year ends).</param>
public sealed record RoundPeriod(int FiscalYear, int Round, DateOnly OpensOn, DateOnly Deadline, bool IsDefault);

/// <summary>A later deadline granted to one LAO for one round.</summary>
public sealed record RoundExtension(int FiscalYear, int Round, string DlaCode, DateOnly Until, string? Reason,
    DateTimeOffset GrantedAt, string GrantedBy);

/// <summary>
/// Published after every change that can move an LAO's results for a fiscal year: a project recorded, edited or
/// deleted, a round report saved, a screening, an import. One notification per LAO and fiscal year touched; nothing
/// is published when the change is refused. It is published inside the transaction of the change, before it commits:
/// what a handler writes through the same DbSession commits or rolls back with the change, and anything else (a job,
/// an email) must wait for the commit (DbSession.AfterCommit). The Evaluation module writes "recalculate this LAO and
/// year" as a pending row in that transaction and queues its drain after the commit; a sweep every minute drains what
/// a crash between the two left (docs/conventions.md 16).
/// </summary>
public sealed record ProjectResultsChangedNotification(string DlaCode, int FiscalYear) : INotification;

/// <summary>The codes of a project's screening (<see cref="ProjectResultItem.Conformity"/>).</summary>
public static class ProjectConformity
{
    public const string Unset = "unset";
    public const string Conforming = "conforming";
    public const string NonConforming = "non_conforming";

    /// <summary>The screening asked by a form's choice: true for
    /// conforming, false for not, null for anything else.</summary>
    public static bool? Conforms(string? code) => code switch
    {
        Conforming => true,
        NonConforming => false,
        _ => null,
    };
}

/// <summary>The codes of a round report's status and reasons.</summary>
public static class RoundReportCodes
{
    public const string InProgress = "in_progress";
    public const string Completed = "completed";
    public const string NotPossible = "not_possible";

    public const string NoBudget = "no_budget";
    public const string PolicyChanged = "policy_changed";
    public const string InsufficientStaff = "insufficient_staff";
    public const string Other = "other";

    public static readonly IReadOnlyList<int> Rounds = FiscalYear.Rounds;
}

/// <summary>The LAO that owns each of the given projects (deleted ones too; an unknown id is absent from the answer),
/// for the authorization step: a project is in the caller's scope when its LAO is.</summary>
[Allow(Caller.Module)]
public sealed record ListProjectOwnersQuery(IReadOnlyList<Guid> ProjectIds) : IQuery<IReadOnlyDictionary<Guid, string>>;
