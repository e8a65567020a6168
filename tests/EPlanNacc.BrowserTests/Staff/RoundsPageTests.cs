using System.Text.RegularExpressions;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.TestSupport;
using Microsoft.Playwright;

namespace EPlanNacc.BrowserTests.Staff;

/// <summary>A provincial office grants an LAO of its province an extension through the rounds page, on a phone, and
/// the LAO then reads its own later deadline. Screenshots: TestResults/screenshots/rounds-*.</summary>
public sealed class RoundsPageTests(BrowserFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task The_provincial_office_grants_an_extension_and_the_LAO_reads_its_later_deadline()
    {
        await App.SetUpLaoAsync();
        var open = await App.OpenRoundAsync(6, daysLeft: 3);
        var until = open.Deadline.AddDays(14);

        var page = await App.NewPageAsync(width: 390, height: 844);
        await page.GotoAsync("/login");
        await page.GetByLabel("รหัสผู้ใช้งาน (Username)").FillAsync("prov90");
        await page.GetByLabel("รหัสผ่าน (Password)").FillAsync(AppFixture.ProvincialPassword);
        await page.GetByTestId("login-submit").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/staff$"));

        await page.GotoAsync($"/staff/rounds/{App.CurrentYear}?round=6");
        await Assertions.Expect(page.GetByTestId("round-6-deadline"))
            .ToHaveTextAsync(ThaiFormat.LongDate(open.Deadline));
        await Assertions.Expect(page.GetByTestId("round-6-form")).ToHaveCountAsync(0); // read-only for the office

        // the browser checks the form first, with the server's Thai messages
        var grant = page.GetByTestId("grant-form");
        await grant.GetByTestId("grant-submit").ClickAsync();
        await Assertions.Expect(grant.GetByText("กรุณากรอกวันสุดท้ายของการขยายเวลา")).ToBeVisibleAsync();

        await grant.GetByLabel("หรือเลือกจากรายชื่อ").SelectOptionAsync(Samples.KohYo);
        await grant.GetByLabel("ขยายเวลาถึง (วันสุดท้าย)").FillAsync(BuddhistDate.Format(until));
        await grant.GetByLabel("เหตุผล").FillAsync("สำนักงาน อปท. ถูกน้ำท่วม");
        await BrowserFixture.ScreenshotAsync(page, "rounds-01-grant-form");
        await grant.GetByTestId("grant-submit").ClickAsync();

        await Assertions.Expect(page.GetByText($"ขยายเวลารอบ 6 เดือนให้ อปท. รหัส {Samples.KohYo} " +
                                               $"ถึง {ThaiFormat.ShortDate(until)} เรียบร้อยแล้ว")).ToBeVisibleAsync();
        var row = page.GetByTestId($"extension-{Samples.KohYo}");
        await Assertions.Expect(row.GetByTestId("extension-until")).ToHaveTextAsync(ThaiFormat.ShortDate(until));
        await Assertions.Expect(row).ToContainTextAsync("prov90");
        await Assertions.Expect(page.GetByTestId("history-row").First).ToContainTextAsync("ขยายเวลารายงานให้ อปท.");
        await BrowserFixture.ScreenshotAsync(page, "rounds-02-granted");

        var lao = await App.NewPageAsync();
        await lao.GotoAsync("/login");
        await lao.GetByLabel("รหัสผู้ใช้งาน (Username)").FillAsync(Samples.KohYo);
        await lao.GetByLabel("รหัสผ่าน (Password)").FillAsync(Samples.Password);
        await lao.GetByTestId("login-submit").ClickAsync();
        await Assertions.Expect(lao).ToHaveURLAsync(new Regex("/summary$"));
        await lao.GotoAsync($"/projects/list?fiscalYear={App.CurrentYear}");
        await Assertions.Expect(lao.GetByTestId("round-windows"))
            .ToContainTextAsync($"ขยายเวลาให้ อปท. นี้ถึง {ThaiFormat.ShortDate(until)}");
        await BrowserFixture.ScreenshotAsync(lao, "rounds-03-lao-sees-its-deadline");
    }
}
