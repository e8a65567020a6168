using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.Modules.Projects.Contracts;
using Mediator;

namespace EPlanNacc.Modules.Projects.Features.Rounds;

public sealed class ListOpenRoundsHandler(DbSession db, TimeProvider clock)
    : IQueryHandler<ListOpenRoundsQuery, IReadOnlyList<OpenRound>>
{
    private sealed class Row
    {
        public int FiscalYear { get; init; }
        public short Round { get; init; }
        public DateOnly OpensOn { get; init; }
        public DateOnly Deadline { get; init; }
    }

    public async ValueTask<IReadOnlyList<OpenRound>> Handle(ListOpenRoundsQuery query, CancellationToken ct)
    {
        var on = query.On ?? ThaiFormat.TodayInBangkok(clock);
        var year = FiscalYear.Of(on);
        // a round at its default dates can only be open in the 6-month round of this fiscal year (April) or the
        // 12-month round of the one before (October): those have no row when NACC never set them
        (int FiscalYear, int Round)[] defaults = [(year, 6), (year - 1, 12)];
        var set = await db.QueryAsync<Row>("""
            SELECT fiscal_year, round, opens_on, deadline FROM projects.rounds
            WHERE (opens_on <= @on AND deadline >= @on)
               OR (fiscal_year = @year AND round = 6) OR (fiscal_year = @year - 1 AND round = 12)
            """, new { on, year }, ct);
        var rounds = set.Select(r => new RoundWindow(r.FiscalYear, r.Round, r.OpensOn, r.Deadline))
            .Concat(defaults
                .Where(d => FiscalYear.IsValid(d.FiscalYear)
                            && !set.Any(r => r.FiscalYear == d.FiscalYear && r.Round == d.Round))
                .Select(d =>
                {
                    var (opensOn, deadline) = RoundWindow.DefaultDates(d.FiscalYear, d.Round);
                    return new RoundWindow(d.FiscalYear, d.Round, opensOn, deadline);
                }));
        return rounds.Where(w => w.IsOpenOn(on))
            .OrderBy(w => w.Deadline).ThenBy(w => w.FiscalYear).ThenBy(w => w.Round)
            .Select(w => new OpenRound(w.FiscalYear, w.Round, w.OpensOn, w.Deadline,
                w.Deadline.DayNumber - on.DayNumber))
            .ToList();
    }
}
