using System.Diagnostics;
using System.Globalization;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.Reporting.Features.Batches;
using EPlanNacc.Modules.Reporting.Features.Reports;
using EPlanNacc.Modules.Reporting.Rendering;
using EPlanNacc.TestSupport;
using Npgsql;

/// <summary>
/// The benchmark of the bulk reports: one province's batch (default Songkhla, 90: 141 LAOs and its roll-up) of one
/// report (default performance) for fiscal year 2570, each LAO with a plan of 8 projects and their 6-month reports,
/// printed by the batch's own runs one after another (no Hangfire server: the runs are sent here, as its jobs would
/// be) on one warm Chromium. Prints the files per second.
/// <code>dotnet run --project tools/EPlanNacc.Benchmarks -c Release -- batch [province] [kind] [max concurrent PDFs]</code>
/// </summary>
internal static class ReportBatchBenchmark
{
    private const int Year = 2570;

    public static async Task<int> RunAsync(string[] args)
    {
        var province = args.Length > 0 ? args[0] : "90";
        var kind = args.Length > 1 ? args[1] : ReportBatchKinds.Performance;
        var app = new App(args.Length > 2 ? args[2] : "2");
        await app.InitializeAsync();
        try
        {
            await app.ResetAsync();
            var projects = await SeedAsync(app.ConnectionString, province);
            var admin = SystemUser.Instance;
            // the browser's start is not the batch's work: one report first
            var first = await app.SendAsync(admin, new RenderReportQuery(
                new GetProvinceReportQuery(province, Year, 6), ReportOutput.Pdf));
            var id = await app.SendAsync(admin, new CreateReportBatchCommand(kind, Year, 6, province));
            var watch = Stopwatch.StartNew();
            var runs = 0;
            ReportBatchDetails batch;
            do
            {
                await app.SendAsync(admin, new RunReportBatchCommand(id));
                runs++;
                batch = await app.SendAsync(admin, new GetReportBatchQuery(id));
            } while (!batch.Finished);
            var seconds = watch.Elapsed.TotalSeconds;
            Console.WriteLine($"E-PlanNACC benchmark: bulk report '{kind}' of province {province}, fiscal year {Year}, " +
                              $"round 6 ({Environment.ProcessorCount} cores, {app.MaxConcurrentPdfs} PDFs at once)");
            Console.WriteLine($"data: {projects:N0} projects; a warm-up roll-up of {first.Content.Length:N0} bytes");
            Console.WriteLine($"{batch.Done:N0} files printed ({batch.Failed} failed) in {runs} runs and " +
                              $"{seconds:0.0} s, zip {batch.ZipBytes:N0} bytes: " +
                              $"{(batch.Done + batch.Failed) / seconds:0.00} PDFs per second, " +
                              $"{seconds * 1000 / Math.Max(1, batch.Done + batch.Failed):0} ms per PDF");
            return batch.Status == ReportBatchStatuses.Succeeded && batch.Failed == 0 ? 0 : 1;
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    /// <summary>Benchmark data only, written straight into the tables: 8 projects per LAO of the province, most
    /// with a 6-month report.</summary>
    private static async Task<int> SeedAsync(string connectionString, string province)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO projects.projects (id, dla_code, fiscal_year, plan_period, name, quarters, work_type,
                dimension_code, essence, no_budget, budget, target_groups, objectives, conformity, created_at,
                created_by, updated_at, updated_by)
            SELECT gen_random_uuid(), r.dla_code, 2570, '2566-2570', 'โครงการทดสอบที่ ' || g, '{1,2}', 'project',
                   ((g % 4) + 1)::text, 'สาระสำคัญ', false, 10000 + g * 100, '{staff}', 'วัตถุประสงค์',
                   CASE WHEN g % 10 = 0 THEN 'non_conforming' ELSE 'unset' END, @at, 'benchmark', @at, 'benchmark'
            FROM local_authority_profile.registry_laos r CROSS JOIN generate_series(1, 8) g
            WHERE r.province_code = @province;
            INSERT INTO projects.round_reports (project_id, round, ordinance_budget, budget_spent, in_local_ordinance,
                status, not_possible_reason, first_reported_at, reported_at, reported_by)
            SELECT p.id, 6, p.budget, p.budget / 2, true,
                   (ARRAY['completed', 'in_progress', 'not_possible'])[1 + abs(hashtext(p.id::text)) % 3],
                   CASE WHEN 1 + abs(hashtext(p.id::text)) % 3 = 3 THEN 'no_budget' END, @at, @at, 'benchmark'
            FROM projects.projects p WHERE abs(hashtext(p.id::text || 'r')) % 5 <> 0;
            SELECT count(*)::int FROM projects.projects;
            """, connection);
        command.Parameters.AddWithValue("province", province);
        command.Parameters.AddWithValue("at", TestClock.DefaultNow);
        return (int)(await command.ExecuteScalarAsync())!;
    }

    private sealed class App(string maxConcurrentPdfs) : AppFixture("eplannacc_bench")
    {
        public int MaxConcurrentPdfs => int.Parse(maxConcurrentPdfs, CultureInfo.InvariantCulture);

        protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
        {
            ["Jobs:RunServer"] = "false",
            ["Reporting:MaxConcurrentPdfs"] = maxConcurrentPdfs,
            ["Reporting:BatchFolder"] = Path.Combine(Path.GetTempPath(), "eplannacc-bench-batches"),
        };
    }
}
