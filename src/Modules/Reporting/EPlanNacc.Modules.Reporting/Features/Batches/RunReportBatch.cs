using System.IO.Compression;
using System.Text;
using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Jobs;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.Reporting.Features.Reports;
using EPlanNacc.Modules.Reporting.Rendering;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EPlanNacc.Modules.Reporting.Features.Batches;

/// <summary>
/// Prints the next files of a batch (at most <c>Reporting:BatchItemsPerJob</c>), then queues the next job, or, when
/// none is left, packs the zip and finishes the batch. A job, and the sweep every minute for batches a crash left
/// (<see cref="ResumeReportBatchesCommand"/>). Returns how many files it printed.
/// </summary>
[Allow(Caller.Module)]
public sealed record RunReportBatchCommand(Guid BatchId) : ICommand<int>;

/// <summary>
/// One run of a batch at a time: the run holds an advisory lock on its batch for as long as its transaction lasts,
/// which a dead process loses with its connection. The files print in parallel on the one warm Chromium
/// (<see cref="IPdfRenderer"/>), each in a scope of its own: its data read, its PDF printed and written to disk, then
/// its item recorded done (or failed, with the error) and the batch's counters moved, in one statement committed at
/// once, so that the page's progress moves file by file and a run that dies leaves only the files it had not recorded
/// pending. The next run prints only those: each file is produced once.
/// </summary>
public sealed class RunReportBatchHandler(
    DbSession db, IServiceScopeFactory scopes, IJobScheduler jobs, ReportFileStore files, TimeProvider clock,
    IOptions<ReportingOptions> options, ILogger<RunReportBatchHandler> logger)
    : ICommandHandler<RunReportBatchCommand, int>
{
    /// <summary>How many times a file is tried before it is recorded as failed.</summary>
    public const int Attempts = 2;

    private sealed record Batch(Guid Id, string Kind, int FiscalYear, int Round, string? ProvinceCode, string Status);

    private sealed record PendingItem(int Seq, string ProvinceCode, string? DlaCode);

    public async ValueTask<int> Handle(RunReportBatchCommand command, CancellationToken ct)
    {
        if (!await ReportBatchLock.TryTakeAsync(db, command.BatchId, ct)) return 0;
        var batch = await db.QuerySingleOrDefaultAsync<Batch>("""
            SELECT id, kind, fiscal_year, round, province_code, status
            FROM reporting.report_batches WHERE id = @BatchId
            """, command, ct);
        if (batch is null || ReportBatchStatuses.IsFinished(batch.Status)) return 0;
        if (batch.Status == ReportBatchStatuses.Queued) await MarkRunningAsync(batch.Id, ct);

        var pending = await db.QueryAsync<PendingItem>("""
            SELECT seq, province_code, dla_code FROM reporting.report_batch_items
            WHERE batch_id = @BatchId AND state = 'pending'
            ORDER BY seq
            LIMIT @limit
            """, new { command.BatchId, limit = options.Value.BatchItemsPerJob }, ct);
        var printed = 0;
        // one more file in hand than Chromium prints at once: its data is read while the others print
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = options.Value.MaxConcurrentPdfs + 1, CancellationToken = ct,
        };
        await Parallel.ForEachAsync(pending, parallel,
            async (item, token) =>
            {
                if (await PrintAsync(batch, item, token)) Interlocked.Increment(ref printed);
            });

        if (await db.ExecuteScalarAsync<bool>("""
                SELECT EXISTS (SELECT 1 FROM reporting.report_batch_items
                               WHERE batch_id = @BatchId AND state = 'pending')
                """, command, ct))
            // the next job starts once this transaction has released the batch's lock
            await jobs.EnqueueAfterCommit(db, command);
        else await FinishAsync(batch, ct);
        return printed;
    }

    /// <summary>Committed at once (not with this run's transaction), so that the page sees the batch start.</summary>
    private async Task MarkRunningAsync(Guid batchId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DbSession>().ExecuteAsync("""
            UPDATE reporting.report_batches
            SET status = 'running', started_at = coalesce(started_at, @now)
            WHERE id = @batchId AND status = 'queued'
            """, new { batchId, now = clock.GetUtcNow() }, ct);
    }

    /// <summary>Prints one file and records it; true when it was printed. A cancelled run records nothing for a file
    /// it did not finish: it stays pending for the next run.</summary>
    private async Task<bool> PrintAsync(Batch batch, PendingItem item, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        var query = ReportBatchKinds.QueryFor(batch.Kind, batch.FiscalYear, batch.Round, item.ProvinceCode,
            item.DlaCode);
        ReportFile? file = null;
        string? error = null;
        var attempts = 0;
        while (file is null && attempts < Attempts)
        {
            attempts++;
            try
            {
                file = await sender.Send(new RenderReportQuery(query, ReportOutput.Pdf), ct);
                await files.WriteAsync(files.ItemPath(batch.Id, item.Seq), file.Content, ct);
            }
            // what a cancelled run breaks is not the file's failure: it stays pending
            catch (Exception ex) when (ex is not OperationCanceledException && !ct.IsCancellationRequested)
            {
                file = null;
                error = ex is AppException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
                logger.LogWarning(ex, "Report batch {Batch}: file {Seq} ({Lao}) failed, attempt {Attempt}",
                    batch.Id, item.Seq, item.DlaCode ?? item.ProvinceCode, attempts);
            }
        }
        // recorded even when the run is being cancelled: the file is on disk, and must not be printed again
        await scope.ServiceProvider.GetRequiredService<DbSession>().ExecuteAsync("""
            WITH item AS (
                UPDATE reporting.report_batch_items
                SET state = @state, file_name = @fileName, error = @error, attempts = attempts + @attempts,
                    finished_at = @now
                WHERE batch_id = @batchId AND seq = @seq AND state = 'pending'
                RETURNING state)
            UPDATE reporting.report_batches
            SET done = done + (SELECT count(*) FROM item WHERE state = 'done'),
                failed = failed + (SELECT count(*) FROM item WHERE state = 'failed')
            WHERE id = @batchId
            """, new
        {
            batchId = batch.Id, item.Seq, state = file is null ? "failed" : "done", fileName = file?.FileName,
            error = error is null || file is not null ? null : error[..Math.Min(error.Length, 1000)], attempts,
            now = clock.GetUtcNow(),
        }, CancellationToken.None);
        return file is not null;
    }

    private sealed record FinishedItem(
        int Seq, string ProvinceCode, string? DlaCode, string Title, string State, string? FileName, string? Error);

    /// <summary>Packs the printed files into the zip (with <c>index.csv</c>, the list of every file and its state)
    /// and records the batch succeeded; failed when no file could be printed. The printed files are removed once
    /// that is committed.</summary>
    private async Task FinishAsync(Batch batch, CancellationToken ct)
    {
        var items = await db.QueryAsync<FinishedItem>("""
            SELECT seq, province_code, dla_code, title, state, file_name, error
            FROM reporting.report_batch_items WHERE batch_id = @Id ORDER BY seq
            """, batch, ct);
        var now = clock.GetUtcNow();
        var expires = now.AddDays(options.Value.BatchKeepDays);
        if (items.All(i => i.State != "done"))
        {
            await db.ExecuteAsync("""
                UPDATE reporting.report_batches
                SET status = 'failed', finished_at = @now, expires_at = @expires, error = @error
                WHERE id = @Id
                """, new { batch.Id, now, expires, error = "สร้างไฟล์ไม่สำเร็จทุกไฟล์ กรุณาลองใหม่อีกครั้ง" }, ct);
            return;
        }
        var zip = ReportFileStore.ZipFile(batch.Id);
        await ReportFileStore.WriteAsync(files.PathOf(zip), (stream, _) =>
        {
            WriteZip(stream, batch, items);
            return Task.CompletedTask;
        }, ct);
        await db.ExecuteAsync("""
            UPDATE reporting.report_batches
            SET status = 'succeeded', started_at = coalesce(started_at, @now), finished_at = @now, zip_file = @zip,
                zip_bytes = @bytes, expires_at = @expires
            WHERE id = @Id
            """, new { batch.Id, now, zip, bytes = new FileInfo(files.PathOf(zip)).Length, expires }, ct);
        await db.AfterCommit(() =>
        {
            files.DeleteFolder(Path.GetDirectoryName(files.ItemPath(batch.Id, 1))!);
            return Task.CompletedTask;
        });
        logger.LogInformation("Report batch {Batch} finished: {Done} files, {Failed} failed", batch.Id,
            items.Count(i => i.State == "done"), items.Count(i => i.State == "failed"));
    }

    private void WriteZip(Stream stream, Batch batch, IReadOnlyList<FinishedItem> items)
    {
        using var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        var index = new StringBuilder("ลำดับ,ไฟล์,รหัส อปท.,รายงานของ,สถานะ\r\n");
        foreach (var item in items)
        {
            var entry = item.FileName is null ? null
                : ReportBatchKinds.EntryName(batch.ProvinceCode, item.ProvinceCode, item.FileName);
            if (entry is not null)
                archive.CreateEntryFromFile(files.ItemPath(batch.Id, item.Seq), entry, CompressionLevel.Fastest);
            index.AppendJoin(',', item.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Csv(entry ?? "-"), item.DlaCode ?? "-", Csv(item.Title),
                Csv(item.State == "done" ? "สร้างแล้ว" : $"สร้างไม่สำเร็จ: {item.Error}")).Append("\r\n");
        }
        using var writer = new StreamWriter(archive.CreateEntry("index.csv", CompressionLevel.Fastest).Open(),
            new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        writer.Write(index.ToString());
    }

    private static string Csv(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) < 0 ? value : $"\"{value.Replace("\"", "\"\"")}\"";
}

/// <summary>The lock that keeps one run per batch: an advisory lock held until the end of the transaction that took
/// it (or until its connection is lost, when the process dies).</summary>
internal static class ReportBatchLock
{
    /// <summary>The class of these locks (their object is the batch id's hash).</summary>
    private const int LockClass = 0x5245_5042; // "REPB"

    public static Task<bool> TryTakeAsync(DbSession db, Guid batchId, CancellationToken ct) =>
        db.ExecuteScalarAsync<bool>("SELECT pg_try_advisory_xact_lock(@LockClass, hashtext(@batchId::text))",
            new { LockClass, batchId }, ct);
}
