using EPlanNacc.BuildingBlocks.Security;
using Mediator;

namespace EPlanNacc.Modules.Projects.Contracts;

/// <summary>
/// Every figure of <see cref="RoundCount"/> for one round of a fiscal year, per LAO, over all its live projects: the
/// same numbers as <c>RoundCount.Of(ListProjectResultsQuery's projects of the LAO, round)</c>, read as the database
/// keeps them (one row per LAO, no project read: docs/adr/0035-round-figures-kept-per-lao.md), for the roll-ups of
/// many LAOs (the province report). An LAO with no live project that year is absent (it has recorded no plan).
/// No caller scope applied.
/// </summary>
[Allow(Caller.Module)]
public sealed record ListLaoRoundCountsQuery(int FiscalYear, int Round, IReadOnlyList<string> DlaCodes)
    : IQuery<IReadOnlyDictionary<string, RoundCount>>;
