using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Validation;
using FluentValidation;
using Mediator;

namespace EPlanNacc.Modules.Projects.Features.Rounds;

/// <summary>The extensions of one round in the caller's scope (<c>GET /api/v1/admin/rounds/{fiscalYear}/{round}/
/// extensions</c>): an admin's of every province, a provincial office's of its own. Filters: one province (404 outside
/// the caller's scope), one district, and <see cref="Q"/>, part of the LAO's code or name. Ordered by province,
/// district and LAO name.</summary>
[Allow(Caller.Staff)]
public sealed record ListRoundExtensionsQuery(int FiscalYear, int Round, string? ProvinceCode = null,
    string? DistrictCode = null, string? Q = null) : IQuery<IReadOnlyList<RoundExtensionItem>>;

/// <summary>An LAO's extension as docs/api.md shows it (<c>dlaCode, nameTh, until, reason, grantedBy,
/// grantedAt</c>), with where the LAO is.</summary>
public sealed record RoundExtensionItem(
    string DlaCode, string NameTh, DateOnly Until, string? Reason, string GrantedBy, DateTimeOffset GrantedAt,
    string ProvinceCode, string ProvinceNameTh, string DistrictCode, string DistrictNameTh);

public sealed class ListRoundExtensionsValidator : AbstractValidator<ListRoundExtensionsQuery>
{
    public ListRoundExtensionsValidator()
    {
        RuleFor(x => x.FiscalYear).ValidFiscalYear();
        RuleFor(x => x.Round).ValidRound();
        RuleFor(x => x.ProvinceCode).ProvinceCodeOrEmpty();
        RuleFor(x => x.DistrictCode).Matches("^[0-9]{4}$").WithMessage("รหัสอำเภอต้องเป็นตัวเลข 4 หลัก")
            .When(x => !string.IsNullOrWhiteSpace(x.DistrictCode));
        RuleFor(x => x.Q).OptionalText("คำค้น", 200);
    }
}

public sealed class ListRoundExtensionsHandler(DbSession db, ISender sender)
    : IQueryHandler<ListRoundExtensionsQuery, IReadOnlyList<RoundExtensionItem>>
{
    public async ValueTask<IReadOnlyList<RoundExtensionItem>> Handle(ListRoundExtensionsQuery query,
        CancellationToken ct)
    {
        var calendar = await RoundCalendarStore.LoadAsync(db, query.FiscalYear, null, ct);
        var extensions = calendar.Extensions.Where(e => e.Round == query.Round).ToList();
        var laos = await RoundScope.LaosAsync(sender, extensions.Select(e => e.DlaCode).ToList(), query.ProvinceCode,
            query.DistrictCode, ct);
        var q = query.Q?.Trim();
        return extensions
            .Where(e => laos.ContainsKey(e.DlaCode))
            .Select(e => (Extension: e, Lao: laos[e.DlaCode]))
            .Where(x => string.IsNullOrEmpty(q) || x.Lao.DlaCode.Contains(q, StringComparison.Ordinal)
                        || x.Lao.NameTh.Contains(q, StringComparison.CurrentCultureIgnoreCase))
            .OrderBy(x => x.Lao.ProvinceCode, StringComparer.Ordinal)
            .ThenBy(x => x.Lao.DistrictCode, StringComparer.Ordinal)
            .ThenBy(x => x.Lao.NameTh, StringComparer.Create(BuildingBlocks.Thai.ThaiFormat.Culture, false))
            .Select(x => new RoundExtensionItem(x.Lao.DlaCode, x.Lao.NameTh, x.Extension.Until, x.Extension.Reason,
                x.Extension.GrantedBy, x.Extension.GrantedAt, x.Lao.ProvinceCode, x.Lao.ProvinceNameTh,
                x.Lao.DistrictCode, x.Lao.DistrictNameTh))
            .ToList();
    }
}
