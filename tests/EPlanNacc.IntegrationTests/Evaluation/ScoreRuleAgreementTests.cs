using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.Evaluation.Contracts;
using EPlanNacc.Modules.Evaluation.Features.Scores;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Projects.Features.Screening;
using EPlanNacc.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace EPlanNacc.IntegrationTests.Evaluation;

/// <summary>
/// The implementation scores are calculated from tallies (<see cref="ListRoundTalliesQuery"/>, a GROUP BY in the
/// database, held to the rule by RoundTallyTests), summed per plan and written set-based (<see cref="ScoreSql"/>), and
/// defined by two C# rules: what a round counts (<see cref="RoundCount"/>, the Projects contract) and the score and
/// its band (<see cref="ImplementationScoreFormula"/>, <see cref="ScoreBands"/>). These tests run plans through both,
/// in the real database, and compare every stored row: the counts, the budget, the score and the band of every LAO,
/// round and dimension, and of each plan as a whole.
/// </summary>
public sealed class ScoreRuleAgreementTests(AppFixture app) : IntegrationTest(app)
{
    /// <summary>A fiscal year that the nightly recalculation never touches (it recalculates the current and the
    /// previous one), so that nothing but the test writes its scores.</summary>
    private const int GeneratedYear = 2566;

    private static readonly DateTimeOffset CalculatedAt = new(2023, 4, 20, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Generated_plans_score_the_same_in_the_SQL_as_in_the_CSharp_rule()
    {
        var (codes, projects) = GeneratedPlans.Build(seed: 2569_0415, laoCount: 300, GeneratedYear);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DbSession>();
            await db.BeginAsync();
            await ScoreSql.WriteAsync(db, GeneratedYear, codes, RoundTallies.Of(projects), CalculatedAt,
                everyRow: true, CancellationToken.None);
            await db.CommitAsync();
        }
        var stored = await App.SendAsync(SystemUser.Instance, new GetImplementationScoresQuery(GeneratedYear, codes));

        var expected = ScoreRows.Expected(projects);
        GeneratedPlans.AssertCovers(projects, expected);
        ScoreRows.AssertSame(expected, stored);
    }

    [Fact]
    public async Task A_plan_recorded_through_the_commands_scores_the_same_in_the_SQL_as_in_the_CSharp_rule()
    {
        var ids = await App.RecordKnownPlanAsync();
        // a report left on a project screened out later, and a screening that keeps one in
        var provincial = TestUser.Provincial();
        await App.SendAsync(provincial, new ScreenProjectsCommand([ids[6]], false, "ไม่เกี่ยวกับการป้องกันการทุจริต"));
        await App.SendAsync(provincial, new ScreenProjectsCommand([ids[0]], true, null));
        var year = App.CurrentYear;
        await App.SendAsync(SystemUser.Instance, new RecalculateLaoScoresCommand(Samples.KohYo, year));

        var projects = await App.SendAsync(SystemUser.Instance, new ListProjectResultsQuery(year, Samples.KohYo));
        var stored = await App.SendAsync(SystemUser.Instance, new GetImplementationScoresQuery(year, [Samples.KohYo]));
        ScoreRows.AssertSame(ScoreRows.Expected(projects), stored);
        Assert.Equal(2 * (4 + 1), stored.Count); // four dimensions and the plan, both rounds
    }
}

/// <summary>The tallies of <see cref="ListRoundTalliesQuery"/> as the C# rule counts them (<see cref="RoundCount"/>
/// per LAO, round and dimension).</summary>
internal static class RoundTallies
{
    public static IReadOnlyList<RoundTally> Of(IEnumerable<ProjectResultItem> projects) =>
    [
        .. from dimension in projects.GroupBy(p => (p.DlaCode, p.DimensionCode))
           from round in RoundReportCodes.Rounds
           let c = RoundCount.Of(dimension, round)
           select new RoundTally(dimension.Key.DlaCode, round, dimension.Key.DimensionCode, c.ProjectCount, c.Budget,
               c.NeedReport, c.Completed, c.InProgress, c.NotPossible),
    ];
}

/// <summary>One stored score row as both sides give it.</summary>
internal sealed record ScoreRow(
    string DlaCode, int Round, string? DimensionCode, int ProjectCount, decimal Budget, int NeedReport, int Completed,
    int InProgress, int NotPossible, int Awaiting, decimal? Score, string? Band)
{
    public (string, int, string) Key() => (DlaCode, Round, DimensionCode ?? "");
}

internal static class ScoreRows
{
    /// <summary>What the C# rules say the stored rows are: per LAO, round and each dimension that has a project,
    /// and for the whole plan (dimension null).</summary>
    public static IReadOnlyList<ScoreRow> Expected(IEnumerable<ProjectResultItem> projects) =>
    [
        .. from lao in projects.GroupBy(p => p.DlaCode)
           from round in RoundReportCodes.Rounds
           from dimension in lao.Select(p => p.DimensionCode).Distinct().Cast<string?>().Append(null)
           let c = RoundCount.Of(lao.Where(p => dimension is null || p.DimensionCode == dimension), round)
           let scored = ImplementationScoreFormula.Evaluate(round, c.Completed, c.InProgress, c.NotPossible, c.Awaiting)
           select new ScoreRow(lao.Key, round, dimension, c.ProjectCount, c.Budget, c.NeedReport, c.Completed,
               c.InProgress, c.NotPossible, c.Awaiting, scored.Score, scored.Band),
    ];

    public static void AssertSame(IReadOnlyList<ScoreRow> expected, IReadOnlyList<ImplementationScoreItem> stored)
    {
        var actual = stored.Select(s => new ScoreRow(s.DlaCode, s.Round, s.DimensionCode, s.ProjectCount, s.Budget,
                s.ConformingCount, s.CompletedCount, s.InProgressCount, s.NotPossibleCount, s.UnreportedCount,
                s.Score, s.Band))
            .ToDictionary(r => r.Key());
        var wanted = expected.ToDictionary(r => r.Key());
        var differences = wanted.Values.Where(e => !actual.TryGetValue(e.Key(), out var a) || a != e)
            .Select(e => $"rule {e}\n SQL {(actual.TryGetValue(e.Key(), out var a) ? a.ToString() : "(no row)")}")
            .Concat(actual.Values.Where(a => !wanted.ContainsKey(a.Key())).Select(a => $"rule (no row)\n SQL {a}"))
            .ToList();
        Assert.True(differences.Count == 0,
            $"{differences.Count} of {wanted.Count} rows differ between the SQL and the C# rule:\n"
            + string.Join("\n", differences.Take(10)));
        Assert.NotEmpty(expected);
    }
}

/// <summary>Plans generated from a seed: many LAOs, every status and screening, reports left on projects screened
/// out later, dimensions without projects or with only screened-out ones, budgets with cents, and crafted plans
/// whose score falls on a half to round or on a band's threshold.</summary>
internal static class GeneratedPlans
{
    private static readonly string[] Dimensions = ["1", "2", "3", "4"];
    private const string C = RoundReportCodes.Completed;
    private const string I = RoundReportCodes.InProgress;
    private const string N = RoundReportCodes.NotPossible;
    private const string Out = ProjectConformity.NonConforming;

    private static readonly string[] Conformities =
        [ProjectConformity.Unset, ProjectConformity.Unset, ProjectConformity.Conforming, Out];
    private static readonly string?[] Statuses = [null, C, I, N];
    private static readonly string[] Reasons = [.. ProjectLabels.NotPossibleReasons.Codes];

    /// <summary>Crafted plans (dimension, screening, 6-month status, 12-month status), one LAO each.</summary>
    private static readonly (string Dimension, string Conformity, string? Round6, string? Round12)[][] Crafted =
    [
        // 1 completed + 1 in progress of 3 = 50.00 (the 6-month green threshold, 12-month orange), 2 of 3 = 66.67
        [("1", "unset", C, C), ("1", "unset", I, C), ("1", "conforming", null, null)],
        // 1 in progress of 6 = 8.33; 1 completed of 6 = 16.67
        [("2", "unset", I, C), .. Enumerable.Repeat(("2", "unset", (string?)null, (string?)null), 5)],
        // halves to round: 3.5 of 16 = 21.875 → 21.88 at 6 months (orange from 20); 0.5 of 16 = 3.125 → 3.13 at 12
        [("1", "unset", I, I), ("1", "unset", C, null), ("1", "unset", C, null), ("1", "unset", C, null),
            .. Enumerable.Repeat(("3", "conforming", (string?)null, (string?)null), 12)],
        // 1 of 5 = 20.00 (orange at 6), 4 of 5 = 80.00 (green at 12); a report left on a project screened out later
        [("4", "unset", C, C), ("4", "unset", null, C), ("4", "unset", N, C), ("4", "unset", null, C),
            ("4", "unset", null, N), ("4", Out, C, C), ("2", Out, I, C)],
        // a dimension screened out entirely (no score) beside one that is not; not possible only: 0.00, red
        [("1", Out, C, C), ("1", Out, null, null), ("3", "conforming", N, N), ("3", "unset", N, null)],
        // 0.5 of 80 = 0.625 → 0.63
        [("2", "unset", I, I), .. Enumerable.Repeat(("2", "unset", (string?)null, (string?)null), 79)],
    ];

    public static (IReadOnlyList<string> Codes, IReadOnlyList<ProjectResultItem> Projects) Build(
        int seed, int laoCount, int fiscalYear)
    {
        var random = new Random(seed);
        var codes = new List<string>();
        var projects = new List<ProjectResultItem>();
        for (var i = 0; i < laoCount; i++)
        {
            var code = $"99{i:00000}";
            codes.Add(code);
            if (i < Crafted.Length)
            {
                foreach (var (dimension, conformity, round6, round12) in Crafted[i])
                    projects.Add(Project(random, code, fiscalYear, dimension, conformity, round6, round12));
                continue;
            }
            if (i % 10 == 0) continue; // no plan: no row at all
            // each LAO uses some of the dimensions, so that others stay empty
            var dimensions = Dimensions.Where(_ => random.Next(3) > 0).DefaultIfEmpty("1").ToArray();
            var count = random.Next(1, 25);
            for (var n = 0; n < count; n++)
            {
                var round6 = Statuses[random.Next(Statuses.Length)];
                // the 12-month report is cumulative: completed at 6 months stays completed (or is not yet reported)
                var round12 = round6 == C ? (random.Next(2) == 0 ? C : null) : Statuses[random.Next(Statuses.Length)];
                projects.Add(Project(random, code, fiscalYear, dimensions[random.Next(dimensions.Length)],
                    Conformities[random.Next(Conformities.Length)], round6, round12));
            }
        }
        return (codes, projects);
    }

    private static ProjectResultItem Project(Random random, string dlaCode, int fiscalYear, string dimension,
        string conformity, string? round6, string? round12)
    {
        var noBudget = random.Next(8) == 0;
        var budget = noBudget ? 0m : random.NextInt64(1, 1_000_000_000) / 100m;
        return new ProjectResultItem(dlaCode, Guid.CreateVersion7(), fiscalYear, "โครงการที่สร้างขึ้น", dimension, null,
            "project", budget, noBudget, conformity, Report(random, round6, budget), Report(random, round12, budget));
    }

    private static ProjectRoundResult? Report(Random random, string? status, decimal budget)
    {
        if (status is null) return null;
        var reason = status == N ? Reasons[random.Next(Reasons.Length)] : null;
        var spent = Math.Round(budget * random.Next(0, 101) / 100m, 2);
        var other = reason == RoundReportCodes.Other ? "น้ำท่วม" : null;
        return new ProjectRoundResult(status, budget, spent, random.Next(2) == 0, reason, other, null,
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
    }

    /// <summary>The generated plans keep their teeth: each case the SQL could get wrong is in them.</summary>
    public static void AssertCovers(IReadOnlyList<ProjectResultItem> projects, IReadOnlyList<ScoreRow> rows)
    {
        static bool IsHalf(ScoreRow r) => r.NeedReport > 0 &&
            (r.Completed * 2 + r.InProgress) * 50_000m / r.NeedReport % 10 == 5; // the third decimal is exactly 5
        Assert.True(rows.Count > 1_000, $"only {rows.Count} rows");
        Assert.Contains(rows, IsHalf);
        Assert.Contains(rows, r => r is { ProjectCount: > 0, NeedReport: 0, Score: null, Band: null });
        foreach (var round in RoundReportCodes.Rounds)
        {
            var (green, orange) = ScoreBands.Thresholds(round);
            foreach (var band in new[] { ScoreBands.Green, ScoreBands.Orange, ScoreBands.Red })
                Assert.Contains(rows, r => r.Round == round && r.Band == band);
            Assert.Contains(rows, r => r.Round == round && (r.Score == green || r.Score == orange));
        }
        Assert.Contains(projects, p => !p.CountsAsConforming && p.Round6 is not null);
        Assert.Contains(projects, p => p.Budget % 1 != 0);
        Assert.Contains(rows, r => r.NotPossible > 0 && r.InProgress > 0 && r.Completed > 0 && r.Awaiting > 0);
    }
}
