using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Email;
using EPlanNacc.BuildingBlocks.Jobs;
using EPlanNacc.BuildingBlocks.Modules;
using EPlanNacc.BuildingBlocks.Security;
using Microsoft.Extensions.Options;

namespace EPlanNacc.Host.Infrastructure;

/// <summary>Before the host serves: under the owner's login (ConnectionStrings:Migrations), every module schema is
/// migrated (DbUp, a journal per schema) and Hangfire's installed, one instance at a time, and the application's
/// login is granted the rows and nothing more (docs/adr/0021-two-database-logins.md), which is then checked; then each
/// module's start-up work runs in order (reference data, accounts), acting as the system user; then the recurring jobs
/// are registered, and the sweeps run once (after the host serves, see JobsOptions.RecurringJobsAfterStart).</summary>
public static class ModuleStartup
{
    /// <summary>The advisory lock of the start-up's migrations (docs/adr/0033-several-instances.md).</summary>
    private const long StartupLock = 0x4550_4C41_4E53_5452; // "EPLANSTR"

    public static async Task MigrateAndInitializeAsync(this WebApplication app, CancellationToken ct = default)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("EPlanNacc.Startup");
        var database = DatabaseConnections.From(app.Configuration);
        var schemas = app.Services.GetServices<IModuleSchema>().Select(s => s.Migrations).ToList();
        var started = System.Diagnostics.Stopwatch.StartNew();
        // where a start's time goes (docs/adr/0037-a-save-under-a-deadline-surge.md), in one line of the log
        var steps = new List<string>();
        var lap = System.Diagnostics.Stopwatch.StartNew();
        void Step(string what)
        {
            steps.Add($"{what} {lap.ElapsedMilliseconds} ms");
            lap.Restart();
        }
        int migrated;
        // instances started together migrate one after the other: DbUp's journal is no lock, and two runs of one
        // script would fail one of them; the first key of the shared key ring is made under the same lock
        // a connection of its own, outside the pool: closing it ends the session and with it the lock
        var unpooled = new Npgsql.NpgsqlConnectionStringBuilder(database.Migrations) { Pooling = false };
        await using (var startupLock = new Npgsql.NpgsqlConnection(unpooled.ConnectionString))
        {
            await startupLock.OpenAsync(ct);
            await using (var take = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_lock({StartupLock})", startupLock))
            {
                take.CommandTimeout = 0; // waits as long as another instance migrates
                await take.ExecuteNonQueryAsync(ct);
            }
            Step("lock");
            migrated = DatabaseMigrator.Migrate(database.Migrations, schemas, logger);
            Step("migrations");
            HangfireSetup.InstallSchema(database.Migrations);
            Step("Hangfire's schema");
            if (database.SeparateLogins)
                DatabaseRights.GrantApplicationAccess(database.Migrations, database.ApplicationLogin, schemas,
                    [HangfireSetup.Schema]);
            Step("grants");
            Instances.EnsureKey(app.Services);
            Step("key ring");
        } // the lock ends with its connection
        logger.LogInformation("Migrated schemas {Schemas} ({Migrated} with scripts to run) in {Elapsed} ms",
            string.Join(", ", schemas.Select(s => s.Schema)), migrated, started.ElapsedMilliseconds);
        await CheckDatabaseLoginAsync(app, [.. schemas.Select(s => s.Schema), HangfireSetup.Schema], logger, ct);
        Step("login check");

        using var _ = CurrentUserProxy.RunAs(SystemUser.Instance);
        foreach (var initializer in app.Services.GetServices<IModuleInitializer>().OrderBy(i => i.Order))
        {
            await using var scope = app.Services.CreateAsyncScope();
            await initializer.InitializeAsync(scope.ServiceProvider, ct);
            Step(initializer.GetType().FullName!);
        }
        var o = app.Services.GetRequiredService<IOptions<JobsOptions>>().Value;
        if (o.RecurringJobsAfterStart)
        {
            // Hangfire's AddOrUpdate takes a distributed lock per job (a second of the start under load): once the
            // host serves, in the background; the schedules are the same at every start
            app.Lifetime.ApplicationStarted.Register(() =>
                Task.Run(() => RegisterRecurringJobsAsync(app, o, logger, app.Lifetime.ApplicationStopping)));
        }
        else
        {
            RegisterRecurringJobs(app, o);
            Step("recurring jobs");
        }
        logger.LogInformation("Modules initialized in {Elapsed} ms ({Steps})", started.ElapsedMilliseconds,
            string.Join(", ", steps));

        var email = app.Services.GetRequiredService<IOptions<EmailOptions>>().Value;
        if (string.IsNullOrWhiteSpace(email.SmtpHost))
            logger.LogWarning("No SMTP server is configured (Email:SmtpHost): every email is written as an .eml " +
                              "file into {Directory}",
                Path.GetFullPath(email.PickupDirectory));
    }

    private static void RegisterRecurringJobs(WebApplication app, JobsOptions o)
    {
        using var scope = app.Services.CreateScope();
        var jobs = scope.ServiceProvider.GetRequiredService<IJobScheduler>();
        RecurringJobs.Register(jobs);
        if (o is { RunServer: true, CatchUpAtStart: true }) RecurringJobs.CatchUp(jobs);
    }

    /// <summary>The registration after the start, tried again every 10 s until it succeeds (a database that is not
    /// there yet) or the host stops.</summary>
    private static async Task RegisterRecurringJobsAsync(WebApplication app, JobsOptions o, ILogger logger,
        CancellationToken stopping)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                RegisterRecurringJobs(app, o);
                logger.LogInformation("Recurring jobs registered after the start in {Elapsed} ms",
                    started.ElapsedMilliseconds);
                return;
            }
            catch (Exception ex) when (!stopping.IsCancellationRequested)
            {
                logger.LogError(ex, "The recurring jobs could not be registered; trying again in 10 s");
            }
            try { await Task.Delay(TimeSpan.FromSeconds(10), stopping); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Production does not start with an application login that holds more than it needs; elsewhere (the
    /// demo with one login, a developer's machine) it is a warning.</summary>
    private static async Task CheckDatabaseLoginAsync(WebApplication app, IReadOnlyList<string> schemas,
        ILogger logger, CancellationToken ct)
    {
        var problems = await DatabaseRights.ProblemsAsync(
            app.Services.GetRequiredService<Npgsql.NpgsqlDataSource>(), schemas, ct);
        if (problems.Count == 0) return;
        if (app.Environment.IsProduction())
            throw new InvalidOperationException("E-PlanNACC cannot start in Production: " + string.Join(" ", problems));
        foreach (var problem in problems) logger.LogWarning("{Problem}", problem);
    }
}
