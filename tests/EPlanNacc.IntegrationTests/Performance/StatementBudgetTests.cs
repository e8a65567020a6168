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
    /// <summary>The most statements each step may run: today's counts (a session's check against the database
    /// included, which the host does at most every 30 seconds per session). A change that needs more raises its line
    /// here, in the open, with its reason in the commit.</summary>
    private static readonly Dictionary<string, int> Budgets = new()
    {
    };

    /// <summary>The session check (AuthenticationSetup.UseSessionValidation) asks the database at most every 30 seconds
    /// of the wall clock per session: whether a step pays it depends on the time the walk takes, so the comparison of
    /// the two walks leaves it out.</summary>
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
            var (step, few) = small[i];
            var many = large[i].Statements;
            var budget = Budgets.GetValueOrDefault(step.Name, -1);
            report.Append($"| {step.Name} | {few.Count} | {many.Count} | {budget} |\n");
            if (many.Count(s => !IsSessionCheck(s)) > few.Count(s => !IsSessionCheck(s)))
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
