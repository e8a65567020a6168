using System.Text.RegularExpressions;
using EPlanNacc.TestSupport;
using Microsoft.Playwright;
using static EPlanNacc.TestSupport.ReminderWorld;

namespace EPlanNacc.BrowserTests.Reporting;

/// <summary>แจ้งเตือนกำหนดส่งรายงาน in the browser, on a phone: the provincial office sees who a reminder goes to and
/// what is missing, reads one email as it will be sent, sends now after confirming, and sees what was sent.</summary>
public sealed class ReminderPageTests(BrowserFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task A_provincial_office_previews_the_reminders_on_a_phone_and_sends_them()
    {
        await BuildAsync(App, FirstStep);
        var page = await App.NewPageAsync(390, 844);
        await page.GotoAsync("/login");
        await page.GetByLabel("รหัสผู้ใช้งาน (Username)").FillAsync("prov90");
        await page.GetByLabel("รหัสผ่าน (Password)").FillAsync(AppFixture.ProvincialPassword);
        await page.GetByTestId("login-submit").ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("/login"));

        await page.GotoAsync("/staff/reminders");
        var recipients = page.GetByTestId("recipients");
        await Assertions.Expect(recipients.Locator($"[data-dla-code='{NoPlan}']"))
            .ToContainTextAsync("ยังไม่บันทึกแผน");
        await Assertions.Expect(recipients.Locator($"[data-dla-code='{Extended}']")).ToContainTextAsync("ขยายเวลา");
        await Assertions.Expect(recipients.Locator($"[data-dla-code='{Finished}']")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("sample-subject"))
            .ToContainTextAsync("แจ้งเตือนกำหนดส่งรายงานผลรอบ 6 เดือน ปีงบประมาณ พ.ศ. 2570");
        var email = page.FrameLocator("iframe[title='เนื้อความอีเมลแจ้งเตือน (HTML)']");
        await Assertions.Expect(email.Locator("body")).ToContainTextAsync("สิ่งที่ยังขาด");
        await BrowserFixture.ScreenshotAsync(page, "reminders-preview-phone");

        // the email of another LAO, then send now after confirming
        await recipients.Locator($"[data-dla-code='{Extended}']").GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.GetByTestId("sample-to")).ToHaveTextAsync(EmailOf(Extended));
        await Assertions.Expect(email.Locator("body")).ToContainTextAsync("ตามที่ได้รับการขยายเวลา");
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GetByTestId("send-reminders").ClickAsync();
        await Assertions.Expect(page.GetByTestId("flash-success")).ToContainTextAsync("ส่งอีเมลแจ้งเตือนแล้ว 2 ฉบับ");
        await App.Mailbox.WaitForAsync(EmailOf(NoPlan));
        await AllSentAsync(App);
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("log-items").Locator("tr[data-status='sent']")).ToHaveCountAsync(2);
        await Assertions.Expect(email.Locator("body")).ToContainTextAsync("สิ่งที่ยังขาด");
        await BrowserFixture.ScreenshotAsync(page, "reminders-sent-phone");

        // the same page on a desktop screen
        await page.SetViewportSizeAsync(1280, 900);
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("reminder-log")).ToContainTextAsync("ส่งโดยเจ้าหน้าที่");
        await Assertions.Expect(email.Locator("body")).ToContainTextAsync("สิ่งที่ยังขาด");
        await BrowserFixture.ScreenshotAsync(page, "reminders-preview");
    }
}
