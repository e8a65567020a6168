using Mediator;

namespace EPlanNacc.BuildingBlocks.Jobs;

/// <summary>A background command that drains what the changes recorded in the database (pending rows), so that one run
/// started after a change committed does the work of that change and of every one before it. Enqueued, it is not a
/// Hangfire job of its own: it runs in this process, at most one run of its type at a time and at most one more asked
/// for meanwhile (a surge of saves queues no job per save; docs/adr/0037-a-save-under-a-deadline-surge.md). Its
/// pending rows, drained again by a recurring sweep, keep the work if the process dies before it runs.</summary>
public interface ICoalescedCommand : IBaseCommand;
