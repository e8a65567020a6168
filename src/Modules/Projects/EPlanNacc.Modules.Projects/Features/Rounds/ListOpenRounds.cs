using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.Modules.Projects.Contracts;
using Mediator;

namespace EPlanNacc.Modules.Projects.Features.Rounds;

public sealed class ListOpenRoundsHandler(DbSession db)
    : IQueryHandler<ListOpenRoundsQuery, IReadOnlyList<OpenRoundItem>>
{
    private sealed class Row
    {
        public int FiscalYear { get; init; }
        public short Round { get; init; }
        public DateOnly OpensOn { get; init; }
        public DateOnly Deadline { get; init; }
        public int Extensions { get; init; }
    }

    public async ValueTask<IReadOnlyList<OpenRoundItem>> Handle(ListOpenRoundsQuery query, CancellationToken ct)
    {
        // a round without a row has the domain default dates: those of the fiscal year of today and of the year
        // before (its 12-month round opens in the new year) are the only defaults that can be open today
        var current = FiscalYear.Of(query.Today);
        var defaults = new[] { current - 1, current }
            .SelectMany(year => RoundReportCodes.Rounds.Select(round =>
                (Year: year, Round: (short)round, Dates: RoundWindow.DefaultDates(year, round))))
            .Where(d => d.Dates.OpensOn <= query.Today && query.Today <= d.Dates.Deadline)
            .ToList();
        var rows = await db.QueryAsync<Row>("""
            WITH candidates AS (
                SELECT fiscal_year, round, opens_on, deadline FROM projects.rounds
                WHERE opens_on <= @Today AND deadline >= @Today
                UNION ALL
                SELECT d.fiscal_year, d.round, d.opens_on, d.deadline
                FROM unnest(@Years, @Rounds, @Opens, @Deadlines) AS d (fiscal_year, round, opens_on, deadline)
                WHERE NOT EXISTS (SELECT 1 FROM projects.rounds r
                                  WHERE r.fiscal_year = d.fiscal_year AND r.round = d.round)
            )
            SELECT c.fiscal_year, c.round, c.opens_on, c.deadline,
                   (SELECT count(*)::integer FROM projects.round_extensions e
                    WHERE e.fiscal_year = c.fiscal_year AND e.round = c.round AND e.until > c.deadline) AS extensions
            FROM candidates c
            ORDER BY c.deadline, c.fiscal_year, c.round
            """,
            new
            {
                query.Today,
                Years = defaults.Select(d => d.Year).ToArray(),
                Rounds = defaults.Select(d => d.Round).ToArray(),
                Opens = defaults.Select(d => d.Dates.OpensOn).ToArray(),
                Deadlines = defaults.Select(d => d.Dates.Deadline).ToArray(),
            }, ct);
        return rows.Select(r => new OpenRoundItem(r.FiscalYear, r.Round, r.OpensOn, r.Deadline,
            r.Deadline.DayNumber - query.Today.DayNumber, r.Extensions)).ToList();
    }
}
