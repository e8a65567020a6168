using System.Net.Http.Headers;
using System.Net.Http.Json;
using EPlanNacc.BuildingBlocks.Jobs;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.Host.Infrastructure;
using EPlanNacc.Modules.Identity.Features.Provisioning;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Respawn;
using Respawn.Graph;
using Xunit;

namespace EPlanNacc.TestSupport;

/// <summary>One application for a whole test run (Hangfire keeps static state): served by Kestrel on a real
/// loopback port, against a real PostgreSQL database migrated once at start-up, sending email to an in-process
/// SMTP server, on the fake clock <see cref="Clock"/> (see <see cref="TestClock"/>). <see cref="ResetAsync"/> puts the
/// clock back to the default day and empties the module schemas before each test (the tables Respawn finds), keeping
/// the DbUp journals, the reference data and Hangfire's schema, and puts back the accounts a test touched.</summary>
public class AppFixture : IAsyncLifetime
{
    public const string AdminPassword = "central-office-2569";
    public const string ProvincialPassword = "songkhla-office-2569";
    public static readonly string[] ModuleSchemas = ["identity", "local_authority_profile", "projects",
        "evaluation", "reporting"];

    private static readonly Table[] KeptTables =
    [
        .. ModuleSchemas.Select(s => new Table(s, "schema_versions")),
        new("local_authority_profile", "provinces"), new("local_authority_profile", "districts"),
        new("local_authority_profile", "lao_types"), new("local_authority_profile", "registry_laos"),
        new("projects", "plan_periods"), new("projects", "dimension_nodes"),
        // projects.rounds is emptied on purpose: a round without
        // a row has the domain default dates, and tests move them
        // identity.users is put back as provisioned instead (ResetAsync): provisioning 7,849 accounts before every test
        // cost more than the tests themselves
        new("identity", "users"),
        // the application's key ring (cookies, tokens): another instance started later must find the keys the running
        // one signs with (docs/adr/0033-several-instances.md)
        new("identity", "data_protection_keys"),
    ];

    /// <summary>The accounts as the start-up provisioned them, kept outside the module schemas.</summary>
    private const string ProvisionedUsers = "test_support.provisioned_users";
    /// <summary>The ids of the accounts changed, added or removed since the last reset.</summary>
    private const string TouchedUsers = "test_support.touched_users";

    private readonly string _database;
    private Respawner? _respawner;
    private WebApplicationFactory<Program>? _factory;
    private int _clientNumber;

    public AppFixture() : this("eplannacc_it") { }

    protected AppFixture(string database) => _database = database;

    public TestMailbox Mailbox { get; private set; } = default!;
    /// <summary>Where the application writes the bulk reports and the nightly files (Reporting:BatchFolder).</summary>
    public string BatchFolder => Path.Combine(TestDatabase.RepositoryRoot(), ".run", "test-report-files", _database);

    /// <summary>Where the PDF renderer's Chromium keeps its profiles (Reporting:ChromiumProfileFolder).</summary>
    public static string ChromiumProfileFolder => Path.Combine(TestDatabase.RepositoryRoot(), ".run", "chromium-tests");

    /// <summary>The job commands kept from Hangfire in this test (<see cref="HoldJobs{TCommand}"/>).</summary>
    public HeldJobs HeldJobs { get; } = new();
    /// <summary>The statements requests run, by trace (<see cref="StatementRecorder.Listen"/>).</summary>
    public StatementRecorder Statements { get; } = new();
    /// <summary>The notifications published since the last <see cref="ResetAsync"/>.</summary>
    public PublishedNotifications Notifications { get; } = new();
    /// <summary>The owner's login to the test database: what a test reads or arranges directly; the reset.</summary>
    public string ConnectionString { get; private set; } = "";
    /// <summary>The application's login to the same database (ConnectionStrings:Default of the test host).</summary>
    public string AppConnectionString { get; private set; } = "";
    /// <summary>The report reads' connection string of the test host (ConnectionStrings:Reports): the application's
    /// login, named <see cref="ReportsApplicationName"/> in pg_stat_activity, in read-only transactions as a replica's.
    /// </summary>
    public string ReportsConnectionString =>
        AppConnectionString + $";Application Name={ReportsApplicationName};Options=-c default_transaction_read_only=on";

    public const string ReportsApplicationName = "eplan-reports";

    /// <summary>The settings of the test host: what a second instance on the same database takes too.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; private set; } = new Dictionary<string, string?>();

    public Uri BaseAddress { get; private set; } = default!;
    public IServiceProvider Services => _factory!.Services;

    /// <summary>The application's clock (its <see cref="TimeProvider"/>): every test starts at
    /// <see cref="TestClock.DefaultNow"/>; <see cref="SetToday"/> and <see cref="SetNow"/> move it, backwards too,
    /// <c>Clock.Advance</c> forwards. Set the day before signing in: a token (1 hour) or a page session (8 hours)
    /// issued earlier runs out when the clock moves past its lifetime, as it would for a user.</summary>
    public FakeTimeProvider Clock { get; } = TestClock.Create();

    /// <summary>Today in Bangkok on the application's clock.</summary>
    public DateOnly Today => ThaiFormat.TodayInBangkok(Clock);

    /// <summary>The fiscal year (BE) of <see cref="Today"/>.</summary>
    public int CurrentYear => FiscalYear.Of(Today);

    /// <summary>Moves the application's clock to <paramref name="day"/> at <paramref name="time"/> (10:00 by
    /// default), Bangkok time.</summary>
    public void SetToday(DateOnly day, TimeOnly? time = null) =>
        SetNow(TestClock.InBangkok(day, time ?? TestClock.DefaultTime));

    /// <summary>Moves the application's clock to <paramref name="now"/>, forwards or backwards.</summary>
    public void SetNow(DateTimeOffset now) => Clock.AdjustTime(now);

    /// <summary>Settings a derived fixture changes (rate limits, activation codes...).</summary>
    protected virtual IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>();

    public virtual async Task InitializeAsync()
    {
        ConnectionString = TestDatabase.ConnectionString(_database);
        AppConnectionString = TestDatabase.AppConnectionString(_database);
        if (Directory.Exists(BatchFolder)) Directory.Delete(BatchFolder, recursive: true);
        await TestDatabase.EnsureCreatedAsync(ConnectionString);
        await ForgetTouchedUsersTriggerAsync();
        Mailbox = new TestMailbox();

        var settings = new Dictionary<string, string?>
        {
            // the application's login, as in production (rows only); the owner's runs the migrations
            ["ConnectionStrings:Default"] = AppConnectionString,
            ["ConnectionStrings:Migrations"] = ConnectionString,
            // the report reads on a pool of their own that cannot write, as on a replica (ReportsReplicaTests)
            ["ConnectionStrings:Reports"] = ReportsConnectionString,
            ["Email:SmtpHost"] = "127.0.0.1",
            ["Email:SmtpPort"] = Mailbox.Port.ToString(),
            ["Email:Security"] = "None",
            ["Email:AllowPlainSmtp"] = "true", // the in-process server speaks no TLS
            // a mail server that hangs is given up after 5 seconds, not MailKit's two minutes (EmailOutboxTests)
            ["Email:SmtpTimeoutSeconds"] = "5",
            // the test host starts from Production's strict defaults (appsettings.json) and relaxes what most tests
            // take for granted: the manual's first sign-in with the code alone, the provincial office prov90, and
            // an admin that need not change its password first; the tests of those defaults turn them back on
            ["Identity:RequireActivationCode"] = "false",
            ["Bootstrap:AdminPassword"] = AdminPassword,
            ["Bootstrap:AdminMustChangePassword"] = "false",
            ["Bootstrap:CreateDemoProvincialOffice"] = "true",
            ["Bootstrap:ProvincialPassword"] = ProvincialPassword,
            // the tests' clients come through a proxy on loopback, each with an address of its own (CreateClient)
            ["Network:TrustedProxies"] = "127.0.0.1",
            ["RateLimits:SignInPermits"] = "30",
            ["RateLimits:SignInWindowSeconds"] = "60",
            ["RateLimits:PasswordResetPermits"] = "5",
            ["RateLimits:PasswordResetWindowSeconds"] = "600",
            ["Jobs:WorkerCount"] = "2",
            // the tests run the sweeps themselves; none starts with the host
            ["Jobs:CatchUpAtStart"] = "false",
            // the recurring jobs registered before the host serves: a test may trigger one at once
            ["Jobs:RecurringJobsAfterStart"] = "false",
            // a drain asked for right after another runs at once, not seconds later (docs/adr/0037-a-save-under-a-
            // deadline-surge.md): the tests wait for the scores
            ["Jobs:DrainPauseSeconds"] = "0.1",
            // the bulk reports' files of this checkout's tests, emptied at each run
            ["Reporting:BatchFolder"] = BatchFolder,
            // Chromium's profiles inside the checkout: scripts/test knows an orphan of an interrupted run by them
            ["Reporting:ChromiumProfileFolder"] = ChromiumProfileFolder,
            // the nation's figures computed at every request: a test reads them right after it changed them (the
            // figures a few seconds old of production are RecentFiguresTests')
            ["Reporting:NationalFiguresSeconds"] = "0",
            ["Reporting:ProvinceReportSeconds"] = "0",
            ["Logging:LogLevel:Default"] = "Warning",
            // the test host is instance "a" (a SecondInstance is "b"): X-Instance on every answer
            ["Instance:Name"] = "a",
            // the request lines, to the provider of the test that reads them only (TelemetryTests, CapturedLogs)
            ["Logging:TestCapture:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
        };
        foreach (var (key, value) in ExtraSettings) settings[key] = value;
        Settings = settings;

        _factory = CreateHost(Path.Combine(TestDatabase.RepositoryRoot(), "src", "Host", "EPlanNacc.Host"), settings);
        BaseAddress = Serve(_factory);
        Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Modules.Identity.IdentityOptions>>()
            .Value.PublicBaseUrl = BaseAddress.ToString().TrimEnd('/');

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        _respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = ModuleSchemas,
            TablesToIgnore = KeptTables,
        });
        await KeepProvisionedUsersAsync(connection);
        _emptyTables = await EmptyTablesStatementAsync(connection, _respawner.DeleteSql ?? "");
    }

    /// <summary>The application as the tests configure it (<paramref name="settings"/>, the environment
    /// <c>Testing</c>, the fake clock, the recorded notifications and held jobs), installed at
    /// <paramref name="contentRoot"/>; <see cref="Serve"/> starts it.</summary>
    internal WebApplicationFactory<Program> CreateHost(string contentRoot,
        IReadOnlyDictionary<string, string?> settings)
    {
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            // a free port of its own: two test runs on one machine (two checkouts) never meet on the default 5000
            builder.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
            builder.UseContentRoot(contentRoot);
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
            builder.ConfigureServices(services => services
                .AddSingleton<BuildingBlocks.Data.IConfigureDataSource>(Statements)
                .AddSingleton(Notifications)
                .AddSingleton(typeof(INotificationHandler<>), typeof(RecordingNotificationHandler<>))
                .AddScoped<IJobScheduler>(sp =>
                    new RecordingJobScheduler(ActivatorUtilities.CreateInstance<HangfireJobScheduler>(sp),
                        HeldJobs)));
            builder.ConfigureTestServices(services =>
                services.RemoveAll<TimeProvider>().AddSingleton<TimeProvider>(Clock));
        });
        // a free loopback port (UseKestrel(0) falls back to the default port 5000, which another run may hold)
        factory.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        return factory;
    }

    /// <summary>Starts <paramref name="factory"/> on its real loopback port; its address.</summary>
    internal static Uri Serve(WebApplicationFactory<Program> factory)
    {
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses;
        var address = addresses?.FirstOrDefault()
            ?? throw new InvalidOperationException("The test server has no address");
        return new Uri(address.Replace("[::]", "127.0.0.1").Replace("[::1]", "127.0.0.1")
            .Replace("localhost", "127.0.0.1"));
    }

    /// <summary>The tables Respawn would empty, emptied with one <c>DELETE</c> each, children before parents (their
    /// foreign keys), in one round trip: Respawn's <c>TRUNCATE</c> of some thirty tables cost about 85 ms before
    /// every test where these deletes of a few rows cost one or two.</summary>
    private static async Task<string> EmptyTablesStatementAsync(NpgsqlConnection connection, string respawnSql)
    {
        var tables = System.Text.RegularExpressions.Regex.Matches(respawnSql, "\"([^\"]+)\"\\.\"([^\"]+)\"")
            .Select(m => $"{m.Groups[1].Value}.{m.Groups[2].Value}").Distinct().ToList();
        if (tables.Count == 0)
            throw new InvalidOperationException("No table found in Respawn's statement: " + respawnSql);
        var parents = tables.ToDictionary(t => t, _ => new List<string>());
        await using (var keys = new NpgsqlCommand("""
            SELECT c.conrelid::regclass::text, c.confrelid::regclass::text FROM pg_constraint c
            WHERE c.contype = 'f' AND c.conrelid <> c.confrelid
            """, connection))
        await using (var reader = await keys.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                if (parents.TryGetValue(reader.GetString(0), out var of) && tables.Contains(reader.GetString(1)))
                    of.Add(reader.GetString(1));
        // a table's children first: a table goes once no remaining table names it as a parent
        var ordered = new List<string>();
        var left = new List<string>(tables);
        while (left.Count > 0)
        {
            var next = left.FirstOrDefault(t => !left.Any(o => o != t && parents[o].Contains(t)))
                ?? throw new InvalidOperationException("Foreign keys in a cycle: " + string.Join(", ", left));
            ordered.Add(next);
            left.Remove(next);
        }
        return string.Concat(ordered.Select(t => $"DELETE FROM {t};\n"));
    }

    /// <summary>The trigger of an earlier run goes until <see cref="KeepProvisionedUsersAsync"/> makes it again: the
    /// application's login, provisioning at start-up, may not be able to run it (one made before it ran as its
    /// owner).</summary>
    private async Task ForgetTouchedUsersTriggerAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand("""
            DO $$ BEGIN
                IF to_regclass('identity.users') IS NOT NULL THEN
                    DROP TRIGGER IF EXISTS test_support_touched ON identity.users;
                END IF;
            END $$
            """, connection);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>Empties the module tables and provisions the accounts once, then keeps the provisioned accounts as
    /// the state every test starts from, and the statement that puts identity.users back to it (only the rows a test
    /// changed, added or removed are written).</summary>
    private async Task KeepProvisionedUsersAsync(NpgsqlConnection connection)
    {
        await using (var users = new NpgsqlCommand("DELETE FROM identity.users", connection))
        {
            await _respawner!.ResetAsync(connection);
            await users.ExecuteNonQueryAsync();
        }
        await SendAsync(SystemUser.Instance, new ProvisionAccountsCommand());
        await using (var keep = new NpgsqlCommand(
            $"CREATE SCHEMA IF NOT EXISTS test_support; DROP TABLE IF EXISTS {ProvisionedUsers}; " +
            $"CREATE TABLE {ProvisionedUsers} AS TABLE identity.users; " +
            $"ALTER TABLE {ProvisionedUsers} ADD PRIMARY KEY (id); " +
            // the accounts a test touches, noted by a trigger: the reset puts back those alone
            $"DROP TABLE IF EXISTS {TouchedUsers}; CREATE TABLE {TouchedUsers} (id uuid PRIMARY KEY); " +
            // run as its owner: the application's login, which fires it, has no right on test_support
            "CREATE OR REPLACE FUNCTION test_support.note_touched_user() RETURNS trigger LANGUAGE plpgsql " +
            "SECURITY DEFINER SET search_path = pg_catalog AS " +
            $"$$ BEGIN INSERT INTO {TouchedUsers} VALUES (CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END) " +
            "ON CONFLICT DO NOTHING; RETURN NULL; END $$; " +
            "DROP TRIGGER IF EXISTS test_support_touched ON identity.users; " +
            "CREATE TRIGGER test_support_touched AFTER INSERT OR UPDATE OR DELETE ON identity.users " +
            "FOR EACH ROW EXECUTE FUNCTION test_support.note_touched_user();", connection))
            await keep.ExecuteNonQueryAsync();
        var columns = new List<string>();
        await using (var read = new NpgsqlCommand(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = 'identity' AND " +
            "table_name = 'users' ORDER BY ordinal_position", connection))
        await using (var reader = await read.ExecuteReaderAsync())
            while (await reader.ReadAsync()) columns.Add(reader.GetString(0));
        var list = string.Join(", ", columns);
        _restoreUsers = $"""
            DELETE FROM identity.users u USING {TouchedUsers} t
            WHERE u.id = t.id AND NOT EXISTS (SELECT 1 FROM {ProvisionedUsers} p WHERE p.id = u.id);
            UPDATE identity.users u SET ({list}) = ({string.Join(", ", columns.Select(c => "p." + c))})
            FROM {ProvisionedUsers} p JOIN {TouchedUsers} t ON t.id = p.id
            WHERE p.id = u.id AND (u.*) IS DISTINCT FROM (p.*);
            INSERT INTO identity.users ({list}) SELECT {list} FROM {ProvisionedUsers} p JOIN {TouchedUsers} t USING (id)
            WHERE NOT EXISTS (SELECT 1 FROM identity.users u WHERE u.id = p.id);
            DELETE FROM {TouchedUsers};
            """;
    }

    private string _restoreUsers = "";
    private string _emptyTables = "";

    /// <summary>Puts the clock back to <see cref="TestClock.DefaultNow"/>, empties every module table (not the
    /// reference data), and puts the accounts back as provisioned: every registry LAO never set up, admin and prov90
    /// with <see cref="AdminPassword"/> and <see cref="ProvincialPassword"/>.</summary>
    public async Task ResetAsync()
    {
        SetNow(TestClock.DefaultNow);
        // a background job of the previous test (a queued score recalculation) may still be writing: its locks and
        // the deletes can deadlock (PostgreSQL then cancels one of them), or it adds a row that refers to one about
        // to go; the reset simply tries again
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString);
                await connection.OpenAsync();
                await using var reset = new NpgsqlCommand(
                    "BEGIN;\n" + _emptyTables + _restoreUsers + "COMMIT;", connection);
                await reset.ExecuteNonQueryAsync();
                break;
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DeadlockDetected
                                                   // a row the job added to a table already emptied
                                                   or PostgresErrorCodes.ForeignKeyViolation
                                                   or PostgresErrorCodes.LockNotAvailable && attempt < 5)
            {
                await Task.Delay(200 * attempt);
            }
        }
        Mailbox.Clear();
        Services.GetRequiredService<BuildingBlocks.Security.UsageMeter>().Clear();
        Notifications.Clear();
        HeldJobs.Clear();
    }

    /// <summary>Keeps the jobs of <typeparamref name="TCommand"/> that the application queues from Hangfire, until the
    /// answer is disposed or the next test: the test sees them in <see cref="HeldJobs"/> and runs them itself, as
    /// and when it wants (a run it interrupts, a nightly job's hundred jobs it need not all run).</summary>
    public IDisposable HoldJobs<TCommand>() where TCommand : IBaseCommand
    {
        HeldJobs.Hold(typeof(TCommand));
        return new Release(() => HeldJobs.Release(typeof(TCommand)));
    }

    private sealed class Release(Action release) : IDisposable
    {
        public void Dispose() => release();
    }

    /// <summary>Sends a command or query through the application's mediator, in a new scope, as
    /// <paramref name="user"/>.</summary>
    public async Task<TResponse> SendAsync<TResponse>(ICurrentUser user, IMessage message,
        CancellationToken ct = default)
    {
        using var _ = CurrentUserProxy.RunAs(user);
        await using var scope = Services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        var result = await sender.Send((object)message, ct);
        return (TResponse)result!;
    }

    public Task<TResponse> SendAsync<TResponse>(ICurrentUser user, IRequest<TResponse> request) =>
        SendAsync<TResponse>(user, (IMessage)request);
    public Task<TResponse> SendAsync<TResponse>(ICurrentUser user, ICommand<TResponse> command) =>
        SendAsync<TResponse>(user, (IMessage)command);
    public Task<TResponse> SendAsync<TResponse>(ICurrentUser user, IQuery<TResponse> query) =>
        SendAsync<TResponse>(user, (IMessage)query);

    /// <summary>Runs a recurring job now, as its schedule would (ids in
    /// Host/Infrastructure/RecurringJobs.cs).</summary>
    public void TriggerRecurring(string id)
    {
        using var scope = Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<IJobScheduler>().TriggerRecurring(id);
    }

    /// <summary>An HTTP client to the real server. Each client comes from its own client address (X-Forwarded-For,
    /// believed from loopback, the tests' configured proxy), so that per-address rate limits of one test do not touch
    /// another.</summary>
    public HttpClient CreateClient(string? clientAddress = null, bool followRedirects = false)
    {
        var handler = new HttpClientHandler
        {
            AllowAutoRedirect = followRedirects, UseCookies = true, CookieContainer = new System.Net.CookieContainer(),
        };
        var client = new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var n = Interlocked.Increment(ref _clientNumber);
        client.DefaultRequestHeaders.Add("X-Forwarded-For",
            clientAddress ?? $"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}");
        return client;
    }

    /// <summary>An API client signed in with a bearer token (from <paramref name="clientAddress"/>, else an address
    /// of its own).</summary>
    public async Task<HttpClient> CreateApiClientAsync(string username, string? password,
        string? clientAddress = null)
    {
        var client = CreateClient(clientAddress);
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username, password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenAnswer>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    public sealed record TokenAnswer(string AccessToken, string TokenType, int ExpiresIn, string Role,
        bool SetupRequired);

    public virtual async Task DisposeAsync()
    {
        if (_factory is not null) await _factory.DisposeAsync();
        if (Mailbox is not null) await Mailbox.DisposeAsync();
    }
}
