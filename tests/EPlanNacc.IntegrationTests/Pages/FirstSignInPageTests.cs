using System.Net;
using EPlanNacc.TestSupport;

namespace EPlanNacc.IntegrationTests.Pages;

public sealed class FirstSignInPageTests(AppFixture app) : IntegrationTest(app)
{
    private static Dictionary<string, string?> WizardForm(string password = Samples.Password) => new()
    {
        ["Input.Location.LaoType"] = "sao",
        ["Input.Location.Size"] = "medium", ["Input.Location.Name"] = "องค์การบริหารส่วนตำบลเกาะยอ",
        ["Input.Location.OfficeAddress"] = "หมู่ที่ 2 ตำบลเกาะยอ อำเภอเมืองสงขลา จังหวัดสงขลา 90100",
        ["Input.AreaAndExecutives.ServiceAreaSqKm"] = "48.5", ["Input.AreaAndExecutives.Population"] = "10234",
        ["Input.AreaAndExecutives.RevenueExcludingSubsidies"] = "15000000",
        ["Input.AreaAndExecutives.SubsidyRevenue"] = "22000000.50",
        ["Input.AreaAndExecutives.ExecutiveName"] = "นายสมชาย ใจดี",
        ["Input.AreaAndExecutives.PermanentSecretaryName"] = "นางสาวสมหญิง รักษ์ดี",
        ["Input.Coordinator.FullName"] = "นายประสาน งานดี", ["Input.Coordinator.Position"] = "นักวิเคราะห์นโยบายและแผน",
        ["Input.Coordinator.Affiliation"] = "สำนักปลัด", ["Input.Coordinator.Phone"] = "074-123-456",
        ["Input.Coordinator.Mobile"] = "081-234-5678", ["Input.Coordinator.Fax"] = "",
        ["Input.Coordinator.Email"] = "kohyo@example.go.th", ["Input.Coordinator.Website"] = "",
        ["Input.Password"] = password, ["Input.ConfirmPassword"] = password,
    };

    [Fact]
    public async Task Landing_page_offers_the_manuals_three_buttons_and_the_public_pages_read_in_Thai()
    {
        using var client = App.CreateClient();
        var landing = await client.GetStringAsync("/");
        Assert.Contains("คู่มือการใช้งานระบบ", landing);
        Assert.Contains("รหัสผู้ใช้งาน Username", landing);
        Assert.Contains("e-PlanNACC", landing);
        Assert.Contains("<html lang=\"th\">", landing);
        Assert.Contains("การบันทึกข้อมูลพื้นฐาน", await client.GetStringAsync("/manual"));
        var faq = await client.GetStringAsync("/faq");
        Assert.Contains("หากลืมรหัสผ่าน จะต้องทำอย่างไร", faq);
        Assert.Contains("นายณัฐกร เมืองแก้ว", faq);
        Assert.Contains("02-280-0724", await client.GetStringAsync("/contact"));
        var found = await client.GetStringAsync("/find-code?provinceCode=90&q=" + Uri.EscapeDataString("เกาะยอ"));
        Assert.Contains("6900106", found);
        Assert.Contains("องค์การบริหารส่วนตำบลเกาะยอ", found);
        Assert.Contains("ลืมรหัสผ่าน (สำหรับ อปท.)", await client.GetStringAsync("/login"));
        var missing = await client.GetAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("ไม่พบหน้าที่ต้องการ", await missing.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unknown_user_and_wrong_password_both_say_ไม่พบผู้ใช้งาน_on_the_page()
    {
        await App.SetUpLaoAsync();
        using var client = App.CreateClient();
        foreach (var (user, password) in new[] { ("1234567", "anything-at-all"), (Samples.KohYo, "wrong-password") })
        {
            var response = await client.PostFormAsync("/login",
                new Dictionary<string, string?> { ["Input.Username"] = user, ["Input.Password"] = password });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("ไม่พบผู้ใช้งาน", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task First_sign_in_leads_to_the_wizard_which_alone_is_usable_until_saved_then_to_the_summary()
    {
        using var client = App.CreateClient();
        var login = await client.PostFormAsync("/login",
            new Dictionary<string, string?> { ["Input.Username"] = Samples.KohYo });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/setup", login.Headers.Location?.OriginalString);

        // until the wizard is saved, the session can do nothing else
        foreach (var path in new[] { "/summary", "/account/password", "/staff" })
        {
            var blocked = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, blocked.StatusCode);
            Assert.Equal("/setup", blocked.Headers.Location?.OriginalString);
        }
        var wizard = await client.GetStringAsync("/setup");
        foreach (var text in new[] { "ข้อมูลที่ตั้ง", "ข้อมูลพื้นที่และผู้บริหาร", "ข้อมูลผู้ประสานงาน",
                     "องค์การบริหารส่วนตำบลเกาะยอ", "ถัดไป", "ย้อนกลับ", "รหัสผ่าน" })
            Assert.Contains(text, wizard);
        // the server's rules reach the browser: required, limits and Thai messages on the fields
        Assert.Contains("data-msg-required=\"กรุณากรอกชื่อ อปท.\"", wizard);
        Assert.Contains("maxlength=\"500\"", wizard);
        Assert.Contains("data-msg-pattern=\"หมายเลขโทรศัพท์เคลื่อนที่ไม่ถูกต้อง", wizard);

        // bad input: the page comes back with the messages, nothing is saved
        var bad = WizardForm();
        bad["Input.AreaAndExecutives.Population"] = "-5";
        bad["Input.Coordinator.Email"] = "not-an-email";
        var refused = await client.PostFormAsync("/setup", bad);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        Assert.Contains("จำนวนประชากรต้องไม่ติดลบ", refusedHtml);
        Assert.Contains("รูปแบบอีเมลไม่ถูกต้อง", refusedHtml);
        Assert.Contains("data-wizard-start=\"2\"", refusedHtml);
        var letters = WizardForm();
        letters["Input.AreaAndExecutives.ServiceAreaSqKm"] = "สี่สิบ";
        Assert.Contains("ไม่ถูกต้อง",
            await (await client.PostFormAsync("/setup", letters)).Content.ReadAsStringAsync());

        var saved = await client.PostFormAsync("/setup", WizardForm());
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/summary", saved.Headers.Location?.OriginalString);
        var summary = await client.GetStringAsync("/summary");
        Assert.Contains("ข้อมูลโดยสรุป", summary);
        Assert.Contains("องค์การบริหารส่วนตำบลเกาะยอ", summary);
        // the summary opens on the current fiscal year of the application's clock
        var year = App.CurrentYear;
        Assert.Contains($"<option value=\"{year}\" selected=\"selected\">พ.ศ. {year}</option>", summary);

        // logout, then the code alone no longer signs in; the new password does
        var logout = await client.PostFormAsync("/logout", new Dictionary<string, string?>(), formPage: "/summary");
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/summary")).StatusCode);
        var codeAlone = await client.PostFormAsync("/login",
            new Dictionary<string, string?> { ["Input.Username"] = Samples.KohYo });
        Assert.Contains("ไม่พบผู้ใช้งาน", await codeAlone.Content.ReadAsStringAsync());
        var withPassword = await client.PostFormAsync("/login", PageClient.LoginForm(Samples.KohYo, Samples.Password));
        Assert.Equal("/summary", withPassword.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Profile_page_edits_the_same_pages_and_shows_the_history()
    {
        await App.SetUpLaoAsync();
        using var client = App.CreateClient();
        await client.PostFormAsync("/login", PageClient.LoginForm(Samples.KohYo, Samples.Password));
        var form = WizardForm();
        form.Remove("Input.Password");
        form.Remove("Input.ConfirmPassword");
        form["Input.AreaAndExecutives.Population"] = "11000";
        var saved = await client.PostFormAsync("/profile", form);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await client.GetStringAsync("/profile");
        Assert.Contains("ประวัติการแก้ไขข้อมูลพื้นฐาน", page);
        Assert.Contains("11000", page);
        Assert.DoesNotContain("name=\"Input.Password\"", page);
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused_without_a_500()
    {
        using var client = App.CreateClient();
        var response = await client.PostAsync("/login",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Username"] = Samples.KohYo }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Password_change_page_renews_the_session()
    {
        await App.SetUpLaoAsync();
        using var client = App.CreateClient();
        await client.PostFormAsync("/login", PageClient.LoginForm(Samples.KohYo, Samples.Password));
        var weak = await client.PostFormAsync("/account/password", new Dictionary<string, string?>
        {
            ["Input.CurrentPassword"] = Samples.Password, ["Input.NewPassword"] = "abc",
            ["Input.ConfirmPassword"] = "abc",
        });
        Assert.Contains("อย่างน้อย 8 ตัวอักษร", await weak.Content.ReadAsStringAsync());
        var changed = await client.PostFormAsync("/account/password", new Dictionary<string, string?>
        {
            ["Input.CurrentPassword"] = Samples.Password, ["Input.NewPassword"] = "new-koh-yo-secret",
            ["Input.ConfirmPassword"] = "new-koh-yo-secret",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Contains("เปลี่ยนรหัสผ่านเรียบร้อยแล้ว", await client.GetStringAsync("/account/password"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/summary")).StatusCode);
    }
}
