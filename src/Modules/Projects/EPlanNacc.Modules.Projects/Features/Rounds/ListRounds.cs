using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.BuildingBlocks.Validation;
using FluentValidation;
using Mediator;

namespace EPlanNacc.Modules.Projects.Features.Rounds;

/// <summary>The two rounds of a fiscal year with their opening date and deadline (<c>GET /api/v1/admin/rounds</c>;
/// NACC staff). Without a fiscal year, the current one.</summary>
[Allow(Caller.Staff)]
public sealed record ListRoundsQuery(int? FiscalYear = null) : IQuery<IReadOnlyList<RoundItem>>;

/// <summary>A round as docs/api.md shows it, with the <see cref="Version"/> of its dates (0 while they are the domain
/// default) that <see cref="SetRoundDatesCommand"/> checks.</summary>
public sealed record RoundItem(int FiscalYear, int Round, DateOnly OpensOn, DateOnly Deadline, int Version = 0);

public sealed class ListRoundsValidator : AbstractValidator<ListRoundsQuery>
{
    public ListRoundsValidator() => RuleFor(x => x.FiscalYear).ValidFiscalYear();
}

public sealed class ListRoundsHandler(DbSession db, TimeProvider clock)
    : IQueryHandler<ListRoundsQuery, IReadOnlyList<RoundItem>>
{
    public async ValueTask<IReadOnlyList<RoundItem>> Handle(ListRoundsQuery query, CancellationToken ct)
    {
        var year = query.FiscalYear ?? FiscalYear.Of(ThaiFormat.TodayInBangkok(clock));
        var calendar = await RoundCalendarStore.LoadAsync(db, year, [], ct);
        var versions = (await db.QueryAsync<(short Round, int Version)>(
                "SELECT round, version FROM projects.rounds WHERE fiscal_year = @year", new { year }, ct))
            .ToDictionary(r => (int)r.Round, r => r.Version);
        return calendar.Rounds
            .Select(r => new RoundItem(
                r.FiscalYear, r.Round, r.OpensOn, r.Deadline, versions.GetValueOrDefault(r.Round)))
            .ToList();
    }
}
