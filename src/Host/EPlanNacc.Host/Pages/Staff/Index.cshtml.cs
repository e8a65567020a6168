using EPlanNacc.Host.Infrastructure;
using EPlanNacc.Modules.Reporting.Features.Desk;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EPlanNacc.Host.Pages.Staff;

/// <summary>The desk of NACC staff (<c>/staff</c>), for the officer's scope: the rounds open today and the days left,
/// the projects awaiting screening with a link into the queue, and a tile for each staff page. An admin sees the
/// nation and may narrow it to a province. An LAO is sent to its own home page, ข้อมูลโดยสรุป.</summary>
[Authorize(Policy = Policies.Staff)]
[RedirectRefused(Policies.Lao, "/Reporting/Summary")]
public sealed class IndexModel : AppPageModel
{
    [BindProperty(SupportsGet = true)] public string? ProvinceCode { get; set; }

    public StaffDesk Desk { get; private set; } = default!;

    public async Task OnGetAsync(CancellationToken ct) =>
        Desk = await Sender.Send(new GetStaffDeskQuery(ProvinceCode), ct);
}
