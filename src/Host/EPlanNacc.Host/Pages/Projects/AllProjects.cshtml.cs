using EPlanNacc.Host.Infrastructure;
using EPlanNacc.Modules.Projects.Features.Projects;
using Microsoft.AspNetCore.Mvc;

namespace EPlanNacc.Host.Pages.Projects;

/// <summary>รายงานโครงการทั้งหมด: every project of the chosen fiscal year with what was reported for it in both rounds,
/// and the totals of each round. Staff open it for an LAO of their scope (<c>?dlaCode=</c>); without one they choose
/// it on คัดกรองโครงการ.</summary>
[StaffChooseLaoOn("/Projects/Screening")]
public sealed class AllProjectsModel(TimeProvider clock) : AppPageModel
{
    [BindProperty(SupportsGet = true)] public int? FiscalYear { get; set; }
    [BindProperty(SupportsGet = true)] public string? DlaCode { get; set; }

    public ProjectWorklist List { get; private set; } = default!;
    public IReadOnlyList<int> Years { get; private set; } = [];
    public bool IsLao => User.IsLao();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        (Years, var year) = FiscalYearChoice.For(clock, FiscalYear);
        FiscalYear = year;
        List = await Sender.Send(new GetProjectWorklistQuery(FiscalYear, DlaCode), ct);
        return Page();
    }
}
