using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.BuildingBlocks.Validation;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts.Scope;
using EPlanNacc.Modules.Projects.Contracts;
using FluentValidation;
using Mediator;

namespace EPlanNacc.Modules.Projects.Features.Rounds;

/// <summary>The staff page of a fiscal year's rounds (รอบการรายงานและการขยายเวลา): each round's dates and state today,
/// the extensions of one round in the caller's scope (filtered as <see cref="ListRoundExtensionsQuery"/>), the history
/// of the year's rounds, and what the grant form offers: the provinces of the caller's scope and the LAOs of the one in
/// force, by district. Without <see cref="Round"/>, the first round whose deadline is not past, else the 12-month
/// one.</summary>
[Allow(Caller.Staff)]
public sealed record GetRoundYearQuery(int FiscalYear, int? Round = null, string? ProvinceCode = null,
    string? DistrictCode = null, string? Q = null) : IQuery<RoundYear>;

/// <param name="Round">The round whose extensions are listed.</param>
/// <param name="ProvinceCode">The province in force (a provincial office's own; the one an admin chose, or
/// null).</param>
/// <param name="Laos">The LAOs of <paramref name="ProvinceCode"/>, by district and name (none without one).</param>
public sealed record RoundYear(
    int FiscalYear, DateOnly Today, IReadOnlyList<RoundYearItem> Rounds, int Round,
    IReadOnlyList<RoundExtensionItem> Extensions, IReadOnlyList<RoundChangeItem> Changes,
    IReadOnlyList<ProvinceChoice> Provinces, string? ProvinceCode, IReadOnlyList<RoundLaoChoice> Laos)
{
    public RoundYearItem Selected => Rounds.Single(r => r.Round == Round);

    /// <summary>The districts of <see cref="Laos"/>, in their order.</summary>
    public IReadOnlyList<(string Code, string NameTh)> Districts =>
        Laos.Select(l => (l.DistrictCode, l.DistrictNameTh)).Distinct().ToList();
}

/// <summary>An LAO the grant form offers, with its district.</summary>
public sealed record RoundLaoChoice(string DlaCode, string NameTh, string DistrictCode, string DistrictNameTh);

/// <param name="Item">The round's dates and their version.</param>
/// <param name="IsDefault">True while NACC never set its dates (the domain default).</param>
/// <param name="LatestUntil">The latest last day an extension of this round may have.</param>
public sealed record RoundYearItem(RoundItem Item, bool IsDefault, RoundPhase Phase, string State,
    DateOnly LatestUntil)
{
    public int Round => Item.Round;
}

public sealed class GetRoundYearValidator : AbstractValidator<GetRoundYearQuery>
{
    public GetRoundYearValidator()
    {
        RuleFor(x => x.FiscalYear).ValidFiscalYear();
        RuleFor(x => x.Round).Must(r => r is null || FiscalYear.IsRound(r.Value)).WithMessage(CodeRules.RoundMessage);
    }
}

public sealed class GetRoundYearHandler(DbSession db, ISender sender, TimeProvider clock)
    : IQueryHandler<GetRoundYearQuery, RoundYear>
{
    public async ValueTask<RoundYear> Handle(GetRoundYearQuery query, CancellationToken ct)
    {
        var today = ThaiFormat.TodayInBangkok(clock);
        var calendar = await RoundCalendarStore.LoadAsync(db, query.FiscalYear, [], ct);
        var rounds = (await sender.Send(new ListRoundsQuery(query.FiscalYear), ct)).Select(item =>
        {
            var window = new RoundWindow(item.FiscalYear, item.Round, item.OpensOn, item.Deadline);
            return new RoundYearItem(item, calendar.Round(item.Round).IsDefault, window.PhaseOn(today),
                window.DescribeOn(today), ExtensionRules.LatestUntil(item.Deadline));
        }).ToList();
        var round = query.Round
                    ?? rounds.FirstOrDefault(r => r.Item.Deadline >= today)?.Round
                    ?? RoundReportCodes.Rounds[^1];
        var extensions = await sender.Send(new ListRoundExtensionsQuery(query.FiscalYear, round, query.ProvinceCode,
            query.DistrictCode, query.Q), ct);
        var changes = await sender.Send(new ListRoundChangesQuery(query.FiscalYear, query.ProvinceCode), ct);
        var choices = await sender.Send(new GetScopeChoicesQuery(query.ProvinceCode), ct);
        var laos = choices.ProvinceCode is { } province ? await sender.Send(new ListLaosQuery(province), ct) : [];
        var offered = laos.Select(l => new RoundLaoChoice(l.DlaCode, l.NameTh, l.DistrictCode, l.DistrictNameTh))
            .ToList();
        return new RoundYear(query.FiscalYear, today, rounds, round, extensions, changes, choices.Provinces,
            choices.ProvinceCode, offered);
    }
}
