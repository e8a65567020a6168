using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Jobs;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts;
using EPlanNacc.Modules.Projects.Contracts;
using Mediator;

namespace EPlanNacc.Modules.Reporting.Features.ProvinceFiles;

/// <summary>The nightly job: for every round open today (of this fiscal year and the one before) and every province
/// with LAOs, queues the generation of its roll-up (<see cref="GenerateProvinceReportFilesCommand"/>, one job per
/// province, each retried on its own), so that staff download it at once the next morning. Returns how many jobs it
/// queued.</summary>
[Allow(Caller.Module)]
public sealed record PregenerateProvinceReportsCommand : ICommand<int>;

public sealed class PregenerateProvinceReportsHandler(DbSession db, ISender sender, IJobScheduler jobs,
    TimeProvider clock) : ICommandHandler<PregenerateProvinceReportsCommand, int>
{
    public async ValueTask<int> Handle(PregenerateProvinceReportsCommand command, CancellationToken ct)
    {
        var today = ThaiFormat.TodayInBangkok(clock);
        var current = FiscalYear.Of(today);
        var calendars = new List<RoundCalendar>();
        foreach (var year in new[] { current - 1, current })
            calendars.Add(await sender.Send(new GetRoundCalendarQuery(year), ct));
        var rounds = OpenRounds.On(calendars, today);
        if (rounds.Count == 0) return 0;
        var provinces = (await sender.Send(new ListLaosQuery(), ct)).Select(l => l.ProvinceCode).Distinct()
            .Order(StringComparer.Ordinal).ToList();
        foreach (var round in rounds)
            foreach (var province in provinces)
                await jobs.EnqueueAfterCommit(db,
                    new GenerateProvinceReportFilesCommand(province, round.FiscalYear, round.Round));
        return rounds.Count * provinces.Count;
    }
}
