using System.Diagnostics;
using System.Net;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.Evaluation.Features.Assessments;
using EPlanNacc.Modules.Evaluation.Features.Scores;
using EPlanNacc.Modules.Identity.Features.Emails;
using EPlanNacc.Modules.Projects.Features.Rounds;
using EPlanNacc.TestSupport;
using Npgsql;
using static EPlanNacc.TestSupport.ProjectSamples;

namespace EPlanNacc.IntegrationTests.Database;

/// <summary>Backup and restore (issue 9 §9, README "Backup and restore"): a known world is backed up with
/// scripts/backup (pg_dump, custom format), restored with scripts/restore into a new, empty database, and the
/// application started on the restored one as a process of its own gives every report (performance, status,
/// evaluation, province, completeness) exactly as the running application gave it before the backup; every table
/// holds the same rows.</summary>
[Trait(AnyDay.Trait, AnyDay.Value)]
public sealed class BackupRestoreTests(AppFixture app) : IntegrationTest(app)
{
    private const int Round6 = 6;
    private const int Round12 = 12;

    /// <summary>Three LAOs in two provinces with plans reported in both rounds, a project screened out, an extension,
    /// scores calculated, assessment settings, a self-assessment and a published provincial assessment.</summary>
    private async Task RecordWorldAsync()
    {
        await App.RecordKnownPlanAsync(Samples.KohYo);
        await App.RecordKnownPlanAsync(Samples.KhlongRi);
        await App.SetUpLaoAsync(Samples.ChiangMaiCity);
        var year = App.CurrentYear;
        var city = TestUser.Lao(Samples.ChiangMaiCity);
        var a = await App.CreateProjectAsync(Samples.ChiangMaiCity,
            App.Project("โครงการเชียงใหม่โปร่งใส", "2", 75_000m, mission: null));
        var b = await App.CreateProjectAsync(Samples.ChiangMaiCity,
            App.Project("กิจกรรมรับฟังความเห็นประชาชน", "3", 12_500m, mission: null));
        await App.SendAsync(city, Report(a, Round6, "completed", 75_000m, 74_250.25m));
        await App.SendAsync(city, Report(b, Round6, "in_progress", 12_500m, 1_000m));
        await App.SendAsync(TestUser.Admin(), new GrantRoundExtensionCommand(
            year, Round12, Samples.ChiangMaiCity, App.Today.AddDays(40), "อุทกภัยในพื้นที่"));
        await App.SendAsync(TestUser.Admin(),
            new RecalculateLaoScoresCommand(Samples.ChiangMaiCity, year));
        await App.SendAsync(TestUser.Admin(), new SaveAssessmentSettingsCommand(year, 60m,
            [new("1", 30m), new("2", 30m), new("3", 20m), new("4", 20m)]));
        await App.SendAsync(TestUser.Lao(Samples.KohYo), new SaveAssessmentCommand(Samples.KohYo, year, "self",
            [new("1", 25m), new("2", 20.5m), new("3", 15m), new("4", 10m)], null));
        await App.SendAsync(TestUser.Provincial(), new SaveAssessmentCommand(Samples.KohYo, year, "provincial",
            [new("1", 20m), new("2", 18m), new("3", 12.25m), new("4", 9m)], null));
        await App.SendAsync(TestUser.Provincial(), new PublishAssessmentCommand(Samples.KohYo, year, "provincial"));
    }

    /// <summary>Every report's JSON, as an admin reads it through the API, by its address.</summary>
    private static async Task<Dictionary<string, string>> ReportsAsync(HttpClient admin, int year)
    {
        var paths = new List<string>();
        foreach (var lao in new[] { Samples.KohYo, Samples.KhlongRi, Samples.ChiangMaiCity })
        {
            paths.Add($"/api/v1/reports/performance?fiscalYear={year}&round={Round6}&dlaCode={lao}");
            paths.Add($"/api/v1/reports/performance?fiscalYear={year}&round={Round12}&dlaCode={lao}");
            paths.Add($"/api/v1/reports/status?fiscalYear={year}&dlaCode={lao}");
            paths.Add($"/api/v1/reports/evaluation?fiscalYear={year}&dlaCode={lao}");
        }
        foreach (var round in new[] { Round6, Round12 })
        {
            paths.Add($"/api/v1/reports/province?provinceCode=90&fiscalYear={year}&round={round}");
            paths.Add($"/api/v1/reports/province?provinceCode=50&fiscalYear={year}&round={round}");
            paths.Add($"/api/v1/admin/completeness?fiscalYear={year}&round={round}");
            paths.Add($"/api/v1/admin/completeness?fiscalYear={year}&round={round}&provinceCode=90");
            paths.Add($"/api/v1/admin/completeness?fiscalYear={year}&round={round}&provinceCode=50");
        }
        var reports = new Dictionary<string, string>();
        foreach (var path in paths)
        {
            var response = await admin.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
            reports[path] = body;
        }
        return reports;
    }

    /// <summary>A checksum of the rows of every table of the module schemas, by table.</summary>
    private static async Task<Dictionary<string, string>> ChecksumsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("""
            SELECT format('%I.%I', table_schema, table_name) FROM information_schema.tables
            WHERE table_schema = ANY(@schemas) AND table_type = 'BASE TABLE' ORDER BY 1
            """, connection))
        {
            list.Parameters.AddWithValue("schemas", AppFixture.ModuleSchemas);
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        var sums = new Dictionary<string, string>();
        foreach (var table in tables)
        {
            await using var sum = new NpgsqlCommand(
                $"SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') " +
                $"FROM {table} t", connection);
            sums[table] = (string)(await sum.ExecuteScalarAsync())!;
        }
        return sums;
    }

    [Fact]
    public async Task A_backup_restored_into_an_empty_database_gives_every_report_the_same_numbers()
    {
        // nothing runs in the background to change the figures between the reports and the backup: no job is queued
        // by the commands, and what they left for the sweeps is done before the reports are read
        using var scores = App.HoldJobs<RecalculatePendingScoresCommand>();
        using var emails = App.HoldJobs<SendPendingEmailsCommand>();
        await RecordWorldAsync();
        while (await App.SendAsync(SystemUser.Instance, new RecalculatePendingScoresCommand()) > 0) { }
        while (await App.SendAsync(SystemUser.Instance, new SendPendingEmailsCommand()) > 0) { }
        var year = App.CurrentYear;
        using var admin = await App.CreateApiClientAsync("admin", AppFixture.AdminPassword);
        var before = await ReportsAsync(admin, year);
        var sumsBefore = await ChecksumsAsync(App.ConnectionString);
        Assert.Contains(sumsBefore, s => s.Key == "projects.projects" && s.Value.StartsWith("16:"));

        var original = new NpgsqlConnectionStringBuilder(App.ConnectionString).Database!;
        var restored = $"{original}_restored_{Guid.NewGuid().ToString("N")[..6]}";
        var folder = Directory.CreateTempSubdirectory("eplan-backup-");
        var file = Path.Combine(folder.FullName, "eplannacc.dump");
        try
        {
            var backup = await ScriptAsync("backup", original, file);
            Assert.Contains($"{original} -> {file}", backup);
            var restore = await ScriptAsync("restore", file, restored);
            Assert.Contains($"-> {restored}", restore);
            // a database that is not empty is never restored into
            var again = await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(
                () => ScriptAsync("restore", file, restored));
            Assert.Contains("is not empty", again.Message);

            // every row of every module table, as the backup found it, before anything touches the copy
            var restoredOwner = new NpgsqlConnectionStringBuilder(App.ConnectionString) { Database = restored };
            var sumsAfter = await ChecksumsAsync(restoredOwner.ConnectionString);
            Assert.Equal(sumsBefore.Keys.Order(), sumsAfter.Keys.Order());
            var differing = sumsBefore.Where(s => s.Value != sumsAfter[s.Key])
                .Select(s => $"{s.Key} {s.Value} -> {sumsAfter[s.Key]}").ToList();
            Assert.True(differing.Count == 0, "Tables that differ after the restore: " + string.Join(", ", differing));

            // the application started on the copy reports the same
            await using var host = HostProcess.Start(new Dictionary<string, string>
            {
                ["ConnectionStrings__Default"] =
                    new NpgsqlConnectionStringBuilder(App.AppConnectionString) { Database = restored }.ConnectionString,
                ["ConnectionStrings__Migrations"] = restoredOwner.ConnectionString,
                ["Email__PickupDirectory"] = Path.Combine(folder.FullName, "mail"),
                ["Reporting__BatchFolder"] = Path.Combine(folder.FullName, "batches"),
            });
            await host.WaitUntilReadyAsync();
            using var restoredAdmin = await host.SignInAsync("admin", AppFixture.AdminPassword);
            var after = await ReportsAsync(restoredAdmin, year);
            Assert.Equal(before.Keys, after.Keys);
            foreach (var (path, json) in before) Assert.True(json == after[path], $"{path} differs after the restore:" +
                $"\nbefore: {json}\nafter:  {after[path]}");
        }
        finally
        {
            await using (var connection = new NpgsqlConnection(App.ConnectionString))
            {
                await connection.OpenAsync();
                // the stopped host's connections (the application's login, which the owner may not terminate) end
                // a moment after its process: wait for them, then drop the copy
                await Eventually.Async(async () =>
                {
                    await using var left = new NpgsqlCommand(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = @restored AND usename <> current_user",
                        connection);
                    left.Parameters.AddWithValue("restored", restored);
                    return (long)(await left.ExecuteScalarAsync())!;
                }, n => n == 0, "the restored copy's other connections to end", TimeSpan.FromSeconds(30));
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {restored} WITH (FORCE)",
                    connection);
                await drop.ExecuteNonQueryAsync();
            }
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Runs scripts/NAME with <paramref name="arguments"/>; its output, or a failure with it.</summary>
    private static async Task<string> ScriptAsync(string name, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
            WorkingDirectory = TestDatabase.RepositoryRoot(),
        };
        start.ArgumentList.Add(Path.Combine(TestDatabase.RepositoryRoot(), "scripts", name));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        var text = await output + await error;
        Assert.True(process.ExitCode == 0, $"scripts/{name} exited with {process.ExitCode}: {text}");
        return text;
    }
}
