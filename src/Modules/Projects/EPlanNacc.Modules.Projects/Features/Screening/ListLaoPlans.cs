using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Validation;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts.Scope;
using FluentValidation;
using Mediator;

namespace EPlanNacc.Modules.Projects.Features.Screening;

/// <summary>For NACC staff: the LAOs of a province with their plan for a fiscal year (projects, budget, how many
/// still await screening), to choose the LAO to screen or read. Provincial staff see their own province (no code
/// needed); an admin names one (the page offers the choices of <see cref="GetScopeChoicesQuery"/>).</summary>
[Allow(Caller.Staff)]
public sealed record ListLaoPlansQuery(int FiscalYear, string? ProvinceCode = null) : IQuery<LaoPlanList>,
    IProvinceScoped;

public sealed record LaoPlanList(int FiscalYear, string ProvinceCode, string ProvinceNameTh,
    IReadOnlyList<LaoPlanItem> Laos);

public sealed record LaoPlanItem(
    string DlaCode, string NameTh, string DistrictNameTh, int ProjectCount, decimal Budget, int Unscreened,
    int NonConforming);

public sealed class ListLaoPlansValidator : AbstractValidator<ListLaoPlansQuery>
{
    public ListLaoPlansValidator()
    {
        RuleFor(x => x.FiscalYear).ValidFiscalYear();
        RuleFor(x => x.ProvinceCode).Matches("^[0-9]{2}$").WithMessage(CodeRules.ProvinceCodeMessage)
            .When(x => !string.IsNullOrEmpty(x.ProvinceCode));
    }
}

public sealed class ListLaoPlansHandler(DbSession db, ISender sender) : IQueryHandler<ListLaoPlansQuery, LaoPlanList>
{
    private sealed class CountRow
    {
        public string DlaCode { get; init; } = "";
        public int ProjectCount { get; init; }
        public decimal Budget { get; init; }
        public int Unscreened { get; init; }
        public int NonConforming { get; init; }
    }

    public async ValueTask<LaoPlanList> Handle(ListLaoPlansQuery query, CancellationToken ct)
    {
        var province = await sender.Send(new GetProvinceInScopeQuery(query.ProvinceCode), ct);
        var laos = await sender.Send(new ListLaosQuery(province.Code), ct);
        var counts = (await db.QueryAsync<CountRow>("""
            SELECT dla_code, count(*)::integer AS project_count, sum(budget) AS budget,
                   count(*) FILTER (WHERE conformity = 'unset')::integer AS unscreened,
                   count(*) FILTER (WHERE conformity = 'non_conforming')::integer AS non_conforming
            FROM projects.projects
            WHERE fiscal_year = @FiscalYear AND dla_code = ANY(@Codes) AND deleted_at IS NULL
            GROUP BY dla_code
            """,
            new { query.FiscalYear, Codes = laos.Select(l => l.DlaCode).ToArray() }, ct)).ToDictionary(c => c.DlaCode);
        return new LaoPlanList(query.FiscalYear, province.Code, province.NameTh, laos.Select(l =>
        {
            var c = counts.GetValueOrDefault(l.DlaCode);
            return new LaoPlanItem(l.DlaCode, l.NameTh, l.DistrictNameTh, c?.ProjectCount ?? 0, c?.Budget ?? 0,
                c?.Unscreened ?? 0, c?.NonConforming ?? 0);
        }).ToList());
    }
}
