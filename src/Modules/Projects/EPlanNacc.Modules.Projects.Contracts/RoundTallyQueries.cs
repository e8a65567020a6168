using EPlanNacc.BuildingBlocks.Security;
using Mediator;

namespace EPlanNacc.Modules.Projects.Contracts;

/// <summary>
/// What a round counts of each LAO's live projects of one fiscal year, per round and dimension, counted where the
/// projects live: one GROUP BY in the database for the whole nation (<see cref="DlaCodes"/> null) or the given LAOs,
/// reading the projects' covering index and their reports (some 61,000 rows for a national year instead of 300,000
/// projects). The counts follow <see cref="RoundCount"/>: <see cref="RoundTally.ProjectCount"/> and
/// <see cref="RoundTally.Budget"/> count every live project, the rest only the projects that need a report
/// (<see cref="RoundCount.NeedsReport"/>). A dimension without a live project has no row, nor has an LAO without one.
/// For other modules (Evaluation's scores, docs/adr/0036-scores-from-tallies.md): no caller scope applied.
/// </summary>
[Allow(Caller.Module)]
public sealed record ListRoundTalliesQuery(int FiscalYear, IReadOnlyList<string>? DlaCodes = null)
    : IQuery<IReadOnlyList<RoundTally>>;

/// <summary>One LAO's live projects of one dimension in one round (6 or 12).</summary>
/// <param name="NeedReport">Projects that need a report (conforming, or not yet screened).</param>
/// <param name="Completed">Of those, reported completed in this round.</param>
/// <param name="InProgress">Of those, reported in progress.</param>
/// <param name="NotPossible">Of those, reported not possible.</param>
public sealed record RoundTally(
    string DlaCode, int Round, string DimensionCode, int ProjectCount, decimal Budget, int NeedReport, int Completed,
    int InProgress, int NotPossible)
{
    /// <summary>Projects that need a report and have none in this round (รอการรายงานผล).</summary>
    public int Awaiting => NeedReport - Completed - InProgress - NotPossible;
}
