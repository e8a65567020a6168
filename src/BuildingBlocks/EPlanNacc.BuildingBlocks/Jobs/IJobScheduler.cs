using EPlanNacc.BuildingBlocks.Data;
using Mediator;

namespace EPlanNacc.BuildingBlocks.Jobs;

/// <summary>Background work for modules without a dependency on the job library: a job only sends a command
/// (the command does the work), as the system user, in its own scope. The Host implements it with Hangfire.</summary>
public interface IJobScheduler
{
    /// <summary>Runs <paramref name="command"/> soon, in the background. Inside a transaction, use
    /// <see cref="JobSchedulerExtensions.EnqueueAfterCommit"/> so that the job sees what the transaction
    /// wrote.</summary>
    string Enqueue<TCommand>(TCommand command) where TCommand : IBaseCommand;

    /// <summary>Runs <paramref name="command"/> on a schedule (cron, in
    /// the given time zone); replaces a job of the same id.</summary>
    void Recurring<TCommand>(string id, TCommand command, string cron, TimeZoneInfo timeZone)
        where TCommand : IBaseCommand;

    /// <summary>Runs a recurring job now (tests, and "recalculate now" buttons).</summary>
    void TriggerRecurring(string id);
}

public static class JobSchedulerExtensions
{
    /// <summary>Enqueues <paramref name="command"/> once the open transaction of <paramref name="db"/> commits (never
    /// if it rolls back; at once without a transaction), and only once per equal command in one transaction. A job
    /// may still be lost if the process dies right after the commit: the work it would do must be recorded in the
    /// transaction (a pending row) and drained again by a recurring sweep (docs/conventions.md 16).</summary>
    public static Task EnqueueAfterCommit<TCommand>(this IJobScheduler jobs, DbSession db, TCommand command)
        where TCommand : IBaseCommand =>
        db.AfterCommit(() =>
        {
            jobs.Enqueue(command);
            return Task.CompletedTask;
        }, key: command);
}
