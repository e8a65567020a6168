using EPlanNacc.Host.Infrastructure;
using EPlanNacc.Modules.Projects.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EPlanNacc.Host.Pages.Projects;

/// <summary>บันทึกแผน: one project at a time, with the manual's three buttons: save and go to the first page, save
/// and record the next (the form comes back empty, keeping the fiscal year, with what was saved), clear the form.
/// An LAO's page: NACC staff are sent to คัดกรองโครงการ.</summary>
[Authorize(Policy = Policies.Lao)]
[RedirectRefused(Policies.Staff, "/Projects/Screening")]
public sealed class PlanModel(TimeProvider clock) : AppPageModel, IProjectFormPage
{
    public const string AfterHome = "home";
    public const string AfterNext = "next";

    [BindProperty] public ProjectForm Input { get; set; } = new();
    [BindProperty] public string? After { get; set; }
    [BindProperty(SupportsGet = true)] public int? FiscalYear { get; set; }

    public DimensionTree Tree { get; private set; } = new("", "", []);
    public IReadOnlyList<int> Years { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Input.FiscalYear = FiscalYear;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var unreadable = ModelState.Any(kv => kv.Value?.Errors.Count > 0);
        if (!unreadable && await TryAsync(() => Sender.Send(Input.ToCreate(), ct).AsTask()))
        {
            if (After == AfterNext)
            {
                Flash(Input.CreatedMessage() + " กรุณาบันทึกโครงการถัดไป");
                return RedirectToPage(new { fiscalYear = Input.FiscalYear });
            }
            Flash(Input.CreatedMessage());
            return RedirectToPage("/Reporting/Summary");
        }
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>ล้างข้อมูล: an empty form (the fiscal year stays).</summary>
    public IActionResult OnPostClear() => RedirectToPage(new { fiscalYear = Input.FiscalYear });

    private async Task LoadAsync(CancellationToken ct)
    {
        (Years, var year) = FiscalYearChoice.For(clock, Input.FiscalYear);
        Input.FiscalYear = year;
        Tree = await Sender.Send(new GetDimensionTreeQuery(Input.FiscalYear.Value), ct);
    }
}
