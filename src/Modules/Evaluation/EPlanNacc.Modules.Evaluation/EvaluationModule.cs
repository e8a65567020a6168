using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Jobs;
using EPlanNacc.BuildingBlocks.Modules;
using FluentValidation;
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
            .AddClasses(c => c.AssignableTo(typeof(IValidator<>)), publicOnly: false).AsSelfWithInterfaces().WithTransientLifetime()
            .AddClasses(c => c.AssignableTo<IModuleInitializer>(), publicOnly: false).As<IModuleInitializer>().WithSingletonLifetime());
        return services;
    }

    private sealed class Registration : IModuleSchema
    {
        public ModuleMigrations Migrations { get; } = new(Schema, typeof(Registration).Assembly);
    }

    public const string NightlyJobId = "evaluation-nightly-recalculation";

    /// <summary>Registers the nightly recalculation of the open fiscal years, 02:00 Asia/Bangkok.</summary>
    internal sealed class Initializer : IModuleInitializer
    {
        public int Order => 50;
        public Task InitializeAsync(IServiceProvider services, CancellationToken ct)
        {
            services.GetRequiredService<IJobScheduler>().Recurring(NightlyJobId, new Features.Scores.RecalculateOpenYearsCommand(),
                "0 2 * * *", EPlanNacc.BuildingBlocks.Thai.ThaiFormat.BangkokTime);
            return Task.CompletedTask;
        }
    }
}
