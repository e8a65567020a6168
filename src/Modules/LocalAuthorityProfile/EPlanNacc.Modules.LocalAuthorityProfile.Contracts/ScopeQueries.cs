using EPlanNacc.BuildingBlocks.Security;
using Mediator;

namespace EPlanNacc.Modules.LocalAuthorityProfile.Contracts.Scope;

/// <summary>
/// The one answer to "may this caller see or act on this LAO?" (docs/conventions.md 15): an LAO its own, a provincial
/// office the LAOs of its province, an admin every LAO, where the province is the one of the DLA registry (never a
/// value the LAO can edit). Returns the LAO; refuses with the messages of <see cref="AccessMessages"/>: 404 for an LAO
/// outside the caller's scope or absent (an LAO asking for another's code too), 400 when staff name none, 403 for a
/// caller without a role. <see cref="DlaCode"/> may be empty for an LAO caller (its own). The authorization step sends
/// it for every <see cref="ILaoScoped"/> message; a handler sends it again to read the LAO (answered from the scope's
/// cache).
/// </summary>
[Allow(Caller.Anyone)]
public sealed record GetLaoInScopeQuery(string? DlaCode) : IQuery<LaoInfo>;

/// <summary>The province a staff caller names, when in its scope: a provincial office its own (an empty code means
/// its own; another is 404), an admin any existing province (400 when none is named). An LAO is refused
/// (403).</summary>
[Allow(Caller.Anyone)]
public sealed record GetProvinceInScopeQuery(string? ProvinceCode) : IQuery<ProvinceName>;

/// <summary>As <see cref="GetProvinceInScopeQuery"/>, except that an admin who names no province gets null: the
/// nation. For what an admin reads nation-wide and a provincial office for its own province (the staff desk, the
/// screening queue). A provincial office gets its own province for an empty code and 404 for another's; an LAO is
/// refused (403).</summary>
[Allow(Caller.Anyone)]
public sealed record GetProvinceOrNationInScopeQuery(string? ProvinceCode) : IQuery<ProvinceName?>;

/// <summary>What the caller may choose on the pages that are about one LAO or one province: the provinces of its
/// scope (all for an admin, its own for a provincial office, none for an LAO) and the LAOs of the province in force
/// (the provincial office's own, the one an admin names, an LAO's own). A province named that the caller may not
/// choose (another provincial office's, or one that does not exist) is 404, as for every message that names one
/// (docs/adr/0005-not-found-for-anothers-resource.md): a page never answers about the caller's own province instead of
/// the one asked. An LAO named (<paramref name="DlaCode"/>) outside the caller's scope is 404 too; one in its scope
/// but of another province than the one in force is simply not among the choices. <paramref name="WithLaos"/> false
/// leaves the LAOs out (a page about a whole province offers no LAO to choose).</summary>
[Allow(Caller.SignedIn)]
public sealed record GetScopeChoicesQuery(string? ProvinceCode = null, string? DlaCode = null, bool WithLaos = true)
    : IQuery<ScopeChoices>;

/// <param name="ProvinceCode">The province whose LAOs are listed (null: none chosen yet).</param>
public sealed record ScopeChoices(IReadOnlyList<ProvinceChoice> Provinces, string? ProvinceCode,
    IReadOnlyList<LaoChoice> Laos);

public sealed record ProvinceChoice(string Code, string NameTh);

public sealed record LaoChoice(string DlaCode, string NameTh, string DistrictNameTh);
