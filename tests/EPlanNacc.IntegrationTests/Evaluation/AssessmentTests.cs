using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EPlanNacc.Modules.Evaluation.Features.Assessments;
using EPlanNacc.TestSupport;

namespace EPlanNacc.IntegrationTests.Evaluation;

public sealed class AssessmentTests(AppFixture app) : IntegrationTest(app)
{
    private const int Year = 2570;

    private static object Scores(params decimal[] scores) =>
        new
        {
            dimensions = scores
                .Select((s, i) => new { code = (i + 1).ToString(CultureInfo.InvariantCulture), score = s })
                .ToArray(),
        };

    [Fact]
    public async Task Settings_default_to_25_per_dimension_and_50_to_pass_and_an_admin_changes_them()
    {
        var defaults = await App.SendAsync(TestUser.Admin(), new GetAssessmentSettingsQuery(Year));
        Assert.True(defaults.IsDefault);
        Assert.Equal(["1", "2", "3", "4"], defaults.Dimensions.Select(d => d.Code));
        Assert.All(defaults.Dimensions, d => Assert.Equal(25m, d.MaxScore));
        Assert.Equal(50m, defaults.PassingTotal);
        Assert.Equal("การบริหารราชการด้วยความโปร่งใส", defaults.Dimensions[1].NameTh);

        using var admin = await App.CreateApiClientAsync("admin", AppFixture.AdminPassword);
        var saved = await admin.PutAsJsonAsync($"/api/v1/admin/assessment-settings/{Year}", new
        {
            passingTotal = 70,
            dimensions = new[]
            {
                new { code = "1", maxScore = 30 }, new { code = "2", maxScore = 30 },
                new { code = "3", maxScore = 20 }, new { code = "4", maxScore = 20 },
            },
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var settings = await App.SendAsync(TestUser.Lao(Samples.KohYo), new GetAssessmentSettingsQuery(Year));
        Assert.False(settings.IsDefault);
        Assert.Equal(100m, settings.MaxTotal);
        Assert.Equal(70m, settings.PassingTotal);
        // another year keeps its defaults
        Assert.True((await App.SendAsync(TestUser.Admin(), new GetAssessmentSettingsQuery(2569))).IsDefault);

        var tooHigh = await admin.PutAsJsonAsync($"/api/v1/admin/assessment-settings/{Year}", new
        {
            passingTotal = 200,
            dimensions = new[]
            {
                new { code = "1", maxScore = 30 }, new { code = "2", maxScore = 30 },
                new { code = "3", maxScore = 20 }, new { code = "4", maxScore = 20 },
            },
        });
        Assert.Contains("ไม่เกินคะแนนเต็มรวม",
            Assert.Single((await tooHigh.AssertProblemAsync(HttpStatusCode.BadRequest)).Errors["passingTotal"]));
        var missing = await admin.PutAsJsonAsync($"/api/v1/admin/assessment-settings/{Year}",
            new { passingTotal = 10, dimensions = new[] { new { code = "1", maxScore = 30 } } });
        await missing.AssertProblemAsync(HttpStatusCode.BadRequest);

        using var provincial = await App.CreateApiClientAsync("prov90", AppFixture.ProvincialPassword);
        // the role is refused before the body is looked at
        await (await provincial.PutAsJsonAsync($"/api/v1/admin/assessment-settings/{Year}", new { passingTotal = 10 }))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        var forbidden = await provincial.PutAsJsonAsync($"/api/v1/admin/assessment-settings/{Year}", new
        {
            passingTotal = 10,
            dimensions = new[]
            {
                new { code = "1", maxScore = 30 }, new { code = "2", maxScore = 30 },
                new { code = "3", maxScore = 20 }, new { code = "4", maxScore = 20 },
            },
        });
        await forbidden.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Each_assessor_enters_its_own_sheet_within_its_scope()
    {
        await App.SetUpLaoAsync();
        using var lao = await App.CreateApiClientAsync(Samples.KohYo, Samples.Password);
        using var provincial = await App.CreateApiClientAsync("prov90", AppFixture.ProvincialPassword);
        using var admin = await App.CreateApiClientAsync("admin", AppFixture.AdminPassword);
        var path = (string assessor, string dla) => $"/api/v1/evaluation/assessments/{dla}/{Year}/{assessor}";

        var self = await lao.PutAsJsonAsync(path("self", Samples.KohYo), Scores(20, 18.5m, 15, 10));
        Assert.Equal(HttpStatusCode.OK, self.StatusCode);
        using (var json = JsonDocument.Parse(await self.Content.ReadAsStringAsync()))
        {
            Assert.Equal(63.5m, json.RootElement.GetProperty("total").GetDecimal());
            Assert.Equal(100m, json.RootElement.GetProperty("maxTotal").GetDecimal());
            Assert.True(json.RootElement.GetProperty("passed").GetBoolean());
        }
        // an LAO enters only its self-assessment, and only its own
        await (await lao.PutAsJsonAsync(path("provincial", Samples.KohYo), Scores(1, 1, 1, 1)))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await lao.PutAsJsonAsync(path("self", Samples.KhlongRi), Scores(1, 1, 1, 1)))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        // the provincial office: its province only, never central
        Assert.Equal(HttpStatusCode.OK,
            (await provincial.PutAsJsonAsync(path("provincial", Samples.KohYo), Scores(15, 15, 15, 15))).StatusCode);
        await (await provincial.PutAsJsonAsync(path("provincial", Samples.ChiangMaiCity), Scores(15, 15, 15, 15)))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        await (await provincial.PutAsJsonAsync(path("central", Samples.KohYo), Scores(15, 15, 15, 15)))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await provincial.PutAsJsonAsync(path("self", Samples.KohYo), Scores(15, 15, 15, 15)))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        // NACC central anywhere
        Assert.Equal(HttpStatusCode.OK,
            (await admin.PutAsJsonAsync(path("central", Samples.ChiangMaiCity), Scores(5, 5, 5, 5))).StatusCode);
        // an unknown assessor or LAO
        await (await admin.PutAsJsonAsync(path("mayor", Samples.KohYo), Scores(5, 5, 5, 5)))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await admin.PutAsJsonAsync(path("central", "0000000"), Scores(5, 5, 5, 5)))
            .AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Scores_are_checked_against_the_years_maxima_with_Thai_messages()
    {
        await App.SetUpLaoAsync();
        using var lao = await App.CreateApiClientAsync(Samples.KohYo, Samples.Password);
        var path = $"/api/v1/evaluation/assessments/{Samples.KohYo}/{Year}/self";
        var over = await (await lao.PutAsJsonAsync(path, Scores(26, 1, 1, 1)))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("ไม่เกินคะแนนเต็ม 25.00", Assert.Single(over.Errors["dimensions[0].score"]));
        var negative = await (await lao.PutAsJsonAsync(path, Scores(1, -1, 1, 1)))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("ไม่ติดลบ", Assert.Single(negative.Errors["dimensions[1].score"]));
        var decimals = await (await lao.PutAsJsonAsync(path, Scores(1, 1, 1.005m, 1)))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(decimals.Errors.ContainsKey("dimensions[2].score"));
        var incomplete = await (await lao.PutAsJsonAsync(path, Scores(1, 1, 1)))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("ครบทุกมิติ", Assert.Single(incomplete.Errors["dimensions"]));
        await (await lao.PutAsJsonAsync(path, new { })).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await lao.PutAsJsonAsync($"/api/v1/evaluation/assessments/{Samples.KohYo}/1990/self",
            Scores(1, 1, 1, 1))).AssertProblemAsync(HttpStatusCode.BadRequest);
        // nothing was saved
        await (await lao.GetAsync(path)).Content.ReadAsStringAsync();
        var sheet = await App.SendAsync(TestUser.Lao(Samples.KohYo),
            new GetAssessmentQuery(Samples.KohYo, Year, "self"));
        Assert.Null(sheet.Total);
    }

    [Fact]
    public async Task An_LAO_sees_an_offices_scores_only_once_they_are_published()
    {
        await App.SetUpLaoAsync();
        using var lao = await App.CreateApiClientAsync(Samples.KohYo, Samples.Password);
        using var provincial = await App.CreateApiClientAsync("prov90", AppFixture.ProvincialPassword);
        await lao.PutAsJsonAsync($"/api/v1/evaluation/assessments/{Samples.KohYo}/{Year}/self", Scores(20, 20, 20, 20));
        await provincial.PutAsJsonAsync($"/api/v1/evaluation/assessments/{Samples.KohYo}/{Year}/provincial",
            Scores(10, 12, 14, 16));

        async Task<JsonElement> EvaluationAsync(HttpClient client, string query = "")
        {
            var response = await client.GetAsync($"/api/v1/evaluation?fiscalYear={Year}{query}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        }

        var before = await EvaluationAsync(lao);
        Assert.Equal(80m, before.GetProperty("assessments").GetProperty("self").GetProperty("score").GetDecimal());
        Assert.Equal(JsonValueKind.Null, before.GetProperty("assessments").GetProperty("provincial").ValueKind);
        Assert.Equal(JsonValueKind.Null,
            before.GetProperty("dimensions")[0].GetProperty("assessments").GetProperty("provincial").ValueKind);
        // staff see it at once
        var staffView = await EvaluationAsync(provincial, $"&dlaCode={Samples.KohYo}");
        Assert.Equal(52m,
            staffView.GetProperty("assessments").GetProperty("provincial").GetProperty("score").GetDecimal());
        await (await lao.GetAsync($"/api/v1/evaluation/assessments/{Samples.KohYo}/{Year}/provincial"))
            .Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, (await provincial.PostAsync(
            $"/api/v1/evaluation/assessments/{Samples.KohYo}/{Year}/provincial/publish", null)).StatusCode);
        var after = await EvaluationAsync(lao);
        var provincialTotal = after.GetProperty("assessments").GetProperty("provincial");
        Assert.Equal(52m, provincialTotal.GetProperty("score").GetDecimal());
        Assert.Equal(100m, provincialTotal.GetProperty("maxScore").GetDecimal());
        var dimension2 = after.GetProperty("dimensions")[1];
        Assert.Equal("2", dimension2.GetProperty("code").GetString());
        Assert.Equal(12m,
            dimension2.GetProperty("assessments").GetProperty("provincial").GetProperty("score").GetDecimal());
        Assert.Equal(25m,
            dimension2.GetProperty("assessments").GetProperty("provincial").GetProperty("maxScore").GetDecimal());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("assessments").GetProperty("central").ValueKind);
        // publishing a self-assessment makes no sense; an LAO cannot publish
        await (await provincial.PostAsync($"/api/v1/evaluation/assessments/{Samples.KohYo}/{Year}/self/publish", null))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await lao.PostAsync($"/api/v1/evaluation/assessments/{Samples.KohYo}/{Year}/provincial/publish", null))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_evaluation_names_its_LAO_and_staff_must_choose_one_in_scope()
    {
        await App.SetUpLaoAsync();
        using var lao = await App.CreateApiClientAsync(Samples.KohYo, Samples.Password);
        using var provincial = await App.CreateApiClientAsync("prov90", AppFixture.ProvincialPassword);
        var own = JsonDocument.Parse(await lao.GetStringAsync($"/api/v1/evaluation?fiscalYear={Year}")).RootElement;
        Assert.Equal(Year, own.GetProperty("fiscalYear").GetInt32());
        Assert.Equal(4, own.GetProperty("dimensions").GetArrayLength());
        Assert.Equal("การสร้างสังคมที่ไม่ทนต่อการทุจริต",
            own.GetProperty("dimensions")[0].GetProperty("nameTh").GetString());
        Assert.Equal(JsonValueKind.Null,
            own.GetProperty("implementation").GetProperty("6").GetProperty("score").ValueKind);
        Assert.Equal(JsonValueKind.Null, own.GetProperty("calculatedAt").ValueKind);

        await (await lao.GetAsync($"/api/v1/evaluation?fiscalYear={Year}&dlaCode={Samples.KhlongRi}"))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.True((await (await provincial.GetAsync($"/api/v1/evaluation?fiscalYear={Year}"))
            .AssertProblemAsync(HttpStatusCode.BadRequest)).Errors.ContainsKey("dlaCode"));
        await (await provincial.GetAsync($"/api/v1/evaluation?fiscalYear={Year}&dlaCode={Samples.ChiangMaiCity}"))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK,
            (await provincial.GetAsync($"/api/v1/evaluation?fiscalYear={Year}&dlaCode={Samples.KhlongRi}")).StatusCode);
        await (await lao.GetAsync("/api/v1/evaluation?fiscalYear=3000")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }
}
