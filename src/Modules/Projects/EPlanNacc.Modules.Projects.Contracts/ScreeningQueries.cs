using EPlanNacc.BuildingBlocks.Security;
using Mediator;

namespace EPlanNacc.Modules.Projects.Contracts;

/// <summary>How many live projects await screening (never screened, or screened and then withdrawn by an edit), per
/// fiscal year, newest first, among the given LAOs (every LAO when null): the staff desk's count. Years without any
/// are left out. No caller scope applied: the asking module passes the LAOs of its caller's scope.</summary>
[Allow(Caller.Module)]
public sealed record CountProjectsAwaitingScreeningQuery(IReadOnlyList<string>? DlaCodes)
    : IQuery<IReadOnlyList<ScreeningBacklog>>;

/// <param name="Laos">How many LAOs have at least one of those projects.</param>
public sealed record ScreeningBacklog(int FiscalYear, int Projects, int Laos);
