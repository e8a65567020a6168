using EPlanNacc.Host.Infrastructure;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Projects.Features.Projects;
using EPlanNacc.Modules.Projects.Features.Screening;
using Microsoft.AspNetCore.Mvc;

namespace EPlanNacc.Host.Pages.Projects;

/// <summary>A project's page: every field, its screening, both rounds' reports, and its whole history (who, when,
/// old and new values). A deleted project keeps this page. Staff in scope screen it here too.</summary>
public sealed class DetailsModel : AppPageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public string? Screening { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public ProjectDetails Project { get; private set; } = default!;
    public IReadOnlyList<ProjectChangeItem> History { get; private set; } = [];
    public DimensionTree Tree { get; private set; } = default!;
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
        var conforms = ProjectConformity.Conforms(Screening);
        if (await TryAsync(() => Sender.Send(new ScreenProjectsCommand([Id], conforms, Reason), ct).AsTask(), prefix: ""))
        {
            Flash($"บันทึกผลการคัดกรอง “{ProjectCodes.Conformity.Label(Screening)}” แล้ว");
            return Redirect($"/projects/{Id}");
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Project = await Sender.Send(new GetProjectQuery(Id, IncludeDeleted: true), ct);
        History = await Sender.Send(new ListProjectChangesQuery(Id), ct);
        Tree = await Sender.Send(new GetDimensionTreeQuery(Project.FiscalYear), ct);
    }
}
