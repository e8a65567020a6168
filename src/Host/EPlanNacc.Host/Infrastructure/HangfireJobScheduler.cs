using System.Text.Json;
using EPlanNacc.BuildingBlocks.Jobs;
using EPlanNacc.BuildingBlocks.Security;
using Hangfire;
using Mediator;

namespace EPlanNacc.Host.Infrastructure;

/// <summary><see cref="IJobScheduler"/> on Hangfire: every job is <see cref="CommandJob.RunAsync"/> with the
/// command's type and its JSON, so jobs hold no logic and survive restarts; a drain (<see cref="ICoalescedCommand"/>)
/// runs in this process through <see cref="CoalescedRuns"/> instead.</summary>
public sealed class HangfireJobScheduler(IBackgroundJobClient jobs, IRecurringJobManager recurring,
    CoalescedRuns coalesced) : IJobScheduler
{
    public string Enqueue<TCommand>(TCommand command) where TCommand : IBaseCommand =>
        command is ICoalescedCommand drain && coalesced.Runs
            ? coalesced.Request(drain)
            : jobs.Enqueue<CommandJob>(j => j.RunAsync(typeof(TCommand).Name, typeof(TCommand).AssemblyQualifiedName!,
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
        await SendAsSystemAsync(scopes, command, logger, ct);
    }

    /// <summary>Sends <paramref name="command"/> as the system user in a new scope; logs how long it took.</summary>
    public static async Task SendAsSystemAsync(IServiceScopeFactory scopes, object command, ILogger logger,
        CancellationToken ct)
    {
        var type = command.GetType();
        using var _ = CurrentUserProxy.RunAs(SystemUser.Instance);
        await using var scope = scopes.CreateAsyncScope();
        var started = System.Diagnostics.Stopwatch.StartNew();
        var result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(command, ct);
        // a sweep every minute that found nothing to do (it answers 0) is not worth a line of the log
        logger.Log(result is 0 ? LogLevel.Debug : LogLevel.Information,
            "Job {Command} ran in {Elapsed} ms, result {Result}", type.Name, started.ElapsedMilliseconds, result);
    }
}

/// <summary>The runs of the drains (<see cref="ICoalescedCommand"/>) in this process: a request while none runs starts
/// one at once, in the background; requests while one runs ask for one more run, however many they are, which starts
/// <see cref="JobsOptions.DrainPauseSeconds"/> after it. A run that fails is logged, and its pending rows wait for the
/// next request or the sweep. Another instance drains after its own changes: a drain takes every pending row, one
/// drain at a time (its own lock). A host that runs no jobs (<see cref="JobsOptions.RunServer"/> off) queues them to
/// Hangfire as any other.</summary>
public sealed class CoalescedRuns(IServiceScopeFactory scopes, ILogger<CoalescedRuns> logger,
    IHostApplicationLifetime lifetime, Microsoft.Extensions.Options.IOptions<JobsOptions> options)
{
    /// <summary>Whether this process runs the drains itself.</summary>
    public bool Runs => options.Value.RunServer;

    private sealed class Lane
    {
        public ICoalescedCommand? Next;
        public bool Running;
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<Type, Lane> _lanes = new();

    /// <summary>Asks for a run of <paramref name="command"/> that starts after this call; answers how it is
    /// kept ("started", or "coalesced" into the run asked for already).</summary>
    public string Request(ICoalescedCommand command)
    {
        var lane = _lanes.GetOrAdd(command.GetType(), _ => new Lane());
        lock (lane)
        {
            lane.Next = command;
            if (lane.Running) return "coalesced";
            lane.Running = true;
        }
        // not in the caller's execution context: the run is no part of the request that asked for it (its user, its
        // HttpContext, its trace)
        using (ExecutionContext.SuppressFlow()) _ = Task.Run(() => RunAsync(lane));
        return "started";
    }

    private async Task RunAsync(Lane lane)
    {
        var ct = lifetime.ApplicationStopping;
        var pause = TimeSpan.FromSeconds(options.Value.DrainPauseSeconds);
        for (var first = true; ; first = false)
        {
            if (!first && pause > TimeSpan.Zero)
            {
                try { await Task.Delay(pause, ct); }
                catch (OperationCanceledException) { }
            }
            ICoalescedCommand command;
            lock (lane)
            {
                if (lane.Next is null || ct.IsCancellationRequested)
                {
                    lane.Running = false;
                    return;
                }
                command = lane.Next;
                lane.Next = null;
            }
            try
            {
                await CommandJob.SendAsSystemAsync(scopes, command, logger, ct);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "{Command} failed: its pending rows wait for the next run or the sweep",
                    command.GetType().Name);
            }
        }
    }
}
