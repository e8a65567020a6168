using EPlanNacc.Host.Infrastructure;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts.Scope;
using EPlanNacc.Modules.Projects.Features.Screening;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EPlanNacc.Host.Pages.Projects;

/// <summary>คัดกรองโครงการ (NACC staff): the LAOs of a province with their plan of the chosen fiscal year and how many
/// projects still await screening; each leads to the LAO's project list, where its projects are screened one or many
/// at a time. An admin chooses the province first. A staff page: an LAO is sent to its own list.</summary>
[Authorize(Policy = Policies.Staff)]
[RedirectRefused(Policies.Lao, "/Projects/List")]
public sealed class ScreeningModel(TimeProvider clock) : AppPageModel
{
    [BindProperty(SupportsGet = true)] public int? FiscalYear { get; set; }
    [BindProperty(SupportsGet = true)] public string? ProvinceCode { get; set; }
    [BindProperty(SupportsGet = true)] public bool OnlyWithPlans { get; set; }

    public ScopeChoices Choices { get; private set; } = new([], null, []);
    /// <summary>The plans of the province in force (null until an admin chooses one).</summary>
    public LaoPlanList? Plans { get; private set; }
    public IReadOnlyList<int> Years { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        (Years, var year) = FiscalYearChoice.For(clock, FiscalYear);
        FiscalYear = year;
        Choices = await Sender.Send(new GetScopeChoicesQuery(ProvinceCode), ct);
        if (Choices.ProvinceCode is { } province)
            Plans = await Sender.Send(new ListLaoPlansQuery(FiscalYear.Value, province), ct);
        return Page();
    }
}
