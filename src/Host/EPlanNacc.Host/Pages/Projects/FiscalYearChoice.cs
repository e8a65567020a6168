using EPlanNacc.BuildingBlocks.Thai;

namespace EPlanNacc.Host.Pages.Projects;

/// <summary>The fiscal years a page of the menu โครงการ offers and the one it shows: the requested one when it is
/// offered, else the current one (Bangkok time).</summary>
public sealed record FiscalYearChoice(IReadOnlyList<int> Years, int Year)
{
    public static FiscalYearChoice For(TimeProvider clock, int? requested)
    {
        var today = ThaiFormat.TodayInBangkok(clock);
        var years = FiscalYear.Selectable(today);
        return new FiscalYearChoice(years, requested is { } year && years.Contains(year) ? year : FiscalYear.Of(today));
    }
}
