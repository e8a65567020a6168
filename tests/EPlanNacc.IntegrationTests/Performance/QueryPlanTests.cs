using System.Text.Json;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.Identity.Features.Emails;
using EPlanNacc.TestSupport;
using Npgsql;
using Xunit.Abstractions;

namespace EPlanNacc.IntegrationTests.Performance;

/// <summary>The plans of the statements the main pages, API reads and the outbox's drain run
/// (docs/adr/0031-a-guard-against-regressions.md): captured with their parameters as the requests ran them
/// (<see cref="StatementRecorder"/>), explained on the small data with <c>enable_seqscan = off</c> (and no merge or
/// hash join, on statistics of the world just made), so that the planner takes an index whenever one fits. A table
/// that grows with the LAOs and the years read whole (a Seq Scan, or an
/// index read from end to end without a condition, outside a LIMIT) means an index is missing or no longer fits: the
/// test names the step, the statement and the index expected.</summary>
[Trait(AnyDay.Trait, AnyDay.Value)]
public sealed class QueryPlanTests(AppFixture app, ITestOutputHelper output) : IntegrationTest(app)
{
    /// <summary>The tables that grow with the LAOs, the years or the days, and the index a read of them is expected
    /// to take.</summary>
    private static readonly Dictionary<string, string> BigTables = new()
    {
        ["projects.projects"] = "projects_year_lao_tally_idx (fiscal_year, dla_code), or its primary key by id",
        ["projects.lao_round_counts"] = "its primary key (fiscal_year, round, dla_code)",
        ["projects.round_reports"] = "its primary key (project_id, round)",
        ["projects.project_changes"] = "its unique key (project_id, version)",
        ["projects.round_extensions"] = "its primary key (fiscal_year, round, dla_code)",
        ["projects.round_changes"] = "round_changes_year_idx or round_changes_lao_idx",
        ["evaluation.implementation_scores"] = "its primary key (dla_code, fiscal_year, ...) or " +
                                              "implementation_scores_year_idx (fiscal_year, round, dimension_code)",
        ["evaluation.assessments"] = "its primary key (dla_code, fiscal_year, assessor)",
        ["evaluation.assessment_scores"] = "its primary key (dla_code, fiscal_year, assessor, dimension_code)",
        ["evaluation.assessment_changes"] = "assessment_changes_idx (dla_code, fiscal_year, changed_at)",
        ["identity.audit_log"] =
            "audit_log_dla_code_idx, audit_log_at_idx, audit_log_actor_idx or audit_log_action_idx",
        ["identity.sessions"] = "its primary key (id) or sessions_user_idx",
        ["identity.outbound_emails"] = "outbound_emails_pending_idx (unsent, by created_at)",
        ["identity.account_events"] = "account_events_user_idx or account_events_kind_idx",
        ["local_authority_profile.profile_changes"] = "profile_changes_lao_idx (dla_code, changed_at)",
        ["reporting.reminder_log"] = "reminder_log_round_idx or its unique keys",
        ["reporting.report_batch_items"] = "its primary key (batch_id, seq)",
    };

    /// <summary>The key queries of issue 10 §4: the step that runs each (null: any step), the table it must read
    /// through an index. Each must be found among the captured statements, so that the guard cannot silently lose
    /// one.</summary>
    private static readonly (string Query, string? Step, string Table)[] KeyQueries =
    [
        ("an LAO's project list", "lao api /api/v1/projects", "projects.projects"),
        ("the round reports of a project", "lao /projects/{id}/rounds/6", "projects.round_reports"),
        ("the screening queue of a province", "province /staff/screening", "projects.projects"),
        ("the completeness of a province", "province api /api/v1/admin/completeness", "projects.lao_round_counts"),
        ("the completeness of the nation", "admin api /api/v1/admin/completeness", "projects.lao_round_counts"),
        ("the round figures of a province's LAOs", "province api /api/v1/reports/province",
            "projects.lao_round_counts"),
        ("the scores of a fiscal year", "lao api /api/v1/evaluation", "evaluation.implementation_scores"),
        ("the audit log by LAO", "admin api /api/v1/admin/audit (an LAO)", "identity.audit_log"),
        ("a session by its token", null, "identity.sessions"),
        ("the outbox's pending emails", "outbox drain", "identity.outbound_emails"),
    ];

    private sealed record Scan(string Table, string Node, string? Index, bool Whole);

    [Fact]
    public async Task The_key_queries_and_every_read_of_a_big_table_take_an_index()
    {
        List<(string Step, IReadOnlyList<StatementRecorder.Statement> Statements)> captured;
        using (App.Statements.Listen())
        {
            using var walk = await PageWalk.BuildAsync(App, projects: 3);
            captured = [.. (await walk.RunAsync()).Select(r => (r.Step.Name, r.Statements))];
            captured.Add(("outbox drain", await App.Statements.RunAsync(() =>
                App.SendAsync<int>(SystemUser.Instance, new SendPendingEmailsCommand()))));
        }

        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        // statistics of this world, not of whatever the tables held when autovacuum last looked (the plans of tiny
        // tables follow them); an index wherever one fits; and no merge or hash join, which on tiny tables the planner
        // likes to feed with a whole primary key read for its order: a join reads its inner side by the join key
        await using (var off = new NpgsqlCommand(
                         $"ANALYZE {string.Join(", ", BigTables.Keys)}; SET LOCAL enable_seqscan = off; " +
                         "SET LOCAL enable_mergejoin = off; SET LOCAL enable_hashjoin = off", connection, transaction))
            await off.ExecuteNonQueryAsync();
        var partial = await PartialIndexesAsync(connection, transaction);

        var plans = new Dictionary<string, IReadOnlyList<Scan>?>();
        var problems = new List<string>();
        var found = new HashSet<string>();
        var explained = 0;
        foreach (var (step, statements) in captured)
        {
            foreach (var statement in statements)
            {
                if (!plans.TryGetValue(statement.Sql, out var scans))
                {
                    scans = await JudgedScansAsync(connection, transaction, statement, partial);
                    plans[statement.Sql] = scans;
                    if (scans is not null) explained++;
                }
                if (scans is null) continue;
                foreach (var key in KeyQueries.Where(k => (k.Step is null || k.Step == step)
                                                          && scans.Any(s => s.Table == k.Table)))
                    found.Add(key.Query);
                foreach (var scan in scans.Where(s => s.Whole && BigTables.ContainsKey(s.Table)))
                {
                    var key = KeyQueries.FirstOrDefault(k =>
                        (k.Step is null || k.Step == step) && k.Table == scan.Table);
                    problems.Add($"{key.Query ?? step}: {scan.Table} is read whole ({scan.Node}" +
                                 (scan.Index is null ? "" : $" on {scan.Index} without a condition") +
                                 $"); expected {BigTables[scan.Table]}.\n" +
                                 $"    step {step}: {PageWalk.Short(statement.Sql)}");
                }
            }
        }
        foreach (var missing in KeyQueries.Select(k => k.Query).Except(found))
            problems.Add($"{missing}: no captured statement reads its table (the walk no longer runs it?)");

        // the guard itself: without the indexes of projects.projects (dropped in this transaction, rolled back), the
        // LAO's project list reads the table whole, and is told
        await transaction.SaveAsync("canary");
        await using (var indexes = new NpgsqlCommand(
                         "SELECT c.relname FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid " +
                         "WHERE x.indrelid = 'projects.projects'::regclass", connection, transaction))
        {
            var names = new List<string>();
            await using (var reader = await indexes.ExecuteReaderAsync())
                while (await reader.ReadAsync()) names.Add(reader.GetString(0));
            foreach (var name in names) await DropIndexAsync(connection, transaction, "projects", name);
        }
        var list = captured.Single(c => c.Step == "lao api /api/v1/projects").Statements;
        var withoutIndexes = new List<Scan>();
        foreach (var statement in list)
            withoutIndexes.AddRange(await ScansAsync(connection, transaction, statement, partial) ?? []);
        Assert.Contains(withoutIndexes, s => s.Table == "projects.projects" && s.Whole);
        await transaction.RollbackAsync("canary");

        output.WriteLine($"{captured.Sum(c => c.Statements.Count)} statements captured, {plans.Count} distinct, " +
                         $"{explained} explained; key queries found: {found.Count} of {KeyQueries.Length}");
        Assert.True(problems.Count == 0, string.Join("\n", problems.Distinct()));
    }

    /// <summary>The scans of the statement's plan, an index read end to end judged by dropping that index (in a
    /// savepoint, rolled back): on tiny tables the planner may read a whole primary key as cheaply as it would use
    /// the index that fits, so such a read is whole only if, without that index, the table is still read
    /// whole.</summary>
    private static async Task<IReadOnlyList<Scan>?> JudgedScansAsync(NpgsqlConnection connection,
        NpgsqlTransaction transaction, StatementRecorder.Statement statement, HashSet<string> partial)
    {
        var scans = await ScansAsync(connection, transaction, statement, partial);
        var suspects = scans?.Where(s => s.Whole && s.Index is not null && BigTables.ContainsKey(s.Table)).ToList();
        if (scans is null || suspects is not { Count: > 0 }) return scans;
        await transaction.SaveAsync("without");
        foreach (var s in suspects.DistinctBy(s => s.Index))
            await DropIndexAsync(connection, transaction, s.Table.Split('.')[0], s.Index!);
        var again = await ScansAsync(connection, transaction, statement, partial) ?? [];
        await transaction.RollbackAsync("without");
        return [.. scans.Select(s => s.Whole && s.Index is not null
            ? s with { Whole = again.Any(a => a.Table == s.Table && a.Whole) }
            : s)];
    }

    /// <summary>Drops an index, or the constraint it backs (with the foreign keys that need it), in the open
    /// transaction.</summary>
    private static async Task DropIndexAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        string schema, string index)
    {
        await using var drop = new NpgsqlCommand("""
            DO $$ DECLARE i regclass := format('%I.%I', @schema, @index)::regclass; c record; BEGIN
              SELECT conrelid::regclass AS t, conname INTO c FROM pg_constraint WHERE conindid = i;
              IF FOUND THEN EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I CASCADE', c.t, c.conname);
              ELSE EXECUTE format('DROP INDEX %s', i); END IF;
            END $$
            """.Replace("@schema", Literal(schema)).Replace("@index", Literal(index)), connection, transaction);
        await drop.ExecuteNonQueryAsync();
    }

    private static string Literal(string value) => "'" + value.Replace("'", "''") + "'";

    /// <summary>The indexes with a WHERE clause: a scan of one without an index condition still reads only the rows
    /// it covers (the outbox's unsent emails).</summary>
    private static async Task<HashSet<string>> PartialIndexesAsync(NpgsqlConnection connection,
        NpgsqlTransaction transaction)
    {
        await using var command = new NpgsqlCommand(
            "SELECT indexname FROM pg_indexes WHERE indexdef LIKE '% WHERE %'", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync();
        var names = new HashSet<string>();
        while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        return names;
    }

    /// <summary>The scans of the statement's plan, or null for what EXPLAIN does not take (a statement that is not
    /// one query: SET, several statements in one command).</summary>
    private static async Task<IReadOnlyList<Scan>?> ScansAsync(NpgsqlConnection connection,
        NpgsqlTransaction transaction, StatementRecorder.Statement statement, HashSet<string> partial)
    {
        var sql = statement.Sql.Trim().TrimEnd(';');
        var first = sql.Split((char[])[' ', '\n', '\r', '\t', '('], 2)[0].ToUpperInvariant();
        if (first is not ("SELECT" or "WITH" or "UPDATE" or "DELETE" or "INSERT") || sql.Contains(';')) return null;
        await using var command = new NpgsqlCommand($"EXPLAIN (FORMAT JSON, VERBOSE) {sql}", connection, transaction);
        foreach (var parameter in statement.Parameters) command.Parameters.Add(parameter.Clone());
        await transaction.SaveAsync("explain");
        string json;
        try
        {
            json = (string)(await command.ExecuteScalarAsync())!;
        }
        catch (PostgresException ex)
        {
            await transaction.RollbackAsync("explain");
            throw new InvalidOperationException($"EXPLAIN failed ({ex.MessageText}): {PageWalk.Short(sql)}", ex);
        }
        using var plan = JsonDocument.Parse(json);
        var scans = new List<Scan>();
        Walk(plan.RootElement[0].GetProperty("Plan"), underLimit: false, partial, scans);
        return scans;
    }

    private static void Walk(JsonElement node, bool underLimit, HashSet<string> partial, List<Scan> scans)
    {
        var type = node.GetProperty("Node Type").GetString()!;
        if (node.TryGetProperty("Relation Name", out var relation) && node.TryGetProperty("Schema", out var schema))
        {
            var index = node.TryGetProperty("Index Name", out var i) ? i.GetString() : null;
            var whole = type switch
            {
                "Seq Scan" => true,
                "Index Scan" or "Index Only Scan" => !node.TryGetProperty("Index Cond", out _) && !underLimit
                                                     && (index is null || !partial.Contains(index)),
                _ => false, // a bitmap heap scan reads what its bitmap index scans (each with a condition) found
            };
            scans.Add(new Scan($"{schema.GetString()}.{relation.GetString()}", type, index, whole));
        }
        if (!node.TryGetProperty("Plans", out var children)) return;
        foreach (var child in children.EnumerateArray()) Walk(child, underLimit || type == "Limit", partial, scans);
    }

}
