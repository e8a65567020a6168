using System.Net;
using System.Text.RegularExpressions;
using EPlanNacc.TestSupport;

namespace EPlanNacc.IntegrationTests.Pages;

/// <summary>Who each page is for (its policy, src/Host/EPlanNacc.Host/Infrastructure/PageAccess.cs): a signed-in user
/// of another role is sent to the version of the page meant for them, or to the /forbidden page; an anonymous visitor
/// to the login page; and the menu offers each role only pages it may open.</summary>
public sealed partial class PageRolesTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task An_LAO_following_a_staff_link_lands_on_its_own_page_or_is_refused()
    {
        await App.SetUpLaoAsync();
        using var lao = await App.SignedInClientAsync(Samples.KohYo, Samples.Password);
        await lao.AssertRedirectedAsync("/staff", "/summary");
        await lao.AssertRedirectedAsync("/projects/screening?fiscalYear=2570", "/projects/list?fiscalYear=2570");
        await lao.AssertForbiddenPageAsync("/staff/accounts");
        await lao.AssertForbiddenPageAsync($"/staff/accounts/{Samples.KohYo}");
        await lao.AssertForbiddenPageAsync("/admin/evaluation-settings");
        await lao.AssertForbiddenPageAsync("/reports/province?fiscalYear=2570&round=6");
    }

    [Fact]
    public async Task Staff_following_an_LAO_link_land_on_the_staff_page_of_the_same_matter()
    {
        using var provincial = await App.SignedInClientAsync("prov90", AppFixture.ProvincialPassword);
        await provincial.AssertRedirectedAsync("/projects/plan?fiscalYear=2570", "/projects/screening?fiscalYear=2570");
        await provincial.AssertRedirectedAsync("/projects/import", "/projects/screening");
        await provincial.AssertRedirectedAsync("/profile", "/staff");
        // the LAO's list and its report of all projects: staff choose the LAO first
        await provincial.AssertRedirectedAsync("/projects/list?fiscalYear=2570", "/projects/screening?fiscalYear=2570");
        await provincial.AssertRedirectedAsync("/projects/report", "/projects/screening");
        var chosen = await provincial.GetAsync($"/projects/list?dlaCode={Samples.KohYo}");
        Assert.Equal(HttpStatusCode.OK, chosen.StatusCode);
        await provincial.AssertForbiddenPageAsync("/admin/evaluation-settings");
    }

    [Theory]
    [InlineData("/projects/plan")]
    [InlineData("/projects/screening")]
    [InlineData("/staff")]
    [InlineData("/staff/accounts")]
    [InlineData("/admin/evaluation-settings")]
    public async Task An_anonymous_visitor_is_sent_to_the_login_page(string path)
    {
        using var anonymous = App.CreateClient();
        var response = await anonymous.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var login = new Uri(anonymous.BaseAddress!, response.Headers.Location!);
        Assert.Equal("/login", login.AbsolutePath);
        Assert.Contains($"returnUrl={Uri.EscapeDataString(path)}", login.Query);
    }

    [Theory]
    [InlineData("lao")]
    [InlineData("prov90")]
    [InlineData("admin")]
    public async Task Every_entry_of_the_menu_opens_for_the_user_it_is_shown_to(string who)
    {
        HttpClient user;
        if (who == "lao")
        {
            await App.SetUpLaoAsync();
            user = await App.SignedInClientAsync(Samples.KohYo, Samples.Password);
        }
        else
        {
            var password = who == "admin" ? AppFixture.AdminPassword : AppFixture.ProvincialPassword;
            user = await App.SignedInClientAsync(who, password);
        }
        using var _ = user;

        var menu = MenuPattern().Match(await user.GetStringAsync("/summary"));
        Assert.True(menu.Success, "no menu on the summary page");
        var links = LinkPattern().Matches(menu.Value).Select(m => m.Groups[1].Value).ToList();
        Assert.True(links.Count >= 8, $"{who} sees {links.Count} entries");
        foreach (var link in links)
        {
            var response = await user.GetAsync(link);
            var location = response.Headers.Location is { } l ? new Uri(user.BaseAddress!, l).AbsolutePath : null;
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect && location != "/forbidden",
                $"{who}: the menu shows {link}, which answers {(int)response.StatusCode} {location}");
        }
        Assert.Equal(who == "lao", links.Contains("/projects/plan"));
        Assert.Equal(who != "lao", links.Contains("/projects/screening"));
        Assert.Equal(who == "admin", links.Contains("/admin/evaluation-settings"));
    }

    [GeneratedRegex("""<nav class="app-menu">[\s\S]*?</nav>""")]
    private static partial Regex MenuPattern();

    [GeneratedRegex("""<a class="nav-link[^"]*" href="([^"]+)">""")]
    private static partial Regex LinkPattern();
}
