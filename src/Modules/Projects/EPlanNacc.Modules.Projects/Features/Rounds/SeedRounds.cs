using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.Modules.Projects.Contracts;
using Mediator;

namespace EPlanNacc.Modules.Projects.Features.Rounds;

/// <summary>At start-up, gives the current and the previous fiscal year their rounds with the domain default dates,
/// idempotently (a round NACC already set is left as it is). A round of any other year without a row has the same
/// defaults when read.</summary>
[Allow(Caller.Module)]
public sealed record SeedRoundsCommand : ICommand<int>;

public sealed class SeedRoundsHandler(DbSession db, TimeProvider clock) : ICommandHandler<SeedRoundsCommand, int>
{
    public async ValueTask<int> Handle(SeedRoundsCommand command, CancellationToken ct)
    {
        var current = FiscalYear.Of(ThaiFormat.TodayInBangkok(clock));
        var rounds = new[] { current - 1, current }
            .SelectMany(year => RoundReportCodes.Rounds.Select(round =>
                (Year: year, Round: round, Dates: RoundWindow.DefaultDates(year, round))))
            .ToList();
        return await db.ExecuteAsync("""
            INSERT INTO projects.rounds (fiscal_year, round, opens_on, deadline, updated_at, updated_by)
            SELECT * FROM unnest(@Years, @Rounds, @Opens, @Deadlines), LATERAL (SELECT @Now::timestamptz, 'seed') AS s
            ON CONFLICT (fiscal_year, round) DO NOTHING
            """,
            new
            {
                Years = rounds.Select(r => r.Year).ToArray(),
                Rounds = rounds.Select(r => (short)r.Round).ToArray(),
                Opens = rounds.Select(r => r.Dates.OpensOn).ToArray(),
                Deadlines = rounds.Select(r => r.Dates.Deadline).ToArray(),
                Now = clock.GetUtcNow(),
            }, ct);
    }
}
