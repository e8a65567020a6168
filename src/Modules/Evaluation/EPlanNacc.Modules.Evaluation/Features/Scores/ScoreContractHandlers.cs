using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.Modules.Evaluation.Contracts;
using Mediator;

namespace EPlanNacc.Modules.Evaluation.Features.Scores;

public sealed class GetImplementationScoresHandler(DbSession db)
    : IQueryHandler<GetImplementationScoresQuery, IReadOnlyList<ImplementationScoreItem>>
{
    public async ValueTask<IReadOnlyList<ImplementationScoreItem>> Handle(GetImplementationScoresQuery query,
        CancellationToken ct) =>
        await db.QueryAsync<ImplementationScoreItem>("""
            SELECT dla_code, fiscal_year, round, nullif(dimension_code, '') AS dimension_code, project_count, budget,
                   conforming_count, completed_count, in_progress_count, not_possible_count, unreported_count,
                   score, band, calculated_at
            FROM evaluation.implementation_scores
            WHERE fiscal_year = @FiscalYear AND dla_code = ANY(@Codes)
            ORDER BY dla_code, round, dimension_code
            """, new { query.FiscalYear, Codes = query.DlaCodes.ToArray() }, ct);
}

public sealed class ListImplementationBandsHandler(DbSession db)
    : IQueryHandler<ListImplementationBandsQuery, IReadOnlyList<LaoBand>>
{
    public async ValueTask<IReadOnlyList<LaoBand>> Handle(ListImplementationBandsQuery query, CancellationToken ct)
    {
        if (query.DlaCodes is { Count: 0 }) return [];
        // index implementation_scores_year_idx (fiscal_year, round, dimension_code); '' is the whole plan
        return await db.QueryAsync<LaoBand>("""
            SELECT dla_code, score, band
            FROM evaluation.implementation_scores
            WHERE fiscal_year = @FiscalYear AND round = @Round AND dimension_code = ''
              AND (@All OR dla_code = ANY(@Codes))
            ORDER BY dla_code
            """,
            new
            {
                query.FiscalYear, query.Round, All = query.DlaCodes is null,
                Codes = query.DlaCodes?.ToArray() ?? [],
            }, ct);
    }
}
