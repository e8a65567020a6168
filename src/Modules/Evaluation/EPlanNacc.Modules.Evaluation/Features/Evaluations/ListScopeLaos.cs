using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts;
using Mediator;

namespace EPlanNacc.Modules.Evaluation.Features.Evaluations;

/// <summary>The LAOs the caller may choose on the evaluation pages: its own (LAO), its province's (provincial
/// office), or one province's (admin, which names the province).</summary>
public sealed record ListScopeLaosQuery(string? ProvinceCode = null) : IQuery<IReadOnlyList<ScopeLao>>;

public sealed record ScopeLao(string DlaCode, string NameTh, string DistrictNameTh, string ProvinceCode);

public sealed class ListScopeLaosHandler(ISender sender, ICurrentUser user) : IQueryHandler<ListScopeLaosQuery, IReadOnlyList<ScopeLao>>
{
    public async ValueTask<IReadOnlyList<ScopeLao>> Handle(ListScopeLaosQuery query, CancellationToken ct)
    {
        string? province = user.Role switch
        {
            UserRole.Provincial => user.ProvinceCode,
            UserRole.Admin => query.ProvinceCode,
            _ => null,
        };
        if (user.Role == UserRole.Lao)
        {
            var own = await sender.Send(new GetLaoQuery(user.DlaCode!), ct);
            return own is null ? [] : [new ScopeLao(own.DlaCode, own.NameTh, own.DistrictNameTh, own.ProvinceCode)];
        }
        if (province is null) return [];
        var laos = await sender.Send(new ListLaosQuery(province), ct);
        return laos.Select(l => new ScopeLao(l.DlaCode, l.NameTh, l.DistrictNameTh, l.ProvinceCode)).ToList();
    }
}

/// <summary>The provinces the caller may choose: all for an admin, its own for a provincial office, none for an LAO.</summary>
public sealed record ListScopeProvincesQuery : IQuery<IReadOnlyList<ScopeProvince>>;

public sealed record ScopeProvince(string Code, string NameTh);

public sealed class ListScopeProvincesHandler(ISender sender, ICurrentUser user) : IQueryHandler<ListScopeProvincesQuery, IReadOnlyList<ScopeProvince>>
{
    public async ValueTask<IReadOnlyList<ScopeProvince>> Handle(ListScopeProvincesQuery query, CancellationToken ct)
    {
        if (!user.IsStaff()) return [];
        var provinces = await sender.Send(new ListProvinceNamesQuery(), ct);
        return provinces.Where(p => user.CanSeeProvince(p.Code)).OrderBy(p => p.NameTh, StringComparer.Create(new System.Globalization.CultureInfo("th-TH"), false))
            .Select(p => new ScopeProvince(p.Code, p.NameTh)).ToList();
    }
}
