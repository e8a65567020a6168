using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.Modules.Evaluation.Contracts;
using Mediator;

namespace EPlanNacc.Modules.Evaluation.Features.Scores;

/// <summary>A row's time is the later of its own (when it was last written) and the last recalculation of its whole
/// year (evaluation.score_runs), which writes only the rows that changed (RecalculateScores.cs).</summary>
public sealed class GetImplementationScoresHandler(DbSession db)
    : IQueryHandler<GetImplementationScoresQuery, IReadOnlyList<ImplementationScoreItem>>
{
    public async ValueTask<IReadOnlyList<ImplementationScoreItem>> Handle(GetImplementationScoresQuery query,
        CancellationToken ct) =>
        await db.QueryAsync<ImplementationScoreItem>("""
            SELECT s.dla_code, s.fiscal_year, s.round, nullif(s.dimension_code, '') AS dimension_code,
                   s.project_count, s.budget, s.conforming_count, s.completed_count, s.in_progress_count,
                   s.not_possible_count, s.unreported_count, s.score, s.band,
                   greatest(s.calculated_at, y.calculated_at) AS calculated_at
            FROM evaluation.implementation_scores s
            LEFT JOIN evaluation.score_runs y ON y.fiscal_year = s.fiscal_year
            WHERE s.fiscal_year = @FiscalYear AND s.dla_code = ANY(@Codes)
            ORDER BY s.dla_code, s.round, s.dimension_code
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
