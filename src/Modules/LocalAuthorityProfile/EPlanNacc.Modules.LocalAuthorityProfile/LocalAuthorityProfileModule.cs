using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Modules;
using EPlanNacc.BuildingBlocks.Validation;
using EPlanNacc.Modules.LocalAuthorityProfile.Features.Registry;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace EPlanNacc.Modules.LocalAuthorityProfile;

public static class LocalAuthorityProfileModule
{
    public const string Schema = "local_authority_profile";

    public static IServiceCollection AddLocalAuthorityProfileModule(this IServiceCollection services)
    {
        services.AddSingleton<IModuleSchema, Registration>();
        services.Scan(scan => scan.FromAssemblyOf<Registration>()
            .AddModuleValidators()
            .AddClasses(c => c.AssignableTo<IModuleInitializer>(), publicOnly: false).As<IModuleInitializer>()
            .WithSingletonLifetime());
        return services;
    }

    private sealed class Registration : IModuleSchema
    {
        public ModuleMigrations Migrations { get; } = new(Schema, typeof(Registration).Assembly);
    }

    /// <summary>Loads provinces, districts and the LAO registry before any other module starts, unless the database
    /// holds these very files already (<see cref="RegistryFile"/>: most starts).</summary>
    internal sealed class Initializer : IModuleInitializer
    {
        public int Order => 10;
        public async Task InitializeAsync(IServiceProvider services, CancellationToken ct)
        {
            if (await RegistryFile.IsLoadedAsync(services.GetRequiredService<DbSession>(), ct)) return;
            await services.GetRequiredService<ISender>().Send(new LoadRegistryCommand(), ct);
        }
    }
}
