using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.Modules.Evaluation.Contracts;
using Mediator;

namespace EPlanNacc.Modules.Evaluation.Features.Scores;

/// <summary>The contract of <see cref="GetScoreRollupQuery"/>: the LAOs' total rows of the round (one statement, by
/// the primary key), rolled up here: a few hundred rows, which the caller needs one by one anyway.</summary>
public sealed class GetScoreRollupHandler(DbSession db) : IQueryHandler<GetScoreRollupQuery, ScoreRollup>
{
    private sealed record Row(string DlaCode, decimal? Score, string? Band, DateTimeOffset CalculatedAt);

    public async ValueTask<ScoreRollup> Handle(GetScoreRollupQuery query, CancellationToken ct)
    {
        var codes = query.Laos.Select(l => l.DlaCode).Distinct().ToArray();
        var rows = codes.Length == 0 ? [] : await db.QueryAsync<Row>("""
            SELECT dla_code, score, band, calculated_at
            FROM evaluation.implementation_scores
            WHERE dla_code = ANY(@Codes) AND fiscal_year = @FiscalYear AND round = @Round AND dimension_code = ''
            """, new { Codes = codes, query.FiscalYear, query.Round }, ct);
        var scores = rows.ToDictionary(r => r.DlaCode);

        ScoreRollupRow Roll(string? code, string? nameTh, IReadOnlyCollection<RollupMember> members)
        {
            var scored = members.Select(m => scores.GetValueOrDefault(m.DlaCode)).OfType<Row>()
                .Where(r => r.Score is not null).ToList();
            int Band(string band) => scored.Count(r => r.Band == band);
            return new ScoreRollupRow(code, nameTh, members.Count, scored.Count,
                scored.Count == 0 ? null
                    : Math.Round(scored.Average(r => r.Score!.Value), ImplementationScoreFormula.Decimals,
                        MidpointRounding.AwayFromZero),
                Band(ScoreBands.Green), Band(ScoreBands.Orange), Band(ScoreBands.Red), members.Count - scored.Count);
        }

        var groups = query.Laos.GroupBy(l => l.GroupCode).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Roll(g.Key, g.First().GroupNameTh, g.ToList())).ToList();
        return new ScoreRollup(query.FiscalYear, query.Round,
            rows.ToDictionary(r => r.DlaCode, r => new LaoBand(r.DlaCode, r.Score, r.Band)), groups,
            Roll(null, null, query.Laos), rows.Count == 0 ? null : rows.Max(r => r.CalculatedAt));
    }
}
