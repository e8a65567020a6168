using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.Modules.Evaluation.Contracts;
using Mediator;

namespace EPlanNacc.Modules.Evaluation.Features.Assessments;

public sealed class GetAssessmentsHandler(DbSession db, ISender sender)
    : IQueryHandler<GetAssessmentsQuery, AssessmentSet>
{
    private sealed record Row(
        string DlaCode, string Assessor, string DimensionCode, decimal Score, DateTimeOffset? PublishedAt,
        DateTimeOffset EnteredAt, string EnteredBy, int Version);

    public async ValueTask<AssessmentSet> Handle(GetAssessmentsQuery query, CancellationToken ct)
    {
        var settings = await sender.Send(new GetAssessmentSettingsQuery(query.FiscalYear), ct);
        var rows = await db.QueryAsync<Row>("""
            SELECT a.dla_code, a.assessor, s.dimension_code, s.score, a.published_at, a.entered_at, a.entered_by,
                   a.version
            FROM evaluation.assessments a
            JOIN evaluation.assessment_scores s USING (dla_code, fiscal_year, assessor)
            WHERE a.fiscal_year = @FiscalYear AND a.dla_code = ANY(@Codes)
              AND (NOT @OnlyVisibleToLao OR a.assessor = 'self' OR a.published_at IS NOT NULL)
            ORDER BY a.dla_code, a.assessor, s.dimension_code
            """, new { query.FiscalYear, Codes = query.DlaCodes.ToArray(), query.OnlyVisibleToLao }, ct);
        var items = rows.GroupBy(r => (r.DlaCode, r.Assessor))
            .Select(g =>
                new AssessmentItem(g.Key.DlaCode, g.Key.Assessor, g.ToDictionary(r => r.DimensionCode, r => r.Score),
                    g.First().PublishedAt, g.First().EnteredAt, g.First().EnteredBy, g.First().Version))
            .ToList();
        return new AssessmentSet(query.FiscalYear, settings.PassingTotal,
            settings.Dimensions.ToDictionary(d => d.Code, d => d.MaxScore), items);
    }
}
