using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Jobs;
using EPlanNacc.BuildingBlocks.Security;
using Mediator;

namespace EPlanNacc.Modules.Reporting.Features.Batches;

/// <summary>The sweep every minute: queues a run for every batch still queued or running that no run holds, such as
/// one whose process died, or whose job was lost between a commit and its queueing (docs/conventions.md 16). A batch
/// whose run is between two jobs may get a second run; the batch's lock lets only one of them print. Returns how many
/// runs it queued.</summary>
[Allow(Caller.Module)]
public sealed record ResumeReportBatchesCommand : ICommand<int>;

public sealed class ResumeReportBatchesHandler(DbSession db, IJobScheduler jobs)
    : ICommandHandler<ResumeReportBatchesCommand, int>
{
    public async ValueTask<int> Handle(ResumeReportBatchesCommand command, CancellationToken ct)
    {
        var unfinished = await db.QueryAsync<Guid>("""
            SELECT id FROM reporting.report_batches
            WHERE status IN ('queued', 'running')
            ORDER BY requested_at
            """, ct: ct);
        var queued = 0;
        foreach (var id in unfinished)
        {
            // held until this sweep commits: the run queued after the commit then takes it
            if (!await ReportBatchLock.TryTakeAsync(db, id, ct)) continue;
            await jobs.EnqueueAfterCommit(db, new RunReportBatchCommand(id));
            queued++;
        }
        return queued;
    }
}
