using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.IntegrationTests.Evaluation;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Projects.Features.Screening;
using EPlanNacc.TestSupport;
using static EPlanNacc.TestSupport.ProjectSamples;

namespace EPlanNacc.IntegrationTests.Projects;

/// <summary>The figures of a round the database keeps per LAO (<see cref="ListLaoRoundCountsQuery"/>: migration
/// projects/0011, docs/adr/0035-round-figures-kept-per-lao.md) are those of <see cref="RoundCount.Of(
/// IEnumerable{ProjectResultItem}, int)"/> over the LAO's projects (<see cref="ListProjectResultsQuery"/>), the count
/// the reports made before: on generated plans of many LAOs and two years (every status, reason and screening,
/// budgets with cents), after bulk changes of every kind that moves a figure, and after a plan recorded, reported,
/// corrected and screened through the commands.</summary>
[Trait(AnyDay.Trait, AnyDay.Value)]
public sealed class RoundFiguresKeptTests(AppFixture app) : IntegrationTest(app)
{
    private const int FirstYear = 2566;
    private static readonly int[] Years = [FirstYear, FirstYear + 1];

    [Fact]
    public async Task The_kept_figures_follow_bulk_writes_of_every_kind()
    {
        var codes = new List<string>();
        foreach (var year in Years)
        {
            var (laos, projects) = GeneratedPlans.Build(seed: year, laoCount: 60, year);
            codes = [.. laos];
            await InsertAsync(projects);
        }
        await AssertKeptEqualsCountedAsync(codes);

        // one statement each, touching many LAOs at once: budgets edited (cents), reports corrected (amounts, status,
        // reason), screening both ways, projects deleted and restored, reports removed, a project moved to the other
        // year, and edits that move nothing (a name, the remarks)
        await App.ExecuteAsync("""
            UPDATE projects.projects SET budget = budget + 1234.56 WHERE NOT no_budget AND entry_no % 7 = 0;
            UPDATE projects.round_reports SET budget_spent = round(budget_spent / 3, 2), ordinance_budget = 0
            WHERE hashtext(project_id::text) % 5 = 0;
            UPDATE projects.round_reports SET status = 'completed' WHERE status = 'in_progress'
              AND hashtext(project_id::text) % 4 = 1;
            UPDATE projects.round_reports SET not_possible_reason = 'policy_changed'
            WHERE not_possible_reason = 'no_budget' AND hashtext(project_id::text) % 2 = 0;
            UPDATE projects.projects SET conformity = CASE conformity WHEN 'non_conforming' THEN 'conforming'
                                                                      ELSE 'non_conforming' END
            WHERE entry_no % 11 = 3;
            UPDATE projects.projects SET deleted_at = @now, deleted_by = 'test' WHERE entry_no % 13 = 5;
            DELETE FROM projects.round_reports WHERE hashtext(project_id::text) % 9 = 2;
            UPDATE projects.projects SET fiscal_year = @second WHERE fiscal_year = @first AND entry_no % 17 = 4;
            UPDATE projects.projects SET name = 'ชื่อใหม่' WHERE entry_no % 3 = 0;
            UPDATE projects.round_reports SET remarks = 'แก้ไขหมายเหตุ' WHERE hashtext(project_id::text) % 3 = 0;
            """, new { first = FirstYear, second = FirstYear + 1, now = App.Clock.GetUtcNow() });
        await AssertKeptEqualsCountedAsync(codes);

        await App.ExecuteAsync("""
            UPDATE projects.projects SET deleted_at = NULL, deleted_by = NULL WHERE entry_no % 26 = 5;
            UPDATE projects.projects SET deleted_at = @now, deleted_by = 'test' WHERE dla_code = @gone;
            """, new { gone = codes[^1], now = App.Clock.GetUtcNow() });
        await AssertKeptEqualsCountedAsync(codes);
    }

    [Fact]
    public async Task The_kept_figures_follow_a_plan_reported_corrected_and_screened_through_the_commands()
    {
        var ids = await App.RecordKnownPlanAsync();
        await AssertKeptEqualsCountedAsync([Samples.KohYo], App.CurrentYear);

        // the screening first: it recounts the LAO, so that what follows must recount by itself
        await App.SendAsync(TestUser.Provincial(),
            new ScreenProjectsCommand([ids[0]], false, "ไม่เกี่ยวกับการป้องกันการทุจริต"));
        var lao = TestUser.Lao(Samples.KohYo);
        await App.SendAsync(lao, Report(ids[1], 6, "completed", 21_000m, 20_999.99m));
        await App.SendAsync(lao, Report(ids[2], 6, "not_possible", 0m, 0m, reason: "insufficient_staff"));
        var project = await App.GetProjectAsync(ids[3]);
        await App.SendAsync(lao, Update(ids[3], project.Version,
            App.Project("โครงการที่แก้ไขงบประมาณ", project.DimensionCode, 77_777.77m, mission: null)));
        await AssertKeptEqualsCountedAsync([Samples.KohYo], App.CurrentYear);
    }

    /// <summary>Both rounds of each year: the kept figures of every LAO asked against the count of its projects.
    /// </summary>
    private async Task AssertKeptEqualsCountedAsync(IReadOnlyList<string> codes, params int[] years)
    {
        var compared = 0;
        foreach (var year in years.Length == 0 ? Years : years)
        {
            var projects = await App.SendAsync(SystemUser.Instance, new ListProjectResultsQuery(year, codes));
            foreach (var round in RoundReportCodes.Rounds)
            {
                var kept = await App.SendAsync(SystemUser.Instance, new ListLaoRoundCountsQuery(year, round, codes));
                var counted = projects.GroupBy(p => p.DlaCode)
                    .ToDictionary(g => g.Key, g => Figures(RoundCount.Of(g, round)));
                Assert.Equal(counted.OrderBy(c => c.Key),
                    kept.ToDictionary(k => k.Key, k => Figures(k.Value)).OrderBy(k => k.Key));
                compared += counted.Count;
            }
        }
        Assert.True(compared > 0);
    }

    private static string Figures(RoundCount c) =>
        $"{c.Round} {c.ProjectCount} {c.Budget} {c.NeedReport} {c.Reported} {c.Completed} {c.InProgress} " +
        $"{c.NotPossible} {c.OrdinanceBudget} {c.BudgetSpent} " +
        string.Join(",", c.NotPossibleReasons.Select(r => $"{r.Key}={r.Value}"));

    /// <summary>The generated projects and their reports as rows, in one statement each (as an import would).
    /// </summary>
    private async Task InsertAsync(IReadOnlyList<ProjectResultItem> projects)
    {
        var period = (await App.QueryAsync<string>("""
            SELECT plan_period FROM projects.dimension_nodes WHERE code IN ('1', '2', '3', '4')
            GROUP BY plan_period HAVING count(*) = 4 ORDER BY plan_period LIMIT 1
            """)).Single();
        await App.ExecuteAsync("""
            INSERT INTO projects.projects (id, dla_code, fiscal_year, plan_period, name, quarters, work_type,
                dimension_code, essence, no_budget, budget, target_groups, objectives, conformity, created_at,
                created_by, updated_at, updated_by)
            SELECT u.id, u.dla_code, u.fiscal_year, @period, 'โครงการที่สร้างขึ้น', '{1}', 'project', u.dimension,
                   'สาระสำคัญ', u.no_budget, u.budget, '{staff}', 'วัตถุประสงค์', u.conformity, @now, 'test', @now,
                   'test'
            FROM unnest(@Ids, @Codes, @Years, @Dimensions, @NoBudgets, @Budgets, @Conformities)
                 AS u (id, dla_code, fiscal_year, dimension, no_budget, budget, conformity)
            """,
            new
            {
                period, now = App.Clock.GetUtcNow(), Ids = projects.Select(p => p.ProjectId).ToArray(),
                Codes = projects.Select(p => p.DlaCode).ToArray(),
                Years = projects.Select(p => p.FiscalYear).ToArray(),
                Dimensions = projects.Select(p => p.DimensionCode).ToArray(),
                NoBudgets = projects.Select(p => p.NoBudget).ToArray(),
                Budgets = projects.Select(p => p.Budget).ToArray(),
                Conformities = projects.Select(p => p.Conformity).ToArray(),
            });
        var reports = projects.SelectMany(p => RoundReportCodes.Rounds
                .Where(r => p.Round(r) is not null).Select(r => (p.ProjectId, Round: (short)r, Report: p.Round(r)!)))
            .ToList();
        await App.ExecuteAsync("""
            INSERT INTO projects.round_reports (project_id, round, ordinance_budget, budget_spent, in_local_ordinance,
                status, not_possible_reason, not_possible_reason_other, first_reported_at, reported_at, reported_by)
            SELECT u.project_id, u.round, u.ordinance_budget, u.budget_spent, u.in_local_ordinance, u.status,
                   u.reason, u.other, @now, @now, 'test'
            FROM unnest(@Ids, @Rounds, @Ordinance, @Spent, @InOrdinance, @Statuses, @Reasons, @Others)
                 AS u (project_id, round, ordinance_budget, budget_spent, in_local_ordinance, status, reason, other)
            """,
            new
            {
                now = App.Clock.GetUtcNow(), Ids = reports.Select(r => r.ProjectId).ToArray(),
                Rounds = reports.Select(r => r.Round).ToArray(),
                Ordinance = reports.Select(r => r.Report.OrdinanceBudget).ToArray(),
                Spent = reports.Select(r => r.Report.BudgetSpent).ToArray(),
                InOrdinance = reports.Select(r => r.Report.InLocalOrdinance).ToArray(),
                Statuses = reports.Select(r => r.Report.Status).ToArray(),
                Reasons = reports.Select(r => r.Report.NotPossibleReason).ToArray(),
                Others = reports.Select(r => r.Report.NotPossibleReasonOther).ToArray(),
            });
    }
}
