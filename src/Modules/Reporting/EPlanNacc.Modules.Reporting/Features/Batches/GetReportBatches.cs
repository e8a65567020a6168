using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts;
using EPlanNacc.Modules.Reporting.Contracts;
using Mediator;

namespace EPlanNacc.Modules.Reporting.Features.Batches;

/// <summary>One batch with its progress: <c>GET /api/v1/admin/report-batches/{id}</c> and the page's polling. Staff
/// in its scope; anyone else, and an unknown id, 404.</summary>
[Allow(Caller.Staff)]
public sealed record GetReportBatchQuery(Guid Id) : IQuery<ReportBatchDetails>;

/// <summary>The batches of the caller's scope, newest first (the page's list): a provincial office those of its
/// province, an admin every one.</summary>
[Allow(Caller.Staff)]
public sealed record ListReportBatchesQuery(int Limit = 20) : IQuery<IReadOnlyList<ReportBatchDetails>>;

/// <summary>The zip of a finished batch, to download (404 while it runs, after it failed, or once it
/// expired).</summary>
[Allow(Caller.Staff)]
public sealed record GetReportBatchZipQuery(Guid Id) : IQuery<ReportBatchZip>;

/// <param name="FullPath">Where the zip is on disk.</param>
/// <param name="FileName">The name it is downloaded as.</param>
public sealed record ReportBatchZip(string FullPath, string FileName)
{
    public const string ContentType = "application/zip";
}

/// <param name="Status"><c>queued</c> | <c>running</c> | <c>succeeded</c> | <c>failed</c>.</param>
/// <param name="SecondsLeft">The estimate of the time left while it runs (null before the first file, and once it
/// finished).</param>
/// <param name="Failures">The files that could not be printed, with why (at most 50).</param>
public sealed record ReportBatchDetails(
    Guid Id, string Kind, string KindNameTh, int FiscalYear, int Round, string? ProvinceCode, string ScopeNameTh,
    string Status, string StatusNameTh, int Total, int Done, int Failed, string RequestedBy, DateTimeOffset RequestedAt,
    DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, DateTimeOffset? ExpiresAt, long? ZipBytes,
    int? SecondsLeft, string TimeLeftTh, string? Error, IReadOnlyList<ReportBatchFailure> Failures)
{
    public bool Finished => ReportBatchStatuses.IsFinished(Status);
    public bool Downloadable => Status == ReportBatchStatuses.Succeeded;
}

public sealed record ReportBatchFailure(int Seq, string Title, string? Error);

/// <summary>The rows every batch query reads, and the shape they are given.</summary>
internal static class ReportBatchRows
{
    public const string Select = """
        SELECT id, kind, fiscal_year, round, province_code, status, total, done, failed, requested_by, requested_at,
               started_at, finished_at, expires_at, zip_bytes, error
        FROM reporting.report_batches
        """;

    public sealed record Row(
        Guid Id, string Kind, int FiscalYear, int Round, string? ProvinceCode, string Status, int Total, int Done,
        int Failed, string RequestedBy, DateTimeOffset RequestedAt, DateTimeOffset? StartedAt,
        DateTimeOffset? FinishedAt, DateTimeOffset? ExpiresAt, long? ZipBytes, string? Error);

    private sealed record FailureRow(Guid BatchId, int Seq, string Title, string? Error);

    public static async Task<IReadOnlyList<ReportBatchDetails>> DetailsAsync(DbSession db, ISender sender,
        IReadOnlyList<Row> rows, DateTimeOffset now, CancellationToken ct)
    {
        if (rows.Count == 0) return [];
        var provinces = (await sender.Send(new ListProvinceNamesQuery(), ct)).ToDictionary(p => p.Code, p => p.NameTh);
        var failedIds = rows.Where(r => r.Failed > 0).Select(r => r.Id).ToArray();
        var failures = (failedIds.Length == 0 ? [] : await db.QueryAsync<FailureRow>("""
            SELECT batch_id, seq, title, error FROM (
                SELECT batch_id, seq, title, error,
                       row_number() OVER (PARTITION BY batch_id ORDER BY seq) AS n
                FROM reporting.report_batch_items
                WHERE batch_id = ANY(@failedIds) AND state = 'failed') f
            WHERE n <= 50
            ORDER BY batch_id, seq
            """, new { failedIds }, ct)).ToLookup(f => f.BatchId);
        return rows.Select(r =>
        {
            var secondsLeft = ReportBatchProgress.SecondsLeft(r.Status, r.StartedAt, now, r.Total, r.Done + r.Failed);
            return new ReportBatchDetails(r.Id, r.Kind, ReportBatchKinds.NameTh(r.Kind), r.FiscalYear, r.Round,
                r.ProvinceCode,
                ReportBatchKinds.ScopeNameTh(r.ProvinceCode is null ? null
                    : provinces.GetValueOrDefault(r.ProvinceCode, r.ProvinceCode)),
                r.Status, ReportBatchStatuses.NameTh(r.Status), r.Total, r.Done, r.Failed, r.RequestedBy,
                r.RequestedAt, r.StartedAt, r.FinishedAt, r.ExpiresAt, r.ZipBytes, secondsLeft,
                ReportBatchProgress.DescribeTimeLeft(r.Status, secondsLeft), r.Error,
                failures[r.Id].Select(f => new ReportBatchFailure(f.Seq, f.Title, f.Error)).ToList());
        }).ToList();
    }
}

public sealed class GetReportBatchHandler(DbSession db, ISender sender, ICurrentUser user, TimeProvider clock)
    : IQueryHandler<GetReportBatchQuery, ReportBatchDetails>
{
    public async ValueTask<ReportBatchDetails> Handle(GetReportBatchQuery query, CancellationToken ct)
    {
        var row = await db.QuerySingleOrDefaultAsync<ReportBatchRows.Row>(
            ReportBatchRows.Select + " WHERE id = @Id", query, ct)
            ?? throw new NotFoundException(ReportBatchScope.NotFound);
        await ReportBatchScope.RequireAsync(sender, user, row.ProvinceCode, ct);
        return (await ReportBatchRows.DetailsAsync(db, sender, [row], clock.GetUtcNow(), ct))[0];
    }
}

public sealed class ListReportBatchesHandler(DbSession db, ISender sender, ICurrentUser user, TimeProvider clock)
    : IQueryHandler<ListReportBatchesQuery, IReadOnlyList<ReportBatchDetails>>
{
    public async ValueTask<IReadOnlyList<ReportBatchDetails>> Handle(ListReportBatchesQuery query,
        CancellationToken ct)
    {
        var province = await ReportBatchScope.ProvinceOfAsync(sender, user, ct);
        var rows = await db.QueryAsync<ReportBatchRows.Row>(ReportBatchRows.Select + """

            WHERE @province::text IS NULL OR province_code = @province
            ORDER BY requested_at DESC, id DESC
            LIMIT @limit
            """, new { province, limit = Math.Clamp(query.Limit, 1, 100) }, ct);
        return await ReportBatchRows.DetailsAsync(db, sender, rows, clock.GetUtcNow(), ct);
    }
}

/// <summary>The staff desk's "batches running" (<see cref="ListRunningReportBatchesQuery"/>), in the caller's
/// scope.</summary>
public sealed class ListRunningReportBatchesHandler(DbSession db, ISender sender, ICurrentUser user)
    : IQueryHandler<ListRunningReportBatchesQuery, RunningReportBatches>
{
    public async ValueTask<RunningReportBatches> Handle(ListRunningReportBatchesQuery query, CancellationToken ct)
    {
        var province = await ReportBatchScope.ProvinceOfAsync(sender, user, ct);
        var rows = await db.QueryAsync<ReportBatchRows.Row>(ReportBatchRows.Select + """

            WHERE status IN ('queued', 'running') AND (@province::text IS NULL OR province_code = @province)
            ORDER BY requested_at DESC, id DESC
            """, new { province }, ct);
        var names = rows.Count == 0 ? new Dictionary<string, string>()
            : (await sender.Send(new ListProvinceNamesQuery(), ct)).ToDictionary(p => p.Code, p => p.NameTh);
        return new RunningReportBatches(rows.Count, rows.Select(r => new RunningReportBatch(r.Id, r.Kind,
            ReportBatchKinds.NameTh(r.Kind), r.FiscalYear, r.Round, r.ProvinceCode,
            ReportBatchKinds.ScopeNameTh(r.ProvinceCode is null ? null
                : names.GetValueOrDefault(r.ProvinceCode, r.ProvinceCode)),
            r.Status, r.Total, r.Done, r.Failed, r.RequestedAt, r.RequestedBy)).ToList());
    }
}

public sealed class GetReportBatchZipHandler(DbSession db, ISender sender, ICurrentUser user, ReportFileStore files)
    : IQueryHandler<GetReportBatchZipQuery, ReportBatchZip>
{
    public const string NotReady = "ไฟล์ของชุดรายงานนี้ยังไม่พร้อม หรือพ้นกำหนดเก็บไฟล์แล้ว";

    private sealed record ZipRow(string Kind, int FiscalYear, int Round, string? ProvinceCode, string? ZipFile);

    public async ValueTask<ReportBatchZip> Handle(GetReportBatchZipQuery query, CancellationToken ct)
    {
        var row = await db.QuerySingleOrDefaultAsync<ZipRow>("""
            SELECT kind, fiscal_year, round, province_code, zip_file FROM reporting.report_batches WHERE id = @Id
            """, query, ct) ?? throw new NotFoundException(ReportBatchScope.NotFound);
        await ReportBatchScope.RequireAsync(sender, user, row.ProvinceCode, ct);
        var path = row.ZipFile is null ? null : files.PathOf(row.ZipFile);
        if (path is null || !File.Exists(path)) throw new NotFoundException(NotReady);
        return new ReportBatchZip(path,
            ReportBatchKinds.ZipName(row.Kind, row.FiscalYear, row.Round, row.ProvinceCode));
    }
}
