using System.Security.Claims;
using EPlanNacc.BuildingBlocks.Spreadsheets;
using EPlanNacc.Host.Infrastructure;
using EPlanNacc.Modules.Reporting.Features.Completeness;
using EPlanNacc.Modules.Reporting.Features.Reports;
using EPlanNacc.Modules.Reporting.Rendering;
using Mediator;

namespace EPlanNacc.Host.Api.Reporting;

/// <summary><c>GET /api/v1/admin/completeness</c> (docs/api.md, "Staff"): who has done what in a round. With a
/// province, its LAOs (a provincial office its own, 404 for another); without one, an admin gets the nation by
/// province and a provincial office its own province's LAOs. The pipeline checks every message it sends.</summary>
public static class CompletenessEndpoints
{
    public static void MapCompletenessEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/admin/completeness", async (string? fiscalYear, string? round, string? provinceCode,
                string? format, ClaimsPrincipal user, ISender sender, TimeProvider clock, CancellationToken ct) =>
            {
                var (year, r) = (ReportingEndpoints.Year(fiscalYear, clock), ReportingEndpoints.Round(round));
                var output = ReportOutputs.Parse(format);
                IReportQuery query = string.IsNullOrWhiteSpace(provinceCode) && user.IsAdmin()
                    ? new GetNationalCompletenessQuery(year, r)
                    : new GetCompletenessQuery(year, r, provinceCode);
                if (output != ReportOutput.Json)
                {
                    // the staff page's file (the Excel of ความครบถ้วนของข้อมูล), or its PDF
                    var file = await sender.Send(new RenderReportQuery(query, output), ct);
                    return Results.File(file.Content, file.ContentType, file.FileName);
                }
                var report = (CompletenessReport)(await sender.Send((object)query, ct))!;
                return Results.Ok(report.ToSummary());
            })
            .Produces<CompletenessSummary>(200, "application/json", ReportOutputs.PdfContentType,
                XlsxWriter.ContentType)
            .WithTags("Staff: completeness").ProducesValidationProblem()
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404)
            .WithName("listCompleteness").WithSummary("ความครบถ้วนของข้อมูล / List completeness")
            .WithDescription(
                "How many LAOs completed their profile, recorded a plan and reported round 6 or 12 (on time " +
                         "or late): per province (admin, no provinceCode) or per LAO of one province (staff); " +
                         "format=xlsx gives the staff page's Excel file, format=pdf its PDF (format=json|pdf|xlsx)");
    }
}
