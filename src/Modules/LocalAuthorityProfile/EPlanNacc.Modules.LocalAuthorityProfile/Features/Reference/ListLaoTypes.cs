using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Security;
using Mediator;

namespace EPlanNacc.Modules.LocalAuthorityProfile.Features.Reference;

/// <summary>The LAO types (อบจ., เทศบาลนคร, ..., กรุงเทพมหานคร) with their codes.</summary>
[Allow(Caller.Anyone)]
public sealed record ListLaoTypesQuery : IQuery<IReadOnlyList<LaoTypeItem>>;

public sealed record LaoTypeItem(string Code, string NameTh);

public sealed class ListLaoTypesHandler(DbSession db) : IQueryHandler<ListLaoTypesQuery, IReadOnlyList<LaoTypeItem>>
{
    public async ValueTask<IReadOnlyList<LaoTypeItem>> Handle(ListLaoTypesQuery query, CancellationToken ct) =>
        await db.QueryAsync<LaoTypeItem>(
            "SELECT code, name_th AS NameTh FROM local_authority_profile.lao_types ORDER BY sort_order", ct: ct);
}
