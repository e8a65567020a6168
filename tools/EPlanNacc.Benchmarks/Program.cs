using System.Diagnostics;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.Evaluation.Contracts;
using EPlanNacc.Modules.Evaluation.Features.Scores;
using EPlanNacc.TestSupport;
using Npgsql;

// The benchmark of the implementation scores: the whole registry (7,849 LAOs) with a plan of P projects each and
// their 6-month reports, recalculated by the set-based statement, against a baseline measured in the same run:
// the same work done one LAO at a time (the queued per-LAO recalculation, in a loop). Prints figures and ratios.
// With "batch" as its first argument, the benchmark of the bulk reports instead (ReportBatchBenchmark.cs).
// scripts/bench: the measurements of issue 10 against a running host (Bench/BenchCommand.cs)
if (args.FirstOrDefault() == "bench") return await EPlanNacc.Benchmarks.Bench.BenchCommand.RunAsync(args[1..]);
if (args.FirstOrDefault() == "batch") return await ReportBatchBenchmark.RunAsync(args[1..]);
// scripts/benchmark completeness [projects-per-LAO]: the completeness figures instead (CompletenessBenchmark.cs)
if (args.FirstOrDefault() == "completeness")
{
    var bench = new BenchmarkApp();
    await bench.InitializeAsync();
    try { return await CompletenessBenchmark.RunAsync(bench, args[1..]); }
    finally { await bench.DisposeAsync(); }
}

var projectsPerLao = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 8;
var baselineLaos = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 400;
const int Year = 2570;

var app = new BenchmarkApp();
await app.InitializeAsync();
try
{
    await app.ResetAsync();
    var seed = Stopwatch.StartNew();
    var (laos, projects, reports) = await SeedAsync(app.ConnectionString, projectsPerLao);
    Console.WriteLine($"E-PlanNACC benchmark: implementation scores of fiscal year {Year} ({Environment.ProcessorCount} cores)");
    Console.WriteLine($"data: {laos:N0} LAOs, {projects:N0} projects ({projectsPerLao} each), {reports:N0} six-month reports (seeded in {seed.ElapsedMilliseconds:N0} ms)");

    var admin = SystemUser.Instance;
    await app.SendAsync(admin, new RecalculateLaoScoresCommand("6900106", Year)); // warm-up

    var setBased = new List<long>();
    for (var run = 0; run < 3; run++)
    {
        var watch = Stopwatch.StartNew();
        await app.SendAsync(admin, new RecalculateFiscalYearScoresCommand(Year));
        setBased.Add(watch.ElapsedMilliseconds);
    }
    setBased.Sort();
    var setMs = setBased[1];
    var reference = await app.SendAsync(admin, new GetImplementationScoresQuery(Year, await LaoCodesAsync(app.ConnectionString, baselineLaos)));

    var codes = await LaoCodesAsync(app.ConnectionString, baselineLaos);
    var loop = Stopwatch.StartNew();
    foreach (var code in codes) await app.SendAsync(admin, new RecalculateLaoScoresCommand(code, Year));
    var loopMs = loop.ElapsedMilliseconds;
    var again = await app.SendAsync(admin, new GetImplementationScoresQuery(Year, codes));
    var same = reference.Select(r => (r.DlaCode, r.Round, r.DimensionCode, r.Score, r.Band, r.ConformingCount))
        .SequenceEqual(again.Select(r => (r.DlaCode, r.Round, r.DimensionCode, r.Score, r.Band, r.ConformingCount)));

    var setPerLao = (double)setMs / laos;
    var loopPerLao = (double)loopMs / codes.Count;
    Console.WriteLine($"set-based, all LAOs in one statement: median {setMs:N0} ms of 3 runs ({string.Join(", ", setBased)} ms) = {setPerLao:0.000} ms per LAO");
    Console.WriteLine($"baseline, one recalculation per LAO:  {loopMs:N0} ms for {codes.Count:N0} LAOs = {loopPerLao:0.000} ms per LAO");
    Console.WriteLine($"ratio: per LAO the set-based recalculation takes {setPerLao / loopPerLao:0.000} of the baseline's time ({loopPerLao / setPerLao:0.0}x faster); "
                      + $"the whole registry one LAO at a time would take ~{loopPerLao * laos / 1000:0.0} s against {setMs / 1000.0:0.0} s");
    Console.WriteLine($"both ways give the same scores for the {codes.Count} LAOs compared: {(same ? "yes" : "NO")}");
    return same ? 0 : 1;
}
finally
{
    await app.DisposeAsync();
}

static async Task<(int Laos, int Projects, int Reports)> SeedAsync(string connectionString, int perLao)
{
    // benchmark data only: written straight into the tables, as the Excel import would have recorded it
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand("""
        INSERT INTO projects.projects (id, dla_code, fiscal_year, plan_period, name, quarters, work_type, dimension_code, essence,
            no_budget, budget, target_groups, objectives, conformity, created_at, created_by, updated_at, updated_by)
        SELECT gen_random_uuid(), r.dla_code, 2570, '2566-2570', 'โครงการทดสอบที่ ' || g, '{1,2}', 'project', ((g % 4) + 1)::text,
               'สาระสำคัญ', false, 10000 + g * 100, '{staff}', 'วัตถุประสงค์',
               CASE WHEN g % 10 = 0 THEN 'non_conforming' ELSE 'unset' END, now(), 'benchmark', now(), 'benchmark'
        FROM local_authority_profile.registry_laos r CROSS JOIN generate_series(1, @perLao) g;
        INSERT INTO projects.round_reports (project_id, round, ordinance_budget, budget_spent, in_local_ordinance, status,
            not_possible_reason, first_reported_at, reported_at, reported_by)
        SELECT p.id, 6, p.budget, p.budget / 2, true,
               (ARRAY['completed', 'in_progress', 'not_possible'])[1 + abs(hashtext(p.id::text)) % 3],
               CASE WHEN 1 + abs(hashtext(p.id::text)) % 3 = 3 THEN 'no_budget' END, now(), now(), 'benchmark'
        FROM projects.projects p WHERE abs(hashtext(p.id::text || 'r')) % 5 <> 0;
        """, connection);
    command.Parameters.AddWithValue("perLao", perLao);
    command.CommandTimeout = 600;
    await command.ExecuteNonQueryAsync();
    await using var counts = new NpgsqlCommand("""
        SELECT (SELECT count(DISTINCT dla_code) FROM projects.projects)::int, (SELECT count(*) FROM projects.projects)::int,
               (SELECT count(*) FROM projects.round_reports)::int
        """, connection);
    await using var reader = await counts.ExecuteReaderAsync();
    await reader.ReadAsync();
    return (reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2));
}

static async Task<IReadOnlyList<string>> LaoCodesAsync(string connectionString, int count)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand("SELECT dla_code FROM local_authority_profile.registry_laos ORDER BY dla_code LIMIT @count", connection);
    command.Parameters.AddWithValue("count", count);
    var codes = new List<string>();
    await using var reader = await command.ExecuteReaderAsync();
    while (await reader.ReadAsync()) codes.Add(reader.GetString(0));
    return codes;
}

internal sealed class BenchmarkApp() : AppFixture("eplannacc_bench")
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["Jobs:RunServer"] = "false" };
}
