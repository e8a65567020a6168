using EPlanNacc.Host.Infrastructure;
using EPlanNacc.Modules.Evaluation.Features.Assessments;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EPlanNacc.Host.Pages.Evaluation;

/// <summary>Admin: the maximum per dimension and the minimum passing total of each fiscal year.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class SettingsModel(TimeProvider clock) : AppPageModel
{
    public sealed class SettingsForm
    {
        public decimal? PassingTotal { get; set; }
        public List<DimensionMaximumInput> Dimensions { get; set; } = [];
    }

    [BindProperty(SupportsGet = true)] public int? FiscalYear { get; set; }
    [BindProperty] public SettingsForm Input { get; set; } = new();
    public IReadOnlyList<int> Years { get; private set; } = [];
    public AssessmentSettingsDetails? Settings { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Input = new SettingsForm
        {
            PassingTotal = Settings!.PassingTotal,
            Dimensions = Settings.Dimensions.Select(d => new DimensionMaximumInput(d.Code, d.MaxScore)).ToList(),
        };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (ModelState.IsValid && await TryAsync(() => Sender.Send(new SaveAssessmentSettingsCommand(FiscalYear!.Value,
            Input.PassingTotal, Input.Dimensions), ct).AsTask()))
        {
            Flash("บันทึกการตั้งค่าการประเมินเรียบร้อยแล้ว");
            return RedirectToPage(new { fiscalYear = FiscalYear });
        }
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        (Years, var year) = FiscalYearChoice.For(clock, FiscalYear);
        FiscalYear = year;
        Settings = await Sender.Send(new GetAssessmentSettingsQuery(year), ct);
    }
}
