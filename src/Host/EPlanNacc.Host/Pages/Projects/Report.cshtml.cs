using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.Modules.Projects.Features.RoundReports;
using Microsoft.AspNetCore.Mvc;

namespace EPlanNacc.Host.Pages.Projects;

/// <summary>บันทึกรายงานผลการดำเนินงาน of one project and round: the budget in the ordinance, the disbursed amount,
/// whether it is in the ordinance or operating plan, the status and, for "ไม่สามารถดำเนินการได้", the reason.
/// Read-only with the reason when the round is not open for this LAO or the project needs no report.</summary>
public sealed class ReportModel : AppPageModel
{
    public sealed class ReportForm
    {
        public decimal? OrdinanceBudget { get; set; }
        public decimal? BudgetSpent { get; set; }
        public bool? InLocalOrdinance { get; set; }
        public string? Status { get; set; }
        public string? NotPossibleReason { get; set; }
        public string? NotPossibleReasonOther { get; set; }
        public string? Remarks { get; set; }
        public int? Version { get; set; }
    }

    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public int Round { get; set; }
    [BindProperty] public ReportForm Input { get; set; } = new();

    public RoundReportForm Form { get; private set; } = default!;
    public ConflictException? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Form = await Sender.Send(new GetRoundReportFormQuery(Id, Round), ct);
        var start = Form.Prefill;
        Input = new ReportForm
        {
            OrdinanceBudget = start?.OrdinanceBudget, BudgetSpent = start?.BudgetSpent, InLocalOrdinance = start?.InLocalOrdinance,
            Status = Form.StatusLocked ? Modules.Projects.Contracts.RoundReportCodes.Completed : start?.Status,
            NotPossibleReason = start?.NotPossibleReason, NotPossibleReasonOther = start?.NotPossibleReasonOther, Remarks = start?.Remarks,
            Version = Form.Project.Version,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var unreadable = ModelState.Any(kv => kv.Value?.Errors.Count > 0);
        var i = Input;
        var saved = !unreadable && await TryAsync(async () =>
        {
            try
            {
                await Sender.Send(new ReportRoundResultCommand(Id, Round, i.OrdinanceBudget, i.BudgetSpent, i.InLocalOrdinance, i.Status,
                    i.NotPossibleReason, i.NotPossibleReasonOther, i.Remarks, i.Version), ct);
            }
            catch (ConflictException ex) { Conflict = ex; }
        });
        Form = await Sender.Send(new GetRoundReportFormQuery(Id, Round), ct);
        if (saved && Conflict is null)
        {
            Flash($"บันทึกรายงานผลการดำเนินงาน{ThaiFormat.RoundName(Round)} ของโครงการ “{Form.Project.Name}” เรียบร้อยแล้ว");
            return Redirect($"/projects/list?fiscalYear={Form.Project.FiscalYear}");
        }
        if (Conflict is not null)
        {
            Input.Version = Form.Project.Version;
            ModelState.Remove("Input.Version");
        }
        return Page();
    }
}
