using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.Reporting.Rendering;
using EPlanNacc.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace EPlanNacc.IntegrationTests.Reporting;

/// <summary>
/// Load that cannot take the system down (issue 9, section 5; docs/adr/0022-a-printer-that-cannot-reach-out.md):
/// one LAO sends 150 PDF requests at once while another signs in, records a project, reports it and reads its
/// summary, and <c>/health/ready</c> is asked every 100 ms. Every PDF request is answered, with the PDF or with a Thai
/// refusal to try later (429 for the user's own limits, 503 for a full print queue) and its Retry-After; the other
/// LAO's work goes through; the health check stays 200; no request gives up waiting for a database connection
/// (Npgsql's metrics).
/// Once with the limits of a user as configured, once with them lifted, so that the print queue alone holds.
/// </summary>
[Trait(AnyDay.Trait, AnyDay.Value)]
public sealed class PdfLoadTests(AppFixture app, ITestOutputHelper output) : IntegrationTest(app)
{
    private const int Requests = 150;
    /// <summary>The size of the test database's pool (TestDatabase.ConnectionString).</summary>
    private const int Pool = 40;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task One_LAO_asks_150_PDFs_at_once_another_works_normally_and_the_health_check_stays_green(
        bool userLimits)
    {
        var usage = App.Services.GetRequiredService<IOptions<UsageLimitOptions>>().Value;
        var reporting = App.Services.GetRequiredService<IOptions<ReportingOptions>>().Value;
        var (reportsPerMinute, pdfsPerUser) = (usage.ReportsPerMinute, reporting.MaxPdfsPerUser);
        if (!userLimits)
        {
            usage.ReportsPerMinute = 100_000;
            reporting.MaxPdfsPerUser = 100_000;
        }
        try
        {
            await RunAsync(userLimits);
        }
        finally
        {
            (usage.ReportsPerMinute, reporting.MaxPdfsPerUser) = (reportsPerMinute, pdfsPerUser);
        }
    }

    private async Task RunAsync(bool userLimits)
    {
        await App.SetUpLaoAsync(Samples.KohYo);
        await App.SetUpLaoAsync(Samples.KhlongRi);
        await App.OpenRoundAsync(6);
        var year = App.CurrentYear;
        using var loader = await App.CreateApiClientAsync(Samples.KohYo, Samples.Password);
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(4));

        var health = new ConcurrentBag<(HttpStatusCode Status, double Ms)>();
        using var pools = new ConnectionPoolWatch();
        var load = Task.Run(async () =>
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, Requests).Select(_ => PdfAsync(loader, year)));
            return answers;
        });
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
        var healthPolling = PollHealthAsync(health, sampling.Token);
        var poolWatching = WatchPoolsAsync(pools, sampling.Token);

        // meanwhile another LAO signs in, records a project, reports it and reads its summary
        var journey = Stopwatch.StartNew();
        var steps = await OtherLaoWorksAsync(year);
        journey.Stop();
        var answers = await load.WaitAsync(stop.Token);
        // with the user limits the 150 are answered within a second: the checks go on until there are enough of them
        while (health.Count < 5) await Task.Delay(50, stop.Token);
        await sampling.CancelAsync();
        await Task.WhenAll(healthPolling, poolWatching);

        var byStatus = answers.GroupBy(a => a.Status).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"user limits {(userLimits ? "on" : "lifted")}: " +
                         string.Join(", ", byStatus.Select(s => $"{(int)s.Key}: {s.Value}")) +
                         $"; slowest answer {answers.Max(a => a.Ms):0} ms; " +
                         $"other LAO {journey.ElapsedMilliseconds} ms " +
                         $"({string.Join(", ", steps.Select(s => $"{s.Name} {s.Ms:0} ms"))}); health checks " +
                         $"{health.Count}, slowest {health.Max(h => h.Ms):0} ms; {pools}");

        Assert.All(answers, a => Assert.True(a.Problem is null, a.Problem));
        Assert.True(byStatus.GetValueOrDefault(HttpStatusCode.OK) >= 1, "at least one PDF was printed");
        // the queue admits those printing and those it may keep waiting (without a user's limits); the rest are told
        // at once
        if (userLimits) Assert.True(byStatus.GetValueOrDefault(HttpStatusCode.TooManyRequests) > 0, "a user's limits");
        else Assert.True(byStatus.GetValueOrDefault(HttpStatusCode.ServiceUnavailable) > 0, "a full queue says 503");
        Assert.All(health, h => Assert.Equal(HttpStatusCode.OK, h.Status));
        Assert.True(health.Count >= 5, $"the health check was asked {health.Count} times");
        // the application's pool never ran out: no request gave up waiting for a connection
        Assert.Equal(Pool, pools.Peaks[BuildingBlocks.ServiceCollectionExtensions.PoolName].Max);
        Assert.Equal(0, pools.TimedOut.GetValueOrDefault(BuildingBlocks.ServiceCollectionExtensions.PoolName));
    }

    private sealed record PdfAnswer(HttpStatusCode Status, double Ms, string? Problem);

    /// <summary>One PDF request: the PDF, or a refusal to try later with Retry-After and a Thai problem (anything
    /// else is a problem the test reports).</summary>
    private static async Task<PdfAnswer> PdfAsync(HttpClient client, int year)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await client.GetAsync(
                $"/api/v1/reports/performance?fiscalYear={year}&round=6&format=pdf");
            var body = await response.Content.ReadAsByteArrayAsync();
            var ms = watch.Elapsed.TotalMilliseconds;
            if (response.StatusCode == HttpStatusCode.OK)
                return new PdfAnswer(response.StatusCode, ms,
                    System.Text.Encoding.ASCII.GetString(body, 0, Math.Min(4, body.Length)) == "%PDF"
                        ? null : "a 200 that is no PDF");
            if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable))
                return new PdfAnswer(response.StatusCode, ms, $"answered {(int)response.StatusCode}");
            var problem = JsonNode.Parse(body)!.AsObject();
            var thai = problem["title"]?.GetValue<string>() is { } title && title.Any(c => c is >= 'ก' and <= '๛')
                       && problem["detail"]?.GetValue<string>() is { Length: > 0 };
            var retry = response.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 };
            return new PdfAnswer(response.StatusCode, ms,
                thai && retry ? null : $"{(int)response.StatusCode} without Retry-After or Thai problem");
        }
        catch (Exception ex)
        {
            return new PdfAnswer(0, watch.Elapsed.TotalMilliseconds, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private async Task PollHealthAsync(ConcurrentBag<(HttpStatusCode, double)> health, CancellationToken ct)
    {
        using var client = App.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(30);
        while (!ct.IsCancellationRequested)
        {
            var watch = Stopwatch.StartNew();
            try
            {
                using var response = await client.GetAsync("/health/ready", CancellationToken.None);
                health.Add((response.StatusCode, watch.Elapsed.TotalMilliseconds));
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                health.Add((0, watch.Elapsed.TotalMilliseconds));
            }
            try
            {
                await Task.Delay(100, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>The application's connection pools every 20 ms.</summary>
    private static async Task WatchPoolsAsync(ConnectionPoolWatch pools, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            pools.Sample();
            try
            {
                await Task.Delay(20, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private sealed record Step(string Name, double Ms);

    /// <summary>An LAO's ordinary work through the API, each step asserted as it goes.</summary>
    private async Task<IReadOnlyList<Step>> OtherLaoWorksAsync(int year)
    {
        var steps = new List<Step>();
        var watch = Stopwatch.StartNew();
        void Done(string step)
        {
            steps.Add(new Step(step, watch.Elapsed.TotalMilliseconds));
            watch.Restart();
        }

        using var lao = await App.CreateApiClientAsync(Samples.KhlongRi, Samples.Password);
        Done("sign-in");
        var created = await lao.PostAsJsonAsync("/api/v1/projects", App.Project(name: "โครงการระหว่างโหลด"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        Done("project");
        var reported = await lao.PutAsJsonAsync($"/api/v1/projects/{id}/rounds/6", new
        {
            ordinanceBudget = 50000.00, budgetSpent = 12000.00, inLocalOrdinance = true, status = "completed",
            notPossibleReason = (string?)null, notPossibleReasonOther = (string?)null, remarks = (string?)null,
        });
        Assert.Equal(HttpStatusCode.OK, reported.StatusCode);
        Done("round report");
        var summary = await lao.GetFromJsonAsync<JsonObject>($"/api/v1/dashboard?fiscalYear={year}");
        Assert.Equal(1, summary!["projectCount"]!.GetValue<int>());
        Done("summary");
        Assert.All(steps, s => Assert.True(s.Ms < 20_000, $"{s.Name} took {s.Ms:0} ms"));
        return steps;
    }
}
