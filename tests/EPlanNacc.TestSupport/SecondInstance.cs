using Hangfire;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EPlanNacc.TestSupport;

/// <summary>A second instance of the application in the test process, on the test host's database and settings (its
/// own memory: session cache, Hangfire server, rate limiters), installed at another path (a link to the Host's folder,
/// as another machine would install it), on a loopback port of its own, with the name <c>b</c> in X-Instance where the
/// test host has <c>a</c> (docs/adr/0033-several-instances.md). Hangfire keeps its storage and log provider in static
/// state, which the second host takes while it runs: disposing it gives them back to the test host.</summary>
public sealed class SecondInstance : IAsyncDisposable
{
    private readonly AppFixture _app;
    private readonly WebApplicationFactory<Program> _factory;
    private readonly string _installation;

    private SecondInstance(AppFixture app, WebApplicationFactory<Program> factory, string installation, Uri address)
    {
        _app = app;
        _factory = factory;
        _installation = installation;
        BaseAddress = address;
    }

    public Uri BaseAddress { get; }
    public IServiceProvider Services => _factory.Services;

    public static SecondInstance Start(AppFixture app)
    {
        var installation = Path.Combine(Path.GetTempPath(), $"eplan-instance-b-{Guid.NewGuid():N}");
        Directory.CreateSymbolicLink(installation,
            Path.Combine(TestDatabase.RepositoryRoot(), "src", "Host", "EPlanNacc.Host"));
        var settings = new Dictionary<string, string?>(app.Settings) { ["Instance:Name"] = "b" };
        var factory = app.CreateHost(installation, settings);
        try
        {
            return new SecondInstance(app, factory, installation, AppFixture.Serve(factory));
        }
        catch
        {
            factory.Dispose();
            Directory.Delete(installation);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        JobStorage.Current = _app.Services.GetRequiredService<JobStorage>();
        GlobalConfiguration.Configuration.UseLogProvider(
            new Hangfire.AspNetCore.AspNetCoreLogProvider(_app.Services.GetRequiredService<ILoggerFactory>()));
        Directory.Delete(_installation);
    }
}
