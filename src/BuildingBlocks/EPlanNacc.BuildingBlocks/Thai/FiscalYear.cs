namespace EPlanNacc.BuildingBlocks.Thai;

/// <summary>Thai fiscal-year arithmetic. Fiscal year N (Buddhist Era) runs 1 October of BE N-1 to 30 September
/// of BE N; quarter 1 is Oct-Dec, 2 Jan-Mar, 3 Apr-Jun, 4 Jul-Sep.</summary>
public static class FiscalYear
{
    public const int Earliest = 2561;
    public const int Latest = 2600;

    /// <summary>The fiscal year (BE) a calendar date (CE) falls in.</summary>
    public static int Of(DateOnly date) => ThaiFormat.ToBuddhistYear(date.Month >= 10 ? date.Year + 1 : date.Year);

    /// <summary>1 October of the year before, as a CE date.</summary>
    public static DateOnly StartOf(int fiscalYearBe) => new(ThaiFormat.ToChristianYear(fiscalYearBe) - 1, 10, 1);

    /// <summary>30 September, as a CE date.</summary>
    public static DateOnly EndOf(int fiscalYearBe) => new(ThaiFormat.ToChristianYear(fiscalYearBe), 9, 30);

    public static int QuarterOf(DateOnly date) => date.Month switch
    {
        >= 10 => 1,
        <= 3 => 2,
        <= 6 => 3,
        _ => 4,
    };

    public static (DateOnly Start, DateOnly End) Quarter(int fiscalYearBe, int quarter)
    {
        if (quarter is < 1 or > 4) throw new ArgumentOutOfRangeException(nameof(quarter));
        var start = StartOf(fiscalYearBe).AddMonths(3 * (quarter - 1));
        return (start, start.AddMonths(3).AddDays(-1));
    }

    public static bool IsValid(int fiscalYearBe) => fiscalYearBe is >= Earliest and <= Latest;

    /// <summary>The reporting rounds of a fiscal year: the results at 6 months (October to March) and at 12.</summary>
    public static readonly IReadOnlyList<int> Rounds = [6, 12];

    public static bool IsRound(int round) => Rounds.Contains(round);

    /// <summary>The fiscal years offered in a year selector: from
    /// <see cref="Earliest"/> to the current one plus one, newest first.</summary>
    public static IReadOnlyList<int> Selectable(DateOnly today)
    {
        var current = Of(today);
        return Enumerable.Range(Earliest, current + 1 - Earliest + 1).Reverse().ToList();
    }
}
