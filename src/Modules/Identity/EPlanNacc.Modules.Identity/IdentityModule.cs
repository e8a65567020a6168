using EPlanNacc.BuildingBlocks.Auditing;
using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Modules;
using EPlanNacc.BuildingBlocks.Telemetry;
using EPlanNacc.BuildingBlocks.Validation;
using EPlanNacc.Modules.Identity.Features.Audit;
using EPlanNacc.Modules.Identity.Features.Provisioning;
using Mediator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EPlanNacc.Modules.Identity;

public static class IdentityModule
{
    public const string Schema = "identity";

    public static IServiceCollection AddIdentityModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IdentityOptions>().Bind(configuration.GetSection(IdentityOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<BootstrapOptions>().Bind(configuration.GetSection(BootstrapOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IModuleSchema, Registration>();
        // any module's handler records with IAuditTrail; Identity's own sign-ins use AuditTrail.RecordAsAsync
        services.AddScoped<AuditTrail>();
        services.AddScoped<IAuditTrail>(sp => sp.GetRequiredService<AuditTrail>());
        // several instances: the Data Protection keys and the security limits' counts in the database
        services.AddSingleton<Features.Instances.DatabaseKeyRepository>();
        services.AddScoped<Features.Instances.RequestCounter>();
        services.AddSingleton<IMetricsSource, Features.Emails.OutboxMetrics>();
        services.Scan(scan => scan.FromAssemblyOf<Registration>()
            .AddModuleValidators()
            .AddClasses(c => c.AssignableTo<IModuleInitializer>(), publicOnly: false).As<IModuleInitializer>()
            .WithSingletonLifetime());
        return services;
    }

    private sealed class Registration : IModuleSchema
    {
        // what happened to accounts and who did what, and the Data Protection keys: the application adds and reads,
        // never rewrites
        public ModuleMigrations Migrations { get; } = new(Schema, typeof(Registration).Assembly,
            AppendOnlyTables: ["audit_log", "account_events", "data_protection_keys"]);
    }

    /// <summary>After the LAO registry is loaded: an account for every registry LAO, and the bootstrap staff.</summary>
    internal sealed class Initializer : IModuleInitializer
    {
        public int Order => 20;
        public async Task InitializeAsync(IServiceProvider services, CancellationToken ct) =>
            await services.GetRequiredService<ISender>().Send(new ProvisionAccountsCommand(SkipKnownLaos: true), ct);
    }
}
