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
    /// <summary>How many PDFs are printed at once (one page each, on one warm browser).</summary>
    [Range(1, 32)] public int MaxConcurrentPdfs { get; set; } = 2;
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
/// the date of printing in the footer. One browser is kept warm for the life of the application; each document gets
/// its own page.</summary>
public sealed class ChromiumPdfRenderer(IOptions<ReportingOptions> options, ILogger<ChromiumPdfRenderer> logger)
    : IPdfRenderer, IAsyncDisposable
{
    private readonly SemaphoreSlim _launch = new(1, 1);
    private readonly SemaphoreSlim _pages = new(Math.Max(1, options.Value.MaxConcurrentPdfs));
    private IBrowser? _browser;

    private static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-quic", "--font-render-hinting=none",
    ];

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

    public async Task<byte[]> RenderAsync(ReportDocument report, DateTimeOffset printedAt,
        CancellationToken ct = default)
    {
        var browser = await BrowserAsync();
        await _pages.WaitAsync(ct);
        try
        {
            await using var page = await browser.NewPageAsync();
            page.DefaultTimeout = options.Value.PdfTimeoutSeconds * 1000;
            await page.SetContentAsync(ReportHtmlWriter.PrintDocument(report),
                new SetContentOptions { WaitUntil = [WaitUntilNavigation.Load] });
            await page.EvaluateExpressionAsync("document.fonts.ready.then(() => true)");
            return await page.PdfDataAsync(new PdfOptions
            {
                Format = PaperFormat.A4,
                Landscape = report.Landscape,
                PrintBackground = true,
                DisplayHeaderFooter = true,
                HeaderTemplate = ReportHtmlWriter.PageHeader(report),
                FooterTemplate = ReportHtmlWriter.PageFooter(printedAt),
                MarginOptions = new MarginOptions { Top = "20mm", Bottom = "18mm", Left = "12mm", Right = "12mm" },
            });
        }
        finally
        {
            _pages.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _browser = null;
    }
}
