using System.Diagnostics;
using System.Net;
using System.Text.Json;
using EPlanNacc.Host.Infrastructure;
using EPlanNacc.IntegrationTests.Pages;
using EPlanNacc.Modules.Evaluation.Contracts;
using EPlanNacc.Modules.Evaluation.Features.Scores;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts;
using EPlanNacc.Modules.Projects.Features.Screening;
using EPlanNacc.TestSupport;

namespace EPlanNacc.IntegrationTests.Evaluation;

public sealed class ScoreRecalculationTests(AppFixture app) : IntegrationTest(app)
{
    private int Year => App.CurrentYear;

    /// <summary>KohYo's plan: dimension 1 has three projects (completed, in progress, not possible), dimension 2
    /// one completed and one unreported, dimension 3 one project screened non-conforming.</summary>
    private async Task<Guid[]> RecordPlanAsync()
    {
        await App.SetUpLaoAsync();
        await App.OpenRoundAsync(6);
        var ids = new List<Guid>();
        foreach (var (name, dimension, budget) in new[]
                 {
                     ("โครงการ ก", "1", 10_000m), ("โครงการ ข", "1", 20_000m), ("โครงการ ค", "1", 30_000m),
                     ("โครงการ ง", "2", 40_000m), ("โครงการ จ", "2", 50_000m), ("โครงการ ฉ", "3", 60_000m),
                 })
        {
            ids.Add(await App.CreateProjectAsync(project: App.Project(name, dimension, budget, mission: null)));
        }
        var lao = TestUser.Lao(Samples.KohYo);
        await App.SendAsync(lao, ProjectSamples.Report(ids[0], 6, "completed"));
        await App.SendAsync(lao, ProjectSamples.Report(ids[1], 6, "in_progress"));
        await App.SendAsync(lao, ProjectSamples.Report(ids[2], 6, "not_possible", reason: "no_budget"));
        await App.SendAsync(lao, ProjectSamples.Report(ids[3], 6, "completed"));
        await App.SendAsync(TestUser.Provincial(),
            new ScreenProjectsCommand([ids[5]], false, "ไม่เกี่ยวกับการป้องกันการทุจริต"));
        return ids.ToArray();
    }

    private async Task<IReadOnlyList<ImplementationScoreItem>> WaitForScoresAsync(
        Func<IReadOnlyList<ImplementationScoreItem>, bool> ready, string dlaCode = Samples.KohYo)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            var scores = await App.SendAsync(TestUser.Admin(), new GetImplementationScoresQuery(Year, [dlaCode]));
            if (ready(scores)) return scores;
            await Task.Delay(200);
        }
        throw new TimeoutException("the scores were not recalculated within a minute");
    }

    [Fact]
    public async Task Scores_are_recalculated_in_the_background_soon_after_a_change()
    {
        var started = App.Clock.GetUtcNow();
        await RecordPlanAsync();
        // the last change of the plan was the screening: wait for its recalculation
        var scores = await WaitForScoresAsync(s =>
            s.Any(r => r is { Round: 6, DimensionCode: null, ConformingCount: 5, CompletedCount: 2 }));

        var total6 = scores.Single(s => s is { Round: 6, DimensionCode: null });
        // conforming: 5 (one of 6 screened out); (2 completed + 0.5 × 1 in progress) / 5 × 100 = 50
        Assert.Equal((6, 210_000m, 5, 2, 1, 1, 1),
            (total6.ProjectCount, total6.Budget, total6.ConformingCount, total6.CompletedCount, total6.InProgressCount,
                total6.NotPossibleCount, total6.UnreportedCount));
        Assert.Equal(50.00m, total6.Score);
        Assert.Equal("green", total6.Band);

        var d1 = scores.Single(s => s is { Round: 6, DimensionCode: "1" });
        Assert.Equal(50.00m, d1.Score); // (1 + 0.5) / 3
        Assert.Equal(ScoreBands.Green, d1.Band);
        var d2 = scores.Single(s => s is { Round: 6, DimensionCode: "2" });
        Assert.Equal(50.00m, d2.Score); // 1 / 2
        var d3 = scores.Single(s => s is { Round: 6, DimensionCode: "3" });
        Assert.Equal((1, 60_000m, 0), (d3.ProjectCount, d3.Budget, d3.ConformingCount));
        Assert.Null(d3.Score);
        Assert.Null(d3.Band);

        // nothing reported at 12 months yet: every project that counts scores 0
        var total12 = scores.Single(s => s is { Round: 12, DimensionCode: null });
        Assert.Equal((0m, "red", 5), (total12.Score, total12.Band, total12.UnreportedCount));
        Assert.InRange(total6.CalculatedAt, started, App.Clock.GetUtcNow());
    }

    [Fact]
    public async Task A_correction_moves_the_score_within_a_minute()
    {
        var ids = await RecordPlanAsync();
        await WaitForScoresAsync(s =>
            s.Any(r => r is { Round: 6, DimensionCode: null, Score: 50.00m, ConformingCount: 5 }));
        await App.SendAsync(TestUser.Lao(Samples.KohYo), ProjectSamples.Report(ids[1], 6, "completed"));
        var scores = await WaitForScoresAsync(s => s.Any(r => r is { Round: 6, DimensionCode: null, Score: 60.00m }));
        Assert.Equal(3, scores.Single(s => s is { Round: 6, DimensionCode: null }).CompletedCount);
    }

    [Fact]
    public async Task Recalculating_twice_at_once_gives_the_same_rows()
    {
        await RecordPlanAsync();
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            App.SendAsync(TestUser.Admin(), new RecalculateLaoScoresCommand(Samples.KohYo, Year))));
        Assert.All(results, r => Assert.Equal(results[0], r));
        var scores = await App.SendAsync(TestUser.Admin(), new GetImplementationScoresQuery(Year, [Samples.KohYo]));
        Assert.Equal(2 * (3 + 1), scores.Count); // dimensions 1, 2, 3 and the total, for both rounds
        Assert.Equal(50.00m, scores.Single(s => s is { Round: 6, DimensionCode: null }).Score);
    }

    [Fact]
    public async Task The_nightly_job_recalculates_every_LAO_of_the_open_years()
    {
        await RecordPlanAsync();
        await App.SetUpLaoAsync(Samples.KhlongRi);
        var other = await App.CreateProjectAsync(Samples.KhlongRi,
            App.Project("โครงการของคลองรี", "4", 5_000m, mission: null));
        await App.SendAsync(TestUser.Lao(Samples.KhlongRi), ProjectSamples.Report(other, 6, "in_progress"));
        // let the queued recalculations finish, forget what they computed, then let the nightly job do it all
        await WaitForScoresAsync(s =>
            s.Any(r => r is { Round: 6, DimensionCode: null, Score: 50.00m }), Samples.KhlongRi);
        await WaitForScoresAsync(s => s.Any(r => r is { Round: 6, DimensionCode: null, ConformingCount: 5 }));
        await using (var connection = new Npgsql.NpgsqlConnection(App.ConnectionString))
        {
            await connection.OpenAsync();
            await using var forget = new Npgsql.NpgsqlCommand(
                "DELETE FROM evaluation.implementation_scores", connection);
            await forget.ExecuteNonQueryAsync();
        }
        Assert.Empty(await App.SendAsync(TestUser.Admin(),
            new GetImplementationScoresQuery(Year, [Samples.KohYo, Samples.KhlongRi])));
        App.TriggerRecurring(RecurringJobs.NightlyScores);

        var kohYo = await WaitForScoresAsync(s => s.Any(r => r is { Round: 6, DimensionCode: null, Score: 50.00m }));
        var khlongRi = await WaitForScoresAsync(s =>
            s.Any(r => r is { Round: 6, DimensionCode: null, Score: 50.00m }), Samples.KhlongRi);
        Assert.Equal("green", khlongRi.Single(s => s is { Round: 6, DimensionCode: null }).Band);
        Assert.Equal("red", khlongRi.Single(s => s is { Round: 12, DimensionCode: null }).Band);
        Assert.NotEmpty(kohYo);
    }

    [Fact]
    public async Task Roll_ups_give_the_mean_and_the_bands_per_district_province_and_nation()
    {
        await RecordPlanAsync(); // KohYo (อำเภอเมืองสงขลา 9001): 50.00 at 6 months
        await App.SetUpLaoAsync(Samples.KhlongRi); // อำเภอสทิงพระ 9002
        var a = await App.CreateProjectAsync(Samples.KhlongRi, App.Project("ก", "1", 1_000m, mission: null));
        await App.CreateProjectAsync(Samples.KhlongRi, App.Project("ข", "1", 1_000m, mission: null));
        await App.SendAsync(TestUser.Lao(Samples.KhlongRi), ProjectSamples.Report(a, 6, "in_progress"));
        // KhlongRi: 0.5 / 2 = 25.00
        await App.SendAsync(TestUser.Admin(), new RecalculateFiscalYearScoresCommand(Year));

        // grouped as the caller groups its LAOs: a province's by district, the nation's by province
        var province = (await App.SendAsync(TestUser.Admin(), new ListLaosQuery("90")))
            .Select(l => new RollupMember(l.DlaCode, l.DistrictCode, l.DistrictNameTh)).ToList();
        var nationwide = (await App.SendAsync(TestUser.Admin(), new ListLaosQuery()))
            .Select(l => new RollupMember(l.DlaCode, l.ProvinceCode, l.ProvinceNameTh)).ToList();
        var songkhla = await App.SendAsync(TestUser.Admin(), new GetScoreRollupQuery(Year, 6, province));
        Assert.Equal(16, songkhla.Rows.Count);
        var mueang = songkhla.Rows.Single(r => r.Code == "9001");
        Assert.Equal(("เมืองสงขลา", 1, 50.00m, 1), (mueang.NameTh, mueang.ScoredCount, mueang.MeanScore, mueang.Green));
        var sathingPhra = songkhla.Rows.Single(r => r.Code == "9002");
        Assert.Equal((25.00m, 1, 0), (sathingPhra.MeanScore, sathingPhra.Orange, sathingPhra.Green));
        Assert.Equal((141, 2, 37.50m, 1, 1, 0, 139),
            (songkhla.Total.LaoCount, songkhla.Total.ScoredCount, songkhla.Total.MeanScore, songkhla.Total.Green,
                songkhla.Total.Orange, songkhla.Total.Red, songkhla.Total.NoScore));
        Assert.Equal((50.00m, 25.00m), (songkhla.Laos[Samples.KohYo].Score, songkhla.Laos[Samples.KhlongRi].Score));
        Assert.NotNull(songkhla.CalculatedAt);

        var nation = await App.SendAsync(TestUser.Admin(), new GetScoreRollupQuery(Year, 6, nationwide));
        Assert.Equal(76, nation.Rows.Count); // Bangkok is not in the DLA registry: no LAO, no row
        Assert.Equal(7849, nation.Total.LaoCount);
        Assert.Equal((2, 37.50m),
            (nation.Rows.Single(r => r.Code == "90").ScoredCount, nation.Rows.Single(r => r.Code == "90").MeanScore));
        var twelve = await App.SendAsync(TestUser.Admin(), new GetScoreRollupQuery(Year, 12, province));
        Assert.Equal((0.00m, 2), (twelve.Total.MeanScore, twelve.Total.Red));
    }

    [Fact]
    public async Task The_evaluation_shows_each_dimensions_projects_budget_and_scores()
    {
        await RecordPlanAsync();
        await App.SendAsync(TestUser.Admin(), new RecalculateLaoScoresCommand(Samples.KohYo, Year));
        using var lao = await App.CreateApiClientAsync(Samples.KohYo, Samples.Password);
        var response = await lao.GetAsync($"/api/v1/evaluation?fiscalYear={Year}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.NotEqual(JsonValueKind.Null, root.GetProperty("calculatedAt").ValueKind);
        Assert.Equal(50.00m, root.GetProperty("implementation").GetProperty("6").GetProperty("score").GetDecimal());
        Assert.Equal("green", root.GetProperty("implementation").GetProperty("6").GetProperty("band").GetString());
        Assert.Equal("red", root.GetProperty("implementation").GetProperty("12").GetProperty("band").GetString());
        var d1 = root.GetProperty("dimensions")[0];
        Assert.Equal(("1", 3, 60_000m), (d1.GetProperty("code").GetString(), d1.GetProperty("projectCount").GetInt32(),
            d1.GetProperty("budget").GetDecimal()));
        var d3 = root.GetProperty("dimensions")[2];
        Assert.Equal(JsonValueKind.Null,
            d3.GetProperty("implementation").GetProperty("6").GetProperty("score").ValueKind);
        var d4 = root.GetProperty("dimensions")[3];
        Assert.Equal(0, d4.GetProperty("projectCount").GetInt32());

        // the page shows the same
        using var client = App.CreateClient();
        await client.PostFormAsync("/login", PageClient.LoginForm(Samples.KohYo, Samples.Password));
        var page = await client.GetStringAsync($"/evaluation?fiscalYear={Year}");
        Assert.Contains("การสร้างสังคมที่ไม่ทนต่อการทุจริต", page);
        Assert.Contains("60,000.00", page);
        Assert.Contains("score-badge band-green", page);
    }
}
