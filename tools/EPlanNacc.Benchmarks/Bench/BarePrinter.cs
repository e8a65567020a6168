using System.Collections.Concurrent;
using System.Diagnostics;
using EPlanNacc.Modules.Reporting.Rendering;
using PuppeteerSharp;
using PuppeteerSharp.Media;

namespace EPlanNacc.Benchmarks.Bench;

/// <summary>B4's baseline: the same reports' HTML (the Reporting module's own <see cref="ReportHtmlWriter"/> of the
/// documents the API answered) printed by the same Chromium (/usr/bin/chromium, the same switches and PDF options as
/// src/Modules/Reporting/EPlanNacc.Modules.Reporting/Rendering/ChromiumPdfRenderer.cs) with no application around
/// it: one browser, <c>parallel</c> pages reused, each document loaded whole and printed.</summary>
internal sealed class BarePrinter : IAsyncDisposable
{
    private readonly IBrowser _browser;
    private readonly string _profile;

    private BarePrinter(IBrowser browser, string profile) => (_browser, _profile) = (browser, profile);

    public static async Task<BarePrinter> StartAsync(string profileRoot)
    {
        var profile = Path.Combine(profileRoot, $"{Environment.ProcessId}-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(profile);
        var browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            Headless = true, ExecutablePath = "/usr/bin/chromium", Pipe = true, UserDataDir = profile,
            Args =
            [
                "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-quic", "--font-render-hinting=none",
                "--no-sandbox",
            ],
        });
        return new BarePrinter(browser, profile);
    }

    private static string Html(ReportDocument report) =>
        ReportHtmlWriter.PrintShell(report.Title, report.Landscape)
            .Replace("<body></body>", "<body>" + ReportHtmlWriter.Fragment(report) + "</body>");

    private static async Task<byte[]> PrintAsync(IPage page, ReportDocument report, DateTimeOffset printedAt)
    {
        await page.SetContentAsync(Html(report), new SetContentOptions { WaitUntil = [WaitUntilNavigation.Load] });
        await page.EvaluateExpressionAsync("document.fonts.ready");
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

    /// <summary>The latencies (ms) of printing <paramref name="report"/> <paramref name="times"/> times on one warm
    /// page (after one print not counted).</summary>
    public async Task<List<double>> LatenciesAsync(ReportDocument report, int times)
    {
        await using var page = await _browser.NewPageAsync();
        await PrintAsync(page, report, DateTimeOffset.UtcNow);
        var latencies = new List<double>();
        for (var i = 0; i < times; i++)
        {
            var watch = Stopwatch.StartNew();
            await PrintAsync(page, report, DateTimeOffset.UtcNow);
            latencies.Add(watch.Elapsed.TotalMilliseconds);
        }
        latencies.Sort();
        return latencies;
    }

    /// <summary>Prints every document on <paramref name="parallel"/> pages at once; answers the seconds it took and
    /// the bytes printed.</summary>
    public async Task<(double Seconds, long Bytes)> PrintAllAsync(IReadOnlyList<ReportDocument> reports,
        int parallel)
    {
        var pages = new List<IPage>();
        for (var i = 0; i < parallel; i++) pages.Add(await _browser.NewPageAsync());
        var queue = new ConcurrentQueue<ReportDocument>(reports);
        long bytes = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(pages.Select(async page =>
        {
            while (queue.TryDequeue(out var report))
                Interlocked.Add(ref bytes, (await PrintAsync(page, report, DateTimeOffset.UtcNow)).Length);
        }));
        var seconds = watch.Elapsed.TotalSeconds;
        foreach (var page in pages) await page.DisposeAsync();
        return (seconds, bytes);
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be writing its last files: the folder stays under the checkout's .run
        }
    }
}
