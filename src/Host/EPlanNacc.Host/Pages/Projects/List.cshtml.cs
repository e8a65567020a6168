using EPlanNacc.Host.Infrastructure;
using EPlanNacc.Modules.Projects.Features.Projects;
using Microsoft.AspNetCore.Mvc;

namespace EPlanNacc.Host.Pages.Projects;

/// <summary>รายการโครงการ (menu บันทึกรายงานผลการดำเนินงาน): the plan of a chosen fiscal year sorted by dimension,
/// with counts and budget per dimension, the screening symbols, edit and delete, both rounds' statuses and, at
/// the right of each row, the buttons to report round 6 or 12. Staff open it for an LAO of their scope
/// (<c>?dlaCode=</c>) to read it and screen its projects, one or many at a time; without one they choose it on
/// คัดกรองโครงการ.</summary>
[StaffChooseLaoOn("/Projects/Screening")]
public sealed class ListModel(TimeProvider clock) : ScreeningPageModel
{
    [BindProperty(SupportsGet = true)] public int? FiscalYear { get; set; }
    [BindProperty(SupportsGet = true)] public string? DlaCode { get; set; }

    public ProjectWorklist List { get; private set; } = default!;
    public IReadOnlyList<int> Years { get; private set; } = [];
    public bool IsLao => User.IsLao();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, int? version, string? name, CancellationToken ct)
    {
        var delete = new DeleteProjectCommand(id, version);
        if (await TrySaveAsync(() => Sender.Send(delete, ct).AsTask(),
                async () => (await Sender.Send(new GetProjectQuery(id), ct)).Version != version, prefix: ""))
        {
            Flash($"ลบโครงการ “{name}” แล้ว (ข้อมูลและประวัติของโครงการยังเก็บไว้ในระบบ)");
            return RedirectToList();
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostScreenAsync(CancellationToken ct)
    {
        if (await TryScreenAsync(ct)) return RedirectToList();
        await LoadAsync(ct);
        return Page();
    }

    private RedirectToPageResult RedirectToList() =>
        RedirectToPage(new { fiscalYear = FiscalYear, dlaCode = IsLao ? null : DlaCode });

    private async Task LoadAsync(CancellationToken ct)
    {
        (Years, var year) = FiscalYearChoice.For(clock, FiscalYear);
        FiscalYear = year;
        List = await Sender.Send(new GetProjectWorklistQuery(FiscalYear, DlaCode), ct);
    }
}
