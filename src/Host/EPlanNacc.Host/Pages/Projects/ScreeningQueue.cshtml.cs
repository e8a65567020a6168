using System.Globalization;
using EPlanNacc.Host.Infrastructure;
using EPlanNacc.Modules.Projects.Features.Screening;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EPlanNacc.Host.Pages.Projects;

/// <summary>คิวคัดกรองโครงการ (NACC staff): every project awaiting screening in the officer's scope, across LAOs,
/// filtered by fiscal year, province (admins), district and dimension, a page at a time, each with its plan's details;
/// the officer marks one or many conforming or not, with a reason. A stale row refuses the whole save and the queue is
/// read again with the officer's choice kept. The per-LAO screening (คัดกรองโครงการ) stays, linked both ways. An LAO
/// is sent to its own list.</summary>
[Authorize(Policy = Policies.Staff)]
[RedirectRefused(Policies.Lao, "/Projects/List")]
public sealed class ScreeningQueueModel(TimeProvider clock) : ScreeningPageModel
{
    [BindProperty(SupportsGet = true)] public int? FiscalYear { get; set; }
    [BindProperty(SupportsGet = true)] public string? ProvinceCode { get; set; }
    [BindProperty(SupportsGet = true)] public string? DistrictCode { get; set; }
    [BindProperty(SupportsGet = true)] public string? DimensionCode { get; set; }
    /// <summary>The page of the queue ("page" is the route value of Razor Pages).</summary>
    [BindProperty(SupportsGet = true)] public int PageNumber { get; set; } = 1;

    /// <summary>The queue (null when the filters were refused: the page shows why).</summary>
    public ScreeningQueue? Queue { get; private set; }
    public IReadOnlyList<int> Years { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostScreenAsync(CancellationToken ct)
    {
        if (await TryScreenAsync(ct))
        {
            var route = Filters(PageNumber).ToDictionary(v => v.Key, v => (object?)v.Value);
            return RedirectToPage(new RouteValueDictionary(route));
        }
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>The route values of the queue as shown, on page <paramref name="page"/>.</summary>
    public Dictionary<string, string> Filters(int page)
    {
        var values = new Dictionary<string, string?>
        {
            ["fiscalYear"] = FiscalYear?.ToString(CultureInfo.InvariantCulture),
            ["provinceCode"] = Queue?.ProvinceCode ?? ProvinceCode,
            ["districtCode"] = Queue?.DistrictCode ?? DistrictCode,
            ["dimensionCode"] = Queue?.DimensionCode ?? DimensionCode,
            ["pageNumber"] = page.ToString(CultureInfo.InvariantCulture),
        };
        return values.Where(v => !string.IsNullOrEmpty(v.Value)).ToDictionary(v => v.Key, v => v.Value!);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        (Years, var year) = FiscalYearChoice.For(clock, FiscalYear);
        FiscalYear = year;
        var query = new ListScreeningQueueQuery(year, ProvinceCode, DistrictCode, DimensionCode, PageNumber);
        await TryAsync(async () => Queue = await Sender.Send(query, ct), prefix: "");
    }
}
