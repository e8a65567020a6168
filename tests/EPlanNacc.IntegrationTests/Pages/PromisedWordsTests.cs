using System.Net;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.Host.Infrastructure;
using EPlanNacc.Modules.Identity;
using EPlanNacc.Modules.Identity.Features.SignIn;
using EPlanNacc.Modules.Projects.Features.Rounds;
using EPlanNacc.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static EPlanNacc.TestSupport.ProjectSamples;

namespace EPlanNacc.IntegrationTests.Pages;

/// <summary>What the public pages promise, the system does: the answer to "ลืมรหัสผ่าน" says a link was sent (and an
/// email with a link, never a password, is sent), the FAQ quotes that answer and states the first sign-in and the
/// lockout in force, and an LAO given an extension sees its own deadline and reports until it, as the FAQ and the
/// manual say.</summary>
public sealed class PromisedWordsTests(AppFixture app) : IntegrationTest(app), IDisposable
{
    private const string Email = "words.coordinator@example.go.th";

    private IdentityOptions Options => App.Services.GetRequiredService<IOptions<IdentityOptions>>().Value;

    [Fact]
    public async Task The_forgot_password_answer_says_a_link_was_sent_and_the_email_holds_a_link_not_a_password()
    {
        await App.SetUpLaoAsync(email: Email);
        using var client = App.CreateClient();
        var answer = await client.PostFormAsync("/forgot-password",
            new Dictionary<string, string?> { ["Input.Email"] = Email });
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var page = await answer.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"forgot-sent\"", page);
        Assert.Contains("ระบบได้ส่งลิงก์สำหรับตั้งรหัสผ่านใหม่ไปยังอีเมลแล้ว", page);
        Assert.DoesNotContain("ส่งรหัสใหม่", page);

        var mail = await App.Mailbox.WaitForAsync(Email);
        Assert.Matches(@"/reset-password\?token=\S+", mail.TextBody);
        Assert.DoesNotContain(Samples.Password, mail.TextBody);

        // the FAQ quotes the answer the page gives, and the manual tells the same
        var faq = await client.GetStringAsync("/faq");
        Assert.Contains($"ระบบจะขึ้นข้อความว่า “{SignInTexts.ResetLinkSent}”", faq);
        Assert.DoesNotContain("ส่งรหัสใหม่", faq);
        Assert.Contains("ระบบจะส่งลิงก์สำหรับตั้งรหัสผ่านใหม่ไปยังอีเมลนั้น", await client.GetStringAsync("/manual"));
    }

    [Fact]
    public async Task The_FAQ_states_the_first_sign_in_and_the_lockout_in_force_as_the_login_page_asks_them()
    {
        using var client = App.CreateClient();
        var faq = await client.GetStringAsync("/faq");
        Assert.Contains("ให้กรอกเฉพาะรหัสตัวเลข 7 หลัก", faq);
        Assert.DoesNotContain("Input.ActivationCode", await client.GetStringAsync("/login"));
        Assert.Contains(SignInTexts.LockoutRule(Options), faq);

        Options.RequireActivationCode = true;
        faq = await client.GetStringAsync("/faq");
        Assert.Contains("และรหัสเปิดใช้งานที่ได้รับจากสำนักงาน ป.ป.ช.", faq);
        Assert.DoesNotContain("ให้กรอกเฉพาะรหัสตัวเลข 7 หลัก", faq);
        Assert.Contains("Input.ActivationCode", await client.GetStringAsync("/login"));
    }

    [Fact]
    public async Task The_manuals_staff_section_names_the_menu_entries_staff_find_and_the_desk_offers_each()
    {
        using var anonymous = App.CreateClient();
        var manual = await anonymous.GetStringAsync("/manual");
        var section = manual[manual.IndexOf("data-testid=\"manual-staff\"", StringComparison.Ordinal)..];
        var named = System.Text.RegularExpressions.Regex.Matches(section[..section.IndexOf("</ul>",
                StringComparison.Ordinal)], "<strong>([^<]+)</strong>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(8, named.Count);
        var menu = AppMenu.Items.SelectMany(i => i.Children ?? [i]).Select(i => i.Label).ToHashSet();
        Assert.Equal([], named.Where(n => n != "หน้าแรกสำหรับเจ้าหน้าที่" && !menu.Contains(n)).ToList());

        using var office = await App.SignedInClientAsync("prov90", AppFixture.ProvincialPassword);
        var desk = await office.GetStringAsync("/staff");
        Assert.Contains("หน้าแรกสำหรับเจ้าหน้าที่", desk);
        foreach (var page in new[] { "/staff/completeness", "/staff/screening", "/staff/rounds", "/staff/reminders",
                     "/staff/report-batches", "/staff/accounts", "/staff/staff-accounts", "/staff/audit" })
            Assert.Contains($"href=\"{page}\"", desk);
    }

    [Fact]
    public async Task An_LAO_given_an_extension_sees_its_own_deadline_and_reports_until_it_as_the_FAQ_says()
    {
        using var visitor = App.CreateClient();
        Assert.Contains("ซึ่งขยายเวลาการรายงานให้ อปท. เป็นรายแห่งได้", await visitor.GetStringAsync("/faq"));
        Assert.Contains("ซึ่งขยายเวลาการรายงานให้ อปท. เป็นรายแห่งได้", await visitor.GetStringAsync("/manual"));

        await App.SetUpLaoAsync();
        await App.OpenRoundAsync(6);
        var id = await App.CreateProjectAsync();
        await App.CloseRoundAsync(6);
        var lao = TestUser.Lao(Samples.KohYo);
        // past the deadline the round takes no report
        await Assert.ThrowsAsync<ConflictException>(() => App.SendAsync(lao, Report(id, 6)));

        // the extension (granted by NACC: central here; the provincial office in its province, issue 8 §2)
        var until = App.Today.AddDays(7);
        await App.SendAsync(TestUser.Admin(),
            new GrantRoundExtensionCommand(App.CurrentYear, 6, Samples.KohYo, until, "อุทกภัย"));
        using var page = await App.SignedInClientAsync(Samples.KohYo, Samples.Password);
        Assert.Contains($"ขยายเวลารับรายงานให้ อปท. นี้ถึง {ThaiFormat.ShortDate(until)}",
            await page.GetStringAsync($"/projects/list?fiscalYear={App.CurrentYear}"));
        await App.SendAsync(lao, Report(id, 6));
        Assert.Equal("completed", (await App.GetProjectAsync(id)).Round(6)!.Status);
    }

    public void Dispose() => Options.RequireActivationCode = false;
}
