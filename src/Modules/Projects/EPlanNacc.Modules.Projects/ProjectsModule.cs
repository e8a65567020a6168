using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Modules;
using EPlanNacc.BuildingBlocks.Validation;
using EPlanNacc.Modules.Projects.Features.Dimensions;
using EPlanNacc.Modules.Projects.Features.Projects;
using EPlanNacc.Modules.Projects.Features.Rounds;
using Mediator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EPlanNacc.Modules.Projects;

public static class ProjectsModule
{
    public const string Schema = "projects";

    public static IServiceCollection AddProjectsModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IModuleSchema, Registration>();
        services.AddOptions<ProjectsOptions>().Bind(configuration.GetSection(ProjectsOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.Scan(scan => scan.FromAssemblyOf<Registration>()
            .AddModuleValidators()
            .AddClasses(c => c.AssignableTo<IModuleInitializer>(), publicOnly: false).As<IModuleInitializer>()
            .WithSingletonLifetime());
        services.AddScoped<ProjectRows>();
        services.AddScoped<DimensionTrees>();
        services.AddSingleton<DimensionTreesRead>();
        return services;
    }

    private sealed class Registration : IModuleSchema
    {
        public ModuleMigrations Migrations { get; } = new(Schema, typeof(Registration).Assembly);
    }

    /// <summary>Seeds the dimension taxonomy, then the round calendar
    /// of the current and the previous fiscal year.</summary>
    internal sealed class Initializer : IModuleInitializer
    {
        public int Order => 30;
        public async Task InitializeAsync(IServiceProvider services, CancellationToken ct)
        {
            var sender = services.GetRequiredService<ISender>();
            await sender.Send(new SeedDimensionTaxonomyCommand(), ct);
            await sender.Send(new SeedRoundsCommand(), ct);
        }
    }
}
