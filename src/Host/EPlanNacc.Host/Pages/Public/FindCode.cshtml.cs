using EPlanNacc.Modules.LocalAuthorityProfile.Features.Reference;
using Microsoft.AspNetCore.Mvc;

namespace EPlanNacc.Host.Pages.Public;

/// <summary>The look-up of an LAO's 7-digit code by province, district and name, over the registry.</summary>
public sealed class FindCodeModel : AppPageModel
{
    [BindProperty(SupportsGet = true)] public string? ProvinceCode { get; set; }
    [BindProperty(SupportsGet = true)] public string? DistrictCode { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public IReadOnlyList<ProvinceItem> Provinces { get; private set; } = [];
    public IReadOnlyList<DistrictItem> Districts { get; private set; } = [];
    public IReadOnlyList<LaoSearchItem>? Results { get; private set; }
    public bool Searched => !string.IsNullOrWhiteSpace(ProvinceCode) || !string.IsNullOrWhiteSpace(Q);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Provinces = await Sender.Send(new ListProvincesQuery(), ct);
        if (!string.IsNullOrWhiteSpace(ProvinceCode) && Provinces.Any(p => p.Code == ProvinceCode))
            Districts = await Sender.Send(new ListDistrictsQuery(ProvinceCode), ct);
        else ProvinceCode = null;
        if (DistrictCode is not null && Districts.All(d => d.Code != DistrictCode)) DistrictCode = null;
        if (Searched)
        {
            await TryAsync(async () => Results = await Sender.Send(new SearchLaosQuery(ProvinceCode, DistrictCode, Q), ct), prefix: "");
        }
    }
}
