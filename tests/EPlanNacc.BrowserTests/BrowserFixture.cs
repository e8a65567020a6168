using EPlanNacc.BrowserTests.Accessibility;
using EPlanNacc.TestSupport;
using Microsoft.Playwright;

namespace EPlanNacc.BrowserTests;

/// <summary>The application (its own database) and one headless Chromium, the Debian package at /usr/bin/chromium
/// driven by Playwright (no browser download), for every browser test of the run.</summary>
public sealed class BrowserFixture : AppFixture
{
    public BrowserFixture() : base("eplannacc_browser") { }

    public IPlaywright Playwright { get; private set; } = default!;
    public IBrowser Browser { get; private set; } = default!;

    /// <summary>axe-core in every page of <see cref="NewPageAsync"/>: what it finds fails the test.</summary>
    public AxeAudit Axe { get; } = new();

    public static string ChromiumPath => Environment.GetEnvironmentVariable("EPLAN_CHROMIUM") ?? "/usr/bin/chromium";

    /// <summary>Where screenshots go: TestResults/screenshots at the repository root.</summary>
    public static string ScreenshotDirectory
    {
        get
        {
            var dir = Path.Combine(TestDatabase.RepositoryRoot(), "TestResults", "screenshots");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
            ],
        });
    }

    /// <summary><see cref="NewPageAsync"/> without CSS transitions, so that a screenshot never catches a border
    /// fading. The rule goes in as a constructed stylesheet (the CSSOM), which the pages' Content-Security-Policy
    /// allows, where a <c>&lt;style&gt;</c> element would (rightly) be refused.</summary>
    public async Task<IPage> NewPageWithoutTransitionsAsync(int width = 1280, int height = 900)
    {
        var page = await NewPageAsync(width, height);
        await page.AddInitScriptAsync("""
            document.addEventListener('DOMContentLoaded', () => {
              const sheet = new CSSStyleSheet();
              sheet.replaceSync('*, *::before, *::after { transition: none !important; }');
              document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
            });
            """);
        return page;
    }

    /// <summary>A fresh browser context (its own cookies) with Thai locale, the Bangkok time zone and a
    /// phone-or-desktop viewport, whose every page is audited by axe-core (<see cref="AxeAudit"/>) unless
    /// <paramref name="audited"/> is false (a page that is not ours: Scalar's API reference,
    /// docs/adr/0041-api-reference-and-guide.md). Content-Security-Policy refusals fail the test either way.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900, bool audited = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString().TrimEnd('/'),
            Locale = "th-TH",
            TimezoneId = "Asia/Bangkok",
            ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(15_000);
        // what the Content-Security-Policy refused (an inline script, style or handler, or a load from elsewhere)
        // Chromium reports on the page's console: the test fails with it (BrowserTest.DisposeAsync)
        context.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
                CspViolations.Enqueue($"{message.Page?.Url}: {message.Text} (at {message.Location})");
        };
        if (audited) await Axe.AttachAsync(context);
        return await context.NewPageAsync();
    }

    /// <summary>A screenshot of the page as it is shown, then axe-core's audit of that state: a test fails here
    /// when what it shows breaks a WCAG 2.1 AA rule (the screenshot stays, to see it).</summary>
    public static async Task ScreenshotAsync(IPage page, string name, bool fullPage = true)
    {
        await page.ScreenshotAsync(
            new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = fullPage });
        await AxeAudit.CheckAsync(page);
    }

    /// <summary>The Content-Security-Policy refusals of the pages this test opened.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> CspViolations { get; } = new();

    public override async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        Playwright?.Dispose();
        await base.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>A browser test starts from an empty application, like an integration test, and fails when a page it
/// opened broke a WCAG 2.1 AA rule of axe-core (<see cref="AxeAudit"/>).</summary>
[Collection(BrowserCollection.Name)]
public abstract class BrowserTest(BrowserFixture app) : IAsyncLifetime
{
    protected BrowserFixture App { get; } = app;

    public Task InitializeAsync()
    {
        App.Axe.Reset();
        App.CspViolations.Clear();
        return App.ResetAsync();
    }

    public async Task DisposeAsync()
    {
        if (!App.CspViolations.IsEmpty)
        {
            throw new Xunit.Sdk.XunitException("The Content-Security-Policy refused what a page asked for:\n" +
                string.Join("\n", App.CspViolations.Distinct()));
        }
        var found = await App.Axe.CollectAsync();
        if (found.Count > 0)
        {
            throw new Xunit.Sdk.XunitException(
                $"axe-core found {found.Count} accessibility problem(s) in the pages this test opened:\n" +
                string.Join("", found));
        }
    }
}
