namespace EPlanNacc.Modules.Evaluation.Contracts;

/// <summary>
/// The implementation score (ผลการนำแผนไปปฏิบัติ) of the domain reference, computed from the counts of a round
/// (the Projects module's <c>RoundCount</c>: the projects that need a report, conforming or not yet screened):
/// (completed × 1 + in progress × 0.5 + not possible × 0) / number of such projects × 100, 2 decimals, halves away
/// from zero; an unreported project counts 0. No project that counts: no score (and no band).
/// The recalculation of the Evaluation module (Features/Scores/RecalculateScores.cs) scores the Projects module's
/// tallies with it; tests/EPlanNacc.IntegrationTests/Evaluation/ScoreRuleAgreementTests.cs compares what it stores
/// with this rule applied to every project.
/// </summary>
public static class ImplementationScoreFormula
{
    public const decimal CompletedWeight = 1m;
    public const decimal InProgressWeight = 0.5m;
    public const decimal NotPossibleWeight = 0m;
    public const int Decimals = 2;

    public static decimal? Score(int completed, int inProgress, int notPossible, int unreported)
    {
        var counted = completed + inProgress + notPossible + unreported;
        if (counted == 0) return null;
        var points = completed * CompletedWeight + inProgress * InProgressWeight + notPossible * NotPossibleWeight;
        return Math.Round(points * 100m / counted, Decimals, MidpointRounding.AwayFromZero);
    }

    public static (decimal? Score, string? Band) Evaluate(
        int round, int completed, int inProgress, int notPossible, int unreported)
    {
        var score = Score(completed, inProgress, notPossible, unreported);
        return (score, ScoreBands.Of(round, score));
    }

    /// <summary>The formula as the pages and the reports print it.</summary>
    public static readonly string DescriptionTh = FormattableString.Invariant(
        $"ผลการนำแผนไปปฏิบัติ = (ดำเนินการแล้วเสร็จ × {CompletedWeight:0.##} ") +
        FormattableString.Invariant($"+ อยู่ระหว่างดำเนินการ × {InProgressWeight:0.##} ") +
        FormattableString.Invariant($"+ ไม่สามารถดำเนินการได้ × {NotPossibleWeight:0.##}) ") +
        "÷ จำนวนโครงการที่ต้องรายงานผล × 100 โครงการที่ยังไม่รายงานผลนับเป็น 0 " +
        "โครงการที่ไม่สอดคล้องกับมิติไม่ต้องรายงานผลและไม่นำมาคำนวณ";
}
