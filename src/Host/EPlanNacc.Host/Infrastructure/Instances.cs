using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography.X509Certificates;
using EPlanNacc.Modules.Identity.Features.Instances;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EPlanNacc.Host.Infrastructure;

/// <summary>What tells one instance of the application from another (docs/adr/0033-several-instances.md).</summary>
public sealed class InstanceOptions
{
    public const string Section = "Instance";
    /// <summary>This instance's name, sent as the <c>X-Instance</c> header of every answer when set (for the proxy's
    /// logs and the checks of scripts/two-hosts); empty, the default, sends nothing.</summary>
    [RegularExpression("^[A-Za-z0-9._-]{0,64}$")] public string Name { get; set; } = "";
}

/// <summary>Where the Data Protection keys are encrypted at rest: a PKCS#12 certificate file and its password. Without
/// one the keys are protected by the database's access alone (docs/adr/0033-several-instances.md).</summary>
public sealed class KeyProtectionOptions
{
    public const string Section = "DataProtection";
    public string CertificatePath { get; set; } = "";
    public string CertificatePassword { get; set; } = "";
}

/// <summary>Several stateless instances behind a proxy, sharing the database (docs/adr/0033-several-instances.md):
/// one Data Protection key ring in the database under one application name, the instance's name on its answers, and
/// the sessions ended by any instance forgotten by every other at once.</summary>
public static class Instances
{
    /// <summary>The application name of the key ring: the same on every instance, wherever it is installed (the
    /// default is the content root's path, which differs between two installations and would refuse their
    /// cookies).</summary>
    public const string ApplicationName = "EPlanNacc";

    public const string InstanceHeader = "X-Instance";

    public static IServiceCollection AddAppInstances(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InstanceOptions>().Bind(configuration.GetSection(InstanceOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<KeyProtectionOptions>().Bind(configuration.GetSection(KeyProtectionOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        var keys = configuration.GetSection(KeyProtectionOptions.Section).Get<KeyProtectionOptions>()
                   ?? new KeyProtectionOptions();
        var protection = services.AddDataProtection().SetApplicationName(ApplicationName);
        if (!string.IsNullOrWhiteSpace(keys.CertificatePath))
            protection.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(keys.CertificatePath,
                string.IsNullOrEmpty(keys.CertificatePassword) ? null : keys.CertificatePassword));
        services.AddOptions<KeyManagementOptions>()
            .Configure<DatabaseKeyRepository>((o, repository) => o.XmlRepository = repository);
        services.AddHostedService<SessionChangeListener>();
        return services;
    }

    /// <summary>Names this instance on every answer (<see cref="InstanceOptions.Name"/>).</summary>
    public static IApplicationBuilder UseInstanceHeader(this IApplicationBuilder app)
    {
        var name = app.ApplicationServices.GetRequiredService<IOptions<InstanceOptions>>().Value.Name;
        if (string.IsNullOrEmpty(name)) return app;
        return app.Use((ctx, next) =>
        {
            ctx.Response.Headers[InstanceHeader] = name;
            return next();
        });
    }

    /// <summary>Makes the key ring's first key, if there is none yet, while the start-up holds the database's start-up
    /// lock (<see cref="ModuleStartup"/>): instances started together then share one key instead of making one each.
    /// </summary>
    public static void EnsureKey(IServiceProvider services) =>
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector("EPlanNacc.Startup").Protect([1]);
}

/// <summary>Tells every instance that a session ended or an account's sessions did
/// (<see cref="ForgetSessionsHandler"/>), through PostgreSQL's <c>NOTIFY</c>, sent with the transaction of the change
/// and delivered at its commit; each instance listens and forgets that session in its cache
/// (<see cref="AuthenticationSetup.SessionCacheLifetime"/>). While the listening connection is down (the database
/// restarts), an instance forgets every cached session when it listens again, and a notice lost meanwhile is bounded
/// by the cache's 30 seconds.</summary>
public sealed class SessionChangeListener(NpgsqlDataSource dataSource, IMemoryCache cache,
    ILogger<SessionChangeListener> logger) : BackgroundService
{
    public const string Channel = "eplan_sessions";

    public static string SessionPayload(Guid sessionId) => "session:" + sessionId.ToString("N");
    public static string AccountPayload(Guid userId) => "account:" + userId.ToString("N");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) => Forget(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                // what was cached while nobody listened may have ended meanwhile
                (cache as MemoryCache)?.Compact(1.0);
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Listening for ended sessions failed; trying again in 5 seconds");
                try { await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    private void Forget(string payload)
    {
        var parts = payload.Split(':');
        if (parts.Length != 2 || !Guid.TryParse(parts[1], out var id)) return;
        if (parts[0] == "session") cache.Remove(AuthenticationSetup.SessionIdCacheKey(id));
        else if (parts[0] == "account") cache.Remove(AuthenticationSetup.SessionCacheKey(id));
    }
}
