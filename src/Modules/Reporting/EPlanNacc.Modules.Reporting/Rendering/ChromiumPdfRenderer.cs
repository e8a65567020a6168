using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PuppeteerSharp;
using PuppeteerSharp.Media;

namespace EPlanNacc.Modules.Reporting.Rendering;

public sealed class ReportingOptions
{
    public const string Section = "Reporting";
    /// <summary>The Debian package's Chromium: nothing is downloaded.</summary>
    [Required] public string ChromiumPath { get; set; } = "/usr/bin/chromium";
    /// <summary>How many PDFs are printed at once (one page each, on one warm browser): as many as the machine has
    /// cores, by default.</summary>
    [Range(1, 32)] public int MaxConcurrentPdfs { get; set; } = Math.Clamp(Environment.ProcessorCount, 1, 8);
    [Range(5, 600)] public int PdfTimeoutSeconds { get; set; } = 60;

    /// <summary>Where the bulk reports and the nightly province files are written (relative to the working
    /// directory when not absolute).</summary>
    [Required] public string BatchFolder { get; set; } = ".run/report-batches";
    /// <summary>How many files one job of a batch prints before it hands over to the next job (so that a long batch
    /// never holds a worker for long, and other jobs run in between).</summary>
    [Range(1, 10_000)] public int BatchItemsPerJob { get; set; } = 40;
    /// <summary>How many days a batch's zip is kept after it finished.</summary>
    [Range(1, 365)] public int BatchKeepDays { get; set; } = 30;
}

public interface IPdfRenderer
{
    Task<byte[]> RenderAsync(ReportDocument report, DateTimeOffset printedAt, CancellationToken ct = default);
}

/// <summary>Prints reports to A4 PDF with headless Chromium (PuppeteerSharp, the system's executable): Thai is
/// shaped and wrapped between words, Sarabun is embedded, every page has the report's header and "หน้า x / y" with
/// the date of printing in the footer. One browser is kept warm for the life of the application, and so are its
/// pages: each is loaded once with the print styles (<see cref="ReportHtmlWriter.PrintShell"/>) and then prints one
/// report after another (its fragment put into the body), at most <see cref="ReportingOptions.MaxConcurrentPdfs"/> at
/// once. A page that failed is closed rather than reused, a page is renewed after <see cref="UsesPerPage"/> reports,
/// and a browser that died is started again.</summary>
public sealed class ChromiumPdfRenderer(IOptions<ReportingOptions> options, ILogger<ChromiumPdfRenderer> logger)
    : IPdfRenderer, IAsyncDisposable
{
    /// <summary>How many reports a page prints before it is closed for a new one (bounds what it may
    /// accumulate).</summary>
    public const int UsesPerPage = 500;

    private readonly SemaphoreSlim _launch = new(1, 1);
    private readonly SemaphoreSlim _pages = new(Math.Max(1, options.Value.MaxConcurrentPdfs));
    private readonly ConcurrentBag<PooledPage> _idle = [];
    private IBrowser? _browser;

    private sealed record PooledPage(IPage Page, int Uses);

    private static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-quic", "--font-render-hinting=none",
    ];

    /// <summary>Puts a report into a loaded page: its title, its page size and its body; answers once the fonts it
    /// uses are ready.</summary>
    private const string Fill = """
        async (title, pageSize, body) => {
            document.title = title;
            document.getElementById('page-size').textContent = pageSize;
            document.body.innerHTML = body;
            await document.fonts.ready;
            return true;
        }
        """;

    private async Task<IBrowser> BrowserAsync()
    {
        if (_browser is { IsConnected: true }) return _browser;
        await _launch.WaitAsync();
        try
        {
            if (_browser is { IsConnected: true }) return _browser;
            if (_browser is not null) await _browser.DisposeAsync();
            var started = System.Diagnostics.Stopwatch.StartNew();
            _browser = await Puppeteer.LaunchAsync(new LaunchOptions
            {
                Headless = true, ExecutablePath = options.Value.ChromiumPath, Args = Arguments,
            });
            logger.LogInformation("Chromium started for PDFs in {Elapsed} ms", started.ElapsedMilliseconds);
            return _browser;
        }
        finally
        {
            _launch.Release();
        }
    }

    /// <summary>An idle page of the running browser, or a new one loaded with the print styles.</summary>
    private async Task<PooledPage> TakePageAsync()
    {
        var browser = await BrowserAsync();
        while (_idle.TryTake(out var idle))
        {
            if (!idle.Page.IsClosed && idle.Page.Browser == browser) return idle;
            await CloseAsync(idle.Page);
        }
        var page = await browser.NewPageAsync();
        page.DefaultTimeout = options.Value.PdfTimeoutSeconds * 1000;
        await page.SetContentAsync(ReportHtmlWriter.PrintShell(),
            new SetContentOptions { WaitUntil = [WaitUntilNavigation.Load] });
        return new PooledPage(page, 0);
    }

    public async Task<byte[]> RenderAsync(ReportDocument report, DateTimeOffset printedAt,
        CancellationToken ct = default)
    {
        await _pages.WaitAsync(ct);
        PooledPage? taken = null;
        try
        {
            taken = await TakePageAsync();
            var page = taken.Page;
            await page.EvaluateFunctionAsync(Fill, report.Title, ReportHtmlWriter.PageSize(report.Landscape),
                ReportHtmlWriter.Fragment(report));
            var pdf = await page.PdfDataAsync(new PdfOptions
            {
                Format = PaperFormat.A4,
                Landscape = report.Landscape,
                PrintBackground = true,
                DisplayHeaderFooter = true,
                HeaderTemplate = ReportHtmlWriter.PageHeader(report),
                FooterTemplate = ReportHtmlWriter.PageFooter(printedAt),
                MarginOptions = new MarginOptions { Top = "20mm", Bottom = "18mm", Left = "12mm", Right = "12mm" },
            });
            if (taken.Uses + 1 < UsesPerPage)
            {
                _idle.Add(taken with { Uses = taken.Uses + 1 });
                taken = null;
            }
            return pdf;
        }
        finally
        {
            // a page that failed, or has printed its share, is not reused
            if (taken is not null) await CloseAsync(taken.Page);
            _pages.Release();
        }
    }

    private async Task CloseAsync(IPage page)
    {
        try
        {
            await page.DisposeAsync();
        }
        catch (Exception ex)
        {
            logger.LogDebug(ex, "A Chromium page could not be closed (its browser may be gone)");
        }
    }

    public async ValueTask DisposeAsync()
    {
        while (_idle.TryTake(out var idle)) await CloseAsync(idle.Page);
        if (_browser is not null) await _browser.DisposeAsync();
        _browser = null;
    }
}
