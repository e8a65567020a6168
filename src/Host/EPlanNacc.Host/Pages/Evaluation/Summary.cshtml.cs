using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.Host.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace EPlanNacc.Host.Pages.Evaluation;

/// <summary>ข้อมูลโดยสรุป: the LAO's summary for a chosen fiscal year (filled by the evaluation and reports capability).</summary>
public sealed class SummaryModel(TimeProvider clock) : AppPageModel
{
    [BindProperty(SupportsGet = true)] public int? FiscalYear { get; set; }
    public IReadOnlyList<int> Years { get; private set; } = [];
    public string LaoName => User.Get(AppClaims.DisplayName) ?? "";
    public string DlaCode => User.Get(AppClaims.DlaCode) ?? "";

    public IActionResult OnGet()
    {
        if (User.Get(AppClaims.Role) != "lao") return Redirect("/staff");
        var today = ThaiFormat.TodayInBangkok(clock);
        Years = BuildingBlocks.Thai.FiscalYear.Selectable(today);
        var current = BuildingBlocks.Thai.FiscalYear.Of(today);
        if (FiscalYear is null || !Years.Contains(FiscalYear.Value)) FiscalYear = current;
        return Page();
    }
}
