using System.Text.RegularExpressions;
using EPlanNacc.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EPlanNacc.BrowserTests.Accessibility;

/// <summary>Every page passes axe-core's WCAG 2.1 AA rules: the public pages and their states, the error pages,
/// and, for an LAO, a provincial officer and an admin, every page reachable from the menus (the side menu, the
/// profile menu, the footer and the landing page) and every page those pages link to, found by following the
/// links, so that a page another change adds to a menu is checked with no change here. The audit is
/// <see cref="AxeAudit"/>'s, run in each page after it loads.</summary>
public sealed partial class EveryPageTests(BrowserFixture app) : BrowserTest(app)
{
    /// <summary>Not pages of this application's own: Hangfire's dashboard, the API and its description, the health
    /// checks, and what the browser downloads (the reports' PDF and Excel files).</summary>
    [GeneratedRegex(@"^/(hangfire|api|openapi|health)(/|$)|[?&]handler=(pdf|xlsx|excel|csv|zip|download|file)\b|" +
                    @"\.(pdf|xlsx|zip|csv)$", RegexOptions.IgnoreCase)]
    private static partial Regex NotAPage();

    /// <summary>One page per address shape: ids, codes and numbers in the path stand for any value.</summary>
    [GeneratedRegex(@"/([0-9a-f]{8}-[0-9a-f-]{27}|\d+)(?=/|$)", RegexOptions.IgnoreCase)]
    private static partial Regex PathValue();

    [Fact]
    public async Task The_public_pages_and_their_states_pass_axe()
    {
        await App.SetUpLaoAsync();
        var page = await App.NewPageAsync();
        var visited = await CrawlAsync(page, "/");
        Assert.Superset(new HashSet<string> { "/", "/manual", "/faq", "/contact", "/find-code", "/login" }, visited);

        // the states a visitor meets: a code look-up with results, a refused sign-in, a reset asked for, a bad link
        await page.GotoAsync("/find-code?provinceCode=90&q=" + Uri.EscapeDataString("เกาะยอ"));
        await Expect(page.GetByTestId("lao-results")).ToContainTextAsync("องค์การบริหารส่วนตำบลเกาะยอ");
        await AuditAsync(page);
        await page.GotoAsync("/login");
        await page.GetByLabel("รหัสผู้ใช้งาน (Username)").FillAsync(Samples.KohYo);
        await page.GetByLabel("รหัสผ่าน (Password)").FillAsync("not-the-password");
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page.GetByTestId("login-error")).ToBeVisibleAsync();
        await AuditAsync(page);
        await page.GotoAsync("/forgot-password");
        await page.GetByLabel("อีเมล").FillAsync("not-an-email");
        await page.GetByTestId("forgot-submit").ClickAsync();
        await AuditAsync(page);
        await page.GetByLabel("อีเมล").FillAsync("coordinator@kohyo.go.th");
        await page.GetByTestId("forgot-submit").ClickAsync();
        await Expect(page.GetByTestId("forgot-sent")).ToBeVisibleAsync();
        await AuditAsync(page);
        await page.GotoAsync("/reset-password?token=not-a-token");
        await Expect(page.GetByTestId("reset-invalid")).ToBeVisibleAsync();
        await AuditAsync(page);

        // the first sign-in's three pages
        var first = await App.NewPageAsync();
        await first.GotoAsync("/login");
        await first.GetByLabel("รหัสผู้ใช้งาน (Username)").FillAsync(Samples.KhlongRi);
        await first.GetByTestId("login-submit").ClickAsync();
        await Expect(first).ToHaveURLAsync(new Regex("/setup$"));
        await AuditAsync(first);
        await first.GetByTestId("next-1").ClickAsync();
        await Expect(first.Locator("#step-1")).ToContainTextAsync("กรุณาเลือกขนาด อปท.");
        await AxeAudit.CheckAsync(first);

        await AssertNoFindingsAsync();
    }

    [Fact]
    public async Task The_error_pages_pass_axe()
    {
        var page = await App.NewPageAsync();
        foreach (var (address, status) in new[]
                 {
                     ("/no-such-page", 404), ("/forbidden", 403), ("/Error?code=400", 400), ("/Error?code=405", 405),
                     ("/Error?code=500", 500),
                 })
        {
            var response = await page.GotoAsync(address);
            Assert.Equal(status, response!.Status);
            await AuditAsync(page);
        }
        // an admin's page asked for by an LAO: refused with the page of the 403
        await App.SetUpLaoAsync();
        var lao = await SignInAsync(Samples.KohYo, Samples.Password, "/summary");
        var refused = await lao.GotoAsync("/admin/evaluation-settings");
        Assert.Equal(403, refused!.Status);
        await Expect(lao.GetByRole(AriaRole.Heading, new() { Name = "ท่านไม่มีสิทธิ์เข้าถึง" })).ToBeVisibleAsync();
        await AuditAsync(lao);
        await AssertNoFindingsAsync();
    }

    [Fact]
    public Task Every_page_an_LAO_reaches_from_its_menus_passes_axe() =>
        AssertEveryPagePassesAsync(Samples.KohYo, Samples.Password, "/summary",
            "/summary", "/projects/plan", "/projects/import", "/projects/list", "/projects/report", "/evaluation",
            "/reports/performance", "/reports/status", "/reports/evaluation", "/profile", "/account/password",
            "/projects/{}", "/projects/{}/rounds/{}");

    [Fact]
    public Task Every_page_a_provincial_officer_reaches_from_its_menus_passes_axe() =>
        AssertEveryPagePassesAsync("prov90", AppFixture.ProvincialPassword, "/staff",
            "/staff", "/summary", "/projects/screening", "/projects/report", "/evaluation", "/reports/province",
            "/staff/accounts", "/account/password");

    [Fact]
    public Task Every_page_an_admin_reaches_from_its_menus_passes_axe() =>
        AssertEveryPagePassesAsync("admin", AppFixture.AdminPassword, "/staff",
            "/staff", "/summary", "/projects/screening", "/admin/evaluation-settings", "/reports/province",
            "/staff/accounts");

    /// <summary>Signs in with a known plan recorded, visits every page the user reaches from the menus
    /// (<see cref="CrawlAsync"/>), at least <paramref name="expected"/> (address shapes), and finds no
    /// problem.</summary>
    private async Task AssertEveryPagePassesAsync(string username, string password, string landing,
        params string[] expected)
    {
        await App.RecordKnownPlanAsync();
        var page = await SignInAsync(username, password, landing);
        var visited = await CrawlAsync(page, landing);
        Assert.Superset(expected.ToHashSet(), visited);
        await AssertNoFindingsAsync();
    }

    private async Task<IPage> SignInAsync(string username, string password, string landing)
    {
        var page = await App.NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByLabel("รหัสผู้ใช้งาน (Username)").FillAsync(username);
        await page.GetByLabel("รหัสผ่าน (Password)").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(landing) + "$"));
        return page;
    }

    /// <summary>Visits <paramref name="start"/>, the pages its menus link to (side menu, profile menu, footer),
    /// and the pages each of those links to from its content, once per address shape; gives the shapes visited.
    /// Every page is audited as it loads.</summary>
    private async Task<HashSet<string>> CrawlAsync(IPage page, string start)
    {
        var origin = App.BaseAddress.GetLeftPart(UriPartial.Authority);
        var visited = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var queue = new Queue<(string Address, int Depth)>();
        queue.Enqueue((start, 0));
        while (queue.Count > 0)
        {
            var (address, depth) = queue.Dequeue();
            var uri = new Uri(new Uri(origin), address);
            if (uri.GetLeftPart(UriPartial.Authority) != origin || NotAPage().IsMatch(uri.PathAndQuery)) continue;
            var shape = PathValue().Replace(uri.AbsolutePath, "/{}");
            if (!visited.Add(shape)) continue;

            var response = await page.GotoAsync(uri.PathAndQuery);
            Assert.True(response is { Ok: true }, $"{uri.PathAndQuery} answered {response?.Status}");
            await AuditAsync(page);

            // the menus of the start page, then what each page links to from its content
            var scope = depth == 0 ? "body" : "main";
            if (depth > 1) continue;
            var links = await page.Locator($"{scope} a[href]:not([download])")
                .EvaluateAllAsync<string[]>("as => as.map(a => a.href)");
            foreach (var link in links.Where(l => l.StartsWith(origin, StringComparison.Ordinal)))
                queue.Enqueue((new Uri(link).PathAndQuery, depth + 1));
        }
        return visited;
    }

    /// <summary>Waits for the audit of the page as it loaded (its findings come at the end of the test).</summary>
    private static async Task AuditAsync(IPage page)
    {
        await page.WaitForLoadStateAsync(LoadState.Load);
        await page.EvaluateAsync<bool>("() => window.__eplanAxe.idle()");
    }

    private async Task AssertNoFindingsAsync()
    {
        var found = await App.Axe.CollectAsync();
        Assert.True(found.Count == 0, $"axe-core found {found.Count} problem(s):\n" + string.Join("", found));
    }
}
