using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.Modules.Projects.Contracts;
using Mediator;

namespace EPlanNacc.Host.Api.Projects;

public static class DimensionEndpoints
{
    public static void MapDimensionReferenceEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/reference/dimensions",
            async (int? fiscalYear, ISender sender, TimeProvider clock, CancellationToken ct) =>
        {
            var year = fiscalYear ?? FiscalYear.Of(ThaiFormat.TodayInBangkok(clock));
            var tree = await sender.Send(new GetDimensionTreeQuery(year), ct);
            return Results.Ok(tree.Dimensions);
        })
        .WithTags("Reference data").AllowAnonymous()
        .Produces<IReadOnlyList<DimensionNode>>().ProducesValidationProblem()
        .WithName("listDimensions").WithSummary("มิติและภารกิจ / List the dimension tree")
        .WithDescription("The dimension tree in force in a fiscal year (BE); the current fiscal year when omitted");
    }
}
