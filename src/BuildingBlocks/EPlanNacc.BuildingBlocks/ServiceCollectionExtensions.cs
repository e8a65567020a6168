using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Email;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EPlanNacc.BuildingBlocks;

public static class ServiceCollectionExtensions
{
    /// <summary>What every module uses: one NpgsqlDataSource, a scoped DbSession, email and the clock.</summary>
    public static IServiceCollection AddBuildingBlocks(this IServiceCollection services, IConfiguration configuration)
    {
        // the application's login: rows only; the migrations run under the owner's (DatabaseConnections)
        var connectionString = DatabaseConnections.From(configuration).Application;
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
        services.AddScoped<DbSession>();
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddTransient<IEmailSender, MailKitEmailSender>();
        DapperTypeHandlers.Register();
        return services;
    }
}
