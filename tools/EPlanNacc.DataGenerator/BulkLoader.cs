using Dapper;
using Npgsql;

namespace EPlanNacc.DataGenerator;

/// <summary>Writes a <see cref="NationalPlan"/> into a migrated database as a restore would, in ONE transaction (a run
/// that fails or is killed leaves the database as it was: run it again): empties the module tables (not the reference
/// data, the round calendar nor the migration journals), sets aside the keys and indexes of the tables it fills,
/// copies every table through PostgreSQL's binary COPY, builds the keys and indexes again (one sorted build each,
/// then each foreign key checked by one join), moves the projects' entry number sequence past the rows, and writes
/// the marker <see cref="MarkerTable"/>. ANALYZE follows the commit
/// (docs/adr/0029-national-data-generator.md).</summary>
internal sealed class BulkLoader(NpgsqlConnection connection, Progress progress)
{
    /// <summary>What a database holds, for scripts/bench: one row, written by this generator only.</summary>
    public const string MarkerTable = "public.generated_data";

    /// <summary>The module tables whose rows are reference data (loaded at start-up) or the migrations' own, and the
    /// Data Protection keys (docs/adr/0033-several-instances.md): a running instance keeps its keys in memory, and
    /// another would make new ones and refuse the first one's cookies.</summary>
    private static readonly string[] Kept =
    [
        "local_authority_profile.provinces", "local_authority_profile.districts", "local_authority_profile.lao_types",
        "local_authority_profile.registry_laos", "projects.plan_periods", "projects.dimension_nodes",
        "projects.rounds", "identity.data_protection_keys",
    ];

    private static readonly string[] Schemas = ["identity", "local_authority_profile", "projects", "evaluation",
        "reporting"];

    /// <summary>Emptied by DELETE, not TRUNCATE (a trigger on it, the integration tests' record of the accounts they
    /// touch, sees it), so copied without FREEZE and vacuumed after the commit.</summary>
    public const string UsersTable = "identity.users";

    public Dictionary<string, long> Counts { get; } = [];

    /// <summary>The module tables (but the accounts the host provisions at start-up) that hold rows.</summary>
    public static async Task<IReadOnlyList<string>> TablesWithDataAsync(NpgsqlConnection connection)
    {
        var tables = (await DataTablesAsync(connection)).Where(t => t != UsersTable).ToList();
        var marker = await connection.ExecuteScalarAsync<bool>($"SELECT to_regclass('{MarkerTable}') IS NOT NULL");
        if (marker) tables.Add(MarkerTable);
        var sql = string.Join("\nUNION ALL ", tables.Select(t => $"SELECT '{t}' WHERE EXISTS (SELECT 1 FROM {t})"));
        return (await connection.QueryAsync<string>(sql)).ToList();
    }

    private static async Task<List<string>> DataTablesAsync(NpgsqlConnection connection) =>
        (await connection.QueryAsync<string>("""
            SELECT table_schema || '.' || table_name FROM information_schema.tables
            WHERE table_type = 'BASE TABLE' AND table_schema = ANY(@Schemas) AND table_name <> 'schema_versions'
              AND NOT (table_schema || '.' || table_name = ANY(@Kept))
            ORDER BY 1
            """, new { Schemas, Kept })).ToList();

    public async Task LoadAsync(NationalPlan plan, GeneratorOptions options)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        await Execute("SET LOCAL maintenance_work_mem = '512MB'; SET LOCAL synchronous_commit = off");
        progress.Step("emptying the module tables");
        var tables = (await DataTablesAsync(connection)).Where(t => t != UsersTable);
        await Execute($"TRUNCATE {string.Join(", ", tables)}; DELETE FROM {UsersTable};");

        var filled = TableWriters.All.Select(t => t.Table).ToArray();
        var keys = await SetAsideKeysAsync(filled);
        // the triggers that keep the round counts (docs/adr/0034-round-counts-kept-as-they-change.md) would recount
        // every LAO after each COPY, without indexes: off for the load, and the counts made once after it (only
        // these: a trigger of the tests' fixture on identity.users must see the accounts replaced)
        await Execute(string.Concat(RoundCountTables.Select(t => $"ALTER TABLE {t} DISABLE TRIGGER USER;")));
        foreach (var writer in TableWriters.All)
        {
            var rows = writer.Count(plan);
            progress.Begin(writer.Table, rows);
            // FREEZE (the table was emptied in this transaction): the rows are written frozen and their pages marked
            // all-visible, so the first reads set no hint bits and index-only scans need no VACUUM first
            var freeze = writer.Table == UsersTable ? "" : ", FREEZE";
            await using (var importer = await connection.BeginBinaryImportAsync(
                             $"COPY {writer.Table} ({writer.Columns}) FROM STDIN (FORMAT BINARY{freeze})"))
            {
                importer.Timeout = TimeSpan.Zero;
                writer.Write(importer, plan, progress);
                Counts[writer.Table] = (long)await importer.CompleteAsync();
            }
            progress.End();
        }
        foreach (var (what, sql) in keys)
        {
            progress.Step(what);
            await Execute(sql);
        }
        progress.Step("round counts");
        await Execute("""
            SELECT projects.recount_lao_rounds(array_agg(fiscal_year), array_agg(dla_code))
            FROM (SELECT DISTINCT fiscal_year, dla_code FROM projects.projects) pairs
            """);
        await Execute(string.Concat(RoundCountTables.Select(t => $"ALTER TABLE {t} ENABLE TRIGGER USER;")));
        await Execute("""
            SELECT setval(pg_get_serial_sequence('projects.projects', 'entry_no'), coalesce(max(entry_no), 0) + 1,
                          false)
            FROM projects.projects
            """);
        await WriteMarkerAsync(options);
        progress.Step("commit");
        await transaction.CommitAsync();
    }

    /// <summary>Drops the keys and indexes of <paramref name="tables"/> (and the foreign keys that point at them)
    /// and returns the statements that make them again, in order: primary and unique keys, the other indexes, then
    /// the foreign keys. CHECK constraints stay: every row is checked as it is copied.</summary>
    private async Task<List<(string What, string Sql)>> SetAsideKeysAsync(string[] tables)
    {
        var foreign = (await connection.QueryAsync<(string Table, string Name, string Definition)>("""
            SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c
            WHERE c.contype = 'f' AND (c.conrelid::regclass::text = ANY(@tables)
                                       OR c.confrelid::regclass::text = ANY(@tables))
            ORDER BY 1, 2
            """, new { tables })).ToList();
        var unique = (await connection.QueryAsync<(string Table, string Name, string Definition)>("""
            SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c
            WHERE c.contype IN ('p', 'u') AND c.conrelid::regclass::text = ANY(@tables)
            ORDER BY 1, 2
            """, new { tables })).ToList();
        var indexes = (await connection.QueryAsync<(string Table, string Name, string Definition)>("""
            SELECT i.indrelid::regclass::text, i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
            FROM pg_index i
            WHERE i.indrelid::regclass::text = ANY(@tables)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u'))
            ORDER BY 1, 2
            """, new { tables })).ToList();
        var drop = foreign.Select(f => $"ALTER TABLE {f.Table} DROP CONSTRAINT {Quote(f.Name)};")
            .Concat(unique.Select(u => $"ALTER TABLE {u.Table} DROP CONSTRAINT {Quote(u.Name)};"))
            .Concat(indexes.Select(i => $"DROP INDEX {i.Name};"));
        await Execute(string.Join('\n', drop));
        return
        [
            .. unique.Select(u => ($"key {u.Name}",
                $"ALTER TABLE {u.Table} ADD CONSTRAINT {Quote(u.Name)} {u.Definition}")),
            .. indexes.Select(i => ($"index {i.Name}", i.Definition)),
            .. foreign.Select(f => ($"foreign key {f.Name}",
                $"ALTER TABLE {f.Table} ADD CONSTRAINT {Quote(f.Name)} {f.Definition}")),
        ];
    }

    private async Task WriteMarkerAsync(GeneratorOptions options)
    {
        await Execute($"""
            CREATE TABLE IF NOT EXISTS {MarkerTable} (
                seed             integer     NOT NULL,
                laos             integer     NOT NULL,
                years            integer[]   NOT NULL,
                projects_per_lao integer     NOT NULL,
                generated_at     timestamptz NOT NULL,
                row_counts       jsonb       NOT NULL
            );
            COMMENT ON TABLE {MarkerTable} IS
                'Written by tools/EPlanNacc.DataGenerator (scripts/generate) only: the seed and size of the data';
            DELETE FROM {MarkerTable};
            """);
        await connection.ExecuteAsync($"""
            INSERT INTO {MarkerTable} (seed, laos, years, projects_per_lao, generated_at, row_counts)
            VALUES (@Seed, @Laos, @Years, @ProjectsPerLao, now(), @Counts::jsonb)
            """,
            new
            {
                options.Seed, Laos = (int)Counts["local_authority_profile.profiles"], Years = options.Years.ToArray(),
                options.ProjectsPerLao, Counts = System.Text.Json.JsonSerializer.Serialize(Counts),
            });
    }

    private static readonly string[] RoundCountTables = ["projects.projects", "projects.round_reports"];

    private async Task Execute(string sql)
    {
        if (sql.Length == 0) return;
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
