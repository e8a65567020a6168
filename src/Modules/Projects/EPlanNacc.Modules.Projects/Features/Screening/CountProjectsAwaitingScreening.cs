using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.Modules.Projects.Contracts;
using Mediator;

namespace EPlanNacc.Modules.Projects.Features.Screening;

public sealed class CountProjectsAwaitingScreeningHandler(DbSession db)
    : IQueryHandler<CountProjectsAwaitingScreeningQuery, IReadOnlyList<ScreeningBacklog>>
{
    public async ValueTask<IReadOnlyList<ScreeningBacklog>> Handle(CountProjectsAwaitingScreeningQuery query,
        CancellationToken ct) =>
        await db.QueryAsync<ScreeningBacklog>("""
            SELECT fiscal_year, count(*)::integer AS projects, count(DISTINCT dla_code)::integer AS laos
            FROM projects.projects
            WHERE conformity = 'unset' AND deleted_at IS NULL AND (@All OR dla_code = ANY(@Codes))
            GROUP BY fiscal_year
            ORDER BY fiscal_year DESC
            """, new { All = query.DlaCodes is null, Codes = query.DlaCodes?.ToArray() ?? [] }, ct);
}
