using System.Reflection;
using DbUp;
using DbUp.Engine.Output;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EPlanNacc.BuildingBlocks.Data;

/// <summary>The forward-only SQL scripts of one module schema, embedded in the module's assembly as
/// <c>migrations.&lt;schema&gt;.NNNN_verb_object.sql</c> (from <c>db/migrations/&lt;schema&gt;/</c>).</summary>
/// <param name="AppendOnlyTables">The tables of the schema the application only adds rows to and reads (an audit
/// trail): its login may not update or delete their rows (<see cref="DatabaseRights"/>).</param>
public sealed record ModuleMigrations(string Schema, Assembly Assembly, IReadOnlyList<string>? AppendOnlyTables = null);

public static class DatabaseMigrator
{
    public const string JournalTable = "schema_versions";

    /// <summary>Runs every pending script of every module, in name order, one transaction per script,
    /// with a DbUp journal in each module's own schema; answers how many modules had scripts to run. When every script
    /// is in its journal already (most starts), one query says so and DbUp is not asked (a second or more a
    /// start).</summary>
    public static int Migrate(string connectionString, IReadOnlyList<ModuleMigrations> modules, ILogger logger)
    {
        var pending = PendingModules(connectionString, modules);
        foreach (var module in pending)
        {
            using (var connection = new NpgsqlConnection(connectionString))
            {
                connection.Open();
                // only when absent: CREATE SCHEMA IF NOT EXISTS needs the right to create schemas even when it exists
                using var exists = new NpgsqlCommand("SELECT 1 FROM pg_namespace WHERE nspname = @schema", connection);
                exists.Parameters.AddWithValue("schema", module.Schema);
                if (exists.ExecuteScalar() is null)
                {
                    using var create = new NpgsqlCommand($"CREATE SCHEMA \"{module.Schema}\"", connection);
                    create.ExecuteNonQuery();
                }
            }

            var scripts = Scripts(module).ToHashSet(StringComparer.Ordinal);
            var upgrader = DeployChanges.To
                .PostgresqlDatabase(connectionString)
                .WithScriptsEmbeddedInAssembly(module.Assembly, scripts.Contains)
                .JournalToPostgresqlTable(module.Schema, JournalTable)
                .WithTransactionPerScript()
                .LogTo(new DbUpLogger(logger))
                .Build();

            var result = upgrader.PerformUpgrade();
            if (!result.Successful)
            {
                throw new InvalidOperationException(
                    $"Migration of schema '{module.Schema}' failed " +
                    $"at {result.ErrorScript?.Name}: {result.Error.Message}", result.Error);
            }
        }
        return pending.Count;
    }

    /// <summary>The modules with an embedded script that their journal lacks (all those without a journal).</summary>
    private static List<ModuleMigrations> PendingModules(string connectionString,
        IReadOnlyList<ModuleMigrations> modules)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        var journaled = new HashSet<string>(StringComparer.Ordinal);
        using (var find = new NpgsqlCommand("""
            SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relname = @journal AND c.relkind = 'r' AND n.nspname = ANY(@schemas)
            """, connection))
        {
            find.Parameters.AddWithValue("journal", JournalTable);
            find.Parameters.AddWithValue("schemas", modules.Select(m => m.Schema).ToArray());
            using var reader = find.ExecuteReader();
            while (reader.Read()) journaled.Add(reader.GetString(0));
        }
        var done = new HashSet<string>(StringComparer.Ordinal);
        var withJournal = modules.Where(m => journaled.Contains(m.Schema)).ToList();
        if (withJournal.Count > 0)
        {
            using var read = new NpgsqlCommand(string.Join(" UNION ALL ", withJournal.Select(m =>
                $"SELECT scriptname FROM \"{m.Schema}\".\"{JournalTable}\"")), connection);
            using var reader = read.ExecuteReader();
            while (reader.Read()) done.Add(reader.GetString(0));
        }
        return modules.Where(m => !journaled.Contains(m.Schema) || Scripts(m).Any(s => !done.Contains(s))).ToList();
    }

    /// <summary>The names of a module's embedded scripts, as DbUp journals them.</summary>
    private static IEnumerable<string> Scripts(ModuleMigrations module) =>
        module.Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith($"migrations.{module.Schema}.", StringComparison.Ordinal));

    private sealed class DbUpLogger(ILogger logger) : IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) => logger.LogTrace(format, args);
        public void LogDebug(string format, params object[] args) => logger.LogDebug(format, args);
        public void LogInformation(string format, params object[] args) => logger.LogDebug(format, args);
        public void LogWarning(string format, params object[] args) => logger.LogWarning(format, args);
        public void LogError(string format, params object[] args) => logger.LogError(format, args);
        public void LogError(Exception ex, string format, params object[] args) => logger.LogError(ex, format, args);
    }
}
