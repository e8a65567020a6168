using EPlanNacc.Modules.Evaluation.Contracts;

namespace EPlanNacc.Modules.Evaluation.Features.Scores;

/// <summary>The implementation score of the domain reference, over the projects that count (conforming or not yet
/// screened): (completed × 1 + in progress × 0.5 + not possible × 0) / number of such projects × 100, 2 decimals,
/// halves away from zero; an unreported project counts 0. No project that counts: no score. This is the reference
/// the set-based SQL of <see cref="ScoreSql"/> follows (tests hold the two together).</summary>
public static class ImplementationScoreFormula
{
    public static decimal? Score(int completed, int inProgress, int notPossible, int unreported)
    {
        var counted = completed + inProgress + notPossible + unreported;
        if (counted == 0) return null;
        return Math.Round((completed + 0.5m * inProgress) * 100m / counted, 2, MidpointRounding.AwayFromZero);
    }

    public static (decimal? Score, string? Band) Evaluate(int round, int completed, int inProgress, int notPossible, int unreported)
    {
        var score = Score(completed, inProgress, notPossible, unreported);
        return (score, ScoreBands.Of(round, score));
    }
}
