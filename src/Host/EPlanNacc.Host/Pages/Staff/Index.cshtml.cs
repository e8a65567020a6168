using EPlanNacc.Host.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EPlanNacc.Host.Pages.Staff;

/// <summary>The home page of NACC staff: what they do in the system, one card each. An LAO is sent to its own home
/// page, ข้อมูลโดยสรุป.</summary>
[Authorize(Policy = Policies.Staff)]
[RedirectRefused(Policies.Lao, "/Reporting/Summary")]
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
