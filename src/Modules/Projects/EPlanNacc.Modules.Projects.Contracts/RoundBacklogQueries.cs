using EPlanNacc.BuildingBlocks.Security;
using Mediator;

namespace EPlanNacc.Modules.Projects.Contracts;

/// <summary>
/// What each LAO still has to report in one round of a fiscal year, computed where the projects live (one statement,
/// one row per LAO, docs/conventions.md 19): for every LAO of <see cref="DlaCodes"/> (every LAO when null) that
/// recorded at least one live project that year, its project count, how many need a report
/// (<see cref="RoundCount.NeedsReport"/>) and the names of those that have none yet, in the plan's order. An LAO
/// absent from the answer recorded no plan that year. For other modules (the reminders): no caller scope applied.
/// </summary>
[Allow(Caller.Module)]
public sealed record ListRoundBacklogQuery(int FiscalYear, int Round, IReadOnlyList<string>? DlaCodes = null)
    : IQuery<IReadOnlyList<RoundBacklogItem>>;

/// <param name="Unreported">The projects that need a report in the round and have none, by dimension and entry.</param>
public sealed record RoundBacklogItem(string DlaCode, int ProjectCount, int NeedReport,
    IReadOnlyList<string> Unreported)
{
    /// <summary>The LAO reported the round: every project that needs a report has one (or none needs one).</summary>
    public bool Finished => Unreported.Count == 0;
}
