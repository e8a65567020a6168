using System.Net;
using System.Net.Http.Json;
using EPlanNacc.Host.Infrastructure;
using EPlanNacc.IntegrationTests.Pages;
using EPlanNacc.TestSupport;
using Npgsql;

namespace EPlanNacc.IntegrationTests.ScaleOut;

/// <summary>Two instances of the application on one database (the test host "a" and a <see cref="SecondInstance"/>
/// "b", installed at another path): what one makes, the other accepts; what one ends, the other refuses at once; the
/// security limits count both together; a recurring job that falls due runs once
/// (docs/adr/0033-several-instances.md).</summary>
[Trait(AnyDay.Trait, AnyDay.Value)]
public sealed class TwoInstanceTests(AppFixture app) : IntegrationTest(app)
{
    private const string SessionCookie = "eplan.auth";

    [Fact]
    public async Task A_cookie_made_by_one_instance_acts_on_the_other_and_a_sign_out_on_one_ends_it_on_both()
    {
        await using var b = SecondInstance.Start(App);
        // one browser: its cookies go to both instances (a cookie is kept per host name, not per port)
        using var browser = App.CreateClient();
        var login = await browser.PostFormAsync("/login",
            PageClient.LoginForm("prov90", AppFixture.ProvincialPassword));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var onA = await browser.GetAsync("/staff");
        Assert.Equal(HttpStatusCode.OK, onA.StatusCode);
        Assert.Equal("a", onA.Headers.GetValues(Instances.InstanceHeader).Single());
        var onB = await browser.GetAsync(new Uri(b.BaseAddress, "/staff"));
        Assert.Equal(HttpStatusCode.OK, onB.StatusCode);
        Assert.Equal("b", onB.Headers.GetValues(Instances.InstanceHeader).Single());
        Assert.True(await KeysInDatabaseAsync() > 0, "the key ring is not in identity.data_protection_keys");

        // a copy of the cookie, checked (and so cached) by both instances
        using var copy = ClientWithCookie(SessionCookieOf(login));
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync(new Uri(App.BaseAddress, "/staff"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync(new Uri(b.BaseAddress, "/staff"))).StatusCode);

        // signed out through b, with the form's antiforgery token that a made
        var token = await browser.AntiforgeryTokenAsync("/logout");
        var logout = await browser.PostAsync(new Uri(b.BaseAddress, "/logout"),
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        // a, which had the session in its cache, refuses the copy at once: not 30 seconds later
        await AssertRefusedSoonAsync(() => copy.GetAsync(new Uri(App.BaseAddress, "/staff")));
        await AssertRefusedSoonAsync(() => copy.GetAsync(new Uri(b.BaseAddress, "/staff")));
    }

    [Fact]
    public async Task A_token_made_by_one_instance_is_accepted_by_the_other_until_it_is_revoked_on_either()
    {
        await using var b = SecondInstance.Start(App);
        using var signedIn = await App.CreateApiClientAsync("admin", AppFixture.AdminPassword);
        using var onB = App.CreateClient();
        onB.BaseAddress = b.BaseAddress;
        onB.DefaultRequestHeaders.Authorization = signedIn.DefaultRequestHeaders.Authorization;
        var first = await onB.GetAsync("/api/v1/admin/audit");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("b", first.Headers.GetValues(Instances.InstanceHeader).Single());
        using var onA = App.CreateClient();
        onA.DefaultRequestHeaders.Authorization = signedIn.DefaultRequestHeaders.Authorization;
        Assert.Equal(HttpStatusCode.OK, (await onA.GetAsync("/api/v1/admin/audit")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await onA.PostAsync("/api/v1/auth/revoke", null)).StatusCode);
        await AssertRefusedSoonAsync(() => onB.GetAsync("/api/v1/admin/audit"));
    }

    [Fact]
    public async Task The_password_reset_limit_counts_the_requests_of_both_instances_together()
    {
        await using var b = SecondInstance.Start(App);
        const string client = "192.0.2.77";
        using var onA = App.CreateClient(client);
        using var onB = App.CreateClient(client);
        onB.BaseAddress = b.BaseAddress;
        var statuses = new List<HttpStatusCode>();
        // RateLimits:PasswordResetPermits is 5 in the tests: three through each instance make six
        foreach (var instance in new[] { onA, onB, onA, onB, onA, onB })
            statuses.Add((await instance.PostAsJsonAsync("/api/v1/auth/forgot-password",
                new { email = "nobody@example.org" })).StatusCode);
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Accepted, 5), HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task A_recurring_job_that_falls_due_runs_once_with_two_job_servers()
    {
        await using var b = SecondInstance.Start(App);
        await using var db = new NpgsqlConnection(App.ConnectionString);
        await db.OpenAsync();
        await Eventually.Async(() => ScalarAsync<long>(db, "SELECT count(*) FROM hangfire.server"), n => n >= 2,
            "two job servers");
        var before = await ScalarAsync<long>(db, "SELECT coalesce(max(id), 0) FROM hangfire.job");
        // the daily removal of expired report files falls due, for both servers' schedulers (Hangfire's own clock,
        // not the test's): made and last run three days earlier (so that an occurrence was missed, which runs once),
        // its next run two days earlier, in the past (it was at most a day ahead)
        await using (var due = new NpgsqlCommand("""
            UPDATE hangfire.hash SET value = (value::bigint - 259200000)::text
            WHERE key = 'recurring-job:' || @id AND field IN ('CreatedAt', 'LastExecution');
            UPDATE hangfire.hash SET value = (value::bigint - 172800000)::text
            WHERE key = 'recurring-job:' || @id AND field = 'NextExecution';
            UPDATE hangfire.set SET score = score - 172800
            WHERE key = 'recurring-jobs' AND value = @id;
            """, db))
        {
            due.Parameters.AddWithValue("id", RecurringJobs.ExpiredReportFiles);
            Assert.InRange(await due.ExecuteNonQueryAsync(), 3, 4);
        }
        const string runs = """
            SELECT count(*) FROM hangfire.job j JOIN hangfire.jobparameter p ON p.jobid = j.id
            WHERE p.name = 'RecurringJobId' AND p.value = @id AND j.id > @before
            """;
        async Task<long> RunsAsync()
        {
            await using var count = new NpgsqlCommand(runs, db);
            count.Parameters.AddWithValue("id", $"\"{RecurringJobs.ExpiredReportFiles}\"");
            count.Parameters.AddWithValue("before", before);
            return (long)(await count.ExecuteScalarAsync())!;
        }
        await Eventually.Async(RunsAsync, n => n >= 1, "the due job's run", TimeSpan.FromSeconds(90));
        // both schedulers poll every second or so: the other had its chances
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(1, await RunsAsync());
    }

    private async Task<long> KeysInDatabaseAsync()
    {
        await using var db = new NpgsqlConnection(App.ConnectionString);
        await db.OpenAsync();
        return await ScalarAsync<long>(db, "SELECT count(*) FROM identity.data_protection_keys");
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Refused within two seconds (the notice of the other instance, not its cache's 30 seconds): the page
    /// sends to /login, the API answers 401.</summary>
    private static async Task AssertRefusedSoonAsync(Func<Task<HttpResponseMessage>> request)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var response = await request();
            var location = response.Headers.Location is { } to
                ? new Uri(response.RequestMessage!.RequestUri!, to).AbsolutePath : null;
            if (response.StatusCode == HttpStatusCode.Unauthorized
                || response.StatusCode == HttpStatusCode.Redirect && location == "/login")
                return;
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2),
                $"still accepted after {watch.Elapsed.TotalSeconds:0.0} s: {(int)response.StatusCode} {location}");
            await Task.Delay(100);
        }
    }

    /// <summary>The session cookie an answer sets (name=value, every chunk of it).</summary>
    private static string SessionCookieOf(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.GetValues("Set-Cookie")
            .Where(c => c.StartsWith(SessionCookie, StringComparison.Ordinal))
            .Select(c => c.Split(';')[0]).Where(c => !c.EndsWith('=')));

    /// <summary>A browser of another machine that sends a copy of the session's <paramref name="cookie"/>.</summary>
    private static HttpClient ClientWithCookie(string cookie)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "192.0.2.78");
        return client;
    }
}
