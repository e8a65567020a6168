using EPlanNacc.BuildingBlocks.Errors;
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
    public ConflictException? Conflict { get; private set; }
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
        var sent = !unreadable && await TryAsync(async () =>
        {
            try { saved = await Sender.Send(Input.ToUpdate(Id), ct); }
            catch (ConflictException ex) { Conflict = ex; }
        });
        if (sent && saved is not null)
        {
            Flash($"บันทึกการแก้ไขโครงการ “{Input.Name?.Trim()}” เรียบร้อยแล้ว" +
                  (saved.ScreeningWithdrawn ? $" · {ProjectChangeRules.WithdrawnNote} โครงการนี้จึงกลับเป็น “ยังไม่คัดกรอง” " +
                                              "จนกว่าสำนักงาน ป.ป.ช. จะคัดกรองอีกครั้ง" : ""));
            return Redirect(IsLao ? $"/projects/list?fiscalYear={Input.FiscalYear}" : $"/projects/{Id}");
        }
        if (Conflict is not null)
        {
            var current = await Sender.Send(new GetProjectQuery(Id), ct);
            if (current.Version == Input.Version)
            {
                // not a stale form: a rule of the closed round (the page shows the locked fields with their reason)
                ModelState.AddModelError(string.Empty, string.Join(" ", [Conflict.Message, .. Conflict.Details]));
                Conflict = null;
            }
            else
            {
                // the user's values stay on the form; the next save is made knowingly over the changes shown
                Input.Version = current.Version;
                ModelState.Remove("Input.Version");
            }
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
        Lock = (await Sender.Send(new GetDeadlineLockQuery(Id), ct)).Lock;
    }
}
