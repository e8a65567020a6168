using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.Modules.Evaluation.Features.Assessments;
using EPlanNacc.Modules.Projects.Features.Rounds;
using EPlanNacc.TestSupport;
using static EPlanNacc.TestSupport.ProjectSamples;

namespace EPlanNacc.IntegrationTests.Projects;

/// <summary>No lost update: the assessment sheets and the round dates carry a version that a save checks when given
/// (409 with who saved what and when), and v1 clients that send none are still served. (Projects, their round
/// reports and the profile have their own tests.)</summary>
public sealed class LostUpdateTests(AppFixture app) : IntegrationTest(app)
{
    private static readonly DimensionScoreInput[] Twenties = Scores(20m);
    private static readonly DimensionScoreInput[] Tens = Scores(10m);

    private static DimensionScoreInput[] Scores(decimal each) =>
        new[] { "1", "2", "3", "4" }.Select(code => new DimensionScoreInput(code, each)).ToArray();

    private SaveAssessmentCommand Sheet(IReadOnlyList<DimensionScoreInput> scores, int? version) =>
        new(Samples.KohYo, App.CurrentYear, "provincial", scores, version);

    [Fact]
    public async Task An_assessment_saved_over_scores_saved_since_is_refused_with_who_saved_them_when()
    {
        var office = TestUser.Provincial();
        var empty = await App.SendAsync(office, new GetAssessmentQuery(Samples.KohYo, App.CurrentYear, "provincial"));
        Assert.Equal(0, empty.Version);

        var first = await App.SendAsync(office, Sheet(Twenties, 0));
        Assert.Equal(1, first.Version);
        // a colleague opened the empty sheet too
        var raced = await Assert.ThrowsAsync<ConflictException>(() => App.SendAsync(TestUser.Admin(), Sheet(Tens, 0)));
        Assert.StartsWith("คะแนนชุดนี้ถูกบันทึกหลังจากที่ท่านเปิดแบบฟอร์ม", raced.Message);
        Assert.Contains(raced.Details, d => d.StartsWith("บันทึกล่าสุดโดย prov90 เมื่อ") && d.EndsWith("(ฉบับที่ 1)"));
        Assert.Contains("มิติที่ 1: บันทึกไว้ 20.00 คะแนน (ท่านกรอก 10.00)", raced.Details);

        var second = await App.SendAsync(TestUser.Admin(), Sheet(Tens, 1));
        Assert.Equal((2, 40m), (second.Version, second.Total));
        await Assert.ThrowsAsync<ConflictException>(() => App.SendAsync(office, Sheet(Twenties, 1)));
        var kept = await App.SendAsync(office, new GetAssessmentQuery(Samples.KohYo, App.CurrentYear, "provincial"));
        Assert.Equal(40m, kept.Total);
        // a client without a version (v1) saves as before
        var unversioned = await App.SendAsync(office, Sheet(Twenties, null));
        Assert.Equal((3, 80m), (unversioned.Version, unversioned.Total));
    }

    [Fact]
    public async Task An_assessment_over_http_returns_its_version_and_a_stale_one_is_409()
    {
        await App.SetUpLaoAsync();
        using var lao = await App.CreateApiClientAsync(Samples.KohYo, Samples.Password);
        var path = $"/api/v1/evaluation/assessments/{Samples.KohYo}/{App.CurrentYear}/self";
        object Body(int score, int? version = null) => version is null
            ? new { dimensions = Enumerable.Range(1, 4).Select(d => new { code = $"{d}", score }).ToArray() }
            : new { dimensions = Enumerable.Range(1, 4).Select(d => new { code = $"{d}", score }).ToArray(), version };

        Assert.Equal(0, (await lao.GetFromJsonAsync<JsonObject>(path))!["version"]!.GetValue<int>());
        var saved = await lao.PutAsJsonAsync(path, Body(5));
        Assert.Equal(1, (await saved.Content.ReadFromJsonAsync<JsonObject>())!["version"]!.GetValue<int>());
        var again = await lao.PutAsJsonAsync(path, Body(6, version: 1));
        Assert.Equal(2, (await again.Content.ReadFromJsonAsync<JsonObject>())!["version"]!.GetValue<int>());
        var stale = await (await lao.PutAsJsonAsync(path, Body(7, version: 1)))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("บันทึกล่าสุดโดย 6900106", stale.Detail);
        await (await lao.PutAsJsonAsync(path, Body(7, version: -1))).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(24m, (await lao.GetFromJsonAsync<JsonObject>(path))!["total"]!.GetValue<decimal>());
    }

    /// <summary>The 6-month round of this year from today to <paramref name="deadline"/>.</summary>
    private SetRoundDatesCommand Dates(DateOnly deadline, int? version) =>
        new(App.CurrentYear, 6, App.Today, deadline, version);

    [Fact]
    public async Task Round_dates_saved_over_a_change_not_seen_are_refused()
    {
        var admin = TestUser.Admin();
        var listed = await App.SendAsync(admin, new ListRoundsQuery(App.CurrentYear));
        Assert.All(listed, r => Assert.Equal(0, r.Version)); // the domain default: no row yet

        var set = await App.SendAsync(admin, Dates(App.Today.AddDays(20), 0));
        Assert.Equal(1, set.Version);
        var raced = await Assert.ThrowsAsync<ConflictException>(() =>
            App.SendAsync(TestUser.Admin("admin2"), Dates(App.Today.AddDays(5), 0)));
        Assert.StartsWith("กำหนดการของรอบ 6 เดือน", raced.Message);
        Assert.Contains("บันทึกโดย admin", Assert.Single(raced.Details));
        Assert.Equal(1, (await App.SendAsync(admin, Dates(App.Today.AddDays(20), 1))).Version); // no change
        Assert.Equal(2, (await App.SendAsync(admin, Dates(App.Today.AddDays(30), 1))).Version);
        await Assert.ThrowsAsync<ConflictException>(() => App.SendAsync(admin, Dates(App.Today, 1)));
        Assert.Equal(App.Today.AddDays(30),
            (await App.SendAsync(admin, new ListRoundsQuery(App.CurrentYear)))[0].Deadline);
        // without a version (v1), as before
        Assert.Equal(3, (await App.SendAsync(admin, Dates(App.Today, null))).Version);
    }

    [Fact]
    public async Task Round_dates_over_http_return_their_version_and_a_stale_put_is_409()
    {
        using var admin = await App.CreateApiClientAsync("admin", AppFixture.AdminPassword);
        var path = $"/api/v1/admin/rounds/{App.CurrentYear}/12";
        var (opens, deadline) = (App.Today.ToString("yyyy-MM-dd"), App.Today.AddDays(9).ToString("yyyy-MM-dd"));
        var first = await admin.PutAsJsonAsync(path, new { opensOn = opens, deadline, version = 0 });
        Assert.Equal(1, (await first.Content.ReadFromJsonAsync<JsonObject>())!["version"]!.GetValue<int>());
        var stale = await (await admin.PutAsJsonAsync(path, new { opensOn = opens, deadline = opens, version = 0 }))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("ฉบับที่ 1", stale.Detail);
        var v1 = await admin.PutAsJsonAsync(path, new { opensOn = opens, deadline = opens });
        Assert.Equal(2, (await v1.Content.ReadFromJsonAsync<JsonObject>())!["version"]!.GetValue<int>());
        var rounds = await admin.GetFromJsonAsync<JsonArray>($"/api/v1/admin/rounds?fiscalYear={App.CurrentYear}");
        Assert.Equal([0, 2], rounds!.Select(r => r!["version"]!.GetValue<int>()));
    }

    [Fact]
    public async Task A_screening_over_http_with_a_stale_version_is_409_and_without_one_is_accepted()
    {
        var id = await App.CreateProjectAsync();
        await App.SendAsync(TestUser.Lao(Samples.KohYo), Update(id, 1, App.Project(name: "ชื่อใหม่")));
        using var office = await App.CreateApiClientAsync("prov90", AppFixture.ProvincialPassword);
        var path = $"/api/v1/projects/{id}/conformity";
        var stale = await (await office.PutAsJsonAsync(path, new { conforms = true, version = 1 }))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("ชื่อใหม่", stale.Detail);
        var current = await office.PutAsJsonAsync(path, new { conforms = true, version = 2 });
        Assert.Equal(3, (await current.Content.ReadFromJsonAsync<JsonObject>())!["version"]!.GetValue<int>());
        var v1 = await office.PutAsJsonAsync(path, new { conforms = false });
        var screened = (await v1.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("non_conforming", screened["conformity"]!.GetValue<string>());
    }
}
