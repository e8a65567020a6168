using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.Evaluation.Contracts;
using EPlanNacc.Modules.Evaluation.Features.Scores;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Reporting.Features.Completeness;
using EPlanNacc.TestSupport;
using Npgsql;

/// <summary>
/// <c>scripts/benchmark completeness [projects-per-LAO]</c>: the completeness figures of the whole registry (7,849
/// LAOs; 80% with basic data, 90% with a plan of P projects, a tenth of them non-conforming, most reported in the
/// 6-month round around its deadline, 2% with an extension, scores calculated), timed through the mediator (the
/// nation, the largest province) and over HTTP (the API and the page, signed in as an admin). Prints the medians.
/// </summary>
internal static partial class CompletenessBenchmark
{
    private const int Year = 2570;
    private const int Runs = 7;

    public static async Task<int> RunAsync(BenchmarkApp app, string[] args)
    {
        var perLao = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 8;
        await app.ResetAsync();
        var seed = Stopwatch.StartNew();
        var (profiles, planned, projects, reports) = await SeedAsync(app.ConnectionString, perLao);
        await app.SendAsync(SystemUser.Instance, new RecalculateFiscalYearScoresCommand(Year));
        Console.WriteLine($"E-PlanNACC benchmark: completeness of round 6, fiscal year {Year} " +
                          $"({Environment.ProcessorCount} cores)");
        Console.WriteLine($"data: 7,849 LAOs, {profiles:N0} with basic data, {planned:N0} with a plan, " +
                          $"{projects:N0} projects, {reports:N0} reports (seeded and scored in " +
                          $"{seed.ElapsedMilliseconds:N0} ms)");

        var admin = TestUser.Admin();
        var nation = await MedianAsync(() => app.SendAsync(admin, new GetNationalCompletenessQuery(Year, 6)));
        var answer = await app.SendAsync(admin, new GetNationalCompletenessQuery(Year, 6));
        var province = await MedianAsync(() => app.SendAsync(admin, new GetCompletenessQuery(Year, 6, "30")));
        // its parts: the three contract queries of the nation
        var places = await MedianAsync(() => app.SendAsync(admin, new ListLaoPlacesQuery()));
        var progress = await MedianAsync(() => app.SendAsync(admin, new ListRoundProgressQuery(Year, 6)));
        var bands = await MedianAsync(() => app.SendAsync(admin, new ListImplementationBandsQuery(Year, 6)));

        using var api = await app.CreateApiClientAsync("admin", AppFixture.AdminPassword);
        var apiMs = await MedianAsync(() =>
            api.GetStringAsync($"/api/v1/admin/completeness?fiscalYear={Year}&round=6"));
        using var pages = await SignInAsync(app, "admin", AppFixture.AdminPassword);
        var pageMs = await MedianAsync(() => pages.GetStringAsync($"/staff/completeness?fiscalYear={Year}&round=6"));
        var provincePageMs = await MedianAsync(() =>
            pages.GetStringAsync($"/staff/completeness?fiscalYear={Year}&round=6&provinceCode=30"));

        var t = answer.Total;
        Console.WriteLine($"answer: {t.LaoCount:N0} LAOs, profile {t.ProfileCompleted:N0}, plan {t.PlanRecorded:N0}, " +
                          $"reported {t.RoundReported:N0} (on time {t.OnTime:N0}, late {t.Late:N0}), " +
                          $"{answer.Areas.Count} provinces");
        Console.WriteLine($"median of {Runs} runs: nation (query) {nation} ms, Nakhon Ratchasima's 334 LAOs (query) " +
                          $"{province} ms, API {apiMs} ms, nation's page {pageMs} ms, province's page " +
                          $"{provincePageMs} ms");
        Console.WriteLine(
            $"the nation's parts: LAO places {places} ms, round progress {progress} ms, bands {bands} ms");
        // how busy the machine was: a reference statement that takes about 50 ms on an idle core
        var reference = await MedianAsync(() => ReferenceAsync(app.ConnectionString));
        var load = File.Exists("/proc/loadavg") ? (await File.ReadAllTextAsync("/proc/loadavg")).Split(' ')[0] : "?";
        Console.WriteLine($"machine: load average {load}; SELECT count(*) FROM generate_series(1, 1000000) took " +
                          $"{reference} ms");
        return t.LaoCount == 7_849 ? 0 : 1;
    }

    private static async Task<long> MedianAsync<T>(Func<Task<T>> action)
    {
        await action(); // warm-up
        var times = new List<long>();
        for (var i = 0; i < Runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await action();
            times.Add(watch.ElapsedMilliseconds);
        }
        times.Sort();
        return times[Runs / 2];
    }

    private static async Task<long> ReferenceAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM generate_series(1, 1000000)", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<HttpClient> SignInAsync(AppFixture app, string username, string password)
    {
        var client = app.CreateClient();
        var html = await client.GetStringAsync("/login");
        var token = WebUtility.HtmlDecode(Token().Match(html).Groups[1].Value);
        var login = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Username"] = username, ["Input.Password"] = password, ["__RequestVerificationToken"] = token,
        }));
        if (login.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException("sign-in failed");
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    private static async Task<(int, int, int, int)> SeedAsync(string connectionString, int perLao)
    {
        // benchmark data only, written straight into the tables
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO local_authority_profile.profiles (dla_code, lao_type, size, name, office_address,
                service_area_sq_km, population, revenue_excluding_subsidies, subsidy_revenue, executive_name,
                permanent_secretary_name, coordinator_full_name, coordinator_position, coordinator_affiliation,
                coordinator_phone, coordinator_mobile, coordinator_email, completed_at, updated_at, updated_by)
            SELECT r.dla_code, r.lao_type, 'medium', r.name_th, 'ที่ทำการ', 10, 1000, 1000000, 1000000, 'นายก',
                   'ปลัด', 'ผู้ประสานงาน', 'นักวิเคราะห์', 'สำนักปลัด', '074000000', '0810000000',
                   r.dla_code || '@example.go.th', now(), now(), 'benchmark'
            FROM local_authority_profile.registry_laos r WHERE abs(hashtext(r.dla_code)) % 5 <> 0;
            INSERT INTO projects.projects (id, dla_code, fiscal_year, plan_period, name, quarters, work_type,
                dimension_code, essence, no_budget, budget, target_groups, objectives, conformity, created_at,
                created_by, updated_at, updated_by)
            SELECT gen_random_uuid(), r.dla_code, 2570, '2566-2570', 'โครงการทดสอบที่ ' || g, '{1,2}', 'project',
                   ((g % 4) + 1)::text, 'สาระสำคัญ', false, 10000 + g * 100, '{staff}', 'วัตถุประสงค์',
                   CASE WHEN g % 10 = 0 THEN 'non_conforming' ELSE 'unset' END, now(), 'benchmark', now(), 'benchmark'
            FROM local_authority_profile.registry_laos r CROSS JOIN generate_series(1, @perLao) g
            WHERE abs(hashtext(r.dla_code || 'plan')) % 10 <> 0;
            INSERT INTO projects.round_reports (project_id, round, ordinance_budget, budget_spent, in_local_ordinance,
                status, not_possible_reason, first_reported_at, reported_at, reported_by)
            SELECT p.id, 6, p.budget, p.budget / 2, true,
                   (ARRAY['completed', 'in_progress', 'not_possible'])[1 + abs(hashtext(p.id::text)) % 3],
                   CASE WHEN 1 + abs(hashtext(p.id::text)) % 3 = 3 THEN 'no_budget' END,
                   timestamptz '2027-04-20 10:00+07' + make_interval(days => abs(hashtext(p.id::text || 'd')) % 14),
                   now(), 'benchmark'
            FROM projects.projects p WHERE abs(hashtext(p.dla_code || 'r')) % 4 <> 0
              AND abs(hashtext(p.id::text || 'r')) % 20 <> 0;
            INSERT INTO projects.round_extensions (fiscal_year, round, dla_code, until, reason, granted_at, granted_by)
            SELECT 2570, 6, r.dla_code, date '2027-05-15', 'benchmark', now(), 'benchmark'
            FROM local_authority_profile.registry_laos r WHERE abs(hashtext(r.dla_code || 'x')) % 50 = 0;
            """, connection);
        command.Parameters.AddWithValue("perLao", perLao);
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
        // as autovacuum leaves a table in use: statistics and the visibility map of the index-only scans
        foreach (var table in new[]
                 { "projects.projects", "projects.round_reports", "local_authority_profile.profiles" })
        {
            await using var vacuum = new NpgsqlCommand($"VACUUM ANALYZE {table}", connection);
            await vacuum.ExecuteNonQueryAsync();
        }
        await using var counts = new NpgsqlCommand("""
            SELECT (SELECT count(*) FROM local_authority_profile.profiles)::int,
                   (SELECT count(DISTINCT dla_code) FROM projects.projects)::int,
                   (SELECT count(*) FROM projects.projects)::int, (SELECT count(*) FROM projects.round_reports)::int
            """, connection);
        await using var reader = await counts.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3));
    }
}
