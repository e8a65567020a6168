using EPlanNacc.BuildingBlocks.Security;
using Mediator;

namespace EPlanNacc.Modules.Projects.Contracts;

/// <summary>
/// How far each LAO got with one round of a fiscal year, counted where the projects live: one SQL statement for the
/// whole nation or for the given LAOs (never one query per LAO), for the staff's completeness figures and the
/// reminders. Counts follow <see cref="RoundCount"/> (a project not yet screened needs a report; a non-conforming one
/// does not). An LAO with no live project that year has no row: it has recorded no plan. No caller scope applied.
/// </summary>
/// <param name="DlaCodes">The LAOs to answer for; null for every LAO that has a project that year.</param>
/// <param name="WithUnreportedNames">Also name each LAO's projects still to report
/// (<see cref="LaoRoundProgress.Unreported"/>), as the reminders say them; without it the statement reads the index
/// alone.</param>
[Allow(Caller.Module)]
public sealed record ListRoundProgressQuery(int FiscalYear, int Round, IReadOnlyList<string>? DlaCodes = null,
    bool WithUnreportedNames = false) : IQuery<RoundProgress>;

/// <param name="Deadline">The round's deadline for every LAO without an extension.</param>
/// <param name="Extensions">The last day of each LAO that staff granted an extension of this round (of the LAOs
/// asked for).</param>
public sealed record RoundProgress(int FiscalYear, int Round, DateOnly OpensOn, DateOnly Deadline,
    IReadOnlyList<LaoRoundProgress> Laos, IReadOnlyDictionary<string, DateOnly> Extensions)
{
    /// <summary>The last day this LAO may report the round: its extension, else the round's deadline.</summary>
    public DateOnly LastDayOf(string dlaCode) =>
        Extensions.TryGetValue(dlaCode, out var until) && until > Deadline ? until : Deadline;
}

/// <summary>One LAO's round: its projects of the year, those that need a report and those reported.</summary>
/// <param name="FinishedAt">When the LAO finished the round: the latest first report (<c>first_reported_at</c>; a
/// correction does not move it) of the projects that need one, once all have one; null until then, and when no
/// project needs a report.</param>
/// <param name="LastDay">The last day the LAO may report the round (its extension, else the deadline).</param>
/// <param name="OnTime">Finished, and on or before <paramref name="LastDay"/> (Bangkok time).</param>
/// <param name="InExtension">Finished on time thanks to an extension: after the round's deadline, on or before the
/// LAO's extended last day.</param>
public sealed record LaoRoundProgress(string DlaCode, int ProjectCount, int NeedReport, int Reported,
    DateTimeOffset? FinishedAt, DateOnly LastDay, bool OnTime, bool InExtension)
{
    /// <summary>Projects that need a report and have none yet.</summary>
    public int Awaiting => NeedReport - Reported;

    /// <summary>The names of the <see cref="Awaiting"/> projects, by dimension and entry, when the query asked for
    /// them (<see cref="ListRoundProgressQuery.WithUnreportedNames"/>); empty otherwise.</summary>
    public IReadOnlyList<string> Unreported { get; init; } = [];

    public LaoRoundState State => RoundCount.StateOf(ProjectCount, NeedReport, Reported);

    /// <summary>Nothing left to report: every project that needs a report has one (also when every project was
    /// screened non-conforming).</summary>
    public bool Finished => State is LaoRoundState.Complete or LaoRoundState.NotRequired;

    /// <summary>Finished after its last day (possible only when the deadline was moved earlier or the extension
    /// withdrawn after the reports).</summary>
    public bool Late => Finished && !OnTime;
}
