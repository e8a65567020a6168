using System.Net;
using System.Text.RegularExpressions;
using EPlanNacc.IntegrationTests.Pages;
using EPlanNacc.TestSupport;

namespace EPlanNacc.IntegrationTests.Integrations;

/// <summary>The API reference page (docs/adr/0041-api-reference-and-guide.md): served by the application with
/// Scalar's files from its package, open without signing in, its scripts admitted by this answer's nonce only, nothing
/// loaded or reported elsewhere; offered in the staff menu. The browser test (ApiReferenceTests of the browser
/// tests) opens it in Chromium.</summary>
[Trait(AnyDay.Trait, AnyDay.Value)]
public sealed partial class ApiReferenceTests(AppFixture app) : IntegrationTest(app)
{
    [GeneratedRegex("""<script\b[^>]*>""")]
    private static partial Regex ScriptTag();

    [GeneratedRegex("""<meta property="csp-nonce" content="([0-9A-F]{32})" />""")]
    private static partial Regex NonceMeta();

    [Fact]
    public async Task The_page_is_served_from_the_package_with_its_scripts_admitted_by_the_answers_nonce_only()
    {
        using var visitor = App.CreateClient();
        var moved = await visitor.GetAsync("/api/reference");
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode); // to /api/reference/, where its relative files are
        var page = await visitor.GetAsync("/api/reference/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();

        var nonce = NonceMeta().Match(html).Groups[1].Value;
        Assert.NotEmpty(nonce);
        var policy = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains($"script-src 'self' 'nonce-{nonce}';", policy);
        Assert.DoesNotContain("unsafe-eval", policy);
        Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", policy);
        var scripts = ScriptTag().Matches(html).Select(m => m.Value).ToList();
        Assert.Equal(3, scripts.Count); // scalar.js, Scalar's start-up module, and the call of it
        Assert.All(scripts, s => Assert.Contains($"nonce=\"{nonce}\"", s));
        Assert.DoesNotContain("http:", html.Replace("http://www.w3.org", "", StringComparison.Ordinal));
        Assert.DoesNotContain("https:", html);
        Assert.Contains("\"url\":\"openapi/v1.json\"", html);
        Assert.Contains("\"telemetry\":false", html);
        Assert.Contains("\"withDefaultFonts\":false", html);
        Assert.Contains("\"preferredSecurityScheme\":[\"Bearer\"]", html);

        foreach (var file in new[] { "scalar.js", "scalar.aspnetcore.js" })
        {
            var script = await visitor.GetAsync($"/api/reference/{file}");
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
            Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        }
        // a second answer has another nonce, and the other pages keep the site's policy (no script by nonce)
        var again = await visitor.GetStringAsync("/api/reference/");
        Assert.NotEqual(nonce, NonceMeta().Match(again).Groups[1].Value);
        Assert.DoesNotContain("/api/reference", await visitor.GetStringAsync("/openapi/v1.json")); // not the API's
        var login = await visitor.GetAsync("/login");
        Assert.Contains("script-src 'self';", string.Join(";", login.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task The_staff_menu_offers_the_page_and_an_LAOs_menu_does_not()
    {
        using var office = await App.SignedInClientAsync("prov90", AppFixture.ProvincialPassword);
        Assert.Contains("href=\"/api/reference\"", await office.GetStringAsync("/staff"));

        await App.SetUpLaoAsync();
        using var lao = await App.SignedInClientAsync(Samples.KohYo, Samples.Password);
        var summary = await lao.GetStringAsync("/summary");
        Assert.Contains("href=\"/projects/plan\"", summary); // the menu is there
        Assert.DoesNotContain("/api/reference", summary);
    }
}
