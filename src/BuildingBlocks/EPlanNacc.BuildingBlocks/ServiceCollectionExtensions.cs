using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Email;
using EPlanNacc.BuildingBlocks.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EPlanNacc.BuildingBlocks;

public static class ServiceCollectionExtensions
{
    /// <summary>The name of the application's connection pool in Npgsql's logs and metrics (Hangfire's pool, on the
    /// same connection string, keeps that string as its name).</summary>
    public const string PoolName = "EPlanNacc";
    /// <summary>The name of the report reads' pool when ConnectionStrings:Reports is set.</summary>
    public const string ReportsPoolName = "EPlanNacc.Reports";

    /// <summary>What every module uses: one NpgsqlDataSource, a scoped DbSession, email, the clock and the per-user
    /// limits of expensive work.</summary>
    public static IServiceCollection AddBuildingBlocks(this IServiceCollection services, IConfiguration configuration)
    {
        // the application's login: rows only; the migrations run under the owner's (DatabaseConnections)
        var connectionString = DatabaseConnections.From(configuration).Application;
        services.AddSingleton(sp =>
        {
            var builder = new NpgsqlDataSourceBuilder(connectionString) { Name = PoolName };
            AutoPrepare.Apply(builder, connectionString);
            foreach (var configure in sp.GetServices<IConfigureDataSource>()) configure.Configure(builder);
            return builder.Build();
        });
        // the report reads: a read-only replica when ConnectionStrings:Reports names one, else the same pool
        var reports = configuration.GetConnectionString("Reports");
        services.AddSingleton(sp =>
        {
            if (string.IsNullOrWhiteSpace(reports))
                return new ReportsDataSource(sp.GetRequiredService<NpgsqlDataSource>());
            var builder = new NpgsqlDataSourceBuilder(reports) { Name = ReportsPoolName };
            AutoPrepare.Apply(builder, reports);
            foreach (var configure in sp.GetServices<IConfigureDataSource>()) configure.Configure(builder);
            return new ReportsDataSource(builder.Build());
        });
        services.AddScoped<DbSession>();
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddTransient<IEmailSender, MailKitEmailSender>();
        services.AddOptions<UsageLimitOptions>().Bind(configuration.GetSection(UsageLimitOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<UsageMeter>();
        DapperTypeHandlers.Register();
        return services;
    }
}
