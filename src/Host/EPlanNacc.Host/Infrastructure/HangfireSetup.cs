using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;

namespace EPlanNacc.Host.Infrastructure;

public sealed class JobsOptions
{
    public const string Section = "Jobs";
    /// <summary>Run the Hangfire server in this process (off only for a host that must not run jobs).</summary>
    public bool RunServer { get; set; } = true;
    [System.ComponentModel.DataAnnotations.Range(1, 64)] public int WorkerCount { get; set; } = 2;
    /// <summary>Run the sweeps once at start (<see cref="RecurringJobs.CatchUp"/>): what a killed process left goes on
    /// at once rather than at the next minute. Off in the test host, whose tests run the sweeps themselves.</summary>
    public bool CatchUpAtStart { get; set; } = true;
    /// <summary>Register the recurring jobs (and run the sweeps) once the host serves, in the background, rather than
    /// before it serves (docs/adr/0037-a-save-under-a-deadline-surge.md: a second of the start). Off in the test
    /// host, whose tests trigger recurring jobs right after the start.</summary>
    public bool RecurringJobsAfterStart { get; set; } = true;
    /// <summary>The pause after a drain (<see cref="EPlanNacc.BuildingBlocks.Jobs.ICoalescedCommand"/>) before the next
    /// one, which does the work asked for meanwhile, at once: under a surge of saves the drains take part of the
    /// machine, never all of it, and one drain recalculates an LAO once for its many saves.</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 60)] public double DrainPauseSeconds { get; set; } = 3;
}

/// <summary>Hangfire with PostgreSQL storage in its own <c>hangfire</c> schema, which the migrations install (the
/// application's login cannot create it: docs/adr/0021-two-database-logins.md); its dashboard at /hangfire for
/// admins.</summary>
public static class HangfireSetup
{
    public const string Schema = "hangfire";

    /// <summary>Installs or upgrades Hangfire's tables, under the owner's login (the migrations').</summary>
    public static void InstallSchema(string ownerConnectionString)
    {
        using var connection = new Npgsql.NpgsqlConnection(ownerConnectionString);
        connection.Open();
        PostgreSqlObjectsInstaller.Install(connection, Schema);
    }

    public static IServiceCollection AddAppJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JobsOptions>().Bind(configuration.GetSection(JobsOptions.Section)).ValidateDataAnnotations()
            .ValidateOnStart();
        var connectionString = EPlanNacc.BuildingBlocks.Data.DatabaseConnections.From(configuration).Application;
        var o = configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        services.AddHangfire(config => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseFilter(new JobTelemetryFilter())
            .UsePostgreSqlStorage(pg => pg.UseNpgsqlConnection(connectionString),
                new PostgreSqlStorageOptions
                {
                    SchemaName = Schema, PrepareSchemaIfNecessary = false,
                    QueuePollInterval = TimeSpan.FromSeconds(1),
                    // a job queued wakes the workers of every instance at once (LISTEN/NOTIFY), not only those of the
                    // process that queued it: a batch's next run goes to whichever instance is free
                    // (docs/adr/0033-several-instances.md)
                    EnableLongPolling = true,
                }));
        services.AddScoped<EPlanNacc.BuildingBlocks.Jobs.IJobScheduler, HangfireJobScheduler>();
        services.AddTransient<CommandJob>();
        services.AddSingleton<CoalescedRuns>();
        if (o.RunServer)
        {
            services.AddHangfireServer(s =>
            {
                s.WorkerCount = Math.Max(1, o.WorkerCount);
                s.SchedulePollingInterval = TimeSpan.FromSeconds(1);
            });
        }
        return services;
    }

    public static IApplicationBuilder UseAppJobsDashboard(this IApplicationBuilder app) =>
        app.UseHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [], // the default admits local requests only
            AsyncAuthorization = [new AdminOnly()],
            AppPath = "/",
            DashboardTitle = "E-PlanNACC: งานเบื้องหลัง",
        });

    /// <summary>The dashboard is an admin's page (<see cref="Policies.Admin"/>), but not of a session that may do one
    /// thing only (the dashboard is no endpoint, so the set-up gate does not see it): Hangfire answers 401 to an
    /// anonymous visitor and 403 to anyone else.</summary>
    private sealed class AdminOnly : IDashboardAsyncAuthorizationFilter
    {
        public async Task<bool> AuthorizeAsync(DashboardContext context)
        {
            var http = context.GetHttpContext();
            return await http.AdmitsAsync(Policies.Admin)
                   && !http.User.IsSetupSession() && !http.User.MustChangePassword();
        }
    }
}
