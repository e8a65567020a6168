using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.Host.Infrastructure;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Projects.Features.Projects;
using Microsoft.AspNetCore.Mvc;

namespace EPlanNacc.Host.Pages.Projects;

/// <summary>Edits a project of the LAO's plan. The form carries the version it was opened at: a save over someone
/// else's later change is refused and the page says what changed; saving again then overwrites knowingly.</summary>
public sealed class EditModel(TimeProvider clock) : AppPageModel, IProjectFormPage
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public ProjectForm Input { get; set; } = new();

    public DimensionTree Tree { get; private set; } = new("", "", []);
    public IReadOnlyList<int> Years { get; private set; } = [];
    public ConflictException? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var project = await Sender.Send(new GetProjectQuery(Id), ct);
        if (!User.IsLao()) return Redirect($"/projects/{Id}");
        Input = ProjectForm.From(project);
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var unreadable = ModelState.Any(kv => kv.Value?.Errors.Count > 0);
        var saved = !unreadable && await TryAsync(async () =>
        {
            try { await Sender.Send(Input.ToUpdate(Id), ct); }
            catch (ConflictException ex) { Conflict = ex; }
        });
        if (saved && Conflict is null)
        {
            Flash($"บันทึกการแก้ไขโครงการ “{Input.Name?.Trim()}” เรียบร้อยแล้ว");
            return Redirect($"/projects/list?fiscalYear={Input.FiscalYear}");
        }
        if (Conflict is not null)
        {
            // the user's values stay on the form; the next save is made knowingly over the changes shown
            var current = await Sender.Send(new GetProjectQuery(Id), ct);
            Input.Version = current.Version;
            ModelState.Remove("Input.Version");
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var choice = FiscalYearChoice.For(clock, Input.FiscalYear);
        // a project of a year no longer offered keeps its year on the form
        Years = Input.FiscalYear is { } y && BuildingBlocks.Thai.FiscalYear.IsValid(y) && !choice.Years.Contains(y) ? [.. choice.Years, y] : choice.Years;
        Tree = await Sender.Send(new GetDimensionTreeQuery(Input.FiscalYear is { } year && Years.Contains(year) ? year : choice.Year), ct);
    }
}
