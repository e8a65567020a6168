using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Security;
using Mediator;

namespace EPlanNacc.Modules.LocalAuthorityProfile.Features.Reference;

/// <summary>The districts (อำเภอ/เขต) of one province; 404 for a province code that does not exist.</summary>
[Allow(Caller.Anyone)]
public sealed record ListDistrictsQuery(string ProvinceCode) : IQuery<IReadOnlyList<DistrictItem>>;

public sealed record DistrictItem(string Code, string NameTh, string NameEn);

public sealed class ListDistrictsHandler(DbSession db) : IQueryHandler<ListDistrictsQuery, IReadOnlyList<DistrictItem>>
{
    public async ValueTask<IReadOnlyList<DistrictItem>> Handle(ListDistrictsQuery query, CancellationToken ct)
    {
        var exists = await db.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM local_authority_profile.provinces WHERE code = @ProvinceCode)", query, ct);
        if (!exists) throw new NotFoundException("ไม่พบจังหวัดที่ระบุ");
        return await db.QueryAsync<DistrictItem>("""
            SELECT code, name_th AS NameTh, name_en AS NameEn
            FROM local_authority_profile.districts
            WHERE province_code = @ProvinceCode
            ORDER BY code
            """, query, ct);
    }
}
