using System.Net;
using EPlanNacc.IntegrationTests.Pages;
using EPlanNacc.TestSupport;
using static EPlanNacc.TestSupport.ReminderWorld;

namespace EPlanNacc.IntegrationTests.Reporting;

/// <summary>The staff's page /staff/reminders: the recipients with what is missing, one email as it will be sent,
/// send now, and what was sent, when, and what failed (a mail server down, a province without an address).</summary>
public sealed class ReminderPageTests(AppFixture app) : IntegrationTest(app)
{
    private const string Page = "/staff/reminders?fiscalYear=2570&round=6";

    [Fact]
    public async Task A_provincial_office_previews_its_recipients_and_one_email_then_sends_now()
    {
        await BuildAsync(App, FirstStep);
        using var office = await App.SignedInClientAsync("prov90", AppFixture.ProvincialPassword);
        var page = await office.GetStringAsync(Page);

        Assert.Contains("data-dla-code=\"6900202\"", page);
        Assert.Contains("data-dla-code=\"6900107\"", page);
        Assert.DoesNotContain("data-dla-code=\"6900106\"", page); // reported: no reminder
        Assert.DoesNotContain("data-dla-code=\"3500102\"", page); // another province
        Assert.Contains("ยังไม่บันทึกแผน", page);
        Assert.Contains("ขยายเวลา", page);
        Assert.Contains("16 เม.ย. 2570: 14 วันก่อนครบกำหนด", page);
        Assert.Contains("E-PlanNACC: แจ้งเตือนกำหนดส่งรายงานผลรอบ 6 เดือน ปีงบประมาณ พ.ศ. 2570", page);
        Assert.Contains("ยังไม่มีการส่งอีเมลแจ้งเตือนรอบ 6 เดือนนี้", page);
        // the email of the LAO chosen
        var sample = await office.GetStringAsync($"{Page}&sample={Extended}");
        Assert.Contains($"data-testid=\"sample-to\">{EmailOf(Extended)}<", sample);

        var send = await office.PostFormAsync($"/staff/reminders?handler=Send&fiscalYear=2570&round=6",
            new Dictionary<string, string?>(), Page);
        Assert.Equal(HttpStatusCode.Redirect, send.StatusCode);
        var after = await office.GetStringAsync(send.Headers.Location!.OriginalString);
        Assert.Contains("ส่งอีเมลแจ้งเตือนแล้ว 2 ฉบับ", after);
        Assert.Contains("ส่งโดยเจ้าหน้าที่ 16 เม.ย. 2570", after);
        await App.Mailbox.WaitForAsync(EmailOf(NoPlan));
        await AllSentAsync(App);

        var again = await office.PostFormAsync($"/staff/reminders?handler=Send&fiscalYear=2570&round=6",
            new Dictionary<string, string?>(), Page);
        Assert.Contains("ไม่มีอีเมลที่ต้องส่งเพิ่ม",
            await office.GetStringAsync(again.Headers.Location!.OriginalString));
        var log = await office.GetStringAsync(Page);
        Assert.Contains("data-status=\"sent\"", log);
        Assert.Equal(2, App.Mailbox.Messages.Count);
    }

    [Fact]
    public async Task Failures_are_shown_a_mail_server_down_and_a_province_without_an_address()
    {
        await BuildAsync(App, Deadline.AddDays(1));
        // the day after the deadline: neither office has an address yet
        Assert.Equal(new[] { 0, 0 }, await RunDayAsync(App, Deadline.AddDays(1)));
        using var admin = await App.SignedInClientAsync("admin", AppFixture.AdminPassword);
        // Chiang Mai's office has no account: its list is shown as not sent
        var chiangMai = await admin.GetStringAsync($"{Page}&provinceCode=50&problems=true");
        Assert.Contains("ไม่ได้ส่ง: ไม่มีบัญชีสำนักงานจังหวัดที่มีอีเมล", chiangMai);
        Assert.Contains("data-status=\"not_sent\"", chiangMai);

        await GiveSongkhlaOfficeAnEmailAsync(App);
        using (App.Mailbox.Refuse())
        {
            using var office = await App.SignedInClientAsync("prov90", AppFixture.ProvincialPassword);
            var send = await office.PostFormAsync($"/staff/reminders?handler=Send&fiscalYear=2570&round=6",
                new Dictionary<string, string?>(), Page);
            Assert.Equal(HttpStatusCode.Redirect, send.StatusCode);
            // the drain stops at the first refusal of the server: the other emails keep their attempts for later
            // (docs/adr/0027-faults.md)
            await Eventually.Async(async () => (await App.QueryAsync<long>(
                    "SELECT count(*) FROM identity.outbound_emails WHERE attempts > 0")).Single(),
                tried => tried > 0, "a staff email tried");
            var page = await office.GetStringAsync($"{Page}&problems=true");
            Assert.Contains("ส่งไม่สำเร็จ กำลังลองใหม่", page);
            Assert.Contains("service not available", page);
            Assert.Contains("data-status=\"retrying\"", page);
        }
    }

    [Fact]
    public async Task The_page_is_for_staff_and_an_admin_chooses_the_province_or_the_nation()
    {
        await BuildAsync(App, FirstStep);
        using var lao = await App.SignedInClientAsync(NoPlan, Samples.Password);
        await lao.AssertForbiddenPageAsync(Page);
        using var admin = await App.SignedInClientAsync("admin", AppFixture.AdminPassword);
        var nation = await admin.GetStringAsync(Page);
        Assert.Contains("ผู้รับอีเมลแจ้งเตือน (ทั้งประเทศ)", nation);
        Assert.Contains("แสดง 300 แห่งแรก", nation);
        var chiangMai = await admin.GetStringAsync($"{Page}&provinceCode=50");
        Assert.Contains("ผู้รับอีเมลแจ้งเตือน (จังหวัดเชียงใหม่)", chiangMai);
        Assert.Contains("data-dla-code=\"3500102\"", chiangMai);
        // a provincial office that names another province is answered 404, as by the API (never its own instead)
        using var office = await App.SignedInClientAsync("prov90", AppFixture.ProvincialPassword);
        Assert.Equal(HttpStatusCode.NotFound, (await office.GetAsync($"{Page}&provinceCode=50")).StatusCode);
        Assert.Contains("ผู้รับอีเมลแจ้งเตือน (จังหวัดสงขลา)", await office.GetStringAsync(Page));
    }
}
