using EPlanNacc.BuildingBlocks.Validation;
using System.Globalization;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts;
using FluentValidation;
using Mediator;

namespace EPlanNacc.Modules.Reporting.Features;

/// <summary>What the caller may choose on the summary and report pages: the provinces (all for an admin, its own for
/// a provincial office, none for an LAO) and the LAOs of the province in force (the provincial office's own, or the
/// one an admin chose). An LAO chooses nothing: its pages are about itself.</summary>
public sealed record GetReportChoicesQuery(string? ProvinceCode = null) : IQuery<ReportChoices>;

/// <param name="ProvinceCode">The province whose LAOs are listed (null: none chosen yet).</param>
public sealed record ReportChoices(IReadOnlyList<ProvinceChoice> Provinces, IReadOnlyList<LaoChoice> Laos, string? ProvinceCode);

public sealed record ProvinceChoice(string Code, string NameTh);

public sealed record LaoChoice(string DlaCode, string NameTh, string DistrictNameTh);

public sealed class GetReportChoicesValidator : AbstractValidator<GetReportChoicesQuery>
{
    public GetReportChoicesValidator() => RuleFor(x => x.ProvinceCode).ProvinceCodeOrEmpty();
}

public sealed class GetReportChoicesHandler(ISender sender, ICurrentUser user) : IQueryHandler<GetReportChoicesQuery, ReportChoices>
{
    private static readonly StringComparer Thai = StringComparer.Create(new CultureInfo("th-TH"), false);

    public async ValueTask<ReportChoices> Handle(GetReportChoicesQuery query, CancellationToken ct)
    {
        if (!user.IsStaff()) return new ReportChoices([], [], null);
        var provinces = (await sender.Send(new ListProvinceNamesQuery(), ct))
            .Where(p => user.CanSeeProvince(p.Code)).OrderBy(p => p.NameTh, Thai)
            .Select(p => new ProvinceChoice(p.Code, p.NameTh)).ToList();
        var chosen = user.Role == UserRole.Provincial ? user.ProvinceCode : query.ProvinceCode?.Trim();
        if (string.IsNullOrEmpty(chosen) || provinces.All(p => p.Code != chosen)) return new ReportChoices(provinces, [], null);
        var laos = await sender.Send(new ListLaosQuery(chosen), ct);
        return new ReportChoices(provinces, laos.Select(l => new LaoChoice(l.DlaCode, l.NameTh, l.DistrictNameTh)).ToList(), chosen);
    }
}
