using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using EPlanNacc.BuildingBlocks.Errors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PuppeteerSharp;
using PuppeteerSharp.Media;

namespace EPlanNacc.Modules.Reporting.Rendering;

public sealed class ReportingOptions : IValidatableObject
{
    public const string Section = "Reporting";
    /// <summary>The Debian package's Chromium: nothing is downloaded.</summary>
    [Required] public string ChromiumPath { get; set; } = "/usr/bin/chromium";
    /// <summary>Where Chromium keeps its profile, a folder of its own per browser started, removed when that browser
    /// ends (relative to the working directory when not absolute). scripts/test and scripts/run know Chromium
    /// processes of this checkout by it.</summary>
    [Required] public string ChromiumProfileFolder { get; set; } = ".run/chromium";
    /// <summary>How many PDFs are printed at once (one page each, on one warm browser): as many as the machine has
    /// cores, by default.</summary>
    [Range(1, 32)] public int MaxConcurrentPdfs { get; set; } = Math.Clamp(Environment.ProcessorCount, 1, 8);
    [Range(5, 600)] public int PdfTimeoutSeconds { get; set; } = 60;
    /// <summary>How many PDFs asked by users may wait for a print slot beyond those printing; one more is refused
    /// at once (503 with Retry-After) instead of waiting.</summary>
    [Range(0, 1000)] public int MaxQueuedPdfs { get; set; } = 20;
    /// <summary>How many PDFs one user may have printing or waiting at once; one more is refused (429).</summary>
    [Range(1, 100)] public int MaxPdfsPerUser { get; set; } = 2;

    /// <summary>Where the bulk reports and the nightly province files are written (relative to the working
    /// directory when not absolute).</summary>
    [Required] public string BatchFolder { get; set; } = ".run/report-batches";
    /// <summary>How many files one job of a batch prints before it hands over to the next job (so that a long batch
    /// never holds a worker for long, and other jobs run in between).</summary>
    [Range(1, 10_000)] public int BatchItemsPerJob { get; set; } = 40;
    /// <summary>How many days a batch's zip is kept after it finished.</summary>
    [Range(1, 365)] public int BatchKeepDays { get; set; } = 30;
    /// <summary>How long the staff pages of the nation (the completeness of the nation, the desk of the nation) may
    /// show figures already computed; the pages say when they were (docs/adr/0038-national-pages-read-lightly.md).
    /// 0 computes them at every request.</summary>
    [Range(0, 60)] public int NationalFiguresSeconds { get; set; } = 30;
    /// <summary>How long the staff page of a province's roll-up (<c>/reports/province</c>) may show a report already
    /// computed; the page says when it was. Its PDF, Excel file and the API are always computed anew. 0 computes it at
    /// every request.</summary>
    [Range(0, 60)] public int ProvinceReportSeconds { get; set; } = 30;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // the folder reaches Chromium through the shell PuppeteerSharp starts it with (the pipe transport)
        if (!ChromiumProfiles.IsPlainPath(Path.GetFullPath(ChromiumProfileFolder)))
            yield return new ValidationResult(
                "Reporting:ChromiumProfileFolder may hold only letters, digits and . _ - + / (no spaces or quotes).",
                [nameof(ChromiumProfileFolder)]);
    }
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
/// and a browser that died is started again; a report whose browser died under it is printed once more on the new
/// one.
/// <para>What Chromium may do (docs/adr/0022-a-printer-that-cannot-reach-out.md): it talks to this process over a
/// pipe, not a DevTools port, so no other process can drive it and it ends when this process ends (the pipe closes);
/// its pages run no JavaScript; every request they make is intercepted and only <c>about:</c> and <c>data:</c>
/// (the report's own inline content) are let through, the fonts being the machine's; and its host resolver answers
/// "not found" for every host (IP addresses too), so that not even a preconnect leaves the machine. It runs in its
/// sandbox unless the machine does not allow it (as root, or when the sandboxed start fails), which a warning
/// says.</para></summary>
public sealed class ChromiumPdfRenderer(IOptions<ReportingOptions> options, ILogger<ChromiumPdfRenderer> logger)
    : IPdfRenderer, IAsyncDisposable
{
    /// <summary>How many reports a page prints before it is closed for a new one (bounds what it may
    /// accumulate).</summary>
    public const int UsesPerPage = 500;

    public const string SlotTimeoutMessage =
        "ขณะนี้มีผู้พิมพ์รายงานเป็นไฟล์ PDF จำนวนมาก ระบบรอคิวพิมพ์นานเกินไป กรุณาลองใหม่อีกครั้งในอีกสักครู่";

    private readonly SemaphoreSlim _launch = new(1, 1);
    private readonly SemaphoreSlim _pages = new(Math.Max(1, options.Value.MaxConcurrentPdfs));
    private readonly ConcurrentBag<PooledPage> _idle = [];
    private readonly ChromiumProfiles _profiles = new(options.Value.ChromiumProfileFolder);
    private IBrowser? _browser;
    private string? _profile;
    /// <summary>Whether Chromium starts in its sandbox here (null until the first start tells).</summary>
    private bool? _sandbox;

    private sealed record PooledPage(IPage Page, int Uses);

    private static readonly string[] Arguments =
    [
        "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-quic", "--font-render-hinting=none",
        "--disable-features=NetworkPrediction",
        // every host, IP addresses included, is "not found": nothing leaves the machine, not even a preconnect.
        // PuppeteerSharp starts Chromium through bash for the pipe transport, hence the quotes (measured: the
        // switch arrives whole in Chromium's command line, see ChromiumPrinterTests).
        "'--host-resolver-rules=MAP * ~NOTFOUND'",
    ];

    /// <summary>The process id of the running browser (tests and logs).</summary>
    public int? BrowserProcessId => _browser is { IsConnected: true } b ? b.Process?.Id : null;

    /// <summary>Puts a report into a loaded page: its title, its page size and its body; answers once the fonts it
    /// uses are ready. Run through DevTools, which works with the page's JavaScript disabled.</summary>
    private const string Fill = """
        async (title, pageSize, body) => {
            document.title = title;
            document.getElementById('page-size').textContent = pageSize;
            document.body.innerHTML = body;
            await document.fonts.ready;
            return true;
        }
        """;

    private static bool IsAlive(IBrowser? browser) =>
        browser is { IsConnected: true } && browser.Process is not { HasExited: true };

    private async Task<IBrowser> BrowserAsync()
    {
        if (IsAlive(_browser)) return _browser!;
        await _launch.WaitAsync();
        try
        {
            if (IsAlive(_browser)) return _browser!;
            await CloseBrowserAsync();
            var started = System.Diagnostics.Stopwatch.StartNew();
            _browser = await LaunchAsync();
            logger.LogInformation("Chromium started for PDFs in {Elapsed} ms (process {Pid}, sandbox {Sandbox})",
                started.ElapsedMilliseconds, _browser.Process?.Id, _sandbox == true ? "on" : "off");
            return _browser;
        }
        finally
        {
            _launch.Release();
        }
    }

    /// <summary>Starts Chromium in its sandbox when the machine allows it: never as root (Chromium refuses it), and
    /// elsewhere without it only when the sandboxed start failed.</summary>
    private async Task<IBrowser> LaunchAsync()
    {
        if (_sandbox is null && Environment.IsPrivilegedProcess)
        {
            _sandbox = false;
            logger.LogWarning("Chromium prints the PDFs without its sandbox: this process runs as root, which " +
                              "Chromium's sandbox refuses. Run the application as an ordinary user to have it.");
        }
        if (_sandbox is not false)
        {
            try
            {
                var browser = await LaunchAsync(sandbox: true);
                _sandbox = true;
                return browser;
            }
            catch (Exception ex) when (_sandbox is null)
            {
                _sandbox = false;
                logger.LogWarning(ex, "Chromium could not start in its sandbox on this machine (no user namespaces " +
                                      "nor setuid helper?); it prints the PDFs without it");
            }
        }
        return await LaunchAsync(sandbox: false);
    }

    private async Task<IBrowser> LaunchAsync(bool sandbox)
    {
        _profile = _profiles.Create();
        try
        {
            return await Puppeteer.LaunchAsync(new LaunchOptions
            {
                Headless = true, ExecutablePath = options.Value.ChromiumPath, Pipe = true, UserDataDir = _profile,
                Args = sandbox ? Arguments : [.. Arguments, "--no-sandbox"],
            });
        }
        catch
        {
            ChromiumProfiles.Delete(_profile);
            _profile = null;
            throw;
        }
    }

    private async Task CloseBrowserAsync()
    {
        if (_browser is not null)
        {
            try
            {
                await _browser.DisposeAsync();
            }
            catch (Exception ex)
            {
                logger.LogDebug(ex, "The previous Chromium could not be closed (it may be gone)");
            }
        }
        _browser = null;
        if (_profile is not null) ChromiumProfiles.Delete(_profile);
        _profile = null;
    }

    /// <summary>An idle page of <paramref name="browser"/>, or a new one loaded with the print styles.</summary>
    private async Task<PooledPage> TakePageAsync(IBrowser browser)
    {
        while (_idle.TryTake(out var idle))
        {
            if (!idle.Page.IsClosed && idle.Page.Browser == browser) return idle;
            await CloseAsync(idle.Page);
        }
        var page = await browser.NewPageAsync();
        try
        {
            page.DefaultTimeout = options.Value.PdfTimeoutSeconds * 1000;
            await page.SetJavaScriptEnabledAsync(false);
            await page.SetRequestInterceptionAsync(true);
            page.AddRequestInterceptor(request => IsInline(request.Url)
                ? request.ContinueAsync(new Payload(), 0)
                : RefuseAsync(request));
            await page.SetContentAsync(ReportHtmlWriter.PrintShell(),
                new SetContentOptions { WaitUntil = [WaitUntilNavigation.Load] });
            return new PooledPage(page, 0);
        }
        catch
        {
            await CloseAsync(page);
            throw;
        }
    }

    /// <summary>What a report's page may load: itself (<c>about:blank</c>) and content inline in it.</summary>
    internal static bool IsInline(string url) =>
        url.StartsWith("about:", StringComparison.OrdinalIgnoreCase)
        || url.StartsWith("data:", StringComparison.OrdinalIgnoreCase);

    private Task RefuseAsync(IRequest request)
    {
        var url = request.Url;
        logger.LogWarning("A report's page asked for {Url}: refused (a report loads nothing)",
            url.Length > 120 ? url[..120] + "..." : url);
        return request.AbortAsync(RequestAbortErrorCode.BlockedByClient, 0);
    }

    public Task<byte[]> RenderAsync(ReportDocument report, DateTimeOffset printedAt, CancellationToken ct = default) =>
        RenderHtmlAsync(report.Title, report.Landscape, ReportHtmlWriter.Fragment(report),
            ReportHtmlWriter.PageHeader(report), ReportHtmlWriter.PageFooter(printedAt), ct);

    /// <summary>Prints <paramref name="body"/> (HTML put into the print shell's body) with its page header and
    /// footer. Waits for a print slot at most <see cref="ReportingOptions.PdfTimeoutSeconds"/> (then
    /// <see cref="TryLaterException"/>, the system busy).</summary>
    internal async Task<byte[]> RenderHtmlAsync(string title, bool landscape, string body, string header,
        string footer, CancellationToken ct = default)
    {
        using (PrintMetrics.Wait())
        {
            if (!await _pages.WaitAsync(TimeSpan.FromSeconds(options.Value.PdfTimeoutSeconds), ct))
                throw new TryLaterException(SlotTimeoutMessage, TimeSpan.FromSeconds(30), callersLimit: false);
        }
        using var timing = PrintMetrics.Print();
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                IBrowser? browser = null;
                PooledPage? taken = null;
                try
                {
                    browser = await BrowserAsync();
                    taken = await TakePageAsync(browser);
                    var pdf = await PrintAsync(taken.Page, title, landscape, body, header, footer);
                    timing.Printed = true;
                    if (taken.Uses + 1 < UsesPerPage)
                    {
                        _idle.Add(taken with { Uses = taken.Uses + 1 });
                        taken = null;
                    }
                    return pdf;
                }
                // the browser died under this report (killed, crashed): once more, on a fresh browser
                catch (Exception ex) when (attempt == 1 && !ct.IsCancellationRequested
                                           && (ex is TargetClosedException || !IsAlive(browser)))
                {
                    logger.LogWarning(ex, "Chromium ended while printing {Title}; printing it on a fresh browser",
                        title);
                    await GoneAsync(browser);
                }
                finally
                {
                    // a page that failed, or has printed its share, is not reused
                    if (taken is not null) await CloseAsync(taken.Page);
                }
            }
        }
        finally
        {
            _pages.Release();
        }
    }

    /// <summary>Waits (at most 2 s) until this process has noticed that <paramref name="browser"/> is gone, so that
    /// the next try starts a fresh one rather than asking the dead one again.</summary>
    private static async Task GoneAsync(IBrowser? browser)
    {
        for (var waited = 0; waited < 2000 && IsAlive(browser); waited += 50) await Task.Delay(50);
    }

    private static async Task<byte[]> PrintAsync(IPage page, string title, bool landscape, string body,
        string header, string footer)
    {
        await page.EvaluateFunctionAsync(Fill, title, ReportHtmlWriter.PageSize(landscape), body);
        return await page.PdfDataAsync(new PdfOptions
        {
            Format = PaperFormat.A4,
            Landscape = landscape,
            PrintBackground = true,
            DisplayHeaderFooter = true,
            HeaderTemplate = header,
            FooterTemplate = footer,
            MarginOptions = new MarginOptions { Top = "20mm", Bottom = "18mm", Left = "12mm", Right = "12mm" },
        });
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
        await CloseBrowserAsync();
    }
}

/// <summary>The profile folders of the renderer's browsers: one per browser started, named after this process
/// (<c>&lt;pid&gt;-&lt;random&gt;</c>) under <see cref="ReportingOptions.ChromiumProfileFolder"/>, removed when that
/// browser ends; the first one created also removes those that a process no longer running left.</summary>
internal sealed class ChromiumProfiles(string folder)
{
    private readonly string _root = Path.GetFullPath(folder);
    private bool _swept;

    public static bool IsPlainPath(string path) =>
        path.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '+' or '/');

    public string Create()
    {
        Directory.CreateDirectory(_root);
        if (!_swept)
        {
            _swept = true;
            foreach (var dir in Directory.EnumerateDirectories(_root))
            {
                var name = Path.GetFileName(dir);
                var dash = name.IndexOf('-');
                if (dash > 0 && int.TryParse(name[..dash], out var pid) && pid != Environment.ProcessId
                    && !Directory.Exists($"/proc/{pid}"))
                    Delete(dir);
            }
        }
        var profile = Path.Combine(_root, $"{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(profile);
        return profile;
    }

    public static void Delete(string profile)
    {
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            try
            {
                if (Directory.Exists(profile)) Directory.Delete(profile, recursive: true);
                return;
            }
            catch (IOException) when (attempt < 3)
            {
                Thread.Sleep(100); // Chromium may still be writing its last files as it ends
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return; // left for the sweep of the next start
            }
        }
    }
}
