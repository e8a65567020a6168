using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Security;
using Mediator;

namespace EPlanNacc.Modules.LocalAuthorityProfile.Features.Reference;

/// <summary>The 77 provinces with their official 2-digit codes, in Thai alphabetical order.</summary>
[Allow(Caller.Anyone)]
public sealed record ListProvincesQuery : IQuery<IReadOnlyList<ProvinceItem>>;

public sealed record ProvinceItem(string Code, string NameTh, string NameEn);

public sealed class ListProvincesHandler(DbSession db) : IQueryHandler<ListProvincesQuery, IReadOnlyList<ProvinceItem>>
{
    public async ValueTask<IReadOnlyList<ProvinceItem>> Handle(ListProvincesQuery query, CancellationToken ct) =>
        await db.QueryAsync<ProvinceItem>("""
            SELECT code, name_th AS NameTh, name_en AS NameEn
            FROM local_authority_profile.provinces
            ORDER BY name_th COLLATE "th-TH-x-icu", code
            """, ct: ct);
}
