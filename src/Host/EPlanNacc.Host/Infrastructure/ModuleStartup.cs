using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Email;
using EPlanNacc.BuildingBlocks.Jobs;
using EPlanNacc.BuildingBlocks.Modules;
using EPlanNacc.BuildingBlocks.Security;
using Microsoft.Extensions.Options;

namespace EPlanNacc.Host.Infrastructure;

/// <summary>Before the host serves: every module schema is migrated (DbUp, a journal per schema), then each
/// module's start-up work runs in order (reference data, accounts), acting as the system user; then the recurring
/// jobs are registered.</summary>
public static class ModuleStartup
{
    public static async Task MigrateAndInitializeAsync(this WebApplication app, CancellationToken ct = default)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("EPlanNacc.Startup");
        var connectionString = app.Configuration.GetConnectionString("Default")!;
        var schemas = app.Services.GetServices<IModuleSchema>().Select(s => s.Migrations).ToList();
        var started = System.Diagnostics.Stopwatch.StartNew();
        DatabaseMigrator.Migrate(connectionString, schemas, logger);
        logger.LogInformation("Migrated schemas {Schemas} in {Elapsed} ms",
            string.Join(", ", schemas.Select(s => s.Schema)), started.ElapsedMilliseconds);

        using var _ = CurrentUserProxy.RunAs(SystemUser.Instance);
        foreach (var initializer in app.Services.GetServices<IModuleInitializer>().OrderBy(i => i.Order))
        {
            await using var scope = app.Services.CreateAsyncScope();
            await initializer.InitializeAsync(scope.ServiceProvider, ct);
        }
        await using (var scope = app.Services.CreateAsyncScope())
            RecurringJobs.Register(scope.ServiceProvider.GetRequiredService<IJobScheduler>());
        logger.LogInformation("Modules initialized in {Elapsed} ms", started.ElapsedMilliseconds);

        var email = app.Services.GetRequiredService<IOptions<EmailOptions>>().Value;
        if (string.IsNullOrWhiteSpace(email.SmtpHost))
            logger.LogWarning("No SMTP server is configured (Email:SmtpHost): every email is written as an .eml " +
                              "file into {Directory}",
                Path.GetFullPath(email.PickupDirectory));
    }
}
