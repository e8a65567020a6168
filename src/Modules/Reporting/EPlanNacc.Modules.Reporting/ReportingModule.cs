using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Modules;
using EPlanNacc.BuildingBlocks.Validation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EPlanNacc.Modules.Reporting;

public static class ReportingModule
{
    public const string Schema = "reporting";

    public static IServiceCollection AddReportingModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IModuleSchema, Registration>();
        services.AddOptions<Rendering.ReportingOptions>()
            .Bind(configuration.GetSection(Rendering.ReportingOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Rendering.IPdfRenderer, Rendering.ChromiumPdfRenderer>();
        services.AddSingleton<Rendering.PdfPrintQueue>();
        services.AddSingleton<Features.Batches.ReportFileStore>();
        services.AddSingleton<Features.Completeness.RecentFigures>();
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
