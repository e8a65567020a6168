using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EPlanNacc.Modules.Reporting.Features.Reports;
using EPlanNacc.Modules.Reporting.Rendering;
using Npgsql;

namespace EPlanNacc.Benchmarks.Bench;

/// <summary>
/// <c>scripts/bench</c>'s measurements (docs/adr/0030-one-benchmark-command.md), against a host scripts/bench
/// started in the Production configuration on the generated data: B1 round-report saves through the API next to
/// pgbench's single upsert, B2 the fiscal year's recalculation as a Hangfire job next to one bare aggregate, B3 pages
/// next to a static file, B4 PDFs next to bare Chromium, B5 the host's peak memory and its start. Prints the figures
/// and writes bench/results.md, which ends with the table of the targets.
/// </summary>
internal static class BenchCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(string[] args)
    {
        var o = BenchOptions.Parse(args);
        var report = new BenchReport(o);
        using var http = new BenchHttp(o.Url, o.Certificate);
        await using var db = new NpgsqlConnection(o.OwnerConnectionString);
        await db.OpenAsync();
        report.Data = await DataSizeAsync(db, o);
        Console.WriteLine($"[bench] {report.Data}");

        var adminToken = await http.TokenAsync("admin", o.Password);
        await OpenRoundAsync(http, adminToken, o);

        if (o.Runs("B3")) await B3Async(http, db, o, report);
        if (o.Runs("B1")) await B1Async(http, db, o, report);
        if (o.Runs("B2")) await B2Async(db, o, report);
        if (o.Runs("B4")) await B4Async(http, db, adminToken, o, report);
        report.PeakRssMb = HostMemoryMb(o.HostPid, "VmHWM");

        var text = report.Write();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(o.Output))!);
        await File.WriteAllTextAsync(o.Output, text);
        Console.WriteLine();
        Console.WriteLine(report.TargetTable());
        Console.WriteLine($"[bench] written to {o.Output}");
        return 0;
    }

    // ---------------------------------------------------------------------------------------------------------- data

    private static async Task<string> DataSizeAsync(NpgsqlConnection db, BenchOptions o)
    {
        await using var command = new NpgsqlCommand("""
            SELECT (SELECT count(*) FROM local_authority_profile.registry_laos),
                   (SELECT count(*) FROM projects.projects),
                   (SELECT count(*) FROM projects.projects WHERE fiscal_year = @year),
                   (SELECT count(*) FROM projects.round_reports),
                   (SELECT count(*) FROM identity.users)
            """, db);
        command.Parameters.AddWithValue("year", o.FiscalYear);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var label = o.DataLabel.Length > 0 ? $" ({o.DataLabel})" : "";
        return $"{reader.GetInt64(0):N0} LAOs, {reader.GetInt64(1):N0} projects ({reader.GetInt64(2):N0} of fiscal " +
               $"year {o.FiscalYear}), {reader.GetInt64(3):N0} round reports, {reader.GetInt64(4):N0} accounts{label}";
    }

    private static async Task<List<string>> CodesAsync(NpgsqlConnection db, string sql, object? province = null)
    {
        await using var command = new NpgsqlCommand(sql, db);
        if (province is not null) command.Parameters.AddWithValue("province", province);
        var codes = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) codes.Add(reader.GetString(0));
        return codes;
    }

    /// <summary>The round measured is open today (the deadline surge): its dates are set through the admin API when
    /// they do not already cover today (Production runs on the real clock).</summary>
    private static async Task OpenRoundAsync(BenchHttp http, string adminToken, BenchOptions o)
    {
        using var rounds = await http.JsonAsync(
            BenchHttp.Get($"/api/v1/admin/rounds?fiscalYear={o.FiscalYear}", adminToken));
        var round = rounds.RootElement.EnumerateArray().First(r => r.GetProperty("round").GetInt32() == o.Round);
        var today = BenchOptions.Today();
        var opens = DateOnly.Parse(round.GetProperty("opensOn").GetString()!, Inv);
        var deadline = DateOnly.Parse(round.GetProperty("deadline").GetString()!, Inv);
        if (opens <= today && today <= deadline) return;
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/admin/rounds/{o.FiscalYear}/{o.Round}")
        {
            Content = JsonContent.Create(new
            {
                opensOn = today.AddDays(-30).ToString("yyyy-MM-dd", Inv),
                deadline = today.AddDays(3).ToString("yyyy-MM-dd", Inv),
                version = round.GetProperty("version").GetInt32(),
            }, options: BenchHttp.Json),
        };
        put.Headers.Authorization = new("Bearer", adminToken);
        using var _ = await http.JsonAsync(put);
        Console.WriteLine($"[bench] round {o.Round} of {o.FiscalYear} opened until {today.AddDays(3):yyyy-MM-dd}");
    }

    // ------------------------------------------------------------------------------------------------------------ B1

    private sealed class Target(string token, Guid id, int version, JsonElement? existing, decimal budget)
    {
        public string Token { get; } = token;
        public Guid Id { get; } = id;
        public int Version { get; set; } = version;
        public int Saves { get; set; }
        private readonly decimal _ordinance = existing is { } e ? e.GetProperty("ordinanceBudget").GetDecimal()
            : Math.Max(budget, 1000m);
        private readonly string _status = existing?.GetProperty("status").GetString() ?? "in_progress";
        private readonly JsonElement? _existing = existing;

        /// <summary>The round report with its amount spent changed (0 or 1 baht, in turn), all else as it
        /// was.</summary>
        public object Body() => new
        {
            ordinanceBudget = _ordinance, budgetSpent = Saves % 2 == 0 ? 1m : 0m,
            inLocalOrdinance = _existing?.GetProperty("inLocalOrdinance").GetBoolean() ?? true,
            status = _status,
            notPossibleReason = Text("notPossibleReason"), notPossibleReasonOther = Text("notPossibleReasonOther"),
            remarks = Text("remarks"), version = Version,
        };

        private string? Text(string name) =>
            _existing is { } e && e.GetProperty(name) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;
    }

    private static async Task B1Async(BenchHttp http, NpgsqlConnection db, BenchOptions o, BenchReport report)
    {
        var all = await CodesAsync(db, """
            SELECT r.dla_code FROM local_authority_profile.registry_laos r
            WHERE EXISTS (SELECT 1 FROM identity.users a WHERE a.dla_code = r.dla_code)
            ORDER BY r.dla_code
            """);
        var step = Math.Max(1, all.Count / o.B1Laos);
        var laos = all.Where((_, i) => i % step == 0).Take(o.B1Laos).ToList();
        Console.WriteLine($"[bench] B1: signing in {laos.Count} LAOs and reading their projects");
        var perLao = new List<Target>[laos.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, laos.Count), new ParallelOptions { MaxDegreeOfParallelism = 4 },
            async (i, _) =>
            {
                var token = await http.TokenAsync(laos[i], o.Password);
                using var projects = await http.JsonAsync(
                    BenchHttp.Get($"/api/v1/projects?fiscalYear={o.FiscalYear}", token));
                perLao[i] = projects.RootElement.EnumerateArray()
                    .Where(p => p.GetProperty("conformity").GetString() != "non_conforming")
                    .Select(p => (p, existing: p.GetProperty("rounds").GetProperty($"{o.Round}")))
                    .Where(x => x.existing.ValueKind != JsonValueKind.Object
                                || x.existing.GetProperty("ordinanceBudget").GetDecimal() >= 1)
                    .Take(5)
                    .Select(x => new Target(token, x.p.GetProperty("id").GetGuid(),
                        x.p.GetProperty("version").GetInt32(),
                        x.existing.ValueKind == JsonValueKind.Object ? x.existing.Clone() : null,
                        x.p.GetProperty("budget").GetDecimal()))
                    .ToList();
            });
        var targets = perLao.Where(t => t.Count > 0).ToList();
        Console.WriteLine($"[bench] B1: {targets.Sum(t => t.Count)} projects of {targets.Count} LAOs");
        await WriteTargetsAsync(db, targets.SelectMany(t => t).Select(t => t.Id).ToList());

        foreach (var clients in o.B1Clients)
        {
            report.B1.Add(await SavesAsync(http, targets, clients, o, "one instance"));
            report.B1Baseline.Add(await PgbenchAsync(db, o, clients, targets.Sum(t => t.Count)));
        }
        if (o.SecondUrl is { } second)
        {
            using var proxy = new BenchHttp(second, o.Certificate);
            foreach (var clients in o.B1Clients)
                report.B1TwoInstances.Add(await SavesAsync(proxy, targets, clients, o, "two instances"));
        }
        // last, since it moves the projects' versions (the API's clients would meet 409 first)
        var replay = o.B1Clients.Contains(64) ? 64 : o.B1Clients.Max();
        report.B1SaveSql.Add(await SaveSqlAsync(db, o, replay, targets.Sum(t => t.Count)));
    }

    private static async Task<LoadResult> SavesAsync(BenchHttp http, List<List<Target>> laos, int clients,
        BenchOptions o, string label)
    {
        // worker w saves the projects w, w + clients, ... (LAO by LAO): no two workers touch one project
        var all = laos.SelectMany(l => l).ToArray();
        if (all.Length < clients)
            throw new InvalidOperationException($"{all.Length} projects cannot keep {clients} clients apart");
        var mine = Enumerable.Range(0, clients)
            .Select(w => all.Where((_, i) => i % clients == w).ToArray()).ToArray();
        var next = new int[clients];
        var result = await Load.RunAsync($"B1 saves, {label}", clients, TimeSpan.FromSeconds(o.WarmUpSeconds),
            TimeSpan.FromSeconds(o.DurationSeconds), async (worker, ct) =>
            {
                var own = mine[worker];
                var target = own[next[worker]++ % own.Length];
                var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/projects/{target.Id}/rounds/{o.Round}")
                {
                    Content = JsonContent.Create(target.Body(), options: BenchHttp.Json),
                };
                put.Headers.Authorization = new("Bearer", target.Token);
                using var answer = await http.Client.SendAsync(put, ct);
                if (answer.IsSuccessStatusCode)
                {
                    await using var stream = await answer.Content.ReadAsStreamAsync(ct);
                    using var body = await JsonDocument.ParseAsync(stream, cancellationToken: ct);
                    target.Version = body.RootElement.GetProperty("version").GetInt32();
                    target.Saves++;
                }
                else if ((int)answer.StatusCode == 409)
                {
                    using var fresh = await http.JsonAsync(
                        BenchHttp.Get($"/api/v1/projects/{target.Id}", target.Token));
                    target.Version = fresh.RootElement.GetProperty("version").GetInt32();
                }
                return (int)answer.StatusCode;
            });
        Console.WriteLine($"[bench] {result.Name} at {clients}: {result.PerSecond:0.0}/s, p50 {result.P50:0.0} ms, " +
                          $"p95 {result.P95:0.0} ms, p99 {result.P99:0.0} ms ({result.StatusText})");
        return result;
    }

    /// <summary>The projects B1 saves, numbered for pgbench's script (owner's table, outside the modules'
    /// schemas).</summary>
    private static async Task WriteTargetsAsync(NpgsqlConnection db, List<Guid> ids)
    {
        await using (var create = new NpgsqlCommand("""
            CREATE TABLE IF NOT EXISTS public.bench_b1_targets (n int PRIMARY KEY, project_id uuid NOT NULL);
            TRUNCATE public.bench_b1_targets;
            """, db))
            await create.ExecuteNonQueryAsync();
        await using var import = await db.BeginBinaryImportAsync(
            "COPY public.bench_b1_targets (n, project_id) FROM STDIN (FORMAT BINARY)");
        for (var i = 0; i < ids.Count; i++)
        {
            await import.StartRowAsync();
            await import.WriteAsync(i + 1);
            await import.WriteAsync(ids[i]);
        }
        await import.CompleteAsync();
    }

    /// <summary>B1's baseline: pgbench running the single upsert a save ends in (the round report's row), on random
    /// projects of the same set, at the same number of clients (at most what max_connections leaves free).</summary>
    private static Task<LoadResult> PgbenchAsync(NpgsqlConnection db, BenchOptions o, int clients, int count) =>
        PgbenchAsync(db, o, clients, "pgbench upsert", prepared: false, $"""
            \set n random(1, {count})
            \set spent random(0, 1)
            INSERT INTO projects.round_reports (project_id, round, ordinance_budget, budget_spent, in_local_ordinance,
                status, first_reported_at, reported_at, reported_by)
            SELECT project_id, {o.Round}, 100000, :spent, true, 'in_progress', now(), now(), 'pgbench'
            FROM public.bench_b1_targets WHERE n = :n
            ON CONFLICT (project_id, round) DO UPDATE SET budget_spent = excluded.budget_spent,
                reported_at = excluded.reported_at, reported_by = excluded.reported_by;

            """);

    /// <summary>Where B1's time goes (docs/adr/0042-a-save-recounts-one-round.md): pgbench sending the statements a
    /// save through the API sends, as the API sends them (prepared, in its transaction), with no host around them: the
    /// project's owner and its LAO (the authorization), the project locked, the round's calendar, the report with the
    /// new version and the history, the pending recalculation, the commit and the answer's read. What the database
    /// alone allows a save, next to its single upsert: the host can only add to it. The first statement finds a
    /// project of B1's set and its LAO (one more round trip than the API's).</summary>
    private static Task<LoadResult> SaveSqlAsync(NpgsqlConnection db, BenchOptions o, int clients, int count) =>
        PgbenchAsync(db, o, clients, "the save's SQL alone", prepared: true, $$"""
            \set n random(1, {{count}})
            \set spent random(0, 1)
            SELECT t.project_id AS id, p.dla_code AS code, p.fiscal_year AS year
            FROM public.bench_b1_targets t JOIN projects.projects p ON p.id = t.project_id WHERE t.n = :n \gset
            SELECT id, dla_code FROM projects.projects WHERE id = ANY(ARRAY[:id]::uuid[]);
            SELECT r.dla_code, coalesce(pr.name, r.name_th) AS name_th, r.province_code, p.name_th AS province_name_th,
                r.district_code, d.name_th AS district_name_th, (pr.dla_code IS NOT NULL) AS profile_completed
            FROM local_authority_profile.registry_laos r
            LEFT JOIN local_authority_profile.profiles pr ON pr.dla_code = r.dla_code
            JOIN local_authority_profile.provinces p ON p.code = r.province_code
            JOIN local_authority_profile.districts d ON d.code = r.district_code WHERE r.dla_code = :code;
            BEGIN;
            SELECT p.*, r6.status, r6.budget_spent, r6.remarks, r12.status, r12.budget_spent, r12.remarks
            FROM projects.projects p
            LEFT JOIN projects.round_reports r6 ON r6.project_id = p.id AND r6.round = 6
            LEFT JOIN projects.round_reports r12 ON r12.project_id = p.id AND r12.round = 12
            WHERE p.id = :id AND p.deleted_at IS NULL FOR UPDATE OF p;
            SELECT round, opens_on, deadline FROM projects.rounds WHERE fiscal_year = :year;
            SELECT round, dla_code, until, reason, granted_at, granted_by FROM projects.round_extensions
            WHERE fiscal_year = :year AND (false OR dla_code = ANY(ARRAY[:code])) ORDER BY round, dla_code;
            WITH saved AS (
                INSERT INTO projects.round_reports (project_id, round, ordinance_budget, budget_spent,
                    in_local_ordinance, status, first_reported_at, reported_at, reported_by)
                VALUES (:id, {{o.Round}}, 100000, :spent, true, 'in_progress', now(), now(), :code)
                ON CONFLICT (project_id, round) DO UPDATE SET budget_spent = excluded.budget_spent,
                    reported_at = excluded.reported_at, reported_by = excluded.reported_by
                RETURNING project_id),
            bumped AS (
                UPDATE projects.projects SET version = version + 1 WHERE id = (SELECT project_id FROM saved)
                RETURNING id, version)
            INSERT INTO projects.project_changes
                (id, project_id, version, kind, round, changed_at, changed_by, ip_address, changes, reason)
            SELECT gen_random_uuid(), b.id, b.version, 'reported', {{o.Round}}, now(), :code, '127.0.0.1',
                jsonb_build_array(jsonb_build_object('Field', 'rounds.{{o.Round}}.budgetSpent', 'Label', 'การเบิกจ่าย',
                    'Old', (1 - :spent)::text, 'New', (:spent)::text)), NULL
            FROM bumped b;
            INSERT INTO evaluation.pending_recalculations (dla_code, fiscal_year, requested_at)
            VALUES (:code, :year, now())
            ON CONFLICT (dla_code, fiscal_year) DO UPDATE SET requested_at = excluded.requested_at,
                version = evaluation.pending_recalculations.version + 1;
            COMMIT;
            SELECT p.*, r6.status, r6.budget_spent, r6.remarks, r12.status, r12.budget_spent, r12.remarks
            FROM projects.projects p
            LEFT JOIN projects.round_reports r6 ON r6.project_id = p.id AND r6.round = 6
            LEFT JOIN projects.round_reports r12 ON r12.project_id = p.id AND r12.round = 12
            WHERE p.id = :id;

            """);

    private static async Task<LoadResult> PgbenchAsync(NpgsqlConnection db, BenchOptions o, int clients,
        string name, bool prepared, string body)
    {
        var builder = new NpgsqlConnectionStringBuilder(o.OwnerConnectionString);
        await using var free = new NpgsqlCommand(
            "SELECT current_setting('max_connections')::int - (SELECT count(*) FROM pg_stat_activity)", db);
        var connections = Math.Min(clients, Math.Max(8, Convert.ToInt32(await free.ExecuteScalarAsync(), Inv) - 16));
        var folder = Directory.CreateTempSubdirectory("eplannacc-pgbench-");
        var script = Path.Combine(folder.FullName, "save.sql");
        await File.WriteAllTextAsync(script, body);
        async Task<int> Pgbench(double seconds, bool log)
        {
            var start = new ProcessStartInfo("pgbench")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder.FullName,
            };
            foreach (var a in new[]
                     {
                         "-h", builder.Host!, "-p", builder.Port.ToString(Inv), "-U", builder.Username!, "-n",
                         "-c", connections.ToString(Inv), "-j", "2",
                         "-T", Math.Ceiling(seconds).ToString(Inv), "-f", script,
                     })
                start.ArgumentList.Add(a);
            if (log) start.ArgumentList.Add("-l");
            if (prepared) start.ArgumentList.Add("--protocol=prepared");
            start.ArgumentList.Add(builder.Database!);
            start.Environment["PGPASSWORD"] = builder.Password;
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0) Console.WriteLine($"[bench] pgbench: {await output} {await errors}");
            return process.ExitCode;
        }
        await Pgbench(o.WarmUpSeconds, log: false);
        var code = await Pgbench(o.DurationSeconds, log: true);
        // the log: one line per transaction, "client_id transaction_no time script_no time_epoch time_us"
        var latencies = new List<double>();
        foreach (var file in Directory.EnumerateFiles(folder.FullName, "pgbench_log.*"))
            foreach (var line in await File.ReadAllLinesAsync(file))
            {
                var fields = line.Split(' ');
                if (fields.Length >= 3) latencies.Add(double.Parse(fields[2], Inv) / 1000.0);
            }
        folder.Delete(recursive: true);
        var statuses = new Dictionary<int, int> { [200] = latencies.Count };
        if (code != 0) statuses[0] = 1;
        var result = LoadResult.Of($"{name} ({connections} connections)", clients,
            Math.Ceiling(o.DurationSeconds), latencies, statuses);
        Console.WriteLine($"[bench] {result.Name} at {clients}: {result.PerSecond:0.0}/s, p50 {result.P50:0.00} ms, " +
                          $"p95 {result.P95:0.00} ms, p99 {result.P99:0.00} ms");
        return result;
    }

    // ------------------------------------------------------------------------------------------------------------ B2

    /// <summary>B2: the recalculation of one fiscal year for every LAO, the command the nightly job sends for each
    /// open year, run by the host's Hangfire worker (its own run time, without the queue's wait); against one bare
    /// SQL aggregate of the same rows (per LAO, round and dimension). Median of three each.</summary>
    private static async Task B2Async(NpgsqlConnection db, BenchOptions o, BenchReport report)
    {
        await WaitForPendingRecalculationsAsync(db);
        using var jobs = new HostJobs(o.OwnerConnectionString);
        for (var run = 0; run < 3; run++)
        {
            var ms = await jobs.RecalculateFiscalYearAsync(o.FiscalYear);
            report.B2.Add(ms);
            Console.WriteLine($"[bench] B2 recalculation of {o.FiscalYear} (Hangfire job): {ms:N0} ms");
        }
        for (var run = 0; run < 3; run++)
        {
            var watch = Stopwatch.StartNew();
            await using var command = new NpgsqlCommand("""
                SELECT p.dla_code, r.round, p.dimension_code, count(*) AS projects, sum(p.budget) AS budget,
                       count(*) FILTER (WHERE r.status = 'completed') AS completed,
                       count(*) FILTER (WHERE r.status = 'in_progress') AS in_progress,
                       count(*) FILTER (WHERE r.status = 'not_possible') AS not_possible
                FROM projects.projects p LEFT JOIN projects.round_reports r ON r.project_id = p.id
                WHERE p.fiscal_year = @year
                GROUP BY p.dla_code, r.round, p.dimension_code
                """, db);
            command.Parameters.AddWithValue("year", o.FiscalYear);
            command.CommandTimeout = 600;
            var rows = 0;
            await using (var reader = await command.ExecuteReaderAsync())
                while (await reader.ReadAsync()) rows++;
            report.B2Baseline.Add(watch.Elapsed.TotalMilliseconds);
            Console.WriteLine($"[bench] B2 bare aggregate: {watch.ElapsedMilliseconds:N0} ms ({rows:N0} rows)");
        }
    }

    /// <summary>B1's saves queue recalculations: B2 starts once they are done (they take the same lock).</summary>
    private static async Task WaitForPendingRecalculationsAsync(NpgsqlConnection db)
    {
        await using var command = new NpgsqlCommand("SELECT count(*) FROM evaluation.pending_recalculations", db);
        for (var waited = 0; waited < 120 && (long)(await command.ExecuteScalarAsync())! > 0; waited++)
            await Task.Delay(1000);
    }

    // ------------------------------------------------------------------------------------------------------------ B3

    private static async Task B3Async(BenchHttp http, NpgsqlConnection db, BenchOptions o, BenchReport report)
    {
        var lao = (await CodesAsync(db, """
            SELECT r.dla_code FROM local_authority_profile.registry_laos r
            WHERE r.province_code = @province
              AND EXISTS (SELECT 1 FROM identity.users a WHERE a.dla_code = r.dla_code)
            ORDER BY r.dla_code LIMIT 1
            """, o.Province)).First();
        var admin = await http.CookieAsync("admin", o.Password);
        var laoCookie = await http.CookieAsync(lao, o.Password);
        var y = o.FiscalYear;
        var pages = new (string Name, string Path, string Cookie)[]
        {
            ("static file (baseline)", "/css/site.css", admin),
            ($"province roll-up of {o.Province}", $"/reports/province?provinceCode={o.Province}&fiscalYear={y}" +
                                               $"&round={o.Round}", admin),
            ("nation-wide completeness", $"/staff/completeness?fiscalYear={y}&round={o.Round}", admin),
            ("staff desk", "/staff", admin),
            ($"screening queue of {o.Province}", $"/staff/screening?provinceCode={o.Province}&fiscalYear={y}", admin),
            ($"LAO summary ({lao})", $"/summary?fiscalYear={y}", laoCookie),
        };
        foreach (var (name, path, cookie) in pages.Where((p, i) =>
                     i == 0 || o.B3Pages.Count == 0 || o.B3Pages.Any(w => p.Name.Contains(w, StringComparison.Ordinal))))
        {
            var first = await http.SendAsync(BenchHttp.Get(path, cookie: cookie), CancellationToken.None);
            if (first != 200) Console.WriteLine($"[bench] B3 {path}: {first} before the run");
            var result = await Load.RunAsync(name, 16, TimeSpan.FromSeconds(o.WarmUpSeconds),
                TimeSpan.FromSeconds(Math.Min(o.DurationSeconds, 10)),
                (_, ct) => http.SendAsync(BenchHttp.Get(path, cookie: cookie), ct));
            report.B3.Add((path, result));
            Console.WriteLine($"[bench] B3 {name}: p50 {result.P50:0.0} ms, p95 {result.P95:0.0} ms, " +
                              $"{result.PerSecond:0.0}/s ({result.StatusText})");
        }
    }

    // ------------------------------------------------------------------------------------------------------------ B4

    private static async Task B4Async(BenchHttp http, NpgsqlConnection db, string adminToken, BenchOptions o,
        BenchReport report)
    {
        var laos = await CodesAsync(db,
            "SELECT dla_code FROM local_authority_profile.registry_laos WHERE province_code = @province " +
            "ORDER BY dla_code", o.Province);
        var query = $"fiscalYear={o.FiscalYear}&round={o.Round}";
        var one = $"/api/v1/reports/performance?{query}&dlaCode={laos[0]}";
        // one LAO's PDF, one after another (a warm-up first)
        await http.SendAsync(BenchHttp.Get(one + "&format=pdf", adminToken), CancellationToken.None);
        var single = new List<double>();
        for (var i = 0; i < 10; i++)
        {
            var watch = Stopwatch.StartNew();
            var status = await http.SendAsync(BenchHttp.Get(one + "&format=pdf", adminToken), CancellationToken.None);
            single.Add(watch.Elapsed.TotalMilliseconds);
            if (status != 200) Console.WriteLine($"[bench] B4 one PDF: {status}");
        }
        single.Sort();
        report.B4Single = single;
        Console.WriteLine($"[bench] B4 one LAO's PDF: median {Median(single):0} ms (max {single[^1]:0} ms)");

        // the province's batch through the bulk job
        var create = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/report-batches")
        {
            Content = JsonContent.Create(new
            {
                kind = "performance", fiscalYear = o.FiscalYear, round = o.Round, provinceCode = o.Province,
            }, options: BenchHttp.Json),
        };
        create.Headers.Authorization = new("Bearer", adminToken);
        var batchWatch = Stopwatch.StartNew();
        Guid id;
        using (var created = await http.JsonAsync(create)) id = created.RootElement.GetProperty("id").GetGuid();
        JsonElement state;
        while (true)
        {
            using var batch = await http.JsonAsync(BenchHttp.Get($"/api/v1/admin/report-batches/{id}", adminToken));
            state = batch.RootElement.Clone();
            if (state.GetProperty("status").GetString() is "succeeded" or "failed") break;
            await Task.Delay(200);
        }
        var seconds = batchWatch.Elapsed.TotalSeconds;
        var files = state.GetProperty("done").GetInt32() + state.GetProperty("failed").GetInt32();
        report.B4Batch = (files, seconds, state.GetProperty("failed").GetInt32(),
            state.GetProperty("status").GetString()!);
        Console.WriteLine($"[bench] B4 province {o.Province} batch: {files} PDFs in {seconds:0.0} s = " +
                          $"{files / seconds:0.00}/s ({state.GetProperty("failed").GetInt32()} failed)");

        // the baseline: the same documents, their HTML printed by bare Chromium
        var documents = new ReportDocument[laos.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, laos.Count), new ParallelOptions { MaxDegreeOfParallelism = 4 },
            async (i, _) =>
            {
                using var json = await http.JsonAsync(BenchHttp.Get(
                    $"/api/v1/reports/performance?{query}&dlaCode={laos[i]}", adminToken));
                documents[i] = json.RootElement.Deserialize<PerformanceReport>(BenchHttp.Json)!.ToDocument();
            });
        using (var rollup = await http.JsonAsync(BenchHttp.Get(
                   $"/api/v1/reports/province?provinceCode={o.Province}&{query}", adminToken)))
            documents = [.. documents, rollup.RootElement.Deserialize<ProvinceReport>(BenchHttp.Json)!.ToDocument()];
        await using var bare = await BarePrinter.StartAsync(o.ProfileFolder);
        report.B4SingleBaseline = await bare.LatenciesAsync(documents[0], 10);
        var (bareSeconds, bytes) = await bare.PrintAllAsync(documents, o.PdfsAtOnce);
        report.B4BatchBaseline = (documents.Length, bareSeconds);
        Console.WriteLine($"[bench] B4 bare Chromium: one PDF median {Median(report.B4SingleBaseline):0} ms; " +
                          $"{documents.Length} PDFs ({bytes:N0} bytes) in {bareSeconds:0.0} s = " +
                          $"{documents.Length / bareSeconds:0.00}/s on {o.PdfsAtOnce} pages");
    }

    // ------------------------------------------------------------------------------------------------------------ B5

    /// <summary>A memory figure of the host process from /proc (VmHWM: its peak resident set; VmRSS: now), in
    /// MB.</summary>
    public static double HostMemoryMb(int pid, string field)
    {
        if (pid <= 0 || !File.Exists($"/proc/{pid}/status")) return double.NaN;
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field + ":"));
        return line is null ? double.NaN
            : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], Inv) / 1024.0;
    }

    public static double Median(IReadOnlyList<double> sorted) =>
        sorted.Count == 0 ? double.NaN : sorted.Order().ElementAt(sorted.Count / 2);

    internal static string Machine()
    {
        var memory = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:"))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name"))
            ?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        return new StringBuilder().Append(Environment.ProcessorCount).Append(" cores (").Append(cpu).Append("), ")
            .Append((double.Parse(memory, Inv) / 1024 / 1024).ToString("0.0", Inv)).Append(" GB memory").ToString();
    }
}
