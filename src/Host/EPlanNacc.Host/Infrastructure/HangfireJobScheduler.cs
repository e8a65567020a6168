using System.Text.Json;
using EPlanNacc.BuildingBlocks.Jobs;
using EPlanNacc.BuildingBlocks.Security;
using Hangfire;
using Mediator;

namespace EPlanNacc.Host.Infrastructure;

/// <summary><see cref="IJobScheduler"/> on Hangfire: every job is <see cref="CommandJob.RunAsync"/> with the
/// command's type and its JSON, so jobs hold no logic and survive restarts.</summary>
public sealed class HangfireJobScheduler(IBackgroundJobClient jobs, IRecurringJobManager recurring) : IJobScheduler
{
    public string Enqueue<TCommand>(TCommand command) where TCommand : IBaseCommand =>
        jobs.Enqueue<CommandJob>(j => j.RunAsync(typeof(TCommand).Name, typeof(TCommand).AssemblyQualifiedName!,
            JsonSerializer.Serialize(command, CommandJob.Json), null!, CancellationToken.None));

    public void Recurring<TCommand>(string id, TCommand command, string cron, TimeZoneInfo timeZone)
        where TCommand : IBaseCommand =>
        recurring.AddOrUpdate<CommandJob>(id,
            j => j.RunAsync(typeof(TCommand).Name, typeof(TCommand).AssemblyQualifiedName!,
                JsonSerializer.Serialize(command, CommandJob.Json), null!, CancellationToken.None),
            cron, new RecurringJobOptions { TimeZone = timeZone });

    public void TriggerRecurring(string id) => recurring.Trigger(id);
}

/// <summary>The one job class: sends the command through the mediator, as the system user, in a new scope.</summary>
public sealed class CommandJob(IServiceScopeFactory scopes, ILogger<CommandJob> logger)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [JobDisplayName("{0}")]
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(string name, string commandType, string commandJson,
        Hangfire.Server.PerformContext? context, CancellationToken ct)
    {
        var type = Type.GetType(commandType, throwOnError: true)!;
        var command = JsonSerializer.Deserialize(commandJson, type, Json)
            ?? throw new InvalidOperationException($"The job's command {type.Name} is empty");
        using var _ = CurrentUserProxy.RunAs(SystemUser.Instance);
        await using var scope = scopes.CreateAsyncScope();
        var started = System.Diagnostics.Stopwatch.StartNew();
        var result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(command, ct);
        // a sweep every minute that found nothing to do (it answers 0) is not worth a line of the log
        logger.Log(result is 0 ? LogLevel.Debug : LogLevel.Information,
            "Job {Command} ran in {Elapsed} ms, result {Result}", type.Name, started.ElapsedMilliseconds, result);
    }
}
