using EPlanNacc.Modules.Projects.Contracts;

namespace EPlanNacc.Modules.Reporting.Features;

/// <summary>
/// What a set of projects (a plan, one dimension of it, a province) reported in one round, as the summary and the
/// reports show it: the values of <see cref="RoundCount"/> of the Projects module's contract, which holds the one
/// rule of what a round counts (how screening enters, what is awaiting). Copied into the module's own type so that
/// the Reporting pages depend on this module alone.
/// </summary>
/// <param name="NotPossibleReasons">Every reason of "not possible", in the form's order, with its count.</param>
public sealed record RoundFigures(
    int Round, int ProjectCount, decimal Budget, int NeedReport, int Reported, int Completed, int InProgress,
    int NotPossible, decimal OrdinanceBudget, decimal BudgetSpent, int Awaiting, int NotRequired, LaoRoundState State,
    IReadOnlyDictionary<string, int> NotPossibleReasons)
{
    public static RoundFigures Of(IEnumerable<ProjectResultItem> projects, int round) =>
        Of(RoundCount.Of(projects, round));

    /// <summary>The figures of a count made elsewhere (an LAO's round as the Projects module keeps it:
    /// <see cref="ListLaoRoundCountsQuery"/>).</summary>
    public static RoundFigures Of(RoundCount c) =>
        new(c.Round, c.ProjectCount, c.Budget, c.NeedReport, c.Reported, c.Completed, c.InProgress,
            c.NotPossible, c.OrdinanceBudget, c.BudgetSpent, c.Awaiting, c.NotRequired, c.State, c.NotPossibleReasons);

    /// <summary>An LAO that has recorded no plan (no live project).</summary>
    public static RoundFigures None(int round) => Of(RoundCount.Of(round, []));
}
