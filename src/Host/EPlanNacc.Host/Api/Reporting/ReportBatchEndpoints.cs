using EPlanNacc.Modules.Reporting.Features.Batches;
using Mediator;

namespace EPlanNacc.Host.Api.Reporting;

/// <summary>The answer of <c>GET /api/v1/admin/report-batches/{id}</c> (docs/api.md).</summary>
/// <param name="Status"><c>queued</c> | <c>running</c> | <c>succeeded</c> | <c>failed</c>.</param>
/// <param name="DownloadUrl">The zip, once the batch succeeded (null before).</param>
public sealed record ReportBatchAnswer(Guid Id, string Status, int Total, int Done, int Failed, string? DownloadUrl);

/// <summary>The answer of <c>POST /api/v1/admin/report-batches</c>: the new batch's id.</summary>
public sealed record ReportBatchStarted(Guid Id);

/// <summary>Bulk reports (staff): start a batch, follow it, download its zip. A provincial office only for its
/// province (another province, or its batches, 404); the nation (no <c>provinceCode</c>) for admins only
/// (403).</summary>
public static class ReportBatchEndpoints
{
    public static void MapReportBatchEndpoints(this RouteGroupBuilder api)
    {
        var batches = api.MapGroup("/admin/report-batches").WithTags("Staff: report batches");

        batches.MapPost("/", async (CreateReportBatchCommand? body, ISender sender, CancellationToken ct) =>
            Results.Accepted(value: new ReportBatchStarted(
                await sender.Send(body ?? new CreateReportBatchCommand(null, null, null, null), ct))))
            .Produces<ReportBatchStarted>(202).ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403)
            .ProducesProblem(404)
            .WithName("createReportBatch").WithSummary("สั่งพิมพ์รายงานชุด / Create a report batch")
            .WithDescription(
                "Start a bulk report: one PDF per LAO of the scope (plus the province roll-ups; only the " +
                         "roll-ups for kind province) packed into a zip by a background job; 202 with the batch's id");

        batches.MapGet("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
        {
            var batch = await sender.Send(new GetReportBatchQuery(id), ct);
            return Results.Ok(new ReportBatchAnswer(batch.Id, batch.Status, batch.Total, batch.Done, batch.Failed,
                batch.Downloadable ? DownloadPath(batch.Id) : null));
        }).Produces<ReportBatchAnswer>().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404)
            .WithName("getReportBatch").WithSummary("ความคืบหน้ารายงานชุด / Read a report batch")
            .WithDescription("A batch's progress (files done and failed of the total); downloadUrl once it succeeded");

        batches.MapGet("/{id:guid}/download", async (Guid id, ISender sender, CancellationToken ct) =>
        {
            var zip = await sender.Send(new GetReportBatchZipQuery(id), ct);
            return Results.File(zip.FullPath, ReportBatchZip.ContentType, zip.FileName);
        }).Produces(200, contentType: ReportBatchZip.ContentType).ProducesProblem(401).ProducesProblem(404)
            .WithName("downloadReportBatch").WithSummary("ดาวน์โหลดรายงานชุด (zip) / Download a report batch")
            .WithDescription("The zip of a finished batch (kept 30 days)");
    }

    public static string DownloadPath(Guid id) => $"/api/v1/admin/report-batches/{id}/download";
}
