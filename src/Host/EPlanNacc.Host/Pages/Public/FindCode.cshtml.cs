using EPlanNacc.Modules.LocalAuthorityProfile.Features.Reference;
using Microsoft.AspNetCore.Mvc;

namespace EPlanNacc.Host.Pages.Public;

/// <summary>The look-up of an LAO's 7-digit code by province, district and name, over the registry.</summary>
public sealed class FindCodeModel : AppPageModel
{
    [BindProperty(SupportsGet = true)] public string? ProvinceCode { get; set; }
    [BindProperty(SupportsGet = true)] public string? DistrictCode { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public LaoCodeFinder Finder { get; private set; } = LaoCodeFinder.Empty;

    public async Task OnGetAsync(CancellationToken ct) =>
        await TryAsync(async () => Finder = await Sender.Send(new FindLaoCodeQuery(ProvinceCode, DistrictCode, Q), ct),
            prefix: "");
}
