using EPlanNacc.Host.Infrastructure;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts.Scope;
using EPlanNacc.Modules.Reporting.Features.ProvinceFiles;
using EPlanNacc.Modules.Reporting.Features.Reports;
using EPlanNacc.Modules.Reporting.Rendering;
using Microsoft.AspNetCore.Mvc;

namespace EPlanNacc.Host.Pages.Reporting;

/// <summary>
/// What the summary and the report pages share: the choices the manual describes (fiscal year; the round where the
/// page has one; for staff the province, and the LAO unless the page is about a whole province).
/// </summary>
public abstract class ReportingPageModel(TimeProvider clock) : AppPageModel
{
    [BindProperty(SupportsGet = true)] public int? FiscalYear { get; set; }
    [BindProperty(SupportsGet = true)] public int? Round { get; set; }
    [BindProperty(SupportsGet = true)] public string? ProvinceCode { get; set; }
    [BindProperty(SupportsGet = true)] public string? DlaCode { get; set; }

    /// <summary>The page's name, as the manual gives it.</summary>
    public abstract string Title { get; }
    public abstract string Description { get; }
    /// <summary>The page is of round 6 or 12.</summary>
    public virtual bool HasRound => false;
    /// <summary>The page is about a province (staff only), not one LAO.</summary>
    public virtual bool IsProvinceReport => false;

    /// <summary>The year list submits the form as soon as it changes (the summary page).</summary>
    public virtual bool SubmitOnChange => false;
    /// <summary>The label of the form's button.</summary>
    public virtual string ShowLabel => "แสดงรายงาน";

    public IReadOnlyList<int> Years { get; private set; } = [];
    public ScopeChoices Choices { get; private set; } = new([], null, []);
    public bool IsStaff => User.IsStaff();
    public bool IsAdmin => User.IsAdmin();

    /// <summary>What the user still has to choose before the page can show anything (null when nothing).</summary>
    public string? Missing => !IsStaff ? null
        : IsProvinceReport ? (ProvinceCode is null ? "กรุณาเลือกจังหวัด" : null)
        : ProvinceCode is null ? "กรุณาเลือกจังหวัด แล้วเลือก อปท." : string.IsNullOrWhiteSpace(DlaCode)
        ? "กรุณาเลือก อปท." : null;

    /// <summary>The year asked when it is offered (else the current one), the round (6 by default), and for staff
    /// the province in force (its own for a provincial office; another's is 404) and the LAO only if it belongs to
    /// that province (one outside the caller's scope is 404; an admin's LAO of another province is dropped, to be
    /// chosen again).</summary>
    protected async Task ChooseAsync(CancellationToken ct)
    {
        (Years, var year) = FiscalYearChoice.For(clock, FiscalYear);
        FiscalYear = year;
        if (Round is not { } round || !BuildingBlocks.Thai.FiscalYear.IsRound(round)) Round = 6;
        if (!IsStaff) return;
        Choices = await Sender.Send(new GetScopeChoicesQuery(ProvinceCode, DlaCode, ProvincesOnly: IsProvinceReport),
            ct);
        ProvinceCode = Choices.ProvinceCode;
        if (Choices.Laos.All(l => l.DlaCode != DlaCode?.Trim())) DlaCode = null;
    }
}

/// <summary>
/// A page of ออกรายงาน: the report on screen (the same HTML fragment Chromium prints) for the choices made, and its
/// downloads as PDF (<c>?handler=pdf</c>) and Excel (<c>?handler=xlsx</c>).
/// </summary>
public abstract class ReportPageModel(TimeProvider clock) : ReportingPageModel(clock)
{
    public ReportDocument? Report { get; private set; }

    /// <summary>The report's query for the choices made.</summary>
    protected abstract IReportQuery Query(int fiscalYear, int round);

    /// <summary>The report's HTML when it was kept ready (<see cref="ReadAsync"/>); else the page writes
    /// <see cref="Report"/>.</summary>
    public string? ReportHtml { get; protected set; }

    /// <summary>When the report's figures were read, for a report kept a few seconds (the page says so).</summary>
    public DateTimeOffset? FiguresAt { get; protected set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await ChooseAsync(ct);
        if (Missing is null)
            await TryAsync(async () => Report = await ReadAsync(FiscalYear!.Value, Round!.Value, ct), prefix: "");
        if (Report is not null) StoredFiles = await StoredFilesAsync(ct);
        return Page();
    }

    /// <summary>The report shown on the page.</summary>
    protected virtual async Task<ReportDocument> ReadAsync(int fiscalYear, int round, CancellationToken ct) =>
        ((IReport)(await Sender.Send((object)Query(fiscalYear, round), ct))!).ToDocument();

    /// <summary>The files of this report generated ahead of time (the nightly province roll-ups), offered beside a
    /// freshly printed one.</summary>
    public IReadOnlyList<StoredReportFile> StoredFiles { get; private set; } = [];

    protected virtual Task<IReadOnlyList<StoredReportFile>> StoredFilesAsync(CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<StoredReportFile>>([]);

    /// <summary>A file generated ahead of time (<c>?handler=stored&amp;format=pdf|xlsx</c>), or a fresh one when
    /// there is none.</summary>
    public async Task<IActionResult> OnGetStoredAsync(string? format, CancellationToken ct)
    {
        await ChooseAsync(ct);
        if (Missing is null
            && (await StoredFilesAsync(ct)).FirstOrDefault(f => f.Format == format) is { } stored)
            return PhysicalFile(stored.FullPath, stored.ContentType, stored.FileName);
        return await DownloadAsync(format == "xlsx" ? ReportOutput.Xlsx : ReportOutput.Pdf, ct);
    }

    public Task<IActionResult> OnGetPdfAsync(CancellationToken ct) => DownloadAsync(ReportOutput.Pdf, ct);

    public Task<IActionResult> OnGetXlsxAsync(CancellationToken ct) => DownloadAsync(ReportOutput.Xlsx, ct);

    private async Task<IActionResult> DownloadAsync(ReportOutput output, CancellationToken ct)
    {
        await ChooseAsync(ct);
        ReportFile? file = null;
        if (Missing is null && await TryAsync(async () => file = await Sender.Send(
            new RenderReportQuery(Query(FiscalYear!.Value, Round!.Value), output), ct), prefix: ""))
            return File(file!.Content, file.ContentType, file.FileName);
        return Page();
    }

    /// <summary>The query string of the current choices, for the download links.</summary>
    public object RouteValues =>
        new
        {
            FiscalYear, Round = HasRound ? Round : null, ProvinceCode = IsStaff ? ProvinceCode : null,
            DlaCode = IsStaff ? DlaCode : null,
        };
}
