using System.Net;
using EPlanNacc.Host.Infrastructure;
using EPlanNacc.IntegrationTests.Pages;
using EPlanNacc.TestSupport;
using static EPlanNacc.TestSupport.ReminderWorld;

namespace EPlanNacc.IntegrationTests.Configuration;

/// <summary>Every answer, page, API, static file or health check, carries the security headers
/// (src/Host/EPlanNacc.Host/Infrastructure/SecurityHeaders.cs) and no Server header.</summary>
[Trait(AnyDay.Trait, AnyDay.Value)]
public sealed class SecurityHeadersTests(AppFixture app) : IntegrationTest(app)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/login")]
    [InlineData("/manual")]
    [InlineData("/api/v1/reference/provinces")]
    [InlineData("/api/v1/projects?fiscalYear=2570")]
    [InlineData("/css/site.css")]
    [InlineData("/health/live")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/no-such-page")]
    public async Task Each_answer_carries_the_policy_nosniff_a_referrer_policy_and_no_framing(string path)
    {
        using var anonymous = App.CreateClient();
        var answer = await anonymous.GetAsync(path);
        var policy = Assert.Single(answer.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", policy);
        Assert.Matches(@"style-src 'self' 'nonce-[0-9A-F]{32}';", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Contains("object-src 'none'", policy);
        Assert.Equal("nosniff", Assert.Single(answer.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(answer.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(answer.Headers.GetValues("X-Frame-Options")));
        Assert.False(answer.Headers.Contains("Server"), $"{path} answered with a Server header");
    }

    [Fact]
    public async Task Each_page_gets_its_own_nonce_and_the_report_pages_styles_carry_it()
    {
        await App.SetUpLaoAsync();
        using var lao = await App.SignedInClientAsync(Samples.KohYo, Samples.Password);
        var first = await lao.GetAsync("/reports/status?fiscalYear=2570");
        var second = await lao.GetAsync("/reports/status?fiscalYear=2570");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        string Nonce(HttpResponseMessage r) => System.Text.RegularExpressions.Regex.Match(
            r.Headers.GetValues("Content-Security-Policy").Single(), "'nonce-([^']+)'").Groups[1].Value;
        Assert.NotEqual(Nonce(first), Nonce(second));
        Assert.Contains($"<style nonce=\"{Nonce(first)}\">", await first.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_email_preview_is_framed_by_the_reminders_page_alone_and_runs_nothing()
    {
        await BuildAsync(App, FirstStep);
        using var office = await App.SignedInClientAsync("prov90", AppFixture.ProvincialPassword);
        var page = await office.GetStringAsync($"/staff/reminders?fiscalYear={Year}&round={Round}");
        Assert.Contains("/staff/reminders?fiscalYear=2570&amp;round=6&amp;provinceCode=90&amp;sample=", page);
        Assert.DoesNotContain("srcdoc", page);

        var email = await office.GetAsync($"/staff/reminders?fiscalYear={Year}&round={Round}&handler=Email");
        Assert.Equal(HttpStatusCode.OK, email.StatusCode);
        Assert.Equal("text/html", email.Content.Headers.ContentType!.MediaType);
        Assert.Equal(SecurityHeaders.FramedDocumentPolicy,
            Assert.Single(email.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("SAMEORIGIN", Assert.Single(email.Headers.GetValues("X-Frame-Options")));
        Assert.Contains("เรียน", await email.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Pages_carry_no_inline_style_with_or_without_their_validation_summary_and_report_columns()
    {
        await App.SetUpLaoAsync();
        using var anonymous = App.CreateClient();
        // a field left empty: the summary of the form's own errors has nothing to show (ASP.NET would write an
        // empty item with style="display:none" for it)
        var empty = await anonymous.PostFormAsync("/login", PageClient.LoginForm("", "x"));
        using var lao = await App.SignedInClientAsync(Samples.KohYo, Samples.Password);
        // an import confirmed without its file: the summary shows the message
        var import = await lao.PostFormAsync("/projects/import?handler=Import", new Dictionary<string, string?>(),
            "/projects/import");
        var importPage = await import.Content.ReadAsStringAsync();
        Assert.Contains("validation-summary-errors", importPage);
        var report = await lao.GetStringAsync("/reports/performance?fiscalYear=2570");
        Assert.Contains("class=\"w-p22\"", report);
        var pages = new Dictionary<string, string>
        {
            ["POST /login (empty field)"] = await empty.Content.ReadAsStringAsync(),
            ["POST /projects/import (no file)"] = importPage,
            ["/evaluation"] = await lao.GetStringAsync("/evaluation"),
            ["/projects/list"] = await lao.GetStringAsync("/projects/list?fiscalYear=2570"),
            ["/reports/performance"] = report,
        };
        foreach (var (page, html) in pages)
        {
            Assert.DoesNotMatch(@"<[^>]+\sstyle\s*=", html);
            Assert.DoesNotMatch(@"<[^>]+\son[a-z]+\s*=", html);
            Assert.DoesNotMatch(@"<style(?![^>]*\snonce=)", html);
            Assert.True(!html.Contains("<script>", StringComparison.Ordinal), $"{page} has an inline script");
        }
    }
}
