using System.Text.RegularExpressions;
using EPlanNacc.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EPlanNacc.BrowserTests.Reporting;

/// <summary>The summary page and the four reports in the browser, in Thai: the infographic, the charts (drawn from
/// their tables, whose numbers are checked), each report on screen and its PDF downloaded. Screenshots go to
/// TestResults/screenshots/summary-* and reports-*.</summary>
public sealed class SummaryAndReportsJourneyTests(BrowserFixture app) : BrowserTest(app)
{
    private async Task<IPage> SignInAsync(string username, string password, string landing, int width = 1366,
        int height = 900)
    {
        var page = await App.NewPageWithoutTransitionsAsync(width, height);
        await page.GotoAsync("/login");
        await page.GetByLabel("รหัสผู้ใช้งาน (Username)").FillAsync(username);
        await page.GetByLabel("รหัสผ่าน (Password)").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(landing + "$"));
        return page;
    }

    /// <summary>Cells of a chart's table by row label.</summary>
    private static async Task<Dictionary<string, string>> TableAsync(IPage page, string id) =>
        (await page.Locator($"#{id} tbody tr").EvaluateAllAsync<string[][]>(
            "rows => rows.map(r => [r.dataset.label, r.cells[1].textContent.trim()])"))
        .ToDictionary(r => r[0], r => r[1]);

    /// <summary>Downloads the report's PDF with the page's button and checks it is a PDF of the report.</summary>
    private static async Task<byte[]> DownloadPdfAsync(IPage page, string fileName, params string[] texts)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-pdf").ClickAsync());
        Assert.Equal(fileName, download.SuggestedFilename);
        var path = await download.PathAsync();
        var pdf = await File.ReadAllBytesAsync(path);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
        var text = ReportTables.Squeeze(await PdfTools.TextAsync(pdf, raw: true));
        foreach (var t in texts) Assert.Contains(ReportTables.Squeeze(t), text);
        return pdf;
    }

    private static Task OpenReportAsync(IPage page, string menu) =>
        page.Locator(".app-sidebar").First.GetByRole(AriaRole.Link, new() { Name = menu, Exact = true }).ClickAsync();

    [Fact]
    public async Task An_LAO_reads_its_summary_with_charts_and_tables_then_each_report_and_downloads_its_PDF()
    {
        await App.RecordKnownPlanAsync();
        var page = await SignInAsync(Samples.KohYo, Samples.Password, "/summary");
        var year = App.CurrentYear.ToString();

        // the infographic
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "ข้อมูลโดยสรุป" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("lao-name")).ToContainTextAsync("องค์การบริหารส่วนตำบลเกาะยอ");
        await Expect(page.GetByLabel("ปีงบประมาณ")).ToHaveValueAsync(year);
        await Expect(page.GetByTestId("info-projects")).ToHaveTextAsync("7");
        await Expect(page.GetByTestId("info-budget")).ToHaveTextAsync("165,000.00");
        await Expect(page.GetByTestId("info-score-6")).ToHaveTextAsync("41.67");
        await Expect(page.GetByTestId("info-score-6")).ToHaveClassAsync(new Regex("band-orange"));
        await Expect(page.GetByTestId("info-score-12")).ToHaveClassAsync(new Regex("band-red"));

        // a chart's table holds its numbers, and the chart draws exactly them
        var status6 = await TableAsync(page, "t-status-6");
        Assert.Equal(new Dictionary<string, string>
        {
            ["ดำเนินการแล้วเสร็จ"] = "2", ["อยู่ระหว่างดำเนินการ"] = "1", ["ไม่สามารถดำเนินการได้"] = "2",
            ["รอการรายงานผล"] = "1",
        }, status6);
        await Expect(page.Locator("html[data-charts-ready]")).ToHaveCountAsync(1);
        var drawn = await page.Locator("canvas[data-chart-table=t-status-6]")
            .EvaluateAsync<double[]>("c => c.chart.data.datasets[0].data");
        Assert.Equal([2d, 1d, 2d, 1d], drawn);
        var budget6 = await page.Locator("canvas[data-chart-table=t-budget-6]")
            .EvaluateAsync<double[][]>("c => c.chart.data.datasets.map(d => d.data)");
        Assert.Equal([60_000d, 40_000d, 60_000d, 5_000d], budget6[0]);
        Assert.Equal([13_000d, 39_500.5d, 0d, 0d], budget6[2]);
        Assert.Equal(7, await page.Locator("canvas[data-chart-table]").CountAsync());
        Assert.All(await page.Locator("canvas[data-chart-table]")
            .EvaluateAllAsync<bool[]>("cs => cs.map(c => !!c.chart)"), Assert.True);
        // what still awaits a report links to its form while the round is open
        await Expect(page.GetByTestId("awaiting-6")
            .GetByRole(AriaRole.Link, new() { Name = ReportingSamples.Plan[4].Name })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "summary-lao");
        await page.GetByTestId("round-6").ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotAsync(page, "summary-lao-round6", fullPage: false);

        // (1) performance, round 6 then 12
        await OpenReportAsync(page, "รายงานผลการดำเนินงานตามแผนฯ");
        await Expect(page).ToHaveURLAsync(new Regex("/reports/performance$"));
        await Expect(page.GetByTestId("report")).ToContainTextAsync("รวมทุกมิติ");
        await Expect(page.GetByTestId("report")).ToContainTextAsync("52,500.50");
        await page.GetByLabel("รอบการรายงาน").SelectOptionAsync("12");
        await page.GetByTestId("show-report").ClickAsync();
        await Expect(page.GetByTestId("report")).ToContainTextAsync("รอบ 12 เดือน");
        await BrowserFixture.ScreenshotAsync(page, "reports-performance");
        await DownloadPdfAsync(page, $"performance-{Samples.KohYo}-{year}-r12.pdf", "รอบ 12 เดือน",
            "องค์การบริหารส่วนตำบลเกาะยอ");

        // (2) status
        await OpenReportAsync(page, "รายงานสถานะโครงการ/กิจกรรม/มาตรการ ประจำปีงบประมาณ");
        await Expect(page.GetByTestId("report")).ToContainTextAsync(ReportingSamples.Plan[0].Name);
        await BrowserFixture.ScreenshotAsync(page, "reports-status");
        await DownloadPdfAsync(page, $"status-{Samples.KohYo}-{year}.pdf", ReportingSamples.Plan[6].Name);

        // (3) evaluation
        await OpenReportAsync(page, "รายงานผลการประเมินแผนปฏิบัติการป้องกันการทุจริต");
        await Expect(page.GetByTestId("report")).ToContainTextAsync(ReportingSamples.DimensionNames[3]);
        await BrowserFixture.ScreenshotAsync(page, "reports-evaluation");
        await DownloadPdfAsync(page, $"evaluation-{Samples.KohYo}-{year}.pdf", ReportingSamples.DimensionNames[0]);

        // the province report is not the LAO's
        Assert.Equal(0, await page.Locator(".app-sidebar")
            .First.GetByRole(AriaRole.Link, new() { Name = "รายงานผลการนำแผนไปปฏิบัติระดับจังหวัด" }).CountAsync());
    }

    [Fact]
    public async Task A_provincial_office_reads_the_province_report_and_an_LAOs_summary()
    {
        await App.RecordKnownPlanAsync();
        var page = await SignInAsync("prov90", AppFixture.ProvincialPassword, "/staff");
        await page.GetByTestId("staff-links")
            .GetByRole(AriaRole.Link, new() { Name = "รายงานผลการนำแผนไปปฏิบัติระดับจังหวัด" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/reports/province$"));
        await Expect(page.GetByTestId("report")).ToContainTextAsync("รวมจังหวัดสงขลา (141 แห่ง)");
        var kohYo = page.GetByTestId("report").Locator("tr", new() { HasText = "องค์การบริหารส่วนตำบลเกาะยอ" });
        await Expect(kohYo).ToContainTextAsync("บางส่วน (5/6)");
        await Expect(kohYo).ToContainTextAsync("41.67");
        await BrowserFixture.ScreenshotAsync(page, "reports-province", fullPage: false);
        await DownloadPdfAsync(page, $"province-90-{App.CurrentYear}-r6.pdf", "จังหวัดสงขลา",
            "องค์การบริหารส่วนตำบลเกาะยอ");

        // the summary of one LAO of the province
        await page.GotoAsync("/summary");
        await Expect(page.GetByTestId("summary-choose")).ToBeVisibleAsync();
        await page.GetByLabel("อปท.").SelectOptionAsync(Samples.KohYo);
        await page.GetByTestId("show-report").ClickAsync();
        await Expect(page.GetByTestId("info-projects")).ToHaveTextAsync("7");
        // staff do not report for the LAO
        Assert.Equal(0, await page.GetByTestId("awaiting-6").GetByRole(AriaRole.Link).CountAsync());
        await Expect(page.Locator("html[data-charts-ready]")).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(page, "summary-staff", fullPage: false);
    }

    [Fact]
    public async Task The_summary_reads_on_a_phone()
    {
        await App.RecordKnownPlanAsync();
        // the longest text of a round: not yet open, with its dates
        await App.SendAsync(TestUser.Admin(), new EPlanNacc.Modules.Projects.Features.Rounds.SetRoundDatesCommand(
            App.CurrentYear, 12, App.Today.AddDays(30), App.Today.AddDays(60)));
        var page = await SignInAsync(Samples.KohYo, Samples.Password, "/summary", 390, 844);
        await Expect(page.GetByTestId("info-projects")).ToHaveTextAsync("7");
        await Expect(page.Locator("html[data-charts-ready]")).ToHaveCountAsync(1);
        var overflow = await page.EvaluateAsync<bool>(
            "() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "the summary scrolls sideways on a phone");
        await Expect(page.GetByTestId("round-12")).ToContainTextAsync("ยังไม่เปิดรับรายงาน");
        await BrowserFixture.ScreenshotAsync(page, "summary-phone", fullPage: false);
        await page.GetByTestId("round-6").ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotAsync(page, "summary-phone-round6", fullPage: false);
    }
}
