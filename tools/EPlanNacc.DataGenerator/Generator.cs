using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace EPlanNacc.DataGenerator;

/// <summary>The generator refuses: the database already holds data and <c>--replace</c> was not given.</summary>
public sealed class GeneratorRefusedException(string message) : Exception(message);

/// <summary>What a run wrote: the rows per table, in the order written, and how long it took.</summary>
public sealed record GenerationResult(IReadOnlyList<(string Table, long Rows, TimeSpan Time)> Tables, long Rows,
    TimeSpan Planning, TimeSpan Elapsed);

/// <summary>Fills a migrated database with national-scale data (docs/adr/0029-national-data-generator.md): reads the
/// reference data, decides every row from the seed (<see cref="Planner"/>), hashes the one password once, writes it all
/// in one transaction (<see cref="BulkLoader"/>), then ANALYZE. The implementation scores are not among the rows: the
/// system's own recalculation computes them afterwards (scripts/generate does, unless --no-scores).</summary>
public static class Generator
{
    public static async Task<GenerationResult> RunAsync(string ownerConnectionString, GeneratorOptions options,
        TextWriter output)
    {
        var watch = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync();
        var holding = await BulkLoader.TablesWithDataAsync(connection);
        if (holding.Count > 0 && !options.Replace)
            throw new GeneratorRefusedException(
                $"The database {connection.Database} already holds data ({string.Join(", ", holding.Take(5))}" +
                (holding.Count > 5 ? ", ..." : "") + "): give --replace to empty its module tables and generate anew.");

        var reference = await Reference.ReadAsync(connection, options);
        // one hash for every account, by the hasher the application verifies with (its salt is random: the one value
        // that differs between two runs of one seed)
        var plan = Planner.Make(reference, options) with
        {
            PasswordHash = new PasswordHasher<string>().HashPassword("bench", options.Password),
        };
        var planning = watch.Elapsed;

        var total = TableWriters.All.Sum(t => t.Count(plan));
        var progress = new Progress(output, total);
        await new BulkLoader(connection, progress).LoadAsync(plan, options);
        progress.Step("ANALYZE");
        foreach (var sql in new[]
                 {
                     $"VACUUM (ANALYZE) {BulkLoader.UsersTable}",
                     "ANALYZE " + string.Join(", ", TableWriters.All.Select(t => t.Table)
                         .Where(t => t != BulkLoader.UsersTable)),
                 })
        {
            await using var analyze = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
            await analyze.ExecuteNonQueryAsync();
        }
        progress.Finish();
        return new GenerationResult(progress.Tables, progress.Rows, planning, watch.Elapsed);
    }
}
