using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using EPlanNacc.Host.Infrastructure;
using EPlanNacc.TestSupport;
using Npgsql;

namespace EPlanNacc.IntegrationTests.Faults;

/// <summary>
/// Faults the application meets as a process (issue 9 §7, docs/adr/0027-faults.md), each on a host of its own
/// (<see cref="HostProcess"/>, the built Host) on a database of its own: the process killed with SIGKILL in the middle
/// of a bulk report and of sending reminders, then started again; and PostgreSQL going away during requests and coming
/// back, through <see cref="TcpProxy"/>.
/// </summary>
[Trait(AnyDay.Trait, AnyDay.Value)]
public sealed class HostFaultTests(AppFixture app) : IntegrationTest(app)
{
    private const string Phuket = "83";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private sealed record BatchRow(string Status, int Total, int Done, int Failed, string? ZipFile);

    /// <summary>A new, empty database that the host migrates at its start, dropped at the end.</summary>
    private sealed class OwnDatabase : IAsyncDisposable
    {
        public OwnDatabase(AppFixture app, string purpose)
        {
            var name = $"{new NpgsqlConnectionStringBuilder(app.ConnectionString).Database}_{purpose}_" +
                       Guid.NewGuid().ToString("N")[..6];
            Owner = new NpgsqlConnectionStringBuilder(app.ConnectionString) { Database = name }.ConnectionString;
            Application = new NpgsqlConnectionStringBuilder(app.AppConnectionString) { Database = name }
                .ConnectionString;
            Folder = Directory.CreateTempSubdirectory($"eplan-{purpose}-");
        }

        public string Owner { get; }
        public string Application { get; }
        public DirectoryInfo Folder { get; }

        public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? param = null)
        {
            await using var connection = new NpgsqlConnection(Owner);
            return (await connection.QueryAsync<T>(sql, param)).AsList();
        }

        public async ValueTask DisposeAsync()
        {
            var server = new NpgsqlConnectionStringBuilder(Owner);
            var name = server.Database!;
            server.Database = "postgres";
            server.Pooling = false;
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(server.ConnectionString);
            await connection.OpenAsync();
            await connection.ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            Folder.Delete(recursive: true);
        }
    }

    private static HostProcess StartHost(OwnDatabase db, string defaultConnection,
        IReadOnlyDictionary<string, string> more) =>
        HostProcess.Start(new Dictionary<string, string>(more)
        {
            ["ConnectionStrings__Default"] = defaultConnection,
            ["ConnectionStrings__Migrations"] = db.Owner,
            ["Email__PickupDirectory"] = Path.Combine(db.Folder.FullName, "mail"),
            ["Reporting__BatchFolder"] = Path.Combine(db.Folder.FullName, "batches"),
            ["Bootstrap__AdminPassword"] = AppFixture.AdminPassword,
            ["Bootstrap__AdminMustChangePassword"] = "false",
            ["Identity__RequireActivationCode"] = "false",
            ["RateLimits__SignInPermits"] = "100",
        });

    [Fact]
    public async Task A_host_killed_mid_batch_and_mid_reminders_finishes_both_after_a_restart_each_file_and_email_once()
    {
        await using var db = new OwnDatabase(App, "killed");
        await TestDatabase.EnsureCreatedAsync(db.Owner);
        await using var mailbox = new TestMailbox();
        var settings = new Dictionary<string, string>
        {
            ["Jobs__RunServer"] = "true",
            ["Email__SmtpHost"] = "127.0.0.1",
            ["Email__SmtpPort"] = mailbox.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email__Security"] = "None",
            ["Email__AllowPlainSmtp"] = "true", // the in-process server speaks no TLS
            ["Email__SmtpTimeoutSeconds"] = "120",
            // one file at a time, so that the kill lands in the middle of the batch
            ["Reporting__MaxConcurrentPdfs"] = "1",
        };
        var year = App.CurrentYear;
        var first = StartHost(db, db.Application, settings);
        IReadOnlyList<string> coordinators;
        Guid batchId;
        try
        {
            await first.WaitUntilReadyAsync();
            // six LAOs of Phuket with a coordinator on file: each gets a reminder
            var laos = await db.QueryAsync<(string DlaCode, string District, string Type, string Name)>("""
                SELECT dla_code, district_code, lao_type, name_th FROM local_authority_profile.registry_laos
                WHERE province_code = @Phuket ORDER BY dla_code LIMIT 6
                """, new { Phuket });
            coordinators = laos.Select(l => $"coordinator{l.DlaCode}@example.go.th").ToList();
            foreach (var lao in laos)
            {
                using var client = await first.SignInAsync(lao.DlaCode, null!);
                var put = await client.PutAsJsonAsync("/api/v1/me/profile", new
                {
                    location = new
                    {
                        provinceCode = Phuket, districtCode = lao.District, laoType = lao.Type, size = "medium",
                        name = lao.Name, officeAddress = "1 ถนนเทพกระษัตรี อำเภอเมืองภูเก็ต จังหวัดภูเก็ต 83000",
                    },
                    areaAndExecutives = Samples.Area(),
                    coordinator = Samples.Coordinator($"coordinator{lao.DlaCode}@example.go.th"),
                    password = Samples.Password,
                });
                Assert.True(put.IsSuccessStatusCode, $"{lao.DlaCode}: {await put.Content.ReadAsStringAsync()}");
            }
            await WaitAsync(() => db.QueryAsync<int>(
                    "SELECT count(*)::int FROM identity.outbound_emails WHERE sent_at IS NULL"),
                r => r.Single() == 0, "the set-up's emails sent");
            mailbox.Clear();

            // the mail server takes three reminders, then holds the fourth without answering
            using var hang = mailbox.Hang(after: 3);
            using var admin = await first.SignInAsync("admin", AppFixture.AdminPassword);
            var batch = await admin.PostAsJsonAsync("/api/v1/admin/report-batches",
                new { kind = "status", fiscalYear = year, round = 6, provinceCode = Phuket });
            Assert.True(batch.IsSuccessStatusCode, await batch.Content.ReadAsStringAsync());
            batchId = (await batch.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            var send = await admin.PostAsJsonAsync("/api/v1/admin/reminders/send",
                new { fiscalYear = year, round = 6, provinceCode = Phuket });
            Assert.Equal(HttpStatusCode.Accepted, send.StatusCode);
            Assert.Equal(6, (await send.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("queued").GetInt32());

            await WaitAsync(() => BatchAsync(db, batchId), b => b.Done >= 3 && mailbox.Hanging > 0,
                "three files printed and the fourth email held by the mail server");
            // SIGKILL, with Chromium: nothing of the process runs its shutdown
            await first.DisposeAsync();
            var killed = await BatchAsync(db, batchId);
            Assert.True(killed.Status == "running" && killed.Done < killed.Total,
                $"the kill came in the middle of the batch: {killed}");
            Assert.Equal(3, mailbox.Messages.Count);
        }
        finally
        {
            await first.DisposeAsync();
        }

        // the mail server answers again (the held message was never accepted); the host starts again
        await using var second = StartHost(db, db.Application, settings);
        await second.WaitUntilReadyAsync();
        var finished = await WaitAsync(() => BatchAsync(db, batchId), b => b.Status is "succeeded" or "failed",
            "the batch finished after the restart");
        Assert.Equal(("succeeded", 20, 20, 0), (finished.Status, finished.Total, finished.Done, finished.Failed));
        await WaitAsync(() => db.QueryAsync<int>(
                "SELECT count(*)::int FROM identity.outbound_emails WHERE sent_at IS NULL"),
            r => r.Single() == 0, "every reminder sent after the restart");

        // every file once: the items, the zip's entries and its index
        var items = await db.QueryAsync<(int Seq, string State)>(
            "SELECT seq, state FROM reporting.report_batch_items WHERE batch_id = @batchId ORDER BY seq",
            new { batchId });
        Assert.Equal(Enumerable.Range(1, 20), items.Select(i => i.Seq));
        Assert.All(items, i => Assert.Equal("done", i.State));
        using (var zip = ZipFile.OpenRead(Path.Combine(db.Folder.FullName, "batches", finished.ZipFile!)))
        {
            var names = zip.Entries.Select(e => e.FullName).ToList();
            Assert.Equal(21, names.Count);
            Assert.Equal(names.Count, names.Distinct().Count());
            using var reader = new StreamReader(zip.GetEntry("index.csv")!.Open());
            var rows = (await reader.ReadToEndAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
                .Skip(1).Select(r => r.Split(',')).ToList();
            Assert.Equal(Enumerable.Range(1, 20), rows.Select(r => int.Parse(r[0],
                System.Globalization.CultureInfo.InvariantCulture)));
            Assert.All(rows, r => Assert.Equal("สร้างแล้ว", r[^1]));
            Assert.Equal(20, rows.Select(r => r[1]).Distinct().Count());
        }

        // every email once: one outbox row and one delivered message per coordinator
        var outbox = await db.QueryAsync<(string To, int Attempts)>(
            "SELECT to_address, attempts FROM identity.outbound_emails WHERE to_address = ANY(@coordinators)",
            new { coordinators = coordinators.ToArray() });
        Assert.Equal(coordinators.Order(), outbox.Select(o => o.To).Order());
        // the one held at the kill is sent again once; no email accepted before the kill goes twice
        var delivered = mailbox.Messages.SelectMany(m => m.To.Mailboxes).Select(a => a.Address).ToList();
        Assert.Equal(coordinators.Order(), delivered.Order());
    }

    [Fact]
    public async Task PostgreSQL_going_away_gives_Thai_503s_and_everything_recovers_when_it_returns()
    {
        await using var db = new OwnDatabase(App, "outage");
        await TestDatabase.EnsureCreatedAsync(db.Owner);
        var direct = new NpgsqlConnectionStringBuilder(db.Application);
        await using var proxy = new TcpProxy(direct.Host!, direct.Port);
        var throughProxy = new NpgsqlConnectionStringBuilder(db.Application) { Port = proxy.Port }.ConnectionString;
        await using var host = StartHost(db, throughProxy, new Dictionary<string, string>());
        await host.WaitUntilReadyAsync();
        using var admin = await host.SignInAsync("admin", AppFixture.AdminPassword);
        using var visitor = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(60) };
        var year = App.CurrentYear;
        var api = $"/api/v1/reports/province?provinceCode={Phuket}&fiscalYear={year}&round=6";
        const string page = "/find-code?provinceCode=83";

        async Task<(HttpStatusCode Status, string Body, string? ContentType)> GetAsync(HttpClient client, string path)
        {
            var response = await client.GetAsync(path);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(),
                response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(admin, api)).Status);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(visitor, page)).Status);
        Assert.True(proxy.OpenConnections > 0);

        for (var outage = 1; outage <= 2; outage++)
        {
            // requests under way when the database goes, and requests while it is away
            var during = Enumerable.Range(0, 4).Select(_ => GetAsync(admin, api)).ToList();
            proxy.Stop();
            foreach (var answer in await Task.WhenAll(during))
                Assert.True(answer.Status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable,
                    $"{answer.Status} {answer.Body}");
            for (var i = 0; i < 3; i++)
            {
                var problem = await GetAsync(admin, api);
                Assert.Equal((HttpStatusCode.ServiceUnavailable, "application/problem+json"),
                    (problem.Status, problem.ContentType));
                using var json = JsonDocument.Parse(problem.Body);
                Assert.Equal("ระบบฐานข้อมูลไม่พร้อมใช้งานชั่วคราว", json.RootElement.GetProperty("title").GetString());
                Assert.Equal(503, json.RootElement.GetProperty("status").GetInt32());

                var html = await GetAsync(visitor, page);
                Assert.Equal(HttpStatusCode.ServiceUnavailable, html.Status);
                Assert.Contains("ระบบฐานข้อมูลไม่พร้อมใช้งานชั่วคราว", html.Body);
                Assert.Contains("กรุณารอสักครู่แล้วลองใหม่อีกครั้ง", html.Body);
                Assert.DoesNotContain("Npgsql", html.Body + problem.Body);

                Assert.Equal(HttpStatusCode.ServiceUnavailable, (await GetAsync(visitor, "/health/ready")).Status);
                Assert.Equal(HttpStatusCode.OK, (await GetAsync(visitor, "/health/live")).Status);
            }

            // back: the very first requests succeed, without a restart
            proxy.Resume();
            Assert.Equal(HttpStatusCode.OK, (await GetAsync(admin, api)).Status);
            Assert.Equal(HttpStatusCode.OK, (await GetAsync(visitor, page)).Status);
            Assert.Equal(HttpStatusCode.OK, (await GetAsync(visitor, "/health/ready")).Status);
            var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => GetAsync(admin, api)));
            Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        }
        Assert.DoesNotContain("Unhandled", host.Log);
    }

    [Fact]
    public void Only_a_database_out_of_reach_counts_as_an_outage_not_a_deadlock_or_a_constraint()
    {
        Assert.True(DatabaseOutage.Is(new NpgsqlException("Exception while reading from stream",
            new EndOfStreamException())));
        Assert.True(DatabaseOutage.Is(new InvalidOperationException("wrapped",
            new NpgsqlException("Failed to connect", new System.Net.Sockets.SocketException(111)))));
        Assert.True(DatabaseOutage.Is(new PostgresException("terminating connection due to administrator command",
            "FATAL", "FATAL", "57P01")));
        Assert.True(DatabaseOutage.Is(new PostgresException("sorry, too many clients already", "FATAL", "FATAL",
            "53300")));
        Assert.False(DatabaseOutage.Is(new PostgresException("deadlock detected", "ERROR", "ERROR", "40P01")));
        Assert.False(DatabaseOutage.Is(new PostgresException("could not serialize access", "ERROR", "ERROR",
            "40001")));
        Assert.False(DatabaseOutage.Is(new PostgresException("duplicate key value", "ERROR", "ERROR", "23505")));
        Assert.False(DatabaseOutage.Is(new InvalidOperationException("not the database")));
    }

    private static async Task<BatchRow> BatchAsync(OwnDatabase db, Guid id) => (await db.QueryAsync<BatchRow>(
        "SELECT status, total, done, failed, zip_file AS zipfile FROM reporting.report_batches WHERE id = @id",
        new { id })).Single();

    private static Task<T> WaitAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what) =>
        Eventually.Async(read, done, what, Patience);
}
