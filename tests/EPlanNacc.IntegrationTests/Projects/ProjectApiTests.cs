using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.TestSupport;
using static EPlanNacc.TestSupport.ProjectSamples;

namespace EPlanNacc.IntegrationTests.Projects;

/// <summary>The project, round-report and staff round endpoints
/// of docs/api.md, exactly as written, over HTTP.</summary>
public sealed class ProjectApiTests(AppFixture app) : IntegrationTest(app)
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private JsonObject ProjectJson(string name = "โครงการเสริมสร้างความโปร่งใส", decimal budget = 50_000m) => new()
    {
        ["fiscalYear"] = App.CurrentYear, ["name"] = name, ["quarters"] = new JsonArray(1, 2), ["workType"] = "project",
        ["dimensionCode"] = "1", ["missionCode"] = "1.1.2", ["essence"] = "จัดอบรมและเผยแพร่ความรู้",
        ["noBudget"] = false, ["budget"] = budget, ["targetGroups"] = new JsonArray("staff", "public"),
        ["targetGroupOther"] = null, ["objectives"] = "เพื่อสร้างจิตสำนึก", ["remarks"] = null,
    };

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<HttpClient> LaoAsync(string dlaCode = Samples.KohYo)
    {
        await App.SetUpLaoAsync(dlaCode);
        return await App.CreateApiClientAsync(dlaCode, Samples.Password);
    }

    private Task<HttpClient> AdminAsync() => App.CreateApiClientAsync("admin", AppFixture.AdminPassword);
    private Task<HttpClient> ProvincialAsync() => App.CreateApiClientAsync("prov90", AppFixture.ProvincialPassword);

    private async Task<JsonObject> CreateAsync(HttpClient client, JsonObject? body = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/projects", body ?? ProjectJson());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    [Fact]
    public async Task Post_answers_201_with_Location_and_the_Project_exactly_as_documented()
    {
        using var client = await LaoAsync();
        var response = await client.PostAsJsonAsync("/api/v1/projects", ProjectJson(budget: 50_000.5m));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var project = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var id = project["id"]!.GetValue<string>();
        Assert.Equal($"/api/v1/projects/{id}", response.Headers.Location!.OriginalString);

        Assert.Equal(
            ["id", "dlaCode", "fiscalYear", "name", "quarters", "workType", "dimensionCode", "missionCode", "essence",
             "noBudget", "budget", "targetGroups", "targetGroupOther", "objectives", "remarks", "conformity",
             "rounds", "version"],
            project.Select(p => p.Key));
        Assert.Equal(Samples.KohYo, project["dlaCode"]!.GetValue<string>());
        Assert.Equal(50_000.5m, project["budget"]!.GetValue<decimal>());
        Assert.Equal("unset", project["conformity"]!.GetValue<string>());
        Assert.Equal(1, project["version"]!.GetValue<int>());
        Assert.Equal("""{"6":null,"12":null}""", project["rounds"]!.ToJsonString());
        Assert.Equal("[1,2]", project["quarters"]!.ToJsonString());
        Assert.Equal("""["staff","public"]""", project["targetGroups"]!.ToJsonString());

        var read = await client.GetFromJsonAsync<JsonObject>(response.Headers.Location);
        Assert.Equal(project.ToJsonString(), read!.ToJsonString());
        var list = await client.GetFromJsonAsync<JsonArray>($"/api/v1/projects?fiscalYear={App.CurrentYear}");
        Assert.Equal(id, Assert.Single(list!)!["id"]!.GetValue<string>());
        Assert.Empty((await client.GetFromJsonAsync<JsonArray>($"/api/v1/projects?fiscalYear={App.CurrentYear - 1}"))!);
    }

    [Fact]
    public async Task Every_successful_change_adds_exactly_1_to_the_version_and_a_stale_put_is_409()
    {
        using var lao = await LaoAsync();
        using var provincial = await ProvincialAsync();
        using var admin = await AdminAsync();
        var id = (await CreateAsync(lao))["id"]!.GetValue<string>();

        var body = ProjectJson(name: "ชื่อที่แก้ไข");
        body["version"] = 1;
        var put = await lao.PutAsJsonAsync($"/api/v1/projects/{id}", body);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(2, (await put.Content.ReadFromJsonAsync<JsonObject>())!["version"]!.GetValue<int>());

        var stale = await lao.PutAsJsonAsync($"/api/v1/projects/{id}", body);
        var problem = await stale.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("ถูกแก้ไขหลังจากที่ท่านเปิดแบบฟอร์ม", problem.Title);
        Assert.Contains("ชื่อโครงการ “โครงการเสริมสร้างความโปร่งใส” → “ชื่อที่แก้ไข”", problem.Detail);

        body.Remove("version");
        var missing = await (await lao.PutAsJsonAsync($"/api/v1/projects/{id}", body))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("version", missing.Errors.Keys);

        var screened = await provincial.PutAsJsonAsync($"/api/v1/projects/{id}/conformity",
            new { conforms = true, reason = "ตรงตามมิติที่ 1" });
        Assert.Equal(HttpStatusCode.OK, screened.StatusCode);
        var after = (await screened.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(("conforming", 3), (after["conformity"]!.GetValue<string>(), after["version"]!.GetValue<int>()));

        await admin.PutAsJsonAsync($"/api/v1/admin/rounds/{App.CurrentYear}/6",
            new { opensOn = App.Today.AddDays(-1), deadline = App.Today.AddDays(5) });
        var report = await lao.PutAsJsonAsync($"/api/v1/projects/{id}/rounds/6", new
        {
            ordinanceBudget = 50000.00, budgetSpent = 12000.00, inLocalOrdinance = true, status = "completed",
            notPossibleReason = (string?)null, notPossibleReasonOther = (string?)null, remarks = (string?)null,
        });
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        var reported = (await report.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(4, reported["version"]!.GetValue<int>());
        var r6 = reported["rounds"]!["6"]!.AsObject();
        Assert.Equal(["ordinanceBudget", "budgetSpent", "inLocalOrdinance", "status", "notPossibleReason",
            "notPossibleReasonOther", "remarks", "reportedAt"], r6.Select(p => p.Key));
        Assert.Equal(("completed", 12000m), (r6["status"]!.GetValue<string>(), r6["budgetSpent"]!.GetValue<decimal>()));
        Assert.Null(reported["rounds"]!["12"]);

        var delete = await lao.DeleteAsync($"/api/v1/projects/{id}");
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        await (await lao.GetAsync($"/api/v1/projects/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty((await lao.GetFromJsonAsync<JsonArray>($"/api/v1/projects?fiscalYear={App.CurrentYear}"))!);
    }

    [Fact]
    public async Task Another_LAOs_project_answers_404_on_every_endpoint_and_screening_is_403_for_an_LAO()
    {
        using var owner = await LaoAsync(Samples.KohYo);
        using var other = await LaoAsync(Samples.KhlongRi);
        using var admin = await AdminAsync();
        await admin.PutAsJsonAsync($"/api/v1/admin/rounds/{App.CurrentYear}/6",
            new { opensOn = App.Today.AddDays(-1), deadline = App.Today.AddDays(5) });
        var id = (await CreateAsync(owner))["id"]!.GetValue<string>();
        var update = ProjectJson(name: "ยึดโครงการ");
        update["version"] = 1;
        var report = new { ordinanceBudget = 1, budgetSpent = 1, inLocalOrdinance = true, status = "completed" };

        await (await other.GetAsync($"/api/v1/projects/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await other.PutAsJsonAsync($"/api/v1/projects/{id}", update))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        await (await other.DeleteAsync($"/api/v1/projects/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await other.PutAsJsonAsync($"/api/v1/projects/{id}/rounds/6", report))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        await (await other.PutAsJsonAsync($"/api/v1/projects/{id}/rounds/12", report))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        // whatever the body holds
        await (await other.PutAsJsonAsync($"/api/v1/projects/{id}", new { name = "" }))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        await (await other.PutAsJsonAsync($"/api/v1/projects/{id}/rounds/6", new { status = "nonsense" }))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        await (await other.GetAsync($"/api/v1/projects?fiscalYear={App.CurrentYear}&dlaCode={Samples.KohYo}"))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        await (await other.PutAsJsonAsync($"/api/v1/projects/{id}/conformity", new { conforms = false }))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await owner.PutAsJsonAsync($"/api/v1/projects/{id}/conformity", new { conforms = true }))
            .AssertProblemAsync(HttpStatusCode.Forbidden);

        var project = await owner.GetFromJsonAsync<JsonObject>($"/api/v1/projects/{id}");
        Assert.Equal(("unset", 1), (project!["conformity"]!.GetValue<string>(), project["version"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Staff_read_their_scope_with_dlaCode_and_screen_in_it_only()
    {
        using var kohYo = await LaoAsync(Samples.KohYo);
        using var chiangMai = await LaoAsync(Samples.ChiangMaiCity);
        using var provincial = await ProvincialAsync();
        using var admin = await AdminAsync();
        var inProvince = (await CreateAsync(kohYo))["id"]!.GetValue<string>();
        var outside = (await CreateAsync(chiangMai))["id"]!.GetValue<string>();

        Assert.Single((await provincial.GetFromJsonAsync<JsonArray>(
            $"/api/v1/projects?fiscalYear={App.CurrentYear}&dlaCode={Samples.KohYo}"))!);
        var noCode = await (await provincial.GetAsync($"/api/v1/projects?fiscalYear={App.CurrentYear}"))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("dlaCode", noCode.Errors.Keys);
        await (await provincial.GetAsync(
            $"/api/v1/projects?fiscalYear={App.CurrentYear}&dlaCode={Samples.ChiangMaiCity}"))
                .AssertProblemAsync(HttpStatusCode.NotFound);
        await (await provincial.GetAsync($"/api/v1/projects/{outside}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await provincial.PutAsJsonAsync($"/api/v1/projects/{outside}/conformity", new { conforms = false }))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await provincial.GetAsync($"/api/v1/projects/{inProvince}")).StatusCode);
        // staff read but do not record; they delete only with a reason (docs/adr/0008-scores-after-the-deadline.md)
        await (await provincial.PostAsJsonAsync("/api/v1/projects", ProjectJson()))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        var noReason = await (await admin.DeleteAsync($"/api/v1/projects/{inProvince}"))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("reason", noReason.Errors.Keys);

        var screened = await admin.PutAsJsonAsync($"/api/v1/projects/{outside}/conformity",
            new { conforms = false, reason = "ไม่ตรงกับมิติ" });
        Assert.Equal("non_conforming",
            (await screened.Content.ReadFromJsonAsync<JsonObject>())!["conformity"]!.GetValue<string>());
        var bad = await (await admin.PutAsJsonAsync($"/api/v1/projects/{outside}/conformity",
            new { reason = "ไม่ระบุ" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("conforms", bad.Errors.Keys);
    }

    [Fact]
    public async Task Round_reports_answer_409_when_the_round_is_not_open_and_400_for_a_non_conforming_project()
    {
        App.SetToday(BetweenRounds);
        using var lao = await LaoAsync();
        using var admin = await AdminAsync();
        using var provincial = await ProvincialAsync();
        var id = (await CreateAsync(lao))["id"]!.GetValue<string>();
        var report = new { ordinanceBudget = 50000, budgetSpent = 0, inLocalOrdinance = false, status = "in_progress" };

        var closed = await (await lao.PutAsJsonAsync($"/api/v1/projects/{id}/rounds/6", report))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("ยังไม่เปิดรับรายงาน", closed.Title);
        await (await lao.PutAsJsonAsync($"/api/v1/projects/{id}/rounds/7", report))
            .AssertProblemAsync(HttpStatusCode.BadRequest);

        var set = await admin.PutAsJsonAsync($"/api/v1/admin/rounds/{App.CurrentYear}/6",
            new { opensOn = App.Today.AddDays(-1), deadline = App.Today.AddDays(5) });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var (opens, deadline) = (App.Today.AddDays(-1).ToString("yyyy-MM-dd"),
            App.Today.AddDays(5).ToString("yyyy-MM-dd"));
        Assert.Equal($$"""{"fiscalYear":{{App.CurrentYear}},"round":""" +
                     $$"""6,"opensOn":"{{opens}}","deadline":"{{deadline}}","version":1}""",
            await set.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK,
            (await lao.PutAsJsonAsync($"/api/v1/projects/{id}/rounds/6", report)).StatusCode);

        var reason = await (await lao.PutAsJsonAsync($"/api/v1/projects/{id}/rounds/6",
            new { ordinanceBudget = 1, budgetSpent = 1, inLocalOrdinance = true, status = "not_possible" }))
                .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["กรุณาเลือกเหตุผลที่ไม่สามารถดำเนินการได้"], reason.Errors["notPossibleReason"]);

        await provincial.PutAsJsonAsync($"/api/v1/projects/{id}/conformity", new { conforms = false });
        var nonConforming = await (await lao.PutAsJsonAsync($"/api/v1/projects/{id}/rounds/6", report))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("ไม่ต้องรายงานผล", nonConforming.Detail);
    }

    [Fact]
    public async Task The_staff_round_and_extension_endpoints_follow_the_document()
    {
        using var admin = await AdminAsync();
        using var provincial = await ProvincialAsync();
        using var lao = await LaoAsync();

        var rounds = await provincial.GetFromJsonAsync<JsonArray>($"/api/v1/admin/rounds?fiscalYear={App.CurrentYear}");
        Assert.Equal(2, rounds!.Count);
        Assert.Equal(["fiscalYear", "round", "opensOn", "deadline", "version"],
            rounds[0]!.AsObject().Select(p => p.Key));
        await (await lao.GetAsync($"/api/v1/admin/rounds?fiscalYear={App.CurrentYear}"))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await provincial.PutAsJsonAsync($"/api/v1/admin/rounds/{App.CurrentYear}/6",
            new { opensOn = "2027-03-01", deadline = "2027-04-30" }))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        var badDates = await (await admin.PutAsJsonAsync($"/api/v1/admin/rounds/{App.CurrentYear}/6",
            new { opensOn = "2027-05-01", deadline = "2027-04-30" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("deadline", badDates.Errors.Keys);
        await (await admin.PutAsync($"/api/v1/admin/rounds/{App.CurrentYear}/6",
            Json("""{"opensOn":"not a date","deadline":"2027-04-30"}""")))
            .AssertProblemAsync(HttpStatusCode.BadRequest);

        var deadline = RoundWindow.DefaultDates(App.CurrentYear, 6).Deadline;
        var until = deadline.AddDays(30).ToString("yyyy-MM-dd");
        var granted = await admin.PostAsJsonAsync($"/api/v1/admin/rounds/{App.CurrentYear}/6/extensions",
            new { dlaCode = Samples.KohYo, until, reason = "อุทกภัย" });
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        var extension = (await granted.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal((Samples.KohYo, until, "อุทกภัย"), (extension["dlaCode"]!.GetValue<string>(),
            extension["until"]!.GetValue<string>(), extension["reason"]!.GetValue<string>()));
        // a new grant replaces the earlier one, and says why
        var noReason = await (await admin.PostAsJsonAsync($"/api/v1/admin/rounds/{App.CurrentYear}/6/extensions",
            new { dlaCode = Samples.KohYo, until })).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["กรุณากรอกเหตุผลของการขยายเวลา"], noReason.Errors["reason"]);
        Assert.Equal(HttpStatusCode.OK,
            (await admin.PostAsJsonAsync($"/api/v1/admin/rounds/{App.CurrentYear}/6/extensions",
                new { dlaCode = Samples.KohYo, until, reason = "ระบบขัดข้อง" })).StatusCode);
        await (await lao.PostAsJsonAsync($"/api/v1/admin/rounds/{App.CurrentYear}/6/extensions",
            new { dlaCode = Samples.KohYo, until, reason = "ขอเอง" }))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        var unknown = await (await admin.PostAsJsonAsync($"/api/v1/admin/rounds/{App.CurrentYear}/6/extensions",
            new { dlaCode = "12345", until }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("dlaCode", unknown.Errors.Keys);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(
            $"/api/v1/admin/rounds/{App.CurrentYear}/6/extensions/{Samples.KohYo}")).StatusCode);
        await (await admin.DeleteAsync($"/api/v1/admin/rounds/{App.CurrentYear}/6/extensions/{Samples.KohYo}"))
            .AssertProblemAsync(HttpStatusCode.NotFound);
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"fiscalYear": 2570, "name": """, "name" },
        { """{"fiscalYear": "ปีนี้"}""", "fiscalYear" },
        { """{"budget": "ห้าหมื่น"}""", "budget" },
        { """{"quarters": ["หนึ่ง"]}""", "quarters[0]" },
        { """{"noBudget": "yes"}""", "noBudget" },
        { """{"targetGroups": "staff"}""", "targetGroups" },
        { """[1, 2, 3]""", "" },
        { """{"budget": 1e400}""", "budget" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Malformed_json_and_wrong_types_are_400_with_a_Thai_message_never_500(string json, string field)
    {
        using var lao = await LaoAsync();
        var problem = await (await lao.PostAsync("/api/v1/projects", Json(json)))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.Errors.ContainsKey(field), $"errors: {string.Join(", ", problem.Errors.Keys)}");
        Assert.All(problem.Errors.Values.SelectMany(v => v), m => Assert.True(ApiAssertions.IsThai(m), m));
        Assert.Empty((await lao.GetFromJsonAsync<JsonArray>($"/api/v1/projects?fiscalYear={App.CurrentYear}"))!);
    }

    [Fact]
    public async Task Unknown_codes_huge_strings_and_bad_ids_are_refused_in_Thai()
    {
        using var lao = await LaoAsync();
        var body = ProjectJson(name: new string('ก', 100_000));
        body["workType"] = "party";
        body["dimensionCode"] = "5";
        body["targetGroups"] = new JsonArray("staff", "martians");
        body["essence"] = new string('ข', 4001);
        var problem = await (await lao.PostAsJsonAsync("/api/v1/projects", body))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["dimensionCode", "essence", "name", "targetGroups", "workType"], problem.Errors.Keys.Order());
        Assert.All(problem.Errors.Values.SelectMany(v => v), m => Assert.True(ApiAssertions.IsThai(m), m));

        await (await lao.GetAsync("/api/v1/projects/not-a-guid")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await lao.PutAsJsonAsync("/api/v1/projects/12345/rounds/6", new { }))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        await (await lao.GetAsync($"/api/v1/projects/{Guid.NewGuid()}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await lao.GetAsync("/api/v1/projects?fiscalYear=abc")).AssertProblemAsync(HttpStatusCode.BadRequest);
        var year = await (await lao.GetAsync("/api/v1/projects?fiscalYear=1999"))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("fiscalYear", year.Errors.Keys);
        await (await lao.PostAsync("/api/v1/projects", new StringContent("name=x", Encoding.UTF8, "text/plain")))
            .AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        var empty = await (await lao.PostAsync("/api/v1/projects", Json("{}")))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("name", empty.Errors.Keys);
        Assert.Empty((await lao.GetFromJsonAsync<JsonArray>($"/api/v1/projects?fiscalYear={App.CurrentYear}"))!);
    }

    [Fact]
    public async Task The_project_endpoints_are_in_the_OpenAPI_document_and_need_a_sign_in()
    {
        using var anonymous = App.CreateClient();
        var json = await anonymous.GetStringAsync("/openapi/v1.json");
        foreach (var path in new[] { "/api/v1/projects", "/api/v1/projects/{id}", "/api/v1/projects/{id}/conformity",
                     "/api/v1/projects/{id}/rounds/{round}", "/api/v1/admin/rounds",
                     "/api/v1/admin/rounds/{fiscalYear}/{round}",
                     "/api/v1/admin/rounds/{fiscalYear}/{round}/extensions",
                     "/api/v1/admin/rounds/{fiscalYear}/{round}/extensions/{dlaCode}" })
            Assert.Contains($"\"{path}\"", json);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await anonymous.GetAsync($"/api/v1/projects?fiscalYear={App.CurrentYear}")).StatusCode);
    }
}
