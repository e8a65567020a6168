using System.Net;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.IntegrationTests.Pages;
using EPlanNacc.Modules.Projects.Features.Import;
using EPlanNacc.Modules.Reporting.Features.Dashboard;
using EPlanNacc.Modules.Reporting.Features.Reports;
using EPlanNacc.Modules.Reporting.Rendering;
using EPlanNacc.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EPlanNacc.IntegrationTests.Reporting;

/// <summary>Per-user limits on the expensive work (issue 9, section 5; <c>UsageLimits:*</c>): a user who reads more
/// reports (screen, JSON, PDF, Excel alike), summaries or imports than the limit allows is refused with 429,
/// Retry-After and a Thai message until the limit lets it through again; another user is not touched, and jobs are
/// never limited.</summary>
public sealed class UsageLimitTests(AppFixture app) : IntegrationTest(app)
{
    private UsageLimitOptions Limits => App.Services.GetRequiredService<IOptions<UsageLimitOptions>>().Value;

    private string Performance(string format) =>
        $"/api/v1/reports/performance?fiscalYear={App.CurrentYear}&round=6&format={format}";

    [Fact]
    public async Task An_LAO_that_reads_more_reports_than_its_limit_gets_429_with_Retry_After_and_a_Thai_message()
    {
        await App.SetUpLaoAsync();
        await App.SetUpLaoAsync(Samples.KhlongRi);
        using var lao = await App.CreateApiClientAsync(Samples.KohYo, Samples.Password);
        var limit = Limits.ReportsPerMinute;
        Assert.Equal(30, limit);
        // JSON, Excel and PDF count alike, each once (a PDF is not also counted as the report query it sends)
        for (var i = 0; i < limit; i++)
        {
            var format = (i % 10) switch { 0 => "pdf", 1 or 2 => "xlsx", _ => "json" };
            var ok = await lao.GetAsync(Performance(format));
            Assert.True(ok.StatusCode == HttpStatusCode.OK, $"request {i + 1} ({format}): {(int)ok.StatusCode}");
        }

        var refused = await lao.GetAsync(Performance("pdf"));
        var problem = await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal(UsageMeter.Message, problem.Detail);
        Assert.Equal("มีการเรียกใช้งานมากเกินไป กรุณารอสักครู่แล้วลองใหม่", problem.Title);
        Assert.Equal(TimeSpan.FromSeconds(2), refused.Headers.RetryAfter?.Delta); // 30 a minute: one every 2 s
        await (await lao.GetAsync(Performance("json"))).AssertProblemAsync(HttpStatusCode.TooManyRequests);

        // another LAO reads as usual; once the time said has passed, so does this one
        using var other = await App.CreateApiClientAsync(Samples.KhlongRi, Samples.Password);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync(Performance("json"))).StatusCode);
        App.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.OK, (await lao.GetAsync(Performance("json"))).StatusCode);
        await (await lao.GetAsync(Performance("json"))).AssertProblemAsync(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task The_report_page_says_it_in_Thai_with_429_and_Retry_After()
    {
        await App.SetUpLaoAsync();
        using var page = await App.SignedInClientAsync(Samples.KohYo, Samples.Password);
        var url = $"/reports/performance?FiscalYear={App.CurrentYear}&Round=6";
        for (var i = 0; i < Limits.ReportsPerMinute; i++)
            Assert.Equal(HttpStatusCode.OK, (await page.GetAsync(i % 2 == 0 ? url : url + "&handler=xlsx")).StatusCode);

        var shown = await page.GetAsync(url);
        Assert.Equal(HttpStatusCode.TooManyRequests, shown.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), shown.Headers.RetryAfter?.Delta);
        Assert.Contains(UsageMeter.Message, await shown.Content.ReadAsStringAsync());
        var download = await page.GetAsync(url + "&handler=pdf");
        Assert.Equal(HttpStatusCode.TooManyRequests, download.StatusCode);
        Assert.Equal("text/html", download.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_summary_and_the_import_have_limits_of_their_own()
    {
        var lao = TestUser.Lao(Samples.KohYo) with { UserId = Guid.NewGuid() };
        for (var i = 0; i < Limits.DashboardsPerMinute; i++)
            await App.SendAsync(lao, new GetDashboardQuery(App.CurrentYear));
        var summary = await Assert.ThrowsAsync<TryLaterException>(() =>
            App.SendAsync(lao, new GetDashboardQuery(App.CurrentYear)));
        Assert.True(summary.CallersLimit);
        Assert.Equal(TimeSpan.FromSeconds(1), summary.RetryAfter); // 60 a minute
        // the summary's limit is not the reports'
        await App.SendAsync(lao, new GetPerformanceReportQuery(App.CurrentYear, 6));

        var file = "not a workbook"u8.ToArray();
        for (var i = 0; i < Limits.ImportsPerHour; i++)
            await App.SendAsync(lao, new PreviewProjectImportQuery(App.CurrentYear, file));
        var import = await Assert.ThrowsAsync<TryLaterException>(() =>
            App.SendAsync(lao, new ImportProjectsCommand(App.CurrentYear, file, AllOrNothing: false)));
        Assert.Equal((UsageMeter.ImportMessage, TimeSpan.FromMinutes(2)), (import.Message, import.RetryAfter));
    }

    [Fact]
    public async Task Jobs_are_never_limited()
    {
        await App.SetUpLaoAsync();
        for (var i = 0; i < Limits.ReportsPerMinute * 2; i++)
            await App.SendAsync(SystemUser.Instance, new GetStatusReportQuery(App.CurrentYear, Samples.KohYo));
        var xlsx = await App.SendAsync(SystemUser.Instance, new RenderReportQuery(
            new GetStatusReportQuery(App.CurrentYear, Samples.KohYo), ReportOutput.Xlsx));
        Assert.Equal(ExcelWriter.ContentType, xlsx.ContentType);
    }
}
