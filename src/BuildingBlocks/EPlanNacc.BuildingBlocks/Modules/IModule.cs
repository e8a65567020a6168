using EPlanNacc.BuildingBlocks.Data;

namespace EPlanNacc.BuildingBlocks.Modules;

/// <summary>Work a module does once at start-up, after every schema is migrated: loading its reference data
/// idempotently, provisioning. Runs in <see cref="Order"/>, inside a scope acting as the system user.</summary>
public interface IModuleInitializer
{
    int Order { get; }
    Task InitializeAsync(IServiceProvider services, CancellationToken ct);
}

/// <summary>Registered by each module so the Host can migrate its schema.</summary>
public interface IModuleSchema
{
    ModuleMigrations Migrations { get; }
}
