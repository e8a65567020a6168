using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.Identity.Contracts;
using Mediator;

namespace EPlanNacc.Modules.Identity.Features.Staff;

public sealed class ListProvincialContactsHandler(DbSession db)
    : IQueryHandler<ListProvincialContactsQuery, IReadOnlyList<StaffContact>>
{
    public async ValueTask<IReadOnlyList<StaffContact>> Handle(ListProvincialContactsQuery query, CancellationToken ct)
    {
        if (query.ProvinceCodes is { Count: 0 }) return [];
        return await db.QueryAsync<StaffContact>("""
            SELECT username, display_name, province_code, btrim(email) AS email
            FROM identity.users
            WHERE role = @Role AND nullif(btrim(email), '') IS NOT NULL AND disabled_at IS NULL
              AND (@All OR province_code = ANY(@Codes))
            ORDER BY province_code, username
            """, new
        {
            Role = UserRoles.Provincial, All = query.ProvinceCodes is null,
            Codes = query.ProvinceCodes?.ToArray() ?? [],
        }, ct);
    }
}
