using EPlanNacc.BuildingBlocks.Security;
using Mediator;

namespace EPlanNacc.Modules.LocalAuthorityProfile.Contracts;

/// <summary>An LAO as other modules know it: its code, the name it uses (its profile's, else the registry's),
/// its type and where it is.</summary>
public sealed record LaoInfo(
    string DlaCode, string NameTh, string LaoType, string ProvinceCode, string ProvinceNameTh,
    string DistrictCode, string DistrictNameTh, bool ProfileCompleted);

/// <summary>One LAO, or null when the code is not in the registry. For other modules (no caller scope applied:
/// the asking module applies its own).</summary>
[Allow(Caller.Module)]
public sealed record GetLaoQuery(string DlaCode) : IQuery<LaoInfo?>;

/// <summary>The LAOs of one province or district, or all when both are null, ordered by district then name; only those
/// of <see cref="DlaCodes"/> when given (one statement for a set of codes; unknown codes are left out).</summary>
[Allow(Caller.Module)]
public sealed record ListLaosQuery(
    string? ProvinceCode = null, string? DistrictCode = null, IReadOnlyCollection<string>? DlaCodes = null)
    : IQuery<IReadOnlyList<LaoInfo>>;

/// <summary>Where each LAO of the registry is and whether it saved its basic data: the nation (no province) or one
/// province, without names or ordering, for figures over thousands of LAOs (Reporting's completeness). No caller
/// scope applied.</summary>
[Allow(Caller.Module)]
public sealed record ListLaoPlacesQuery(string? ProvinceCode = null) : IQuery<IReadOnlyList<LaoPlace>>;

/// <param name="ProvinceCode">The registry's (never a value the LAO edits), as <see cref="LaoInfo"/>.</param>
public sealed record LaoPlace(string DlaCode, string ProvinceCode, string DistrictCode, bool ProfileCompleted);

/// <summary>The LAOs whose coordinator email (from the saved profile) is this address, case-insensitively.</summary>
[Allow(Caller.Module)]
public sealed record FindLaosByCoordinatorEmailQuery(string Email) : IQuery<IReadOnlyList<LaoContact>>;

public sealed record LaoContact(string DlaCode, string NameTh, string CoordinatorFullName, string Email);

/// <summary>The coordinator contact of each given LAO that has saved its profile (for reminders and notices).</summary>
[Allow(Caller.Module)]
public sealed record ListLaoContactsQuery(IReadOnlyList<string> DlaCodes) : IQuery<IReadOnlyList<LaoContact>>;

/// <summary>Names of provinces, for other modules' reports.</summary>
[Allow(Caller.Module)]
public sealed record ListProvinceNamesQuery : IQuery<IReadOnlyList<ProvinceName>>;

public sealed record ProvinceName(string Code, string NameTh, string NameEn);

/// <summary>The SHA-256 (upper-case hex) of the codes of every LAO that <see cref="ListLaosQuery"/> lists without a
/// filter, joined by commas in ordinal order, and their count: whether the registry's LAOs changed, without reading
/// them (the start's provisioning, docs/adr/0037-a-save-under-a-deadline-surge.md).</summary>
[Allow(Caller.Module)]
public sealed record GetLaoCodesChecksumQuery : IQuery<LaoCodesChecksum>;

public sealed record LaoCodesChecksum(string Checksum, int Count);
