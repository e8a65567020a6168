using System.Text.RegularExpressions;
using EPlanNacc.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EPlanNacc.BrowserTests.Reporting;

/// <summary>ความครบถ้วนของการรายงานผล in the browser: an admin opens it from the menu, sees the map of Thailand drawn
/// (Apache ECharts, served by the application) with the same figures in the table below it, drills down into a
/// province from the map and reads its LAOs; then on a phone. Screenshots: TestResults/screenshots/completeness-*.
/// </summary>
public sealed class CompletenessJourneyTests(BrowserFixture app) : BrowserTest(app)
{
    // the map fetches the provinces' shapes and ECharts draws them: seconds on a loaded machine, not the default 5
    private static readonly LocatorAssertionsToHaveAttributeOptions MapDrawn = new() { Timeout = 30_000 };

    [Fact]
    public async Task An_admin_sees_the_map_of_the_nation_then_drills_down_into_Songkhla()
    {
        await App.RecordKnownRoundAsync();
        var errors = new List<string>();
        var page = await SignInAsAdminAsync(1366, 1000, errors);
        await page.Locator(".app-sidebar").First
            .GetByRole(AriaRole.Link, new() { Name = "ความครบถ้วนของการรายงานผล", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/staff/completeness$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "ความครบถ้วนของการรายงานผล", Exact = true }))
            .ToBeVisibleAsync();
        await page.GetByLabel("ปีงบประมาณ").SelectOptionAsync(App.CurrentYear.ToString());
        await page.GetByLabel("รอบการรายงาน").SelectOptionAsync("6");
        await page.GetByTestId("show-completeness").ClickAsync();

        // the map: drawn on a canvas by ECharts from the table's numbers
        var map = page.GetByTestId("completeness-map");
        await Expect(map).ToHaveAttributeAsync("data-drawn", "true", MapDrawn);
        await Expect(map.Locator("canvas")).ToHaveCountAsync(1);
        var box = await map.Locator("canvas").BoundingBoxAsync();
        Assert.True(box is { Width: > 300, Height: > 300 }, $"the map is {box?.Width} x {box?.Height}");
        await Expect(page.GetByTestId("total-reported")).ToHaveTextAsync("4");
        await Expect(page.GetByTestId("area-90").GetByTestId("reported")).ToHaveTextAsync("2");
        await BrowserFixture.ScreenshotAsync(page, "completeness-map");

        // a province on the map opens its page (Songkhla, far south: its shape's centre on the canvas)
        var point = await map.EvaluateAsync<double[]>("""
            el => {
              const chart = echarts.getInstanceByDom(el);
              return chart.convertToPixel({ seriesIndex: 0 }, [100.6, 6.95]);
            }
            """);
        // its tooltip names it, and writes any name as text (ECharts renders the tooltip as HTML)
        await map.HoverAsync(new LocatorHoverOptions
        { Position = new Position { X = (float)point[0], Y = (float)point[1] } });
        await Expect(map).ToContainTextAsync("สงขลารายงานผลครบ ร้อยละ");
        var tooltip = await map.EvaluateAsync<string>("""
            el => echarts.getInstanceByDom(el).getOption().tooltip[0]
              .formatter({ data: { thaiName: '<img src=x onerror=alert(1)>"><b>ชื่อ</b>', value: 50 } })
            """);
        Assert.StartsWith("&lt;img src=x onerror=alert(1)&gt;&quot;&gt;&lt;b&gt;ชื่อ&lt;/b&gt;<br>", tooltip);
        await map.ClickAsync(new LocatorClickOptions
        { Position = new Position { X = (float)point[0], Y = (float)point[1] } });
        await Expect(page).ToHaveURLAsync(new Regex("provinceCode=90"));
        await Expect(page.GetByTestId("completeness-subject")).ToContainTextAsync("จังหวัดสงขลา");
        await Expect(page.GetByTestId($"lao-{CompletenessSamples.A}").GetByTestId("timing"))
            .ToHaveTextAsync("ตรงเวลา");
        await Expect(page.GetByTestId($"lao-{CompletenessSamples.B}").GetByTestId("round"))
            .ToHaveTextAsync("บางส่วน (1/2)");
        await Expect(page.GetByTestId("subtotal-9001")).ToContainTextAsync("รวมอำเภอเมืองสงขลา (7 แห่ง)");

        // the filter of the LAOs not yet reported, then back to the nation
        await page.GetByTestId("filter-not_reported").ClickAsync();
        await Expect(page.GetByTestId($"lao-{CompletenessSamples.B}")).ToBeVisibleAsync();
        await Expect(page.GetByTestId($"lao-{CompletenessSamples.A}")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "completeness-province", fullPage: false);
        await page.GetByTestId("back-to-nation").ClickAsync();
        await Expect(page.GetByTestId("completeness-map")).ToHaveAttributeAsync("data-drawn", "true", MapDrawn);

        // on a phone the map still fits the screen
        var phone = await SignInAsAdminAsync(390, 844, errors);
        await phone.GotoAsync($"/staff/completeness?fiscalYear={App.CurrentYear}&round=6");
        await Expect(phone.GetByTestId("completeness-map")).ToHaveAttributeAsync("data-drawn", "true", MapDrawn);
        var width = await phone.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"the page is {width} px wide on a 390 px phone");
        await phone.GetByTestId("completeness-map").ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotAsync(phone, "completeness-phone", fullPage: false);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    /// <summary>A new browser of that size signed in as the admin; the script errors of its pages go to
    /// <paramref name="errors"/>.</summary>
    private async Task<IPage> SignInAsAdminAsync(int width, int height, List<string> errors)
    {
        var page = await App.NewPageAsync(width, height);
        page.PageError += (_, error) => errors.Add($"{page.Url}: {error}");
        await page.GotoAsync("/login");
        await page.GetByLabel("รหัสผู้ใช้งาน (Username)").FillAsync("admin");
        await page.GetByLabel("รหัสผ่าน (Password)").FillAsync(AppFixture.AdminPassword);
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/staff$"));
        return page;
    }
}
