using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.Reporting.Rendering;
using Mediator;
using Microsoft.Extensions.Options;

namespace EPlanNacc.Modules.Reporting.Features.Batches;

/// <summary>The daily clean-up: removes the batches whose zip is past its keeping time (<c>Reporting:BatchKeepDays</c>,
/// 30 days after the batch finished) with their files, and the nightly province files not generated again for as
/// long (those of rounds no longer open). The files go once the rows' removal is committed. Returns how many batches
/// and files it removed.</summary>
[Allow(Caller.Module)]
public sealed record DeleteExpiredReportFilesCommand : ICommand<int>;

public sealed class DeleteExpiredReportFilesHandler(
    DbSession db, ReportFileStore files, TimeProvider clock, IOptions<ReportingOptions> options)
    : ICommandHandler<DeleteExpiredReportFilesCommand, int>
{
    public async ValueTask<int> Handle(DeleteExpiredReportFilesCommand command, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var batches = await db.QueryAsync<Guid>(
            "DELETE FROM reporting.report_batches WHERE expires_at <= @now RETURNING id", new { now }, ct);
        var nightly = await db.QueryAsync<string>("""
            DELETE FROM reporting.province_report_files WHERE generated_at <= @before RETURNING stored_file
            """, new { before = now.AddDays(-options.Value.BatchKeepDays) }, ct);
        await db.AfterCommit(() =>
        {
            foreach (var id in batches) files.DeleteFolder(files.BatchFolder(id));
            foreach (var file in nightly) File.Delete(files.PathOf(file));
            return Task.CompletedTask;
        });
        return batches.Count + nightly.Count;
    }
}
