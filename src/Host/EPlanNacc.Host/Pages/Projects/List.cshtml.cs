using EPlanNacc.Host.Infrastructure;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Projects.Features.Projects;
using EPlanNacc.Modules.Projects.Features.Screening;
using Microsoft.AspNetCore.Mvc;

namespace EPlanNacc.Host.Pages.Projects;

/// <summary>รายการโครงการ (menu บันทึกรายงานผลการดำเนินงาน): the plan of a chosen fiscal year sorted by dimension,
/// with counts and budget per dimension, the screening symbols, edit and delete, both rounds' statuses and, at
/// the right of each row, the buttons to report round 6 or 12. Staff open it for an LAO of their scope
/// (<c>?dlaCode=</c>) to read it and screen its projects, one or many at a time.</summary>
public sealed class ListModel(TimeProvider clock) : AppPageModel
{
    [BindProperty(SupportsGet = true)] public int? FiscalYear { get; set; }
    [BindProperty(SupportsGet = true)] public string? DlaCode { get; set; }

    [BindProperty] public List<Guid> Selected { get; set; } = [];
    /// <summary>The version of each listed project as the screener read it (one changed since is refused).</summary>
    [BindProperty] public Dictionary<Guid, int> Versions { get; set; } = [];
    [BindProperty] public string? Screening { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public ProjectWorklist List { get; private set; } = default!;
    public IReadOnlyList<int> Years { get; private set; } = [];
    public bool IsLao => User.IsLao();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!IsLao && string.IsNullOrWhiteSpace(DlaCode)) return Redirect($"/projects/screening?fiscalYear={FiscalYear}");
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, int? version, string? name, CancellationToken ct)
    {
        if (await TryAsync(() => Sender.Send(new DeleteProjectCommand(id, version), ct).AsTask(), prefix: ""))
        {
            Flash($"ลบโครงการ “{name}” แล้ว (ข้อมูลและประวัติของโครงการยังเก็บไว้ในระบบ)");
            return Redirect(ListUrl());
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostScreenAsync(CancellationToken ct)
    {
        var conforms = ProjectConformity.Conforms(Screening);
        var changed = 0;
        var screen = new ScreenProjectsCommand(Selected, conforms, Reason, Versions);
        if (await TryAsync(async () => changed = await Sender.Send(screen, ct), prefix: ""))
        {
            Flash($"บันทึกผลการคัดกรอง “{ProjectCodes.Conformity.Label(Screening)}” แล้ว {changed} โครงการ");
            return Redirect(ListUrl());
        }
        await LoadAsync(ct);
        return Page();
    }

    private string ListUrl() => $"/projects/list?fiscalYear={FiscalYear}" + (IsLao ? "" : $"&dlaCode={DlaCode}");

    private async Task LoadAsync(CancellationToken ct)
    {
        (Years, var year) = FiscalYearChoice.For(clock, FiscalYear);
        FiscalYear = year;
        List = await Sender.Send(new GetProjectWorklistQuery(FiscalYear, DlaCode), ct);
    }
}
