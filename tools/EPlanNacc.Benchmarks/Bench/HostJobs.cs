using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EPlanNacc.Host.Infrastructure;
using EPlanNacc.Modules.Evaluation.Features.Scores;
using Hangfire;
using Hangfire.PostgreSql;

namespace EPlanNacc.Benchmarks.Bench;

/// <summary>Jobs for the host under test, queued in its Hangfire storage exactly as
/// src/Host/EPlanNacc.Host/Infrastructure/HangfireJobScheduler.cs queues them (the one job class
/// <see cref="CommandJob"/> with the command's type and JSON), so that the host's own worker runs them.</summary>
internal sealed class HostJobs : IDisposable
{
    private readonly BackgroundJobClient _client;

    public HostJobs(string connectionString)
    {
        GlobalConfiguration.Configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(pg => pg.UseNpgsqlConnection(connectionString),
                new PostgreSqlStorageOptions { SchemaName = HangfireSetup.Schema, PrepareSchemaIfNecessary = false });
        _client = new BackgroundJobClient();
    }

    /// <summary>Queues <see cref="RecalculateFiscalYearScoresCommand"/> and waits until the host ran it; answers its
    /// run time in ms as Hangfire recorded it (PerformanceDuration of the Succeeded state, without the wait in the
    /// queue).</summary>
    public async Task<double> RecalculateFiscalYearAsync(int fiscalYear)
    {
        var command = new RecalculateFiscalYearScoresCommand(fiscalYear);
        var id = _client.Enqueue<CommandJob>(j => j.RunAsync(nameof(RecalculateFiscalYearScoresCommand),
            typeof(RecalculateFiscalYearScoresCommand).AssemblyQualifiedName!,
            JsonSerializer.Serialize(command, CommandJob.Json), null!, CancellationToken.None));
        var monitor = JobStorage.Current.GetMonitoringApi();
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromMinutes(10))
        {
            await Task.Delay(200);
            var details = monitor.JobDetails(id);
            var state = details?.History.FirstOrDefault();
            if (state?.StateName == "Succeeded")
                return double.Parse(state.Data["PerformanceDuration"], CultureInfo.InvariantCulture);
            if (state?.StateName is "Failed" or "Deleted")
                throw new InvalidOperationException($"the recalculation job {id} ended {state.StateName}: " +
                                                    state.Reason);
        }
        throw new TimeoutException($"the recalculation job {id} did not end within 10 minutes");
    }

    public void Dispose()
    {
        // the client holds nothing of its own: the storage's connections are pooled by Npgsql
    }
}
