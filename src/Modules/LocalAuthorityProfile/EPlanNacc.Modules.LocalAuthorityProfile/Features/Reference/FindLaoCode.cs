using EPlanNacc.BuildingBlocks.Security;
using FluentValidation;
using Mediator;

namespace EPlanNacc.Modules.LocalAuthorityProfile.Features.Reference;

/// <summary>The look-up of an LAO's code on the public page (รหัสผู้ใช้งาน Username), in the page's shape: the
/// provinces, the districts of the province chosen, the choices kept only when they exist, and the LAOs found once a
/// province or a name was asked (<see cref="SearchLaosQuery"/>). Open to anyone, as the page.</summary>
[Allow(Caller.Anyone)]
public sealed record FindLaoCodeQuery(string? ProvinceCode, string? DistrictCode, string? Q) : IQuery<LaoCodeFinder>;

/// <param name="Results">null until something was asked</param>
public sealed record LaoCodeFinder(
    IReadOnlyList<ProvinceItem> Provinces, string? ProvinceCode, IReadOnlyList<DistrictItem> Districts,
    string? DistrictCode, IReadOnlyList<LaoSearchItem>? Results)
{
    public static readonly LaoCodeFinder Empty = new([], null, [], null, null);
}

public sealed class FindLaoCodeValidator : AbstractValidator<FindLaoCodeQuery>
{
    public FindLaoCodeValidator() => RuleFor(x => x.Q).MaximumLength(200).WithMessage(SearchLaosValidator.QTooLong);
}

public sealed class FindLaoCodeHandler(ISender sender) : IQueryHandler<FindLaoCodeQuery, LaoCodeFinder>
{
    public async ValueTask<LaoCodeFinder> Handle(FindLaoCodeQuery query, CancellationToken ct)
    {
        var provinces = await sender.Send(new ListProvincesQuery(), ct);
        var province = provinces.FirstOrDefault(p => p.Code == query.ProvinceCode?.Trim())?.Code;
        var districts = province is null ? [] : await sender.Send(new ListDistrictsQuery(province), ct);
        var district = districts.FirstOrDefault(d => d.Code == query.DistrictCode?.Trim())?.Code;
        var results = province is not null || !string.IsNullOrWhiteSpace(query.Q)
            ? await sender.Send(new SearchLaosQuery(province, district, query.Q), ct)
            : null;
        return new LaoCodeFinder(provinces, province, districts, district, results);
    }
}
