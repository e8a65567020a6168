using EPlanNacc.Host.Infrastructure;
using EPlanNacc.Modules.Evaluation.Features.Assessments;
using Microsoft.AspNetCore.Mvc;

namespace EPlanNacc.Host.Pages.Evaluation;

/// <summary>Entering one assessor's scores of an LAO for a fiscal year: the LAO its self-assessment, the provincial
/// office and NACC central theirs (and publishing them). The form carries the version of the sheet it was opened at: a
/// save over scores saved since is refused and the page says who saved what, keeping the user's scores; saving again
/// then overwrites knowingly.</summary>
public sealed class AssessmentModel : AppPageModel
{
    public sealed class ScoreForm : IVersionedForm
    {
        public List<DimensionScoreInput> Dimensions { get; set; } = [];
        public int? Version { get; set; }
    }

    [BindProperty(SupportsGet = true)] public int FiscalYear { get; set; }
    [BindProperty(SupportsGet = true)] public string Assessor { get; set; } = "self";
    [BindProperty(SupportsGet = true)] public string? DlaCode { get; set; }
    [BindProperty] public ScoreForm Input { get; set; } = new();

    public AssessmentDetails? Sheet { get; private set; }
    public bool IsLao => User.IsLao();
    public Type ClientRulesFor => typeof(SaveAssessmentCommand);

    /// <summary>The LAO asked (another LAO's is 404), else an LAO's own.</summary>
    private string Lao => !string.IsNullOrWhiteSpace(DlaCode) ? DlaCode : IsLao ? User.Get(AppClaims.DlaCode)! : "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Page();
        Input.Dimensions = Sheet!.Dimensions.Select(d => new DimensionScoreInput(d.Code, d.Score)).ToList();
        Input.Version = Sheet.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var save = new SaveAssessmentCommand(Lao, FiscalYear, Assessor, Input.Dimensions, Input.Version);
        if (ModelState.IsValid && await TrySaveAsync(() => Sender.Send(save, ct).AsTask(), Input,
                async () => (await Sender.Send(new GetAssessmentQuery(Lao, FiscalYear, Assessor), ct)).Version))
        {
            Flash("บันทึกคะแนนการประเมินเรียบร้อยแล้ว");
            return RedirectToSheet();
        }
        // the user's scores stay on the form (after a stale save, at the version shown)
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken ct)
    {
        if (await TryAsync(() => Sender.Send(new PublishAssessmentCommand(Lao, FiscalYear, Assessor), ct).AsTask()))
        {
            Flash("เผยแพร่คะแนนการประเมินให้ อปท. เห็นแล้ว");
            return RedirectToSheet();
        }
        await LoadAsync(ct);
        return Page();
    }

    private RedirectToPageResult RedirectToSheet() =>
        RedirectToPage(new { fiscalYear = FiscalYear, assessor = Assessor, dlaCode = IsLao ? null : DlaCode });

    private async Task<bool> LoadAsync(CancellationToken ct) =>
        await TryAsync(async () =>
            Sheet = await Sender.Send(new GetAssessmentQuery(Lao, FiscalYear, Assessor), ct), prefix: "");
}
