using EPlanNacc.Host.Infrastructure;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts.Scope;
using EPlanNacc.Modules.Reporting.Features.Completeness;
using EPlanNacc.Modules.Reporting.Features.Reports;
using EPlanNacc.Modules.Reporting.Rendering;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EPlanNacc.Host.Pages.Reporting;

/// <summary>ความครบถ้วนของการรายงานผล (<c>/staff/completeness</c>): for a fiscal year and round, the nation by
/// province on a map and in a table (an admin without a province), or one province by district and LAO (a provincial
/// office its own; an admin by drill-down). Sorted and filtered by <see cref="CompletenessView"/>; the Excel file
/// carries every row.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class CompletenessModel(TimeProvider clock) : AppPageModel
{
    [BindProperty(SupportsGet = true)] public int? FiscalYear { get; set; }
    [BindProperty(SupportsGet = true)] public int? Round { get; set; }
    [BindProperty(SupportsGet = true)] public string? ProvinceCode { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true)] public bool Desc { get; set; }
    [BindProperty(SupportsGet = true)] public string? Filter { get; set; }

    public IReadOnlyList<int> Years { get; private set; } = [];
    public ScopeChoices Choices { get; private set; } = new([], null, []);
    public CompletenessReport? Report { get; private set; }
    public CompletenessView? View { get; private set; }
    public bool IsAdmin => User.IsAdmin();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await ChooseAsync(ct);
        await TryAsync(async () =>
        {
            Report = (CompletenessReport)(await Sender.Send((object)Query(recent: true), ct))!;
            View = CompletenessView.Of(Report, Sort, Desc, Filter);
        }, prefix: "");
        return Page();
    }

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct)
    {
        ReportFile? file = null;
        await ChooseAsync(ct);
        var render = new RenderReportQuery(Query(), ReportOutput.Xlsx);
        if (await TryAsync(async () => file = await Sender.Send(render, ct), prefix: ""))
            return File(file!.Content, file.ContentType, file.FileName);
        return Page();
    }

    /// <summary>The nation for an admin who names no province (on screen, figures a few seconds old will do: the page
    /// says when they were computed); else the province (a provincial office's own).</summary>
    private IReportQuery Query(bool recent = false) => IsAdmin && ProvinceCode is null
        ? new GetNationalCompletenessQuery(FiscalYear!.Value, Round!.Value, recent)
        : new GetCompletenessQuery(FiscalYear!.Value, Round!.Value, ProvinceCode);

    /// <summary>The year asked when it is offered (else the current one), the round (6 by default), and the province:
    /// the one named (the query answers 404 for one outside the caller's scope), else a provincial office's own, else
    /// (an admin) none, the nation.</summary>
    private async Task ChooseAsync(CancellationToken ct)
    {
        (Years, var year) = FiscalYearChoice.For(clock, FiscalYear);
        FiscalYear = year;
        if (Round is not { } round || !BuildingBlocks.Thai.FiscalYear.IsRound(round)) Round = 6;
        ProvinceCode = string.IsNullOrWhiteSpace(ProvinceCode) ? null : ProvinceCode.Trim();
        Choices = await Sender.Send(new GetScopeChoicesQuery(ProvinceCode, ProvincesOnly: true), ct);
        ProvinceCode ??= Choices.ProvinceCode;
    }

    /// <summary>The query string of the current choices, with other values for a link (an empty value drops
    /// one).</summary>
    public Dictionary<string, string?> RouteWith(string? sort = null, bool? desc = null, string? filter = null,
        string? provinceCode = null) => new Dictionary<string, string?>
        {
            ["fiscalYear"] = FiscalYear?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["round"] = Round?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["provinceCode"] = provinceCode ?? ProvinceCode,
            ["sort"] = sort ?? Sort,
            ["desc"] = (desc ?? Desc) ? "true" : null,
            ["filter"] = filter ?? Filter,
        }.Where(v => !string.IsNullOrEmpty(v.Value)).ToDictionary();
}
