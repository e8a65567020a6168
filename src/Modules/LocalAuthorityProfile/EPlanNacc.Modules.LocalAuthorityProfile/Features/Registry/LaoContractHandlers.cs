using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts;
using Mediator;

namespace EPlanNacc.Modules.LocalAuthorityProfile.Features.Registry;

/// <summary>The SQL of an LAO as other modules see it: its name and type as the LAO saved them in its profile
/// (else the registry's), and its province and district always from the DLA registry: the LAO cannot move itself
/// into another provincial office's scope.</summary>
internal static class LaoInfoSql
{
    private const string Columns = """
        SELECT r.dla_code,
               coalesce(pr.name, r.name_th)                  AS name_th,
               coalesce(pr.lao_type, r.lao_type)             AS lao_type,
               r.province_code,
               p.name_th                                     AS province_name_th,
               r.district_code,
               d.name_th                                     AS district_name_th,
               (pr.dla_code IS NOT NULL)                     AS profile_completed
        FROM local_authority_profile.registry_laos r

        """;

    private const string Places = """

        JOIN local_authority_profile.provinces p ON p.code = r.province_code
        JOIN local_authority_profile.districts d ON d.code = r.district_code
        """;

    /// <summary>Every LAO, or any: the profiles joined as a whole (one scan of all of them).</summary>
    public const string Select =
        Columns + "LEFT JOIN local_authority_profile.profiles pr ON pr.dla_code = r.dla_code" + Places;

    /// <summary>A province's LAOs (a few hundred) or a few: each one's profile read by its key. The planner would
    /// otherwise hash all 7,849 profiles for a province's 334 (ADR 0035); <c>OFFSET 0</c> keeps the subquery as
    /// written.</summary>
    public const string SelectFew = Columns + """
        LEFT JOIN LATERAL (SELECT x.dla_code, x.name, x.lao_type FROM local_authority_profile.profiles x
                           WHERE x.dla_code = r.dla_code OFFSET 0) pr ON true
        """ + Places;

    /// <summary>By province, district, then Thai name.</summary>
    public const string OrderBy =
        "\nORDER BY r.province_code, r.district_code, coalesce(pr.name, r.name_th) COLLATE \"th-TH-x-icu\", r.dla_code";
}

public sealed class GetLaoHandler(DbSession db) : IQueryHandler<GetLaoQuery, LaoInfo?>
{
    public async ValueTask<LaoInfo?> Handle(GetLaoQuery query, CancellationToken ct) =>
        await db.QuerySingleOrDefaultAsync<LaoInfo>(LaoInfoSql.Select + " WHERE r.dla_code = @DlaCode", query, ct);
}

public sealed class ListLaosHandler(DbSession db) : IQueryHandler<ListLaosQuery, IReadOnlyList<LaoInfo>>
{
    public async ValueTask<IReadOnlyList<LaoInfo>> Handle(ListLaosQuery query, CancellationToken ct) =>
        await db.QueryAsync<LaoInfo>(Sql(query), new
        {
            query.ProvinceCode, query.DistrictCode, Codes = query.DlaCodes?.ToArray() ?? [],
        }, ct);

    /// <summary>The statement of the filters given, and only of those: a prepared statement is planned once for all
    /// the values it will get (Npgsql's auto-prepare, ADR 0037), and "<c>@x IS NULL OR column = @x</c>" lets that
    /// one plan read all 7,849 LAOs for a province's 334 (docs/adr/0038-national-pages-read-lightly.md).</summary>
    private static string Sql(ListLaosQuery query)
    {
        var filters = new List<string>(3);
        if (query.ProvinceCode is not null) filters.Add("r.province_code = @ProvinceCode");
        if (query.DistrictCode is not null) filters.Add("r.district_code = @DistrictCode");
        if (query.DlaCodes is not null) filters.Add("r.dla_code = ANY(@Codes)");
        return filters.Count == 0
            ? LaoInfoSql.Select + LaoInfoSql.OrderBy
            : LaoInfoSql.SelectFew + "\nWHERE " + string.Join(" AND ", filters) + LaoInfoSql.OrderBy;
    }
}

public sealed class GetLaoCodesChecksumHandler(DbSession db) : IQueryHandler<GetLaoCodesChecksumQuery, LaoCodesChecksum>
{
    public async ValueTask<LaoCodesChecksum> Handle(GetLaoCodesChecksumQuery query, CancellationToken ct) =>
        await db.QuerySingleAsync<LaoCodesChecksum>("""
            SELECT upper(encode(sha256(convert_to(
                       coalesce(string_agg(r.dla_code, ',' ORDER BY r.dla_code COLLATE "C"), ''), 'UTF8')), 'hex'))
                       AS checksum,
                   count(*)::int AS count
            FROM local_authority_profile.registry_laos r
            JOIN local_authority_profile.provinces p ON p.code = r.province_code
            JOIN local_authority_profile.districts d ON d.code = r.district_code
            """, ct: ct);
}

public sealed class ListLaoPlacesHandler(DbSession db) : IQueryHandler<ListLaoPlacesQuery, IReadOnlyList<LaoPlace>>
{
    public async ValueTask<IReadOnlyList<LaoPlace>> Handle(ListLaoPlacesQuery query, CancellationToken ct) =>
        await db.QueryAsync<LaoPlace>("""
            SELECT r.dla_code, r.province_code, r.district_code, (pr.dla_code IS NOT NULL) AS profile_completed
            FROM local_authority_profile.registry_laos r
            LEFT JOIN local_authority_profile.profiles pr ON pr.dla_code = r.dla_code
            WHERE @ProvinceCode::text IS NULL OR r.province_code = @ProvinceCode
            """, query, ct);
}

public sealed class FindLaosByCoordinatorEmailHandler(DbSession db)
    : IQueryHandler<FindLaosByCoordinatorEmailQuery, IReadOnlyList<LaoContact>>
{
    public async ValueTask<IReadOnlyList<LaoContact>> Handle(FindLaosByCoordinatorEmailQuery query,
        CancellationToken ct) =>
        await db.QueryAsync<LaoContact>("""
            SELECT dla_code, name AS name_th, coordinator_full_name, coordinator_email AS email
            FROM local_authority_profile.profiles
            WHERE lower(coordinator_email) = lower(@Email)
            ORDER BY dla_code
            """, new { Email = query.Email.Trim() }, ct);
}

public sealed class ListLaoContactsHandler(DbSession db)
    : IQueryHandler<ListLaoContactsQuery, IReadOnlyList<LaoContact>>
{
    public async ValueTask<IReadOnlyList<LaoContact>> Handle(ListLaoContactsQuery query, CancellationToken ct) =>
        await db.QueryAsync<LaoContact>("""
            SELECT dla_code, name AS name_th, coordinator_full_name, coordinator_email AS email
            FROM local_authority_profile.profiles
            WHERE dla_code = ANY(@Codes)
            ORDER BY dla_code
            """, new { Codes = query.DlaCodes.ToArray() }, ct);
}

public sealed class ListProvinceNamesHandler(DbSession db)
    : IQueryHandler<ListProvinceNamesQuery, IReadOnlyList<ProvinceName>>
{
    public async ValueTask<IReadOnlyList<ProvinceName>> Handle(ListProvinceNamesQuery query, CancellationToken ct) =>
        await db.QueryAsync<ProvinceName>(
            "SELECT code, name_th, name_en FROM local_authority_profile.provinces ORDER BY code", ct: ct);
}
