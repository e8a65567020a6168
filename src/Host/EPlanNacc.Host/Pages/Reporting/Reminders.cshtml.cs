using EPlanNacc.Host.Infrastructure;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts.Scope;
using EPlanNacc.Modules.Reporting.Features.Reminders;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EPlanNacc.Host.Pages.Reporting;

/// <summary>แจ้งเตือนกำหนดส่งรายงาน (NACC staff): for a fiscal year, a round and a province (a provincial office its
/// own; an admin any, or the nation), the LAOs a reminder goes to with what is missing, one email as it will be sent,
/// "send now" (after a confirmation), the days of the automatic reminders, and what was sent, when, and what
/// failed.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class RemindersModel(TimeProvider clock) : AppPageModel
{
    /// <summary>The nation's list is long: the page shows its first rows (a province shows them all).</summary>
    public const int MaxRows = 300;

    [BindProperty(SupportsGet = true)] public int? FiscalYear { get; set; }
    [BindProperty(SupportsGet = true)] public int? Round { get; set; }
    [BindProperty(SupportsGet = true)] public string? ProvinceCode { get; set; }
    /// <summary>The LAO whose email is shown (else the first with an address).</summary>
    [BindProperty(SupportsGet = true)] public string? Sample { get; set; }
    /// <summary>Only the sends with a problem (not sent, failing, given up).</summary>
    [BindProperty(SupportsGet = true)] public bool Problems { get; set; }

    public IReadOnlyList<int> Years { get; private set; } = [];
    public ScopeChoices Choices { get; private set; } = new([], null, []);
    public ReminderPreview? Preview { get; private set; }
    public ReminderLogView? Log { get; private set; }
    public bool IsAdmin => User.IsAdmin();

    public async Task OnGetAsync(CancellationToken ct)
    {
        await ChooseAsync(ct);
        await LoadAsync(ct);
    }

    /// <summary>The sample email's HTML as the coordinator receives it, for the page's frame: its own inline styles
    /// and nothing that runs or loads (<see cref="SecurityHeaders.FramedDocumentPolicy"/>).</summary>
    public async Task<IActionResult> OnGetEmailAsync(CancellationToken ct)
    {
        await ChooseAsync(ct);
        await LoadAsync(ct);
        if (Preview?.Sample is not { } sample) return NotFound();
        Response.AllowFramingBySelf();
        return Content(sample.HtmlBody, "text/html; charset=utf-8");
    }

    public async Task<IActionResult> OnPostSendAsync(CancellationToken ct)
    {
        // the province asked, not the one the page falls back to for showing: another one is refused, never replaced
        var asked = ProvinceCode;
        await ChooseAsync(ct);
        var queued = 0;
        if (await TryAsync(async () => queued = await Sender.Send(
                new SendRemindersCommand(FiscalYear!.Value, Round!.Value, asked ?? ProvinceCode), ct), prefix: ""))
        {
            Flash(queued > 0
                ? $"ส่งอีเมลแจ้งเตือนแล้ว {queued} ฉบับ ระบบจะทยอยส่งภายในไม่กี่นาที " +
                  "(ดูสถานะได้ในประวัติการส่งด้านล่าง)"
                : "ไม่มีอีเมลที่ต้องส่งเพิ่ม: วันนี้ อปท. ทุกแห่งในรายชื่อได้รับอีเมลแจ้งเตือนรอบนี้แล้ว " +
                  "หรือไม่มีอีเมลผู้ประสานงาน");
            return RedirectToPage(new { FiscalYear, Round, ProvinceCode });
        }
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>The year asked when offered (else the current one), the round (6 by default) and the province: a
    /// provincial office's own, an admin's choice (none: the nation).</summary>
    private async Task ChooseAsync(CancellationToken ct)
    {
        (Years, var year) = FiscalYearChoice.For(clock, FiscalYear);
        FiscalYear = year;
        if (Round is not { } round || !BuildingBlocks.Thai.FiscalYear.IsRound(round)) Round = 6;
        Choices = await Sender.Send(new GetScopeChoicesQuery(ProvinceCode), ct);
        ProvinceCode = Choices.ProvinceCode;
    }

    private async Task LoadAsync(CancellationToken ct) =>
        await TryAsync(async () =>
        {
            Preview = await Sender.Send(
                new GetReminderPreviewQuery(FiscalYear!.Value, Round!.Value, ProvinceCode, Sample), ct);
            Log = await Sender.Send(
                new ListReminderLogQuery(FiscalYear.Value, Round.Value, ProvinceCode, Problems), ct);
        }, prefix: "");
}
