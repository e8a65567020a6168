using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.TestSupport;
using static EPlanNacc.TestSupport.ProjectSamples;

namespace EPlanNacc.IntegrationTests.Projects;

/// <summary>The round counts the database keeps per LAO (<c>projects.lao_round_counts</c>, migration projects/0010,
/// docs/adr/0034-round-counts-kept-as-they-change.md) always say what counting the projects and their reports says:
/// after every kind of change, and when one LAO's reports are saved at the same moment (the last transaction to
/// commit must count the others').</summary>
[Trait(AnyDay.Trait, AnyDay.Value)]
public sealed class RoundCountsKeptTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task The_kept_counts_follow_reports_screening_deletion_and_restoring()
    {
        await App.RecordKnownRoundAsync();
        await AssertKeptEqualsCountedAsync();

        // a project screened non-conforming needs no report; one deleted counts no longer; a report corrected keeps
        // its first time; a project of another year leaves this year alone
        var ids = await App.QueryAsync<Guid>("""
            SELECT id FROM projects.projects WHERE fiscal_year = @year AND deleted_at IS NULL ORDER BY entry_no LIMIT 3
            """, new { year = App.CurrentYear });
        var (screened, deleted, corrected) = (ids.ElementAt(0), ids.ElementAt(1), ids.ElementAt(2));
        await App.ExecuteAsync("""
            UPDATE projects.projects SET conformity = 'non_conforming', conformity_reason = 'ทดสอบ'
            WHERE id = @screened;
            UPDATE projects.projects SET deleted_at = @now, deleted_by = 'test' WHERE id = @deleted;
            UPDATE projects.round_reports SET remarks = 'แก้ไข', reported_at = @now WHERE project_id = @corrected;
            UPDATE projects.projects SET fiscal_year = fiscal_year + 1 WHERE id = @corrected;
            """, new { screened, deleted, corrected, now = App.Clock.GetUtcNow() });
        await AssertKeptEqualsCountedAsync();
        await AssertKeptEqualsCountedAsync(App.CurrentYear + 1);

        await App.ExecuteAsync("""
            UPDATE projects.projects SET deleted_at = NULL, deleted_by = NULL, conformity = 'conforming'
            WHERE id IN (@screened, @deleted);
            UPDATE projects.projects SET fiscal_year = fiscal_year - 1 WHERE id = @corrected;
            DELETE FROM projects.round_reports WHERE project_id = @screened;
            """, new { screened, deleted, corrected });
        await AssertKeptEqualsCountedAsync();
        Assert.Equal([0], await App.QueryAsync<int>("""
            SELECT count(*)::int FROM projects.lao_round_counts WHERE fiscal_year = @year
            """, new { year = App.CurrentYear + 1 }));
    }

    [Fact]
    public async Task Forty_reports_of_one_LAO_saved_at_once_are_all_counted()
    {
        await App.SetUpLaoAsync();
        await App.OpenRoundAsync(6);
        var projects = new List<Guid>();
        for (var i = 0; i < 40; i++)
            projects.Add(await App.CreateProjectAsync(project: App.Project($"โครงการที่ {i + 1:00}")));

        await Task.WhenAll(projects.Select((id, i) =>
            App.SendAsync(TestUser.Lao(Samples.KohYo), Report(id, 6, "completed", ordinance: 1_000m, spent: i))));

        var kept = await App.SendAsync(TestUser.Admin(),
            new ListRoundProgressQuery(App.CurrentYear, 6, [Samples.KohYo]));
        var lao = Assert.Single(kept.Laos);
        Assert.Equal((40, 40, 40, LaoRoundState.Complete), (lao.ProjectCount, lao.NeedReport, lao.Reported, lao.State));
        await AssertKeptEqualsCountedAsync();
    }

    [Fact]
    public async Task A_report_recounts_its_own_round_only_and_a_project_both()
    {
        await App.SetUpLaoAsync();
        await App.OpenRoundAsync(6);
        var id = await App.CreateProjectAsync();
        var before = await RowVersionsAsync();
        Assert.Equal([6, 12], before.Keys.Order());

        // a round-6 report rewrites the round-6 row alone (docs/adr/0042-a-save-recounts-one-round.md)
        await App.SendAsync(TestUser.Lao(Samples.KohYo), Report(id, 6, "completed", ordinance: 1_000m, spent: 10m));
        var reported = await RowVersionsAsync();
        Assert.NotEqual(before[6], reported[6]);
        Assert.Equal(before[12], reported[12]);
        await AssertKeptEqualsCountedAsync();

        // a project's screening counts in both rounds: both rows are rewritten
        await App.ExecuteAsync("""
            UPDATE projects.projects SET conformity = 'non_conforming', conformity_reason = 'ทดสอบ' WHERE id = @id
            """, new { id });
        var screened = await RowVersionsAsync();
        Assert.NotEqual(reported[6], screened[6]);
        Assert.NotEqual(reported[12], screened[12]);
        await AssertKeptEqualsCountedAsync();
    }

    /// <summary>The row version (<c>xmin</c>, the transaction that last wrote it) of each round's kept row of the
    /// sample LAO's current year.</summary>
    private async Task<Dictionary<int, string>> RowVersionsAsync() =>
        (await App.QueryAsync<(short Round, string Xmin)>("""
            SELECT round, xmin::text FROM projects.lao_round_counts WHERE fiscal_year = @year AND dla_code = @code
            """, new { year = App.CurrentYear, code = Samples.KohYo }))
        .ToDictionary(r => (int)r.Round, r => r.Xmin);

    /// <summary>Both rounds of a year, the nation: the kept counts against a count of the tables (the query with the
    /// names of the projects still to report counts the tables).</summary>
    private async Task AssertKeptEqualsCountedAsync(int? fiscalYear = null)
    {
        var year = fiscalYear ?? App.CurrentYear;
        foreach (var round in new[] { 6, 12 })
        {
            var kept = await App.SendAsync(TestUser.Admin(), new ListRoundProgressQuery(year, round));
            var counted = await App.SendAsync(TestUser.Admin(),
                new ListRoundProgressQuery(year, round, WithUnreportedNames: true));
            Assert.Equal(counted.Laos.Select(Figures), kept.Laos.Select(Figures));
        }
    }

    private static (string, int, int, int, DateTimeOffset?) Figures(LaoRoundProgress l) =>
        (l.DlaCode, l.ProjectCount, l.NeedReport, l.Reported, l.FinishedAt);
}
