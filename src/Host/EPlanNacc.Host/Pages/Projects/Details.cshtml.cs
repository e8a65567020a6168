using EPlanNacc.Host.Infrastructure;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Projects.Features.Projects;
using EPlanNacc.Modules.Projects.Features.Screening;
using Microsoft.AspNetCore.Mvc;

namespace EPlanNacc.Host.Pages.Projects;

/// <summary>A project's page: every field, its screening, both rounds' reports, and its whole history (who, when,
/// why, old and new values). A deleted project keeps this page. Staff in scope screen it here, and may edit or delete
/// it with a reason, even after a round closed for the LAO (docs/adr/0008-scores-after-the-deadline.md).</summary>
public sealed class DetailsModel : AppPageModel, IVersionedForm
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public string? Screening { get; set; }
    [BindProperty] public string? Reason { get; set; }
    /// <summary>The version of the project the screening or delete form was read at.</summary>
    [BindProperty] public int? Version { get; set; }
    [BindProperty(Name = "Delete.Reason")] public string? DeleteReason { get; set; }

    public ProjectDetails Project { get; private set; } = default!;
    public IReadOnlyList<ProjectChangeItem> History { get; private set; } = [];
    public DimensionTree Tree { get; private set; } = default!;
    public DeadlineLock? Lock { get; private set; }
    public bool IsLao => User.IsLao();
    public ProjectChangeItem? Deletion => History.FirstOrDefault(h => h.Kind == ProjectChangeKinds.Deleted);
    public string? ScreeningReason => Project.ConformityReason;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostScreenAsync(CancellationToken ct)
    {
        var read = Version is { } v ? new Dictionary<Guid, int> { [Id] = v } : null;
        var screen = new ScreenProjectsCommand([Id], ProjectConformity.Conforms(Screening), Reason, read);
        if (await TrySaveAsync(() => Sender.Send(screen, ct).AsTask(), this, CurrentVersionAsync(ct), prefix: ""))
        {
            Flash($"บันทึกผลการคัดกรอง “{ProjectCodes.Conformity.Label(Screening)}” แล้ว");
            return RedirectToPage(new { id = Id });
        }
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>NACC staff delete the project, saying why (the LAO deletes from its list).</summary>
    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        var project = await Sender.Send(new GetProjectQuery(Id), ct);
        var delete = new DeleteProjectCommand(Id, Version, DeleteReason);
        if (await TrySaveAsync(() => Sender.Send(delete, ct).AsTask(), this, CurrentVersionAsync(ct), prefix: "Delete"))
        {
            Flash($"ลบโครงการ “{project.Name}” แล้ว (ข้อมูล ประวัติ และเหตุผลของการลบยังเก็บไว้ในระบบ)");
            return RedirectToPage("/Projects/List", new { fiscalYear = project.FiscalYear, dlaCode = project.DlaCode });
        }
        await LoadAsync(ct);
        return Page();
    }

    private Func<Task<int>> CurrentVersionAsync(CancellationToken ct) =>
        async () => (await Sender.Send(new GetProjectQuery(Id, IncludeDeleted: true), ct)).Version;

    private async Task LoadAsync(CancellationToken ct)
    {
        Project = await Sender.Send(new GetProjectQuery(Id, IncludeDeleted: true), ct);
        History = await Sender.Send(new ListProjectChangesQuery(Id), ct);
        Tree = await Sender.Send(new GetDimensionTreeQuery(Project.FiscalYear), ct);
        Lock = (await Sender.Send(new GetDeadlineLockQuery(Id), ct)).Lock;
    }
}
