using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.IntegrationTests.Pages;
using EPlanNacc.Modules.Identity;
using EPlanNacc.Modules.Identity.Features.Sessions;
using EPlanNacc.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EPlanNacc.IntegrationTests.Identity;

/// <summary>Session attacks (issue 9 §3): a cookie copied before logout, a bearer token that must end before its
/// hour, a session kept alive forever by activity, a session cookie planted before sign-in, and cookies that travel
/// in clear.</summary>
[Trait(AnyDay.Trait, AnyDay.Value)]
public sealed partial class SessionAttackTests(AppFixture app) : IntegrationTest(app)
{
    private const string SessionCookie = "eplan.auth";

    /// <summary>The session cookie an answer sets (name=value, every chunk of it), or null.</summary>
    private static string? SessionCookieOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? string.Join("; ", cookies.Where(c => c.StartsWith(SessionCookie, StringComparison.Ordinal))
                .Select(c => c.Split(';')[0]).Where(c => !c.EndsWith('='))) is { Length: > 0 } v ? v : null
            : null;

    /// <summary>A browser of another machine that sends <paramref name="cookie"/> (a copy of a
    /// session).</summary>
    private HttpClient CopyOf(string? cookie)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false })
        {
            BaseAddress = App.BaseAddress,
        };
        if (cookie is not null) client.DefaultRequestHeaders.Add("Cookie", cookie);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.200");
        return client;
    }

    private static async Task<string?> LocationOfAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        return response.StatusCode == HttpStatusCode.Redirect
            ? new Uri(client.BaseAddress!, response.Headers.Location!).AbsolutePath
            : $"{(int)response.StatusCode}";
    }

    private async Task<(HttpClient Browser, string Cookie)> SignInAsync(string username, string password)
    {
        var browser = App.CreateClient();
        var login = await browser.PostFormAsync("/login", PageClient.LoginForm(username, password));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return (browser, SessionCookieOf(login) ?? throw new InvalidOperationException("no session cookie"));
    }

    [Fact]
    public async Task A_cookie_copied_before_logout_stops_working_after_it()
    {
        var (browser, cookie) = await SignInAsync("prov90", AppFixture.ProvincialPassword);
        using var _ = browser;
        using var copy = CopyOf(cookie);
        Assert.Equal("200", await LocationOfAsync(copy, "/staff"));

        var logout = await browser.PostFormAsync("/logout", new Dictionary<string, string?>());
        Assert.Equal("/login", logout.Headers.Location?.OriginalString);
        Assert.Equal("/login", await LocationOfAsync(copy, "/staff"));
        Assert.Equal("/login", await LocationOfAsync(browser, "/staff"));
        // a new sign-in is a new session; the copy stays dead
        var (again, _) = await SignInAsync("prov90", AppFixture.ProvincialPassword);
        using var __ = again;
        Assert.Equal("200", await LocationOfAsync(again, "/staff"));
        Assert.Equal("/login", await LocationOfAsync(copy, "/staff"));
    }

    [Fact]
    public async Task A_revoked_bearer_token_answers_401_from_then_on()
    {
        await App.SetUpLaoAsync();
        using var token = await App.CreateApiClientAsync(Samples.KohYo, Samples.Password);
        using var other = await App.CreateApiClientAsync(Samples.KohYo, Samples.Password);
        Assert.Equal(HttpStatusCode.OK, (await token.GetAsync("/api/v1/me/profile")).StatusCode);

        var revoked = await token.PostAsync("/api/v1/auth/revoke", null);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal("", await revoked.Content.ReadAsStringAsync());
        await (await token.GetAsync("/api/v1/me/profile")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await token.GetAsync("/api/v1/projects")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await token.PostAsync("/api/v1/auth/revoke", null)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        // the account's other token lives on
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/v1/me/profile")).StatusCode);

        using var anonymous = App.CreateClient();
        await (await anonymous.PostAsync("/api/v1/auth/revoke", null)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains(await App.QueryAsync<string>("SELECT action FROM identity.audit_log WHERE dla_code = @KohYo",
            new { Samples.KohYo }), a => a == "account.signed_out");
    }

    [Fact]
    public async Task A_setup_token_can_be_revoked_too()
    {
        using var setup = await App.CreateApiClientAsync(Samples.KohYo, null);
        Assert.Equal(HttpStatusCode.NoContent, (await setup.PostAsync("/api/v1/auth/revoke", null)).StatusCode);
        await (await setup.GetAsync("/api/v1/me/profile")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_page_session_ends_12_hours_after_sign_in_however_busy()
    {
        var (browser, _) = await SignInAsync("prov90", AppFixture.ProvincialPassword);
        using var _b = browser;
        for (var hour = 1; hour <= 11; hour++)
        {
            App.Clock.Advance(TimeSpan.FromHours(1));
            Assert.Equal("200", await LocationOfAsync(browser, "/staff"));
        }
        App.Clock.Advance(TimeSpan.FromMinutes(58));
        Assert.Equal("200", await LocationOfAsync(browser, "/staff"));
        App.Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal("/login", await LocationOfAsync(browser, "/staff"));
    }

    [Fact]
    public async Task The_absolute_lifetime_is_the_setting_in_force()
    {
        var o = App.Services.GetRequiredService<IOptions<IdentityOptions>>().Value;
        var hours = o.SessionHours;
        o.SessionHours = 2;
        try
        {
            var (browser, _) = await SignInAsync("prov90", AppFixture.ProvincialPassword);
            using var _b = browser;
            App.Clock.Advance(TimeSpan.FromMinutes(119));
            Assert.Equal("200", await LocationOfAsync(browser, "/staff"));
            App.Clock.Advance(TimeSpan.FromMinutes(2));
            Assert.Equal("/login", await LocationOfAsync(browser, "/staff"));
        }
        finally
        {
            o.SessionHours = hours;
        }
    }

    [Fact]
    public async Task Sessions_and_counts_of_unknown_names_past_their_time_are_deleted()
    {
        using var old = await App.CreateApiClientAsync("prov90", AppFixture.ProvincialPassword);
        using var anyone = App.CreateClient();
        await anyone.PostAsJsonAsync("/api/v1/auth/token", new { username = "ghost.old", password = "a-password" });
        App.Clock.Advance(TimeSpan.FromHours(11));
        using var recent = await App.CreateApiClientAsync("admin", AppFixture.AdminPassword);
        App.Clock.Advance(TimeSpan.FromMinutes(55));
        await anyone.PostAsJsonAsync("/api/v1/auth/token", new { username = "ghost.new", password = "a-password" });
        App.Clock.Advance(TimeSpan.FromMinutes(10));

        await App.SendAsync(SystemUser.Instance, new DeleteExpiredSignInRecordsCommand());
        Assert.Equal(["admin"], await App.QueryAsync<string>(
            "SELECT u.username FROM identity.sessions s JOIN identity.users u ON u.id = s.user_id"));
        Assert.Equal(1, (await App.QueryAsync<int>(
            "SELECT count(*)::int FROM identity.unknown_name_failures")).Single());
    }

    [Fact]
    public async Task A_session_cookie_planted_before_sign_in_is_not_the_one_after()
    {
        // a session the attacker knows (its own, or one it copied), planted in the browser the victim uses
        var (browser, planted) = await SignInAsync("prov90", AppFixture.ProvincialPassword);
        using var _ = browser;
        using var attacker = CopyOf(planted);

        var login = await browser.PostFormAsync("/login", PageClient.LoginForm("admin", AppFixture.AdminPassword),
            formPage: "/logout");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var after = SessionCookieOf(login);
        Assert.NotNull(after);
        Assert.NotEqual(planted, after);
        Assert.Equal("200", await LocationOfAsync(browser, "/admin/evaluation-settings"));
        // the planted session ended with the new sign-in: its copy holds nothing, least of all the admin's session
        Assert.Equal("/login", await LocationOfAsync(attacker, "/staff"));
        Assert.Equal("/login", await LocationOfAsync(attacker, "/admin/evaluation-settings"));

        // a made-up cookie is never adopted either
        using var forged = CopyOf($"{SessionCookie}=made-up-session-value");
        Assert.Equal("/login", await LocationOfAsync(forged, "/staff"));
    }

    [Fact]
    public async Task Cookies_are_secure_when_the_client_came_over_https_through_the_proxy()
    {
        // the proxy in front of the tests' server says the client came over https (X-Forwarded-Proto); a cookie
        // container would not send a secure cookie back over the tests' plain connection, so this browser keeps
        // its cookies by hand
        using var https = CopyOf(null);
        https.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        var form = await https.GetAsync("/login");
        var formCookies = SetCookies(form);
        Assert.NotEmpty(formCookies);
        Assert.All(formCookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
        var token = TokenPattern().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value;

        var post = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Username"] = "prov90", ["Input.Password"] = AppFixture.ProvincialPassword,
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            }),
        };
        post.Headers.Add("Cookie", string.Join("; ", formCookies.Select(c => c.Split(';')[0])));
        var login = await https.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var cookies = SetCookies(login);
        var session = Assert.Single(cookies, c => c.StartsWith(SessionCookie + "=", StringComparison.Ordinal));
        Assert.Contains("; httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; samesite=lax", session, StringComparison.OrdinalIgnoreCase);
        Assert.All(cookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));

        // plain http (the demo on localhost) cannot keep a secure cookie
        using var plain = App.CreateClient();
        var plainLogin = await plain.PostFormAsync("/login",
            PageClient.LoginForm("prov90", AppFixture.ProvincialPassword));
        Assert.DoesNotContain("; secure", Assert.Single(SetCookies(plainLogin),
            c => c.StartsWith(SessionCookie + "=", StringComparison.Ordinal)), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The cookies an answer sets (not those it deletes, which carry nothing).</summary>
    private static List<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.Where(c => !c.Split(';')[0].EndsWith('=')).ToList() : [];

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
