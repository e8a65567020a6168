using System.Security.Claims;
using EPlanNacc.Host.Infrastructure;
using EPlanNacc.Modules.Reporting.Features.Completeness;
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
                ClaimsPrincipal user, ISender sender, TimeProvider clock, CancellationToken ct) =>
            {
                var (year, r) = (ReportingEndpoints.Year(fiscalYear, clock), ReportingEndpoints.Round(round));
                var report = string.IsNullOrWhiteSpace(provinceCode) && user.IsAdmin()
                    ? await sender.Send(new GetNationalCompletenessQuery(year, r), ct)
                    : await sender.Send(new GetCompletenessQuery(year, r, provinceCode), ct);
                return Results.Ok(report.ToSummary());
            })
            .WithTags("Staff: completeness").Produces<CompletenessSummary>().ProducesValidationProblem()
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404)
            .WithName("listCompleteness").WithSummary("ความครบถ้วนของข้อมูล / List completeness")
            .WithDescription(
                "How many LAOs completed their profile, recorded a plan and reported round 6 or 12 (on time " +
                         "or late): per province (admin, no provinceCode) or per LAO of one province (staff)");
    }
}
