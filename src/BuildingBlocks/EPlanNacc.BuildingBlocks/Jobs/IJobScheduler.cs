using Mediator;

namespace EPlanNacc.BuildingBlocks.Jobs;

/// <summary>Background work for modules without a dependency on the job library: a job only sends a command
/// (the command does the work), as the system user, in its own scope. The Host implements it with Hangfire.</summary>
public interface IJobScheduler
{
    /// <summary>Runs <paramref name="command"/> soon, in the background. Inside a transaction, call it from
    /// <see cref="Data.DbSession.AfterCommit"/> so that the job sees what the transaction wrote.</summary>
    string Enqueue<TCommand>(TCommand command) where TCommand : IBaseCommand;

    /// <summary>Runs <paramref name="command"/> on a schedule (cron, in the given time zone); replaces a job of the same id.</summary>
    void Recurring<TCommand>(string id, TCommand command, string cron, TimeZoneInfo timeZone) where TCommand : IBaseCommand;

    /// <summary>Runs a recurring job now (tests, and "recalculate now" buttons).</summary>
    void TriggerRecurring(string id);
}
