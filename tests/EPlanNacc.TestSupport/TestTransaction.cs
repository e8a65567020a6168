using System.Collections.Concurrent;
using System.Data;
using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Jobs;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Host.Infrastructure;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace EPlanNacc.TestSupport;

/// <summary>A scope of the application whose transaction the test holds, as the pipeline holds a command's: commands
/// sent through it join the transaction (like a command sent from inside another), and the test decides when it
/// commits or rolls back. For tests of what happens in a transaction, at its commit, and after it.</summary>
public sealed class TestTransaction : IAsyncDisposable
{
    private readonly AsyncServiceScope _scope;
    private readonly ICurrentUser _user;

    private TestTransaction(AsyncServiceScope scope, ICurrentUser user)
    {
        _scope = scope;
        _user = user;
    }

    public static async Task<TestTransaction> BeginAsync(AppFixture app, ICurrentUser user,
        IsolationLevel isolation = IsolationLevel.ReadCommitted)
    {
        var transaction = new TestTransaction(app.Services.CreateAsyncScope(), user);
        await transaction.Db.BeginAsync(isolation);
        return transaction;
    }

    /// <summary>The scope's unit of work: queries through it see what the open transaction wrote.</summary>
    public DbSession Db => _scope.ServiceProvider.GetRequiredService<DbSession>();

    /// <summary>The jobs this scope enqueued so far (handed to Hangfire too, which runs them).</summary>
    public IReadOnlyList<IBaseCommand> EnqueuedJobs =>
        ((RecordingJobScheduler)_scope.ServiceProvider.GetRequiredService<IJobScheduler>()).Enqueued;

    public async Task<TResponse> SendAsync<TResponse>(ICommand<TResponse> command)
    {
        using var _ = CurrentUserProxy.RunAs(_user);
        return await _scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    /// <summary>Commits, then runs what waited for the commit (jobs queued, caches flushed).</summary>
    public ValueTask CommitAsync() => Db.CommitAsync();

    public ValueTask RollbackAsync() => Db.RollbackAsync();

    public ValueTask DisposeAsync() => _scope.DisposeAsync();
}

/// <summary>The application's job scheduler in the test host, one per scope: records what the scope enqueues, and
/// hands everything to Hangfire as the application does, except the commands the test holds (<see cref="HeldJobs"/>),
/// which are recorded and dropped: the test runs them itself when it wants to.</summary>
public sealed class RecordingJobScheduler(HangfireJobScheduler hangfire, HeldJobs? held = null) : IJobScheduler
{
    private readonly ConcurrentQueue<IBaseCommand> _enqueued = new();

    public IReadOnlyList<IBaseCommand> Enqueued => _enqueued.ToList();

    public string Enqueue<TCommand>(TCommand command) where TCommand : IBaseCommand
    {
        _enqueued.Enqueue(command);
        if (held is not null && held.Holds(command)) return "held";
        return hangfire.Enqueue(command);
    }

    public void Recurring<TCommand>(string id, TCommand command, string cron, TimeZoneInfo timeZone)
        where TCommand : IBaseCommand => hangfire.Recurring(id, command, cron, timeZone);

    public void TriggerRecurring(string id) => hangfire.TriggerRecurring(id);
}

/// <summary>The job commands a test keeps from Hangfire (<see cref="AppFixture.HoldJobs{TCommand}"/>), with those it
/// kept, in order; empty again before each test.</summary>
public sealed class HeldJobs
{
    private readonly ConcurrentDictionary<Type, byte> _types = new();
    private readonly ConcurrentQueue<IBaseCommand> _kept = new();

    public IReadOnlyList<IBaseCommand> Kept => _kept.ToList();

    public void Hold(Type type) => _types[type] = 0;

    public void Release(Type type) => _types.TryRemove(type, out _);

    public bool Holds(IBaseCommand command)
    {
        if (!_types.ContainsKey(command.GetType())) return false;
        _kept.Enqueue(command);
        return true;
    }

    public void Clear()
    {
        _types.Clear();
        _kept.Clear();
    }
}
