using EPlanNacc.Host.Infrastructure;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts.Scope;
using EPlanNacc.Modules.LocalAuthorityProfile.Features.Profiles;
using EPlanNacc.Modules.LocalAuthorityProfile.Features.Reference;
using EPlanNacc.Modules.LocalAuthorityProfile.Features.Registry;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EPlanNacc.Host.Pages.LocalAuthorityProfile;

/// <summary>แก้ไขจังหวัด/อำเภอตามทะเบียน (NACC central): the province and district the DLA registry gives an LAO decide
/// which provincial office sees it, so only an admin corrects them, with a reason; each correction is kept in the
/// LAO's history and over later loads of the registry file.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class RegistryLocationModel : AppPageModel
{
    public sealed class LocationForm
    {
        public string? ProvinceCode { get; set; }
        public string? DistrictCode { get; set; }
        public string? Reason { get; set; }
    }

    [BindProperty(SupportsGet = true)] public string DlaCode { get; set; } = "";
    [BindProperty] public LocationForm Input { get; set; } = new();

    public LaoInfo Lao { get; private set; } = default!;
    public IReadOnlyList<ProvinceItem> Provinces { get; private set; } = [];
    public IReadOnlyList<DistrictItem> Districts { get; private set; } = [];
    /// <summary>The earlier changes of the LAO's province or district (corrections, or a profile saved before they
    /// were fixed to the registry).</summary>
    public IReadOnlyList<ProfileChangeItem> History { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Input = new LocationForm { ProvinceCode = Lao.ProvinceCode, DistrictCode = Lao.DistrictCode };
        await LoadListsAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var changed = false;
        if (await TryAsync(async () => changed = await Sender.Send(
                new CorrectLaoLocationCommand(DlaCode, Input.ProvinceCode, Input.DistrictCode, Input.Reason), ct)))
        {
            Flash(changed
                ? "แก้ไขจังหวัดและอำเภอตามทะเบียนเรียบร้อยแล้ว"
                : "จังหวัดและอำเภอเป็นค่านี้อยู่แล้ว ไม่มีการเปลี่ยนแปลง");
            return RedirectToPage(new { DlaCode });
        }
        await LoadAsync(ct);
        await LoadListsAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Lao = await Sender.Send(new GetLaoInScopeQuery(DlaCode), ct);
        History = (await Sender.Send(new ListProfileChangesQuery(DlaCode, 200), ct))
            .Where(h => h.Changes.Any(c => c.Field is "location.provinceCode" or "location.districtCode")).ToList();
    }

    private async Task LoadListsAsync(CancellationToken ct)
    {
        Provinces = await Sender.Send(new ListProvincesQuery(), ct);
        if (Provinces.Any(p => p.Code == Input.ProvinceCode))
            Districts = await Sender.Send(new ListDistrictsQuery(Input.ProvinceCode!), ct);
    }
}
