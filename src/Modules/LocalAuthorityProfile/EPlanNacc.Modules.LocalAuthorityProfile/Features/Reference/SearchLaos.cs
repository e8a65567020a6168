using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Validation;
using FluentValidation;
using Mediator;

namespace EPlanNacc.Modules.LocalAuthorityProfile.Features.Reference;

/// <summary>The look-up of an LAO's 7-digit code by province, district and (part of) its name or code:
/// at most 100 rows, open to anyone (the landing page offers it before sign-in).</summary>
[Allow(Caller.Anyone)]
public sealed record SearchLaosQuery(string? ProvinceCode, string? DistrictCode, string? Q)
    : IQuery<IReadOnlyList<LaoSearchItem>>;

public sealed record LaoSearchItem(
    string DlaCode, string NameTh, string LaoType, string ProvinceCode, string DistrictCode,
    string LaoTypeNameTh, string ProvinceNameTh, string DistrictNameTh);

public sealed class SearchLaosValidator : AbstractValidator<SearchLaosQuery>
{
    public const string QTooLong = "คำค้นยาวได้ไม่เกิน 200 ตัวอักษร";

    public SearchLaosValidator()
    {
        RuleFor(x => x.ProvinceCode).Matches("^[0-9]{2}$").When(x => !string.IsNullOrEmpty(x.ProvinceCode))
            .WithMessage(CodeRules.ProvinceCodeMessage);
        RuleFor(x => x.DistrictCode).Matches("^[0-9]{4}$").When(x => !string.IsNullOrEmpty(x.DistrictCode))
            .WithMessage("รหัสอำเภอต้องเป็นตัวเลข 4 หลัก");
        RuleFor(x => x.Q).MaximumLength(200).WithMessage(QTooLong);
    }
}

public sealed class SearchLaosHandler(DbSession db) : IQueryHandler<SearchLaosQuery, IReadOnlyList<LaoSearchItem>>
{
    public const int MaxRows = 100;

    public async ValueTask<IReadOnlyList<LaoSearchItem>> Handle(SearchLaosQuery query, CancellationToken ct)
    {
        var q = LaoNameSearch.Normalize(query.Q);
        return await db.QueryAsync<LaoSearchItem>("""
            SELECT r.dla_code, r.name_th, r.lao_type, r.province_code, r.district_code,
                   t.name_th AS lao_type_name_th, p.name_th AS province_name_th, d.name_th AS district_name_th
            FROM local_authority_profile.registry_laos r
            JOIN local_authority_profile.lao_types t ON t.code = r.lao_type
            JOIN local_authority_profile.provinces p ON p.code = r.province_code
            JOIN local_authority_profile.districts d ON d.code = r.district_code
            WHERE (@ProvinceCode::text IS NULL OR r.province_code = @ProvinceCode)
              AND (@DistrictCode::text IS NULL OR r.district_code = @DistrictCode)
              AND (@Pattern::text IS NULL OR r.name_th ILIKE @Pattern ESCAPE '\'
                   OR r.dla_code LIKE @CodePrefix ESCAPE '\')
            ORDER BY p.name_th COLLATE "th-TH-x-icu", r.district_code, t.sort_order,
                     r.name_short_th COLLATE "th-TH-x-icu", r.dla_code
            LIMIT @Limit
            """,
            new
            {
                ProvinceCode = string.IsNullOrWhiteSpace(query.ProvinceCode) ? null : query.ProvinceCode.Trim(),
                DistrictCode = string.IsNullOrWhiteSpace(query.DistrictCode) ? null : query.DistrictCode.Trim(),
                Pattern = q is null ? null : "%" + LaoNameSearch.EscapeLike(q) + "%",
                CodePrefix = q is null ? null : LaoNameSearch.EscapeLike(q) + "%",
                Limit = MaxRows,
            }, ct);
    }
}

/// <summary>What a user types to find an LAO: a part of its name, with or without its type's abbreviation.</summary>
internal static class LaoNameSearch
{
    private static readonly string[] Prefixes =
    [
        "องค์การบริหารส่วนจังหวัด", "องค์การบริหารส่วนตำบล", "เทศบาลนคร", "เทศบาลเมือง", "เทศบาลตำบล",
        "อบจ.", "อบต.", "ทน.", "ทม.", "ทต.", "อบจ", "อบต",
    ];

    public static string? Normalize(string? q)
    {
        if (string.IsNullOrWhiteSpace(q)) return null;
        var s = q.Trim();
        foreach (var prefix in Prefixes)
        {
            if (!s.StartsWith(prefix, StringComparison.Ordinal)) continue;
            // a prefix typed alone is searched as it is
            if (s.Length > prefix.Length) s = s[prefix.Length..].Trim();
            break;
        }
        return s.Length == 0 ? null : s;
    }

    public static string EscapeLike(string s) => s.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
