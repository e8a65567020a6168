using EPlanNacc.BuildingBlocks.Thai;

namespace EPlanNacc.Host.Pages;

/// <summary>The fiscal years a page offers and the one it shows: the requested one when it is offered, else the
/// current one (Bangkok time).</summary>
public sealed record FiscalYearChoice(IReadOnlyList<int> Years, int Year)
{
    /// <param name="keepRequested">offer the requested year too when it is a valid one no longer offered (a project
    /// of an old year keeps its year on its form)</param>
    public static FiscalYearChoice For(TimeProvider clock, int? requested, bool keepRequested = false)
    {
        var today = ThaiFormat.TodayInBangkok(clock);
        var years = FiscalYear.Selectable(today);
        if (keepRequested && requested is { } kept && FiscalYear.IsValid(kept) && !years.Contains(kept))
            years = [.. years, kept];
        return new FiscalYearChoice(years, requested is { } year && years.Contains(year) ? year : FiscalYear.Of(today));
    }
}
