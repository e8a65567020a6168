using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.Host.Infrastructure;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Projects.Features.Projects;
using Microsoft.AspNetCore.Mvc;

namespace EPlanNacc.Host.Pages.Projects;

/// <summary>บันทึกแผน: one project at a time, with the manual's three buttons: save and go to the first page, save
/// and record the next (the form comes back empty, keeping the fiscal year, with what was saved), clear the form.</summary>
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
        if (!User.IsLao()) return Redirect("/projects/screening");
        Input.FiscalYear = FiscalYear;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!User.IsLao()) return Redirect("/projects/screening");
        var unreadable = ModelState.Any(kv => kv.Value?.Errors.Count > 0);
        if (!unreadable && await TryAsync(() => Sender.Send(Input.ToCreate(), ct).AsTask()))
        {
            var budget = Input.NoBudget ? "ไม่ใช้งบประมาณ" : $"งบประมาณ {ThaiFormat.Baht(Input.Budget ?? 0)}";
            var saved = $"บันทึกโครงการ “{Input.Name?.Trim()}” (มิติที่ {Input.DimensionCode}, {ThaiFormat.FiscalYear(Input.FiscalYear!.Value)}, {budget}) เรียบร้อยแล้ว";
            if (After == AfterNext)
            {
                Flash(saved + " กรุณาบันทึกโครงการถัดไป");
                return Redirect($"/projects/plan?fiscalYear={Input.FiscalYear}");
            }
            Flash(saved);
            return Redirect("/summary");
        }
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>ล้างข้อมูล: an empty form (the fiscal year stays).</summary>
    public IActionResult OnPostClear() => Redirect($"/projects/plan?fiscalYear={Input.FiscalYear}");

    private async Task LoadAsync(CancellationToken ct)
    {
        (Years, var year) = FiscalYearChoice.For(clock, Input.FiscalYear);
        Input.FiscalYear = year;
        Tree = await Sender.Send(new GetDimensionTreeQuery(Input.FiscalYear.Value), ct);
    }
}
