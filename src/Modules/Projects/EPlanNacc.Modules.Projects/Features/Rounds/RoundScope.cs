using EPlanNacc.Modules.LocalAuthorityProfile.Contracts;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts.Scope;
using Mediator;

namespace EPlanNacc.Modules.Projects.Features.Rounds;

/// <summary>Which LAOs of a round's extensions and history the caller may see, as the scope contract says
/// (docs/adr/0004-one-home-for-the-callers-scope.md): the LAOs of the provinces <see cref="GetScopeChoicesQuery"/>
/// offers the caller (every province for an admin, its own for a provincial office), read in one query for all the
/// codes at once.</summary>
internal static class RoundScope
{
    /// <summary>The LAOs among <paramref name="dlaCodes"/> in the caller's scope, by code; only those of
    /// <paramref name="provinceCode"/> when one is named (404 outside the caller's scope) and of
    /// <paramref name="districtCode"/> when one is named.</summary>
    public static async Task<IReadOnlyDictionary<string, LaoInfo>> LaosAsync(ISender sender,
        IReadOnlyCollection<string> dlaCodes, string? provinceCode, string? districtCode, CancellationToken ct)
    {
        var province = string.IsNullOrWhiteSpace(provinceCode)
            ? null
            : (await sender.Send(new GetProvinceInScopeQuery(provinceCode), ct)).Code;
        if (dlaCodes.Count == 0) return new Dictionary<string, LaoInfo>();
        var provinces = (await sender.Send(new GetScopeChoicesQuery(), ct)).Provinces.Select(p => p.Code).ToHashSet();
        var district = string.IsNullOrWhiteSpace(districtCode) ? null : districtCode.Trim();
        var laos = await sender.Send(new ListLaosQuery(province, district, dlaCodes.Distinct().ToList()), ct);
        return laos.Where(l => provinces.Contains(l.ProvinceCode)).ToDictionary(l => l.DlaCode);
    }
}
