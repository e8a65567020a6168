using EPlanNacc.Modules.Evaluation.Contracts;

namespace EPlanNacc.UnitTests.Evaluation;

public sealed class ImplementationScoreFormulaTests
{
    [Fact]
    public void No_project_that_counts_has_no_score() => Assert.Null(ImplementationScoreFormula.Score(0, 0, 0, 0));

    [Fact]
    public void All_unreported_scores_zero() => Assert.Equal(0m, ImplementationScoreFormula.Score(0, 0, 0, 7));

    [Fact]
    public void All_completed_scores_100() => Assert.Equal(100m, ImplementationScoreFormula.Score(5, 0, 0, 0));

    [Fact]
    public void Not_possible_counts_zero_but_is_counted() =>
        Assert.Equal(50m, ImplementationScoreFormula.Score(1, 0, 1, 0));

    [Theory]
    // completed, in progress, not possible, unreported, expected
    [InlineData(2, 1, 1, 0, "62.50")]
    [InlineData(1, 1, 1, 0, "50.00")]
    [InlineData(1, 0, 0, 2, "33.33")]
    [InlineData(2, 0, 0, 1, "66.67")]
    [InlineData(0, 1, 0, 0, "50.00")]
    [InlineData(3, 2, 1, 1, "57.14")]
    [InlineData(1, 1, 0, 6, "18.75")]
    [InlineData(0, 1, 0, 15, "3.13")] // 3.125: halves round away from zero, as PostgreSQL's round(numeric) does
    [InlineData(3, 1, 0, 12, "21.88")] // 21.875
    public void A_mix_follows_the_formula(int completed, int inProgress, int notPossible, int unreported,
        string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            ImplementationScoreFormula.Score(completed, inProgress, notPossible, unreported));

    [Fact]
    public void Scores_keep_two_decimals() =>
        // one project in progress out of three: 0.5 / 3 × 100 = 16.666... → 16.67
        Assert.Equal(16.67m, ImplementationScoreFormula.Score(0, 1, 0, 2));
}

public sealed class ScoreBandTests
{
    [Theory]
    [InlineData(6, "100", "green")]
    [InlineData(6, "50", "green")]
    [InlineData(6, "49.99", "orange")]
    [InlineData(6, "20", "orange")]
    [InlineData(6, "19.99", "red")]
    [InlineData(6, "0", "red")]
    [InlineData(12, "80", "green")]
    [InlineData(12, "79.99", "orange")]
    [InlineData(12, "50", "orange")]
    [InlineData(12, "49.99", "red")]
    public void Bands_of_each_round(int round, string score, string band) =>
        Assert.Equal(band,
            ScoreBands.Of(round, decimal.Parse(score, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void No_score_has_no_band()
    {
        Assert.Null(ScoreBands.Of(6, null));
        Assert.Equal((null, null), ImplementationScoreFormula.Evaluate(12, 0, 0, 0, 0));
        Assert.Equal((62.5m, "green"), ImplementationScoreFormula.Evaluate(6, 2, 1, 1, 0));
        Assert.Equal((62.5m, "orange"), ImplementationScoreFormula.Evaluate(12, 2, 1, 1, 0));
    }

    [Fact]
    public void Bands_and_formula_are_printed_from_their_one_definition()
    {
        Assert.Equal("เขียว ตั้งแต่ 50 · ส้ม 20-49.99 · แดง ต่ำกว่า 20", ScoreBands.DescribeTh(6));
        Assert.Equal("เขียว ตั้งแต่ 80 · ส้ม 50-79.99 · แดง ต่ำกว่า 50", ScoreBands.DescribeTh(12));
        Assert.StartsWith(
            "ผลการนำแผนไปปฏิบัติ = (ดำเนินการแล้วเสร็จ × 1 + อยู่ระหว่างดำเนินการ × 0.5 + ไม่สามารถดำเนินการได้ × 0) ÷",
            ImplementationScoreFormula.DescriptionTh);
    }

    [Fact]
    public void Rounds_other_than_6_and_12_are_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ScoreBands.Of(9, 50m));

    [Theory]
    [InlineData("green", "เขียว")]
    [InlineData("orange", "ส้ม")]
    [InlineData("red", "แดง")]
    [InlineData(null, "ไม่มีข้อมูล")]
    public void Bands_are_named_in_Thai(string? band, string name) => Assert.Equal(name, ScoreBands.NameTh(band));
}
