using Dapper;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.DataGenerator;
using EPlanNacc.Modules.Evaluation.Contracts;
using EPlanNacc.Modules.Evaluation.Features.Scores;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.TestSupport;
using Npgsql;

namespace EPlanNacc.IntegrationTests.Evaluation;

/// <summary>
/// The scores of a fiscal year come from the Projects module's tallies (<see cref="ListRoundTalliesQuery"/>: one
/// GROUP BY per LAO, round and dimension in the database; docs/adr/0036-scores-from-tallies.md), and the year's
/// recalculation writes only the rows that changed. On generated plans of two years (every status in both rounds,
/// screenings, deleted projects) with crafted cases added (reports left on deleted projects and on projects screened
/// out after reporting), these tests hold the tallies to the C# rule (<see cref="RoundCount"/> over every project's
/// row), the year's recalculation to the rule and to each LAO's own recalculation, and the rows it writes to the
/// rows that changed.
/// </summary>
[Trait(AnyDay.Trait, AnyDay.Value)]
public sealed class RoundTallyTests(AppFixture app) : IntegrationTest(app)
{
    private static readonly int[] Years = [2569, 2570];

    /// <summary>Generated plans of 60 LAOs, 40 projects a year, both years; then, in each year, three reported
    /// projects deleted and five reported ones screened out. Returns the LAOs that have projects.</summary>
    private async Task<IReadOnlyList<string>> GenerateAsync()
    {
        await Generator.RunAsync(App.ConnectionString,
            new GeneratorOptions(GeneratorOptions.DefaultDatabase, 36, Years, 40, Laos: 60, Replace: true,
                "bench-tally-2570"), TextWriter.Null);
        await using var db = new NpgsqlConnection(App.ConnectionString);
        var codes = (await db.QueryAsync<string>(
            "SELECT DISTINCT dla_code FROM projects.projects WHERE deleted_at IS NULL ORDER BY 1")).ToList();
        await db.ExecuteAsync("""
            UPDATE projects.projects SET deleted_at = @At, deleted_by = 'test'
            WHERE id IN (SELECT DISTINCT ON (p.fiscal_year, p.dla_code) p.id FROM projects.projects p
                         JOIN projects.round_reports r ON r.project_id = p.id AND r.round = 12
                         WHERE p.deleted_at IS NULL AND p.dla_code = ANY(@Deleting)
                         ORDER BY p.fiscal_year, p.dla_code, p.id);
            UPDATE projects.projects SET conformity = 'non_conforming', conformity_reason = 'ทดสอบ'
            WHERE id IN (SELECT DISTINCT ON (p.fiscal_year, p.dla_code) p.id FROM projects.projects p
                         JOIN projects.round_reports r ON r.project_id = p.id AND r.round = 6
                         WHERE p.deleted_at IS NULL AND p.conformity <> 'non_conforming'
                           AND p.dla_code = ANY(@Screening)
                         ORDER BY p.fiscal_year, p.dla_code, p.id);
            """, new
        {
            Deleting = codes.Skip(1).Take(3).ToArray(), Screening = codes.Skip(4).Take(5).ToArray(),
            At = App.Clock.GetUtcNow(),
        });
        return codes;
    }

    [Fact]
    public async Task The_tallies_count_what_the_rule_counts_for_every_LAO_round_and_dimension()
    {
        var codes = await GenerateAsync();
        Assert.Equal(60, codes.Count);
        await using (var db = new NpgsqlConnection(App.ConnectionString))
        {
            // the crafted cases are there: reports on deleted projects and on projects screened out, in both years
            var (deleted, screenedOut) = await db.QuerySingleAsync<(int, int)>("""
                SELECT count(*) FILTER (WHERE p.deleted_at IS NOT NULL)::int,
                       count(*) FILTER (WHERE p.deleted_at IS NULL AND p.conformity = 'non_conforming')::int
                FROM projects.projects p JOIN projects.round_reports r ON r.project_id = p.id
                """);
            Assert.True(deleted >= 6 && screenedOut >= 10, $"{deleted} deleted, {screenedOut} screened out");
        }
        foreach (var year in Years)
        {
            var projects = await App.SendAsync(SystemUser.Instance, new ListProjectResultsQuery(year, codes));
            var expected = RoundTallies.Of(projects);
            foreach (var round in RoundReportCodes.Rounds)
                foreach (var status in new[]
                         {
                             RoundReportCodes.Completed, RoundReportCodes.InProgress, RoundReportCodes.NotPossible,
                         })
                    Assert.Contains(projects, p => p.Round(round)?.Status == status);
            Assert.Contains(expected, t => t.Awaiting > 0);
            Assert.Contains(expected, t => t.NeedReport < t.ProjectCount);

            var national = await App.SendAsync(SystemUser.Instance, new ListRoundTalliesQuery(year));
            Assert.True(national.Count > 400, $"only {national.Count} tallies"); // 60 LAOs, dimensions, rounds
            AssertSame(expected, national);
            var some = codes.Where((_, i) => i % 7 == 0).ToList();
            var ofSome = await App.SendAsync(SystemUser.Instance, new ListRoundTalliesQuery(year, some));
            AssertSame(expected.Where(t => some.Contains(t.DlaCode)).ToList(), ofSome);
        }
        Assert.Empty(await App.SendAsync(SystemUser.Instance, new ListRoundTalliesQuery(2569, [])));
    }

    [Fact]
    public async Task The_year_recalculation_scores_every_LAO_as_its_own_recalculation_and_writes_only_changes()
    {
        var codes = await GenerateAsync();
        const int year = 2570;
        var first = App.Clock.GetUtcNow();
        var written = await App.SendAsync(SystemUser.Instance, new RecalculateFiscalYearScoresCommand(year));
        var projects = await App.SendAsync(SystemUser.Instance, new ListProjectResultsQuery(year, codes));
        var byYear = await App.SendAsync(SystemUser.Instance, new GetImplementationScoresQuery(year, codes));
        ScoreRows.AssertSame(ScoreRows.Expected(projects), byYear);
        Assert.True(written >= byYear.Count, $"{written} rows written of {byYear.Count}"); // the generator's are gone

        // each LAO on its own (the queued recalculation after a change): the same figures
        foreach (var code in codes)
            await App.SendAsync(SystemUser.Instance, new RecalculateLaoScoresCommand(code, year));
        var byLao = await App.SendAsync(SystemUser.Instance, new GetImplementationScoresQuery(year, codes));
        Assert.Equal(byYear.Select(Figures), byLao.Select(Figures));

        // nothing changed: the year's recalculation writes nothing, and every row tells its time
        App.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await App.SendAsync(SystemUser.Instance, new RecalculateFiscalYearScoresCommand(year)));
        var second = App.Clock.GetUtcNow();
        var unchanged = await App.SendAsync(SystemUser.Instance, new GetImplementationScoresQuery(year, codes));
        Assert.Equal(byYear.Select(Figures), unchanged.Select(Figures));
        Assert.All(unchanged, s => Assert.InRange(s.CalculatedAt, second - TimeSpan.FromSeconds(1), second));

        // one LAO's changes (a report withdrawn, a project screened out, one deleted, a dimension emptied): only
        // its rows are written, those left without a project deleted, and the scores follow the rule again
        var lao = codes[0];
        await using (var db = new NpgsqlConnection(App.ConnectionString))
            await db.ExecuteAsync("""
                DELETE FROM projects.round_reports WHERE project_id =
                    (SELECT p.id FROM projects.projects p JOIN projects.round_reports r ON r.project_id = p.id
                     WHERE p.dla_code = @lao AND p.fiscal_year = @year AND p.deleted_at IS NULL
                       AND p.conformity <> 'non_conforming' AND r.round = 6 ORDER BY p.id LIMIT 1);
                UPDATE projects.projects SET conformity = 'non_conforming', conformity_reason = 'ทดสอบ'
                WHERE id = (SELECT id FROM projects.projects WHERE dla_code = @lao AND fiscal_year = @year
                            AND deleted_at IS NULL AND conformity <> 'non_conforming' ORDER BY id DESC LIMIT 1);
                UPDATE projects.projects SET deleted_at = @At, deleted_by = 'test'
                WHERE dla_code = @lao AND fiscal_year = @year AND deleted_at IS NULL
                  AND dimension_code = (SELECT min(dimension_code) FROM projects.projects
                                        WHERE dla_code = @lao AND fiscal_year = @year AND deleted_at IS NULL);
                """, new { lao, year, At = App.Clock.GetUtcNow() });
        App.Clock.Advance(TimeSpan.FromHours(1));
        var changed = await App.SendAsync(SystemUser.Instance, new RecalculateFiscalYearScoresCommand(year));
        var third = App.Clock.GetUtcNow();
        var after = await App.SendAsync(SystemUser.Instance, new GetImplementationScoresQuery(year, codes));
        var now = await App.SendAsync(SystemUser.Instance, new ListProjectResultsQuery(year, codes));
        ScoreRows.AssertSame(ScoreRows.Expected(now), after);
        Assert.InRange(changed, 1, 2 * 5); // at most the LAO's rows: four dimensions and the plan, both rounds
        Assert.True(after.Count(s => s.DlaCode == lao) < byYear.Count(s => s.DlaCode == lao), "a dimension emptied");
        Assert.Equal(byYear.Where(s => s.DlaCode != lao).Select(Figures),
            after.Where(s => s.DlaCode != lao).Select(Figures));
        Assert.All(after, s => Assert.InRange(s.CalculatedAt, third - TimeSpan.FromSeconds(1), third));
        await using (var db = new NpgsqlConnection(App.ConnectionString))
        {
            // as stored: the other LAOs' rows were last written by the first recalculations
            var writtenAt = await db.QueryAsync<(string, DateTimeOffset)>(
                "SELECT dla_code, calculated_at FROM evaluation.implementation_scores WHERE fiscal_year = @year",
                new { year });
            Assert.All(writtenAt.Where(r => r.Item1 != lao), r => Assert.InRange(r.Item2, first, second));
            Assert.Contains(writtenAt, r => r.Item1 == lao && r.Item2 > second);
        }
    }

    private static object Figures(ImplementationScoreItem s) =>
        (s.DlaCode, s.Round, s.DimensionCode, s.ProjectCount, s.Budget, s.ConformingCount, s.CompletedCount,
            s.InProgressCount, s.NotPossibleCount, s.UnreportedCount, s.Score, s.Band);

    private static void AssertSame(IReadOnlyList<RoundTally> expected, IReadOnlyList<RoundTally> actual)
    {
        static (string, int, string) Key(RoundTally t) => (t.DlaCode, t.Round, t.DimensionCode);
        Assert.NotEmpty(expected);
        Assert.Equal(expected.OrderBy(Key), actual.OrderBy(Key));
    }
}
