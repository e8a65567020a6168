using System.IO.Compression;
using System.Text.RegularExpressions;
using EPlanNacc.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EPlanNacc.BrowserTests.Reporting;

/// <summary>ออกรายงานแบบกลุ่ม in the browser: an admin starts the performance reports of Phuket (19 LAOs), watches the
/// progress move without reloading the page (the page's script), and downloads the zip when it is done.
/// Screenshots go to TestResults/screenshots/report-batches-*.</summary>
public sealed class ReportBatchJourneyTests(BrowserFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task An_admin_starts_a_small_province_batch_sees_it_finish_and_downloads_its_zip()
    {
        var page = await App.NewPageAsync(1280, 900);
        await page.GotoAsync("/login");
        await page.GetByLabel("รหัสผู้ใช้งาน (Username)").FillAsync("admin");
        await page.GetByLabel("รหัสผ่าน (Password)").FillAsync(AppFixture.AdminPassword);
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(new Regex("/login"));

        await page.Locator(".app-sidebar").First
            .GetByRole(AriaRole.Link, new() { Name = "ออกรายงานแบบกลุ่ม (zip)" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "ออกรายงานแบบกลุ่ม" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("no-batches")).ToBeVisibleAsync();
        await page.GetByLabel("รายงาน", new() { Exact = true }).SelectOptionAsync("performance");
        await page.GetByLabel("รอบการรายงาน").SelectOptionAsync("6");
        await page.GetByLabel("ขอบเขต").SelectOptionAsync("83");
        await page.GetByTestId("start-batch").ClickAsync();

        await Expect(page.GetByTestId("flash-success")).ToContainTextAsync("เริ่มสร้างรายงานแล้ว");
        var row = page.GetByTestId("batch");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต");
        await Expect(row).ToContainTextAsync("จังหวัดภูเก็ต");
        await Expect(row.GetByTestId("batch-count")).ToContainTextAsync("/ 20");
        await BrowserFixture.ScreenshotAsync(page, "report-batches-progress");

        // the script moves the progress until the zip is ready, without a reload
        await Expect(row.GetByTestId("batch-download")).ToBeHiddenAsync();
        await Expect(row.GetByTestId("batch-count")).ToHaveTextAsync("20 / 20", new() { Timeout = 180_000 });
        await Expect(row.GetByTestId("batch-download")).ToBeVisibleAsync();
        await Expect(row).ToContainTextAsync("เสร็จแล้ว");
        await Expect(row).ToContainTextAsync("เก็บไฟล์ไว้ถึง");
        await Expect(row.GetByRole(AriaRole.Progressbar)).ToHaveAttributeAsync("aria-valuenow", "100");
        // the bar slides to its width (Bootstrap's transition): the screenshot waits until it fills its track
        await page.WaitForFunctionAsync("""
            () => [...document.querySelectorAll('[data-role=bar]')].every(b =>
                b.getBoundingClientRect().width >= b.parentElement.getBoundingClientRect().width - 1)
            """);
        await BrowserFixture.ScreenshotAsync(page, "report-batches-done");

        var download = await page.RunAndWaitForDownloadAsync(() => row.GetByTestId("batch-download").ClickAsync());
        Assert.Equal($"performance-{App.CurrentYear}-r6-83.zip", download.SuggestedFilename);
        using var zip = ZipFile.OpenRead(await download.PathAsync());
        Assert.Equal(19, zip.Entries.Count(e => e.Name.StartsWith("performance-", StringComparison.Ordinal)));
        Assert.Single(zip.Entries, e => e.Name == $"province-83-{App.CurrentYear}-r6.pdf");

        // on a phone
        await page.SetViewportSizeAsync(390, 844);
        await page.ReloadAsync();
        await Expect(row.GetByTestId("batch-download")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "report-batches-phone");
    }
}
