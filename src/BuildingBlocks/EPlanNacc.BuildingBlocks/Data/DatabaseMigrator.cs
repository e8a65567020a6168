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
    /// with a DbUp journal in each module's own schema.</summary>
    public static void Migrate(string connectionString, IEnumerable<ModuleMigrations> modules, ILogger logger)
    {
        foreach (var module in modules)
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

            var prefix = $"migrations.{module.Schema}.";
            var upgrader = DeployChanges.To
                .PostgresqlDatabase(connectionString)
                .WithScriptsEmbeddedInAssembly(module.Assembly, name =>
                    name.StartsWith(prefix, StringComparison.Ordinal))
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
    }

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
