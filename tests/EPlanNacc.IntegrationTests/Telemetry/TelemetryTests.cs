using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using EPlanNacc.BuildingBlocks.Jobs;
using EPlanNacc.IntegrationTests.Pages;
using EPlanNacc.Modules.Identity.Features.Emails;
using EPlanNacc.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static EPlanNacc.TestSupport.ProjectSamples;

namespace EPlanNacc.IntegrationTests.Telemetry;

/// <summary>What operators see of a running host (docs/adr/0032-telemetry.md): the metrics at /metrics in
/// Prometheus's format, for admins only; a span per job; the trace id on every log line of a request and on its error
/// page.</summary>
[Trait(AnyDay.Trait, AnyDay.Value)]
public sealed class TelemetryTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task An_admin_reads_the_metrics_of_requests_statements_jobs_printer_and_outbox()
    {
        await App.SetUpLaoAsync();
        await App.OpenRoundAsync(6);
        var project = await App.CreateProjectAsync();
        await App.SendAsync(TestUser.Lao(Samples.KohYo), Report(project, 6));
        using var lao = await App.SignedInClientAsync(Samples.KohYo, Samples.Password);
        var pdf = await lao.GetAsync($"/reports/performance?handler=pdf&fiscalYear={App.CurrentYear}&round=6");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);

        using var admin = await App.SignedInClientAsync("admin", AppFixture.AdminPassword);
        var metrics = await admin.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Equal("text/plain", metrics.Content.Headers.ContentType?.MediaType);
        var text = await metrics.Content.ReadAsStringAsync();
        foreach (var name in new[]
                 {
                     "http_server_request_duration_seconds_bucket", // ASP.NET Core
                     "db_client_operation_duration_seconds_bucket", // Npgsql's commands
                     "db_client_connection_count", // Npgsql's pool
                     "dotnet_gc_collections_total", // the runtime
                     "eplan_jobs{", "eplan_jobs_queue_length{", // Hangfire
                     "eplan_pdf_print_duration_seconds_bucket", "eplan_pdf_queue", // the printer
                     "eplan_outbox_emails{", // the outbox
                 })
            Assert.Contains(name, text);
        Assert.Contains("queue=\"default\"", text);
        Assert.Contains("outcome=\"printed\"", text);
        Assert.Contains("db_client_connection_pool_name=\"EPlanNacc\"", text);

        // a scraper may use an admin's API token instead of a page session
        using var api = await App.CreateApiClientAsync("admin", AppFixture.AdminPassword);
        var scraped = await api.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        Assert.Contains("http_server_request_duration_seconds", await scraped.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_are_refused_to_a_visitor_an_LAO_and_a_provincial_office()
    {
        await App.SetUpLaoAsync();
        using var anonymous = App.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/metrics")).StatusCode);
        using var lao = await App.SignedInClientAsync(Samples.KohYo, Samples.Password);
        Assert.Equal(HttpStatusCode.Forbidden, (await lao.GetAsync("/metrics")).StatusCode);
        using var provincial = await App.SignedInClientAsync("prov90", AppFixture.ProvincialPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await provincial.GetAsync("/metrics")).StatusCode);
        using var laoApi = await App.CreateApiClientAsync(Samples.KohYo, Samples.Password);
        Assert.Equal(HttpStatusCode.Forbidden, (await laoApi.GetAsync("/metrics")).StatusCode);
        using var forged = App.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task A_job_runs_in_a_span_of_its_own()
    {
        var stopped = new TaskCompletionSource<Activity>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "EPlanNacc.Jobs",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = a =>
            {
                if (a.DisplayName == $"job {nameof(SendPendingEmailsCommand)}") stopped.TrySetResult(a);
            },
        };
        ActivitySource.AddActivityListener(listener);
        using (var scope = App.Services.CreateScope())
            scope.ServiceProvider.GetRequiredService<IJobScheduler>().Enqueue(new SendPendingEmailsCommand());

        var span = await stopped.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(nameof(SendPendingEmailsCommand), span.GetTagItem("job.command"));
        Assert.NotNull(span.GetTagItem("job.id"));
        Assert.NotEqual(ActivityStatusCode.Error, span.Status);
    }

    [Fact]
    public async Task A_request_s_log_lines_and_its_error_page_carry_its_trace_id()
    {
        var logs = new CapturedLogs();
        App.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs);
        await App.SetUpLaoAsync();
        using var lao = await App.SignedInClientAsync(Samples.KohYo, Samples.Password);
        var trace = ActivityTraceId.CreateRandom().ToHexString();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/projects/{Guid.CreateVersion7()}");
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom().ToHexString()}-01");

        HttpResponseMessage response;
        using (logs.Record()) response = await lao.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("รหัสอ้างอิงสำหรับแจ้งเจ้าหน้าที่", page);
        Assert.Contains(trace, page);
        var lines = logs.Lines.Where(l => l.Message.Contains("/projects/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Equal(trace, l.Scopes.GetValueOrDefault("TraceId")));
        Assert.All(lines, l => Assert.False(string.IsNullOrEmpty(l.Scopes.GetValueOrDefault("SpanId"))));
    }
}
