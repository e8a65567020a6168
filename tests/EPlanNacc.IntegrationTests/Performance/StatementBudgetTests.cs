using System.Text;
using EPlanNacc.TestSupport;
using Xunit.Abstractions;

namespace EPlanNacc.IntegrationTests.Performance;

/// <summary>How many SQL statements each main page and API read runs (docs/adr/0031-a-guard-against-regressions.md),
/// counted through Npgsql's tracing by the request's own trace id (<see cref="StatementRecorder"/>): at most its budget
/// (<see cref="Budgets"/>, today's counts), and no more with four times the rows: a query per project or per LAO (N+1)
/// shows as a count that grows with the plans.</summary>
[Trait(AnyDay.Trait, AnyDay.Value)]
public sealed class StatementBudgetTests(AppFixture app, ITestOutputHelper output) : IntegrationTest(app)
{
    /// <summary>The most statements each step may run, the session's check left out (<see cref="IsSessionCheck"/>):
    /// the counts of the day the guard was written (issue 10). A change that needs more raises its line here, in the
    /// open, with its reason in the commit; one that needs fewer lowers it.</summary>
    private static readonly Dictionary<string, int> Budgets = new()
    {
        ["lao /summary"] = 4,
        ["lao /projects/list"] = 4,
        ["lao /projects/plan"] = 0,
        ["lao /projects/{id}"] = 7,
        ["lao /projects/{id}/rounds/6"] = 5,
        ["lao /projects/report"] = 4,
        ["lao /evaluation"] = 5,
        ["lao /reports/performance"] = 3,
        ["lao /profile"] = 4,
        ["lao api /api/v1/projects"] = 2,
        ["lao api /api/v1/projects/{id}"] = 3,
        ["lao api /api/v1/dashboard"] = 4,
        ["lao api /api/v1/evaluation"] = 5,
        ["lao api /api/v1/reports/performance"] = 3,
        ["lao api /api/v1/reports/status"] = 2,
        ["lao api /api/v1/me/profile"] = 1,
        ["province /staff"] = 13,
        ["province /staff/screening"] = 4,
        ["province /projects/screening"] = 5,
        ["province /staff/completeness"] = 6,
        ["province /staff/rounds/{fiscalYear}"] = 9,
        ["province /staff/reminders"] = 9,
        ["province /projects/list (an LAO)"] = 4,
        ["province /summary (an LAO)"] = 6,
        ["province /reports/province"] = 6,
        ["province /staff/audit (an LAO)"] = 5,
        ["province api /api/v1/admin/completeness"] = 5,
        ["province api /api/v1/reports/province"] = 4,
        ["admin /staff"] = 12,
        ["admin /staff/screening"] = 3,
        ["admin /staff/completeness"] = 6,
        ["admin /staff/audit"] = 2,
        ["admin /staff/accounts"] = 4,
        ["admin /admin/evaluation-settings"] = 2,
        ["admin api /api/v1/admin/completeness"] = 5,
        ["admin api /api/v1/admin/audit (an LAO)"] = 3,
        ["admin api /api/v1/admin/audit"] = 2,
        ["admin api /api/v1/admin/rounds"] = 2,
    };

    /// <summary>The session check (AuthenticationSetup.UseSessionValidation) asks the database at most every 30 seconds
    /// of the wall clock per session: whether a step pays it depends on the time the walk takes, so the counts leave it
    /// out (QueryPlanTests explains it).</summary>
    private static bool IsSessionCheck(StatementRecorder.Statement s) =>
        s.Sql.Contains("identity.sessions", StringComparison.Ordinal);

    [Fact]
    public async Task Each_page_and_API_read_runs_a_bounded_number_of_statements_whatever_the_number_of_rows()
    {
        using var listening = App.Statements.Listen();
        using var walk = await PageWalk.BuildAsync(App, projects: 2);
        await walk.RunAsync(); // warm: caches of reference data and of the sessions
        var small = await walk.RunAsync();
        await walk.GrowAsync(projects: 6);
        var large = await walk.RunAsync();

        var report = new StringBuilder("| step | statements (2 projects per LAO) | (8 projects per LAO) | budget |\n");
        var problems = new List<string>();
        for (var i = 0; i < small.Count; i++)
        {
            var few = small[i].Statements.Where(s => !IsSessionCheck(s)).ToList();
            var many = large[i].Statements.Where(s => !IsSessionCheck(s)).ToList();
            var step = small[i].Step;
            var budget = Budgets.GetValueOrDefault(step.Name, -1);
            report.Append($"| {step.Name} | {few.Count} | {many.Count} | {budget} |\n");
            if (many.Count > few.Count)
                problems.Add($"{step.Name}: {few.Count} statements with 2 projects per LAO, {many.Count} with 8 " +
                             "(a statement per row?):\n    " +
                             string.Join("\n    ", many.Select(s => PageWalk.Short(s.Sql))));
            var most = Math.Max(few.Count, many.Count);
            if (budget < 0) problems.Add($"{step.Name}: no budget (today {most}): add [\"{step.Name}\"] = {most},");
            else if (most > budget)
                problems.Add($"{step.Name}: {most} statements, over its budget of {budget}:\n    "
                             + string.Join("\n    ", many.Select(s => PageWalk.Short(s.Sql))));
        }
        foreach (var name in Budgets.Keys.Except(small.Select(s => s.Step.Name)))
            problems.Add($"{name}: a budget for a step the walk no longer has");
        output.WriteLine(report.ToString());
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

}
