using System.Text.RegularExpressions;
using EPlanNacc.TestSupport;
using Microsoft.Playwright;

namespace EPlanNacc.BrowserTests.Identity;

/// <summary>บัญชีผู้ใช้งาน in the browser: an admin creates a provincial officer's account, finds it in the search of
/// accounts, and sees the creation on the audit page; the officer's email carries the link.</summary>
public sealed class StaffAccountsJourneyTests(BrowserFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task An_admin_creates_a_staff_account_and_finds_it_in_the_search()
    {
        var page = await App.NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByLabel("รหัสผู้ใช้งาน (Username)").FillAsync("admin");
        await page.GetByLabel("รหัสผ่าน (Password)").FillAsync(AppFixture.AdminPassword);
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(new Regex("/login"));

        await page.GetByRole(AriaRole.Link, new() { Name = "บัญชีผู้ใช้งาน", Exact = true }).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/staff/accounts$"));
        await page.GetByTestId("new-staff-account").ClickAsync();

        // the browser's own check first, then the server's Thai message for a user name it refuses
        await page.GetByLabel("ชื่อผู้ใช้งาน").FillAsync("9somchai");
        await page.GetByLabel("ชื่อ-นามสกุล หรือชื่อหน่วยงาน").FillAsync("นายสมชาย ใจดี");
        await page.GetByLabel("อีเมล").FillAsync("somchai.s@nacc.go.th");
        await page.GetByLabel("ประเภทบัญชี")
            .SelectOptionAsync(new SelectOptionValue { Label = "สำนักงาน ป.ป.ช. ประจำจังหวัด" });
        await page.GetByLabel("จังหวัด (สำหรับสำนักงาน ป.ป.ช. ประจำจังหวัด)")
            .SelectOptionAsync(new SelectOptionValue { Label = "สงขลา" });
        await page.GetByTestId("save-staff-account").ClickAsync();
        await Expect(page.GetByTestId("staff-account-form")).ToContainTextAsync("ชื่อผู้ใช้งานต้องขึ้นต้นด้วยตัวอักษร");
        await page.GetByLabel("ชื่อผู้ใช้งาน").FillAsync("somchai.s");
        await BrowserFixture.ScreenshotAsync(page, "staff-account-new");
        await page.GetByTestId("save-staff-account").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/staff/accounts/somchai.s$"));
        await Expect(page.GetByTestId("flash-success"))
            .ToContainTextAsync("ส่งลิงก์กำหนดรหัสผ่านไปที่ somchai.s@nacc.go.th");
        await Expect(page.GetByTestId("account-state")).ToContainTextAsync("ยังไม่ได้ตั้งค่า");
        await Expect(page.GetByTestId("account-events")).ToContainTextAsync("สร้างบัญชี");
        await App.Mailbox.WaitForAsync("somchai.s@nacc.go.th");

        // the search, on a phone
        await page.SetViewportSizeAsync(390, 844);
        var phone = page;
        await phone.GotoAsync("/staff/accounts");
        await phone.GetByLabel("รหัสผู้ใช้งานหรือชื่อ").FillAsync("สมชาย");
        await phone.GetByLabel("สถานะ").SelectOptionAsync(new SelectOptionValue { Label = "ยังไม่ได้ตั้งค่า" });
        await phone.GetByRole(AriaRole.Button, new() { Name = "ค้นหา" }).ClickAsync();
        var results = phone.GetByTestId("account-results");
        await Expect(results.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(results).ToContainTextAsync("somchai.s");
        await Expect(results).ToContainTextAsync("สงขลา");
        await BrowserFixture.ScreenshotAsync(phone, "staff-account-search-phone");
        await results.GetByRole(AriaRole.Link, new() { Name = "somchai.s" }).ClickAsync();
        await Expect(phone.GetByTestId("account")).ToContainTextAsync("นายสมชาย ใจดี");

        // and the audit page shows who created it
        await page.GotoAsync("/staff/audit");
        await page.GetByLabel("การดำเนินการ").SelectOptionAsync(new SelectOptionValue { Label = "สร้างบัญชี" });
        await page.GetByRole(AriaRole.Button, new() { Name = "ค้นหา" }).ClickAsync();
        await Expect(page.GetByTestId("audit-entries")).ToContainTextAsync("บัญชี somchai.s");
        await BrowserFixture.ScreenshotAsync(page, "audit");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
    private static IPageAssertions Expect(IPage page) => Assertions.Expect(page);
}
