using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts.Scope;
using EPlanNacc.Modules.Projects.Contracts;
using Mediator;

namespace EPlanNacc.Modules.Reporting.Features.Desk;

/// <summary>
/// The desk of an NACC officer (<c>/staff</c>), for its scope: a provincial office its province, an admin the nation
/// or the province it names. The reporting rounds open today with the days left to their deadline, and the projects
/// awaiting screening per fiscal year; each figure is the answer of the module that owns it, asked once for the whole
/// scope (docs/adr/0016-the-staff-desk.md).
/// </summary>
[Allow(Caller.Staff)]
public sealed record GetStaffDeskQuery(string? ProvinceCode = null) : IQuery<StaffDesk>, IProvinceOrNationScoped;

/// <param name="ProvinceCode">The province of the desk; null for the nation.</param>
/// <param name="Provinces">The provinces an admin may narrow the desk to (none for a provincial office).</param>
/// <param name="AwaitingScreening">Per fiscal year, newest first; years without any are left out.</param>
public sealed record StaffDesk(
    string? ProvinceCode, string? ProvinceNameTh, int LaoCount, DateOnly Today,
    IReadOnlyList<ProvinceChoice> Provinces, IReadOnlyList<OpenRoundItem> OpenRounds,
    IReadOnlyList<ScreeningBacklog> AwaitingScreening)
{
    public int AwaitingScreeningTotal => AwaitingScreening.Sum(b => b.Projects);
}

public sealed class GetStaffDeskHandler(ISender sender, TimeProvider clock)
    : IQueryHandler<GetStaffDeskQuery, StaffDesk>
{
    public async ValueTask<StaffDesk> Handle(GetStaffDeskQuery query, CancellationToken ct)
    {
        var province = await sender.Send(new GetProvinceOrNationInScopeQuery(query.ProvinceCode), ct);
        var laos = await sender.Send(new ListLaosQuery(province?.Code), ct);
        var choices = await sender.Send(new GetScopeChoicesQuery(province?.Code), ct);
        var today = ThaiFormat.TodayInBangkok(clock);
        var rounds = await sender.Send(new ListOpenRoundsQuery(today), ct);
        var awaiting = await sender.Send(new CountProjectsAwaitingScreeningQuery(
            province is null ? null : laos.Select(l => l.DlaCode).ToList()), ct);
        return new StaffDesk(province?.Code, province?.NameTh, laos.Count, today,
            choices.Provinces.Count > 1 ? choices.Provinces : [], rounds, awaiting);
    }
}
