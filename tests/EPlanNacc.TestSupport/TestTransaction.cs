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
/// hands everything to Hangfire as the application does.</summary>
public sealed class RecordingJobScheduler(HangfireJobScheduler hangfire) : IJobScheduler
{
    private readonly ConcurrentQueue<IBaseCommand> _enqueued = new();

    public IReadOnlyList<IBaseCommand> Enqueued => _enqueued.ToList();

    public string Enqueue<TCommand>(TCommand command) where TCommand : IBaseCommand
    {
        _enqueued.Enqueue(command);
        return hangfire.Enqueue(command);
    }

    public void Recurring<TCommand>(string id, TCommand command, string cron, TimeZoneInfo timeZone)
        where TCommand : IBaseCommand => hangfire.Recurring(id, command, cron, timeZone);

    public void TriggerRecurring(string id) => hangfire.TriggerRecurring(id);
}
