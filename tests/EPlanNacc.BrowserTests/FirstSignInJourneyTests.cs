using System.Text.RegularExpressions;
using EPlanNacc.TestSupport;
using Microsoft.Playwright;

namespace EPlanNacc.BrowserTests;

/// <summary>The first sign-in of an LAO, in Thai, as a user clicks it: landing page, code look-up, first sign-in
/// with the code alone, the three pages of basic data (with the browser's own Thai checks), the summary page,
/// logout, and sign-in with the new password. Screenshots of each page go to TestResults/screenshots.</summary>
public sealed class FirstSignInJourneyTests(BrowserFixture app) : BrowserTest(app)
{
    private const string NewPassword = "koh-yo-journey-2569";

    [Fact]
    public async Task An_LAO_finds_its_code_signs_in_for_the_first_time_fills_the_three_pages_and_signs_in_again()
    {
        var page = await App.NewPageAsync();

        // landing page: the manual's three buttons
        await page.GotoAsync("/");
        await Expect(page.GetByTestId("manual-button")).ToContainTextAsync("คู่มือการใช้งานระบบ");
        await Expect(page.GetByTestId("enter-button")).ToContainTextAsync("e-PlanNACC");
        await BrowserFixture.ScreenshotAsync(page, "01-landing");

        // the code look-up: province, then the district list follows, then a part of the name
        await page.GetByTestId("find-code-button").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/find-code$"));
        await page.GetByLabel("จังหวัด").SelectOptionAsync(new SelectOptionValue { Label = "สงขลา" });
        await Expect(page.Locator("#districtCode option", new() { HasText = "เมืองสงขลา" })).ToHaveCountAsync(1);
        await page.GetByLabel("อำเภอ").SelectOptionAsync(new SelectOptionValue { Label = "เมืองสงขลา" });
        await page.GetByLabel("ชื่อ อปท. หรือรหัส").FillAsync("เกาะยอ");
        await page.GetByRole(AriaRole.Button, new() { Name = "ค้นหา" }).ClickAsync();
        var results = page.GetByTestId("lao-results");
        await Expect(results).ToContainTextAsync("องค์การบริหารส่วนตำบลเกาะยอ");
        await Expect(results.GetByTestId("lao-code")).ToHaveTextAsync(Samples.KohYo);
        await BrowserFixture.ScreenshotAsync(page, "02-find-code");

        // the copy button puts the code on the clipboard, says so, then shows its own icon and label again
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var copy = results.GetByRole(AriaRole.Button, new() { Name = "คัดลอก" });
        await copy.ClickAsync();
        await Expect(copy).ToHaveTextAsync("คัดลอกแล้ว");
        Assert.Equal(Samples.KohYo, await page.EvaluateAsync<string>("navigator.clipboard.readText()"));
        await Expect(copy).ToHaveTextAsync("คัดลอก");
        await Expect(copy.Locator("i.bi-clipboard")).ToHaveCountAsync(1);

        // first sign-in: the code alone
        await results.GetByRole(AriaRole.Link, new() { Name = "เข้าสู่ระบบด้วยรหัสนี้" }).ClickAsync();
        await Expect(page.GetByLabel("รหัสผู้ใช้งาน (Username)")).ToHaveValueAsync(Samples.KohYo);
        await BrowserFixture.ScreenshotAsync(page, "03-login");
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/setup$"));

        // page 1: ข้อมูลที่ตั้ง, prefilled from the registry
        await Expect(page.GetByLabel("ชื่อ อปท.", new() { Exact = true }))
            .ToHaveValueAsync("องค์การบริหารส่วนตำบลเกาะยอ");
        // the province and district are the registry's, shown and not editable
        await Expect(page.GetByLabel("จังหวัด", new() { Exact = true })).ToHaveValueAsync("สงขลา");
        await Expect(page.GetByLabel("จังหวัด", new() { Exact = true })).Not.ToBeEditableAsync();
        await Expect(page.GetByLabel("อำเภอ", new() { Exact = true })).ToHaveValueAsync("เมืองสงขลา");
        await page.GetByTestId("next-1").ClickAsync();
        // the browser checks the page with the server's Thai messages before moving on
        await Expect(page.Locator("#step-1")).ToContainTextAsync("กรุณาเลือกขนาด อปท.");
        await Expect(page.Locator("#step-2")).ToBeHiddenAsync();
        await page.GetByLabel("ขนาด", new() { Exact = true })
            .SelectOptionAsync(new SelectOptionValue { Label = "กลาง" });
        await page.GetByLabel("ที่ตั้งที่ทำการ").FillAsync("หมู่ที่ 2 ตำบลเกาะยอ อำเภอเมืองสงขลา จังหวัดสงขลา 90100");
        await BrowserFixture.ScreenshotAsync(page, "04-wizard-1-location");
        await page.GetByTestId("next-1").ClickAsync();

        // page 2: ข้อมูลพื้นที่และผู้บริหาร
        await Expect(page.Locator("#step-2")).ToBeVisibleAsync();
        await page.GetByLabel("ขนาดพื้นที่ให้บริการ (ตารางกิโลเมตร)").FillAsync("0");
        await page.GetByLabel("ประชากรในพื้นที่ (คน)").FillAsync("10234");
        await page.GetByLabel("รายได้ไม่รวมเงินอุดหนุน (บาท)").FillAsync("15000000");
        await page.GetByLabel("รายได้จากเงินอุดหนุน (บาท)").FillAsync("22000000.50");
        await page.GetByLabel("ชื่อผู้บริหารท้องถิ่น", new() { Exact = true }).FillAsync("นายสมชาย ใจดี");
        await page.GetByLabel("ชื่อปลัดองค์กรปกครองส่วนท้องถิ่น").FillAsync("นางสาวสมหญิง รักษ์ดี");
        await page.GetByTestId("next-2").ClickAsync();
        await Expect(page.Locator("#step-2")).ToContainTextAsync("ขนาดพื้นที่ให้บริการต้องมากกว่า 0 ตารางกิโลเมตร");
        await page.GetByLabel("ขนาดพื้นที่ให้บริการ (ตารางกิโลเมตร)").FillAsync("48.5");
        // back keeps what was typed
        await page.GetByRole(AriaRole.Button, new() { Name = "ย้อนกลับ" }).First.ClickAsync();
        await Expect(page.GetByLabel("ขนาด", new() { Exact = true })).ToHaveValueAsync("medium");
        await page.GetByTestId("next-1").ClickAsync();
        await Expect(page.GetByLabel("ชื่อผู้บริหารท้องถิ่น", new() { Exact = true }))
            .ToHaveValueAsync("นายสมชาย ใจดี");
        await BrowserFixture.ScreenshotAsync(page, "05-wizard-2-area");
        await page.GetByTestId("next-2").ClickAsync();

        // page 3: ข้อมูลผู้ประสานงาน and the password
        await Expect(page.Locator("#step-3")).ToBeVisibleAsync();
        await page.GetByLabel("ชื่อ-สกุล ของผู้ประสานงาน").FillAsync("นายประสาน งานดี");
        await page.GetByLabel("ตำแหน่ง", new() { Exact = true }).FillAsync("นักวิเคราะห์นโยบายและแผนชำนาญการ");
        await page.GetByLabel("สังกัด", new() { Exact = true }).FillAsync("สำนักปลัด");
        await page.GetByLabel("โทรศัพท์", new() { Exact = true }).FillAsync("074-123-456");
        await page.GetByLabel("โทรศัพท์เคลื่อนที่", new() { Exact = true }).FillAsync("12345");
        await page.GetByLabel("อีเมล", new() { Exact = true }).FillAsync("kohyo@example.go.th");
        await page.GetByLabel("รหัสผ่าน", new() { Exact = true }).FillAsync(NewPassword);
        await page.GetByLabel("ยืนยันรหัสผ่าน").FillAsync(NewPassword);
        await page.GetByTestId("save-profile").ClickAsync();
        await Expect(page.Locator("#step-3")).ToContainTextAsync("หมายเลขโทรศัพท์เคลื่อนที่ไม่ถูกต้อง");
        await page.GetByLabel("โทรศัพท์เคลื่อนที่", new() { Exact = true }).FillAsync("081-234-5678");
        await BrowserFixture.ScreenshotAsync(page, "06-wizard-3-coordinator");
        await page.GetByTestId("save-profile").ClickAsync();

        // the summary page
        await Expect(page).ToHaveURLAsync(new Regex("/summary$"));
        await Expect(page.GetByTestId("flash-success"))
            .ToContainTextAsync("บันทึกข้อมูลพื้นฐานและกำหนดรหัสผ่านเรียบร้อยแล้ว");
        await Expect(page.GetByTestId("lao-name")).ToContainTextAsync("องค์การบริหารส่วนตำบลเกาะยอ");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "ข้อมูลโดยสรุป" })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("ปีงบประมาณ")).ToHaveValueAsync(App.CurrentYear.ToString());
        await BrowserFixture.ScreenshotAsync(page, "07-summary");

        // logout, then sign in with the new password
        await page.GetByRole(AriaRole.Button, new() { Name = "Logout" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/login$"));
        await page.GetByLabel("รหัสผู้ใช้งาน (Username)").FillAsync(Samples.KohYo);
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page.GetByTestId("login-error")).ToHaveTextAsync(new Regex("ไม่พบผู้ใช้งาน"));
        await page.GetByLabel("รหัสผ่าน (Password)").FillAsync(NewPassword);
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/summary$"));
        await Expect(page.GetByTestId("lao-name")).ToContainTextAsync("องค์การบริหารส่วนตำบลเกาะยอ");
        await BrowserFixture.ScreenshotAsync(page, "08-signed-in-again");
    }

    [Fact]
    public async Task The_layout_works_on_a_phone()
    {
        await App.SetUpLaoAsync();
        var page = await App.NewPageAsync(390, 844);
        await page.GotoAsync("/login");
        await page.GetByLabel("รหัสผู้ใช้งาน (Username)").FillAsync(Samples.KohYo);
        await page.GetByLabel("รหัสผ่าน (Password)").FillAsync(Samples.Password);
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/summary$"));
        // the side menu folds into a button that opens it
        await page.GetByRole(AriaRole.Button, new() { Name = "เปิดเมนู" }).ClickAsync();
        await Expect(page.Locator("#mobileMenu")).ToHaveClassAsync(new Regex(@"^(?!.*\bshowing\b).*\bshow\b"));
        await Expect(page.Locator("#mobileMenu").GetByRole(AriaRole.Link, new() { Name = "หน้าแรก" }))
            .ToBeVisibleAsync();
        // the whole menu is there, down to its last entry
        await Expect(page.Locator("#mobileMenu").GetByText("รายงานผลการประเมินแผนปฏิบัติการป้องกันการทุจริต"))
            .ToBeInViewportAsync();
        await BrowserFixture.ScreenshotAsync(page, "09-phone-menu", fullPage: false);
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"the page scrolls sideways on a phone ({width}px)");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
    private static IPageAssertions Expect(IPage page) => Assertions.Expect(page);
}
