using System.Net;
using System.Net.Http.Json;
using EPlanNacc.Modules.Evaluation.Contracts;
using EPlanNacc.Modules.Evaluation.Features.Scores;
using EPlanNacc.TestSupport;
using static EPlanNacc.TestSupport.ProjectSamples;

namespace EPlanNacc.IntegrationTests.Projects;

/// <summary>Saves that race each other (issue 9, section 6): many saves of one project at once, and many LAOs
/// reporting at once, through the real host and database. Each save wins or is told it lost (409); none is lost
/// silently, and the scores computed in the background agree with a full recalculation afterwards.</summary>
[Trait(AnyDay.Trait, AnyDay.Value)]
public sealed class ConcurrencyTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task Fifty_parallel_saves_of_one_project_one_wins_per_version_and_the_others_are_told()
    {
        await App.SetUpLaoAsync();
        using var lao = await App.CreateApiClientAsync(Samples.KohYo, Samples.Password);
        var created = App.Project("โครงการทดสอบการบันทึกพร้อมกัน");
        var id = await App.CreateProjectAsync(project: created);
        Assert.Equal(200, (int)(await lao.PutAsJsonAsync($"/api/v1/projects/{id}",
            Update(id, 1, created with { Name = "ชื่อก่อนการแข่งกัน" }))).StatusCode);

        // 25 saves read at version 2 (fresh) and 25 read at version 1 (stale), all sent at once
        var saves = Enumerable.Range(0, 50).Select(i => (Name: $"ชื่อที่ {i:00}", Version: i % 2 == 0 ? 2 : 1))
            .ToList();
        var answers = await Task.WhenAll(saves.Select(s =>
            lao.PutAsJsonAsync($"/api/v1/projects/{id}", Update(id, s.Version, created with { Name = s.Name }))));

        var statuses = answers.Select(a => (int)a.StatusCode).ToList();
        Assert.All(statuses, s => Assert.Contains(s, new[] { 200, 409 }));
        var won = Assert.Single(Enumerable.Range(0, 50), i => statuses[i] == 200);
        Assert.Equal(2, saves[won].Version);
        foreach (var i in Enumerable.Range(0, 50).Where(i => i != won))
            await answers[i].AssertProblemAsync(HttpStatusCode.Conflict);

        var project = await App.GetProjectAsync(id);
        Assert.Equal((saves[won].Name, 3), (project.Name, project.Version));
        var changes = await App.QueryAsync<int>("""
            SELECT version FROM projects.project_changes WHERE project_id = @id ORDER BY version
            """, new { id });
        Assert.Equal([1, 2, 3], changes);
    }

    [Fact]
    public async Task Five_hundred_LAOs_reporting_at_once_store_each_report_once_and_the_scores_agree()
    {
        await App.OpenRoundAsync(6);
        var codes = (await App.QueryAsync<string>("""
            SELECT dla_code FROM local_authority_profile.registry_laos ORDER BY dla_code LIMIT 500
            """)).ToList();
        var projects = new Guid[codes.Count];
        var eight = new ParallelOptions { MaxDegreeOfParallelism = 8 };
        await Parallel.ForEachAsync(Enumerable.Range(0, codes.Count), eight, async (i, _) =>
            projects[i] = await App.CreateProjectAsync(codes[i], App.Project($"โครงการของ {codes[i]}",
                budget: 10_000m + i)));

        // every LAO reports its project's 6-month result at the same moment
        await Task.WhenAll(Enumerable.Range(0, codes.Count).Select(i => App.SendAsync(TestUser.Lao(codes[i]),
            Report(projects[i], 6, i % 2 == 0 ? "completed" : "in_progress", ordinance: 10_000m + i, spent: i))));

        var stored = (await App.QueryAsync<(Guid ProjectId, decimal Spent, int Reports)>("""
            SELECT r.project_id, r.budget_spent, count(*) OVER (PARTITION BY r.project_id)::int
            FROM projects.round_reports r WHERE r.round = 6 AND r.project_id = ANY(@ids)
            """, new { ids = projects })).ToDictionary(r => r.ProjectId);
        Assert.Equal(codes.Count, stored.Count);
        Assert.All(Enumerable.Range(0, codes.Count), i => Assert.Equal((i, 1), ((int)stored[projects[i]].Spent,
            stored[projects[i]].Reports)));

        // the recalculations queued after each commit: every LAO's score once they have run, then the same after a
        // full recalculation of the year
        var year = App.CurrentYear;
        var completedOne = ImplementationScoreFormula.Evaluate(6, 1, 0, 0, 0);
        var inProgressOne = ImplementationScoreFormula.Evaluate(6, 0, 1, 0, 0);
        bool Expected(LaoBand b) =>
            (b.Score, b.Band) == (codes.IndexOf(b.DlaCode) % 2 == 0 ? completedOne : inProgressOne);
        // a project's creation queued a recalculation too: wait until every LAO's score says what it reported
        var background = await Eventually.Async(
            async () => await App.SendAsync(TestUser.Admin(), new ListImplementationBandsQuery(year, 6, codes)),
            bands => bands.Count == codes.Count && bands.All(Expected), "each of the 500 LAOs scored as it reported",
            TimeSpan.FromSeconds(120));
        await App.SendAsync(EPlanNacc.BuildingBlocks.Security.SystemUser.Instance,
            new RecalculateFiscalYearScoresCommand(year));
        var full = await App.SendAsync(TestUser.Admin(), new ListImplementationBandsQuery(year, 6, codes));
        Assert.Equal(background.OrderBy(b => b.DlaCode), full.OrderBy(b => b.DlaCode));
    }
}
