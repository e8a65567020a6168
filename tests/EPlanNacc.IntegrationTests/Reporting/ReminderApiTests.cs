using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.TestSupport;
using static EPlanNacc.TestSupport.ReminderWorld;

namespace EPlanNacc.IntegrationTests.Reporting;

/// <summary><c>GET /api/v1/admin/reminders/preview</c> and <c>POST /api/v1/admin/reminders/send</c> as docs/api.md
/// gives them: the recipients are every LAO in the caller's scope that has not finished the round, whatever the day;
/// a send emails each of them that has an address once a day at most; a provincial office acts in its province only,
/// an LAO not at all.</summary>
public sealed class ReminderApiTests(AppFixture app) : IntegrationTest(app)
{
    private const string Preview = "/api/v1/admin/reminders/preview?fiscalYear=2570&round=6";
    private const string Send = "/api/v1/admin/reminders/send";

    private static Dictionary<string, JsonElement> Recipients(JsonElement preview) =>
        preview.GetProperty("recipients").EnumerateArray()
            .ToDictionary(r => r.GetProperty("dlaCode").GetString()!);

    private async Task<long> LaoCountAsync(string? province = null) => (await App.QueryAsync<long>(
        "SELECT count(*) FROM local_authority_profile.registry_laos WHERE @province::text IS NULL " +
        "OR province_code = @province", new { province })).Single();

    [Fact]
    public async Task The_preview_lists_every_LAO_of_the_scope_that_has_not_finished_with_what_is_missing()
    {
        await BuildAsync(App, FirstStep);
        using var office = await App.CreateApiClientAsync("prov90", AppFixture.ProvincialPassword);
        var preview = JsonDocument.Parse(await office.GetStringAsync(Preview)).RootElement;

        Assert.Equal(["fiscalYear", "round", "deadline", "recipients"], preview.EnumerateObject().Select(p => p.Name));
        Assert.Equal((2570, 6, "2027-04-30"), (preview.GetProperty("fiscalYear").GetInt32(),
            preview.GetProperty("round").GetInt32(), preview.GetProperty("deadline").GetString()));
        var recipients = Recipients(preview);
        // every LAO of Songkhla but the one that reported: those that never saved their basic data have no address
        Assert.Equal(await LaoCountAsync("90") - 1, recipients.Count);
        Assert.DoesNotContain(Finished, recipients.Keys);
        var noPlan = recipients[NoPlan];
        Assert.Equal(["dlaCode", "nameTh", "email", "missing"], noPlan.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("องค์การบริหารส่วนตำบลคลองรี", EmailOf(NoPlan), false, 0),
            (noPlan.GetProperty("nameTh").GetString(), noPlan.GetProperty("email").GetString(),
                noPlan.GetProperty("missing").GetProperty("planRecorded").GetBoolean(),
                noPlan.GetProperty("missing").GetProperty("unreportedProjects").GetInt32()));
        Assert.Equal(EmailOf(Extended), recipients[Extended].GetProperty("email").GetString());
        Assert.Equal(JsonValueKind.Null, recipients["6900203"].GetProperty("email").ValueKind);

        using var admin = await App.CreateApiClientAsync("admin", AppFixture.AdminPassword);
        var chiangMai = Recipients(JsonDocument.Parse(await admin.GetStringAsync($"{Preview}&provinceCode=50"))
            .RootElement);
        var missing = chiangMai[OneUnreported].GetProperty("missing");
        Assert.Equal((true, 1), (missing.GetProperty("planRecorded").GetBoolean(),
            missing.GetProperty("unreportedProjects").GetInt32()));
        // an admin who names no province: the nation
        var nation = Recipients(JsonDocument.Parse(await admin.GetStringAsync(Preview)).RootElement);
        Assert.Equal(await LaoCountAsync() - 1, nation.Count);
    }

    [Fact]
    public async Task The_preview_and_the_send_keep_to_the_callers_scope_and_refuse_bad_input_in_Thai()
    {
        await BuildAsync(App, FirstStep);
        using var office = await App.CreateApiClientAsync("prov90", AppFixture.ProvincialPassword);
        var foreign = await (await office.GetAsync($"{Preview}&provinceCode=50"))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(AccessMessages.ProvinceNotFound, foreign.Detail);
        await (await office.PostAsJsonAsync(Send, new { fiscalYear = 2570, round = 6, provinceCode = "50" }))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        var round = await (await office.GetAsync("/api/v1/admin/reminders/preview?fiscalYear=2570&round=7"))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["รอบการรายงานต้องเป็น 6 หรือ 12 (เดือน)"], round.Errors["round"]);
        var year = await (await office.PostAsJsonAsync(Send, new { round = 6 }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("ปีงบประมาณ", year.Errors["fiscalYear"].Single());
        await (await office.GetAsync($"{Preview}&provinceCode=9x")).AssertProblemAsync(HttpStatusCode.BadRequest);

        using var lao = await App.CreateApiClientAsync(NoPlan, Samples.Password);
        await (await lao.GetAsync(Preview)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await lao.PostAsJsonAsync(Send, new { fiscalYear = 2570, round = 6 }))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        using var anonymous = App.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(Preview)).StatusCode);
        Assert.Empty(await LogAsync(App));
    }

    [Fact]
    public async Task Send_emails_each_recipient_with_an_address_and_a_second_call_the_same_day_queues_0()
    {
        await BuildAsync(App, FirstStep);
        using var office = await App.CreateApiClientAsync("prov90", AppFixture.ProvincialPassword);
        var body = new { fiscalYear = 2570, round = 6, provinceCode = (string?)null };

        var first = await office.PostAsJsonAsync(Send, body);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal("""{"queued":2}""", await first.Content.ReadAsStringAsync());
        var mail = await App.Mailbox.WaitForAsync(EmailOf(NoPlan));
        Assert.Contains("ยังไม่ได้บันทึกแผน", mail.TextBody);
        await App.Mailbox.WaitForAsync(EmailOf(Extended));

        var second = await office.PostAsJsonAsync(Send, body);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(0, (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("queued").GetInt32());

        using var admin = await App.CreateApiClientAsync("admin", AppFixture.AdminPassword);
        var chiangMai = await admin.PostAsJsonAsync(Send, new { fiscalYear = 2570, round = 6, provinceCode = "50" });
        Assert.Equal(1, (await chiangMai.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("queued").GetInt32());
        await AllSentAsync(App);
        Assert.Equal(3, App.Mailbox.Messages.Count);
        Assert.Empty(App.Mailbox.To(EmailOf(Finished)));
    }
}
