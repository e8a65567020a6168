using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.Host.Infrastructure;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts.Scope;
using EPlanNacc.Modules.Reporting.Features.Batches;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EPlanNacc.Host.Pages.Reporting;

/// <summary>ออกรายงานแบบกลุ่ม (staff): choose a report, fiscal year, round and scope (an admin the nation or a
/// province, a provincial office its own) to print one PDF per LAO into a zip in the background; the list of the
/// batches of the caller's scope with their progress, which wwwroot/js/report-batches.js refreshes from
/// <c>?handler=progress</c> until every batch has finished, and the zip's download.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class ReportBatchesModel(TimeProvider clock) : AppPageModel
{
    [BindProperty] public BatchForm Input { get; set; } = new();

    public IReadOnlyList<int> Years { get; private set; } = [];
    public ScopeChoices Choices { get; private set; } = new([], null, []);
    public IReadOnlyList<ReportBatchDetails> Batches { get; private set; } = [];
    public bool IsAdmin => User.IsAdmin();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await TryAsync(async () => await Sender.Send(new CreateReportBatchCommand(Input.Kind, Input.FiscalYear,
                Input.Round, Input.ProvinceCode), ct)))
        {
            Flash("เริ่มสร้างรายงานแล้ว ระบบสร้างไฟล์อยู่เบื้องหลัง ติดตามความคืบหน้าได้ในรายการด้านล่าง " +
                  "และดาวน์โหลดไฟล์ zip ได้เมื่อเสร็จ");
            return RedirectToPage();
        }
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>The progress of the listed batches, for the page's script.</summary>
    public async Task<IActionResult> OnGetProgressAsync(CancellationToken ct) =>
        new JsonResult((await Sender.Send(new ListReportBatchesQuery(), ct)).Select(b => new
        {
            b.Id, b.Status, b.StatusNameTh, b.Total, b.Done, b.Failed, b.TimeLeftTh, b.Finished,
            Percent = Percent(b), KeptUntil = KeptUntil(b),
            DownloadUrl = b.Downloadable ? Url.Page("/Reporting/ReportBatches", "download", new { id = b.Id }) : null,
        }));

    public async Task<IActionResult> OnGetDownloadAsync(Guid id, CancellationToken ct)
    {
        var zip = await Sender.Send(new GetReportBatchZipQuery(id), ct);
        return PhysicalFile(zip.FullPath, ReportBatchZip.ContentType, zip.FileName);
    }

    /// <summary>"เก็บไฟล์ไว้ถึง ..." once the zip is there.</summary>
    public static string KeptUntil(ReportBatchDetails batch) =>
        batch is { Downloadable: true, ExpiresAt: { } expires } ? $"เก็บไฟล์ไว้ถึง {ThaiFormat.DateTime(expires)}" : "";

    public static int Percent(ReportBatchDetails batch) =>
        batch.Total == 0 ? 100 : (int)Math.Floor(100.0 * (batch.Done + batch.Failed) / batch.Total);

    private async Task LoadAsync(CancellationToken ct)
    {
        var choice = FiscalYearChoice.For(clock, Input.FiscalYear);
        (Years, Input.FiscalYear) = (choice.Years, choice.Year);
        Input.Round = Input.Round is { } round && FiscalYear.IsRound(round) ? round : 6;
        Input.Kind = ReportBatchKinds.IsKind(Input.Kind) ? Input.Kind : ReportBatchKinds.Performance;
        Choices = await Sender.Send(new GetScopeChoicesQuery(Input.ProvinceCode), ct);
        if (!IsAdmin) Input.ProvinceCode = Choices.ProvinceCode;
        Batches = await Sender.Send(new ListReportBatchesQuery(), ct);
    }

    public sealed class BatchForm
    {
        public string? Kind { get; set; }
        public int? FiscalYear { get; set; }
        public int? Round { get; set; }
        /// <summary>A province, or none for the nation (admins).</summary>
        public string? ProvinceCode { get; set; }
    }
}
