using EPlanNacc.Host.Infrastructure;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Projects.Features.Projects;
using Microsoft.AspNetCore.Mvc;

namespace EPlanNacc.Host.Pages.Projects;

/// <summary>Edits a project: the LAO its own plan's; NACC staff in scope too, saying why (kept in the history). The
/// form carries the version it was opened at: a save over someone else's later change is refused and the page says
/// what changed; saving again then overwrites knowingly. Once a round that needed the project's report has closed,
/// the LAO sees its dimension and fiscal year locked, with the reason
/// (docs/adr/0008-scores-after-the-deadline.md).</summary>
public sealed class EditModel(TimeProvider clock) : AppPageModel, IProjectFormPage
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public ProjectForm Input { get; set; } = new();

    public DimensionTree Tree { get; private set; } = new("", "", []);
    public IReadOnlyList<int> Years { get; private set; } = [];
    public bool IsLao => User.IsLao();

    /// <summary>The closed round that keeps the LAO's project in its dimension and year (staff are not kept).</summary>
    public DeadlineLock? Lock { get; private set; }

    public string? MoveLockedReason => IsLao ? Lock?.Reason : null;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var project = await Sender.Send(new GetProjectQuery(Id), ct);
        Input = ProjectForm.From(project);
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var unreadable = ModelState.Any(kv => kv.Value?.Errors.Count > 0);
        ProjectUpdated? saved = null;
        if (!unreadable && await TrySaveAsync(async () => saved = await Sender.Send(Input.ToUpdate(Id), ct), Input,
                async () => (await Sender.Send(new GetProjectQuery(Id), ct)).Version))
        {
            Flash(Input.UpdatedMessage(saved!.ScreeningWithdrawn));
            // the LAO goes back to its list; staff, who came from the project's page, to it
            return IsLao
                ? RedirectToPage("/Projects/List", new { fiscalYear = Input.FiscalYear })
                : RedirectToPage("/Projects/Details", new { id = Id });
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        // a project of a year no longer offered keeps its year on the form
        (Years, var year) = FiscalYearChoice.For(clock, Input.FiscalYear, keepRequested: true);
        Tree = await Sender.Send(new GetDimensionTreeQuery(year), ct);
        Lock = (await Sender.Send(new GetDeadlineLockQuery(Id), ct)).Lock;
    }
}
