using System.Net;
using EPlanNacc.IntegrationTests.Pages;
using EPlanNacc.Modules.Projects.Features.Rounds;
using EPlanNacc.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace EPlanNacc.IntegrationTests;

/// <summary>The test host's clock (tests/EPlanNacc.TestSupport/TestClock.cs): the application runs on it, every test
/// starts on the default day, and signing in works on any day, far from the real date too.</summary>
public sealed class TestClockTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task The_application_runs_on_the_test_clock_and_every_test_starts_on_the_default_day_at_10()
    {
        Assert.Same(App.Clock, App.Services.GetRequiredService<TimeProvider>());
        Assert.Equal(TestClock.DefaultToday, App.Today);
        Assert.Equal(TestClock.InBangkok(TestClock.DefaultToday, new TimeOnly(10, 0)), App.Clock.GetUtcNow(),
            TimeSpan.FromSeconds(1));

        // the application's "current fiscal year" follows the day a test sets: 30 September and 1 October of 2027
        App.SetToday(new DateOnly(2027, 9, 30));
        Assert.Equal(2570, (await App.SendAsync(TestUser.Admin(), new ListRoundsQuery(null)))[0].FiscalYear);
        App.SetToday(new DateOnly(2027, 10, 1));
        Assert.Equal(2571, (await App.SendAsync(TestUser.Admin(), new ListRoundsQuery(null)))[0].FiscalYear);

        await App.ResetAsync();
        Assert.Equal(TestClock.DefaultToday, App.Today);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2027-04-15")]
    [InlineData(" 2027-10-15 ")]
    public void The_default_day_comes_from_EPLAN_TEST_TODAY(string value) =>
        Assert.Equal(value.Trim() is "" ? new DateOnly(2026, 12, 1) : Day(value.Trim()),
            TestClock.ReadDefaultDay(value));

    private static DateOnly Day(string value) =>
        DateOnly.Parse(value, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void A_default_day_that_is_not_YYYY_MM_DD_stops_the_run_with_a_message()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => TestClock.ReadDefaultDay("15/04/2027"));
        Assert.Contains("EPLAN_TEST_TODAY", ex.Message);
    }

    /// <summary>The sign-in cookie is a session cookie (no Expires): the browser and HttpClient's CookieContainer
    /// keep it whatever the fake day, while a persistent cookie whose Expires is computed from a day in the past
    /// would be dropped at once. The ticket inside carries its own expiry, checked on the same fake clock.</summary>
    [Theory]
    [InlineData("2019-01-15")]
    [InlineData("2040-06-15")]
    public async Task Cookies_and_bearer_tokens_work_on_a_day_far_from_the_real_date(string day)
    {
        App.SetToday(Day(day));
        await App.SetUpLaoAsync();

        using var browser = App.CreateClient();
        var login = await browser.PostFormAsync("/login", new Dictionary<string, string?>
        {
            ["Input.Username"] = Samples.KohYo, ["Input.Password"] = Samples.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"),
            c => c.StartsWith("eplan.auth=", StringComparison.Ordinal));
        Assert.DoesNotContain("expires=", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("max-age=", cookie, StringComparison.OrdinalIgnoreCase);
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/summary")).StatusCode);

        using var api = await App.CreateApiClientAsync(Samples.KohYo, Samples.Password);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me/profile")).StatusCode);
    }

    [Fact]
    public async Task Sessions_and_tokens_run_out_on_the_applications_clock()
    {
        await App.SetUpLaoAsync();
        using var browser = await App.SignedInClientAsync(Samples.KohYo, Samples.Password);
        using var api = await App.CreateApiClientAsync(Samples.KohYo, Samples.Password);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/summary")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me/profile")).StatusCode);

        // a token lives an hour, a page session 8 hours (sliding)
        App.Clock.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/me/profile")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/summary")).StatusCode);
        App.Clock.Advance(TimeSpan.FromHours(9));
        var expired = await browser.GetAsync("/summary");
        Assert.Equal(HttpStatusCode.Redirect, expired.StatusCode);
        Assert.Contains("/login", expired.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
