using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Modules;
using EPlanNacc.BuildingBlocks.Validation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EPlanNacc.Modules.Evaluation;

public static class EvaluationModule
{
    public const string Schema = "evaluation";

    public static IServiceCollection AddEvaluationModule(this IServiceCollection services, IConfiguration configuration)
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
}
