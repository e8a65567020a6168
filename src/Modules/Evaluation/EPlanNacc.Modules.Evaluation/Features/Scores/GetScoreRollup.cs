using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.Modules.Evaluation.Contracts;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts;
using Mediator;

namespace EPlanNacc.Modules.Evaluation.Features.Scores;

public sealed class GetScoreRollupHandler(DbSession db, ISender sender)
    : IQueryHandler<GetScoreRollupQuery, ScoreRollup>
{
    public async ValueTask<ScoreRollup> Handle(GetScoreRollupQuery query, CancellationToken ct)
    {
        var laos = await sender.Send(new ListLaosQuery(query.ProvinceCode), ct);
        var byDistrict = query.ProvinceCode is not null;
        // one statement: the LAOs (from the registry contract) joined with their total scores, grouped by district
        // or province, with the grand total as the ROLLUP row
        var rows = await db.QueryAsync<ScoreRollupRow>("""
            WITH laos AS (
                SELECT * FROM unnest(@Codes, @GroupCodes, @GroupNames) AS l(dla_code, group_code, group_name)
            ), scored AS (
                SELECT l.group_code, l.group_name, s.score, s.band
                FROM laos l
                LEFT JOIN evaluation.implementation_scores s
                  ON s.dla_code = l.dla_code AND s.fiscal_year = @FiscalYear AND s.round = @Round
                 AND s.dimension_code = ''
            )
            SELECT group_code AS code, max(group_name) AS name_th,
                   count(*)::int AS lao_count, count(score)::int AS scored_count,
                   round(avg(score), 2) AS mean_score,
                   count(*) FILTER (WHERE band = 'green')::int AS green,
                   count(*) FILTER (WHERE band = 'orange')::int AS orange,
                   count(*) FILTER (WHERE band = 'red')::int AS red,
                   count(*) FILTER (WHERE score IS NULL)::int AS no_score
            FROM scored
            GROUP BY ROLLUP (group_code)
            ORDER BY group_code NULLS LAST
            """,
            new
            {
                query.FiscalYear, query.Round,
                Codes = laos.Select(l => l.DlaCode).ToArray(),
                GroupCodes = laos.Select(l => byDistrict ? l.DistrictCode : l.ProvinceCode).ToArray(),
                GroupNames = laos.Select(l => byDistrict ? l.DistrictNameTh : l.ProvinceNameTh).ToArray(),
            }, ct);
        var total = rows.FirstOrDefault(r => r.Code is null) ?? new ScoreRollupRow(null, null, 0, 0, null, 0, 0, 0, 0);
        return new ScoreRollup(query.FiscalYear, query.Round, query.ProvinceCode,
            rows.Where(r => r.Code is not null).ToList(),
            total with { NameTh = byDistrict ? "รวมทั้งจังหวัด" : "รวมทั้งประเทศ" });
    }
}
