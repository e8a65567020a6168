using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Projects.Features.RoundReports;
using Microsoft.AspNetCore.Mvc;

namespace EPlanNacc.Host.Pages.Projects;

/// <summary>บันทึกรายงานผลการดำเนินงาน of one project and round: the budget in the ordinance, the disbursed amount,
/// whether it is in the ordinance or operating plan, the status and, for "ไม่สามารถดำเนินการได้", the reason.
/// Read-only with the reason when the round is not open for this LAO or the project needs no report.</summary>
public sealed class ReportModel : AppPageModel
{
    public sealed class ReportForm : IVersionedForm
    {
        public decimal? OrdinanceBudget { get; set; }
        public decimal? BudgetSpent { get; set; }
        public bool? InLocalOrdinance { get; set; }
        public string? Status { get; set; }
        public string? NotPossibleReason { get; set; }
        public string? NotPossibleReasonOther { get; set; }
        public string? Remarks { get; set; }
        public int? Version { get; set; }

        /// <summary>The form as the round's report starts: its values (for a first 12-month report, the 6-month
        /// one's), "completed" when the status is fixed, and the project's version.</summary>
        public static ReportForm From(RoundReportForm form) => new()
        {
            OrdinanceBudget = form.Prefill?.OrdinanceBudget, BudgetSpent = form.Prefill?.BudgetSpent,
            InLocalOrdinance = form.Prefill?.InLocalOrdinance,
            Status = form.StatusLocked ? RoundReportCodes.Completed : form.Prefill?.Status,
            NotPossibleReason = form.Prefill?.NotPossibleReason,
            NotPossibleReasonOther = form.Prefill?.NotPossibleReasonOther,
            Remarks = form.Prefill?.Remarks, Version = form.Project.Version,
        };

        public ReportRoundResultCommand ToCommand(Guid projectId, int round) => new(projectId, round, OrdinanceBudget,
            BudgetSpent, InLocalOrdinance, Status, NotPossibleReason, NotPossibleReasonOther, Remarks, Version);
    }

    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public int Round { get; set; }
    [BindProperty] public ReportForm Input { get; set; } = new();

    public RoundReportForm Form { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Form = await Sender.Send(new GetRoundReportFormQuery(Id, Round), ct);
        Input = ReportForm.From(Form);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var unreadable = ModelState.Any(kv => kv.Value?.Errors.Count > 0);
        var saved = !unreadable && await TrySaveAsync(() => Sender.Send(Input.ToCommand(Id, Round), ct).AsTask(), Input,
            async () => (await Sender.Send(new GetRoundReportFormQuery(Id, Round), ct)).Project.Version);
        Form = await Sender.Send(new GetRoundReportFormQuery(Id, Round), ct);
        if (saved)
        {
            Flash($"บันทึกรายงานผลการดำเนินงาน{ThaiFormat.RoundName(Round)} ของโครงการ " +
                  $"“{Form.Project.Name}” เรียบร้อยแล้ว");
            return RedirectToPage("/Projects/List", new { fiscalYear = Form.Project.FiscalYear });
        }
        return Page();
    }
}
