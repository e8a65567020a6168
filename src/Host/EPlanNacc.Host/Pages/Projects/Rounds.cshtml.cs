using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.Host.Infrastructure;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Projects.Features.Rounds;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EPlanNacc.Host.Pages.Projects;

/// <summary>รอบการรายงานและการขยายเวลา (NACC staff), one page per fiscal year: each round's opening date and deadline
/// (set by an admin, read by a provincial office), the extensions of one round in the caller's scope with their
/// filters, the forms to grant and revoke one, and the history of every change. Each form is bound by its own
/// handler only, so that one form's rules never refuse another's post.</summary>
[Authorize(Policy = Policies.Staff)]
[RedirectRefused(Policies.Lao, "/Projects/List")]
public sealed class RoundsModel(TimeProvider clock) : AppPageModel
{
    [BindProperty(SupportsGet = true)] public int? FiscalYear { get; set; }
    [BindProperty(SupportsGet = true)] public int? Round { get; set; }
    [BindProperty(SupportsGet = true)] public string? ProvinceCode { get; set; }
    [BindProperty(SupportsGet = true)] public string? DistrictCode { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public IReadOnlyList<int> Years { get; private set; } = [];
    public RoundYear View { get; private set; } = default!;

    /// <summary>The form posted, kept with what was typed when it was refused (null: none).</summary>
    public RoundDatesForm? Dates { get; private set; }
    public GrantExtensionForm? Grant { get; private set; }
    public RevokeExtensionForm? Revoke { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostDatesAsync([Bind(Prefix = nameof(Dates))] RoundDatesForm dates,
        CancellationToken ct)
    {
        Dates = dates;
        var year = Year();
        var saved = ModelState.IsValid && await TrySaveAsync(() => Sender.Send(dates.ToCommand(year), ct).AsTask(),
            dates, async () => (await Sender.Send(new ListRoundsQuery(year), ct)).Single(r => r.Round == dates.Round)
                .Version, nameof(Dates));
        return await AfterAsync(saved,
            () => $"บันทึกวันเปิดรับและกำหนดส่งรายงาน{ThaiFormat.RoundName(dates.Round)}เรียบร้อยแล้ว",
            new { fiscalYear = year, round = dates.Round }, ct);
    }

    public async Task<IActionResult> OnPostGrantAsync([Bind(Prefix = nameof(Grant))] GrantExtensionForm grant,
        CancellationToken ct)
    {
        Grant = grant;
        var year = Year();
        RoundExtension? granted = null;
        var saved = ModelState.IsValid && await TryAsync(
            async () => granted = await Sender.Send(grant.ToCommand(year), ct), nameof(Grant),
            notFoundField: nameof(GrantExtensionForm.DlaCode));
        return await AfterAsync(saved,
            () => $"ขยายเวลา{ThaiFormat.RoundName(granted!.Round)}ให้ อปท. รหัส {granted.DlaCode} " +
                  $"ถึง {ThaiFormat.ShortDate(granted.Until)} เรียบร้อยแล้ว", Filters(year, grant.Round), ct);
    }

    public async Task<IActionResult> OnPostRevokeAsync([Bind(Prefix = nameof(Revoke))] RevokeExtensionForm revoke,
        CancellationToken ct)
    {
        Revoke = revoke;
        var year = Year();
        var saved = ModelState.IsValid && await TryAsync(() => Sender.Send(revoke.ToCommand(year), ct).AsTask(),
            nameof(Revoke), notFoundField: "");
        return await AfterAsync(saved, () => $"ยกเลิกการขยายเวลาของ อปท. รหัส {revoke.DlaCode} เรียบร้อยแล้ว",
            Filters(year, revoke.Round), ct);
    }

    /// <summary>After a form's post: saved, the message and back to the page (a new GET); refused, the page again with
    /// the refusal and what was typed.</summary>
    private async Task<IActionResult> AfterAsync(bool saved, Func<string> message, object route, CancellationToken ct)
    {
        if (saved)
        {
            Flash(message());
            return RedirectToPage(route);
        }
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>The page's address values after a change: the year, the round and the filters in force.</summary>
    public object Filters(int year, int round) =>
        new { fiscalYear = year, round, provinceCode = ProvinceCode, districtCode = DistrictCode, q = Q };

    private int Year()
    {
        (Years, var year) = FiscalYearChoice.For(clock, FiscalYear);
        FiscalYear = year;
        return year;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var year = Year();
        Round = Grant?.Round ?? Revoke?.Round ?? Round;
        View = await Sender.Send(new GetRoundYearQuery(year, Round, ProvinceCode, DistrictCode, Q), ct);
        Round = View.Round;
    }
}
