using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.BuildingBlocks.Validation;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts;
using FluentValidation;
using Mediator;

namespace EPlanNacc.Modules.Projects.Features.Screening;

/// <summary>For NACC staff: the LAOs of a province with their plan for a fiscal year (projects, budget, how many
/// still await screening), to choose the LAO to screen or read. Provincial staff see their own province; an admin
/// names one (none yet: the list of provinces is empty and the page asks for one).</summary>
public sealed record ListLaoPlansQuery(int FiscalYear, string? ProvinceCode = null) : IQuery<LaoPlanList>;

public sealed record LaoPlanList(int FiscalYear, string? ProvinceCode, IReadOnlyList<ProvinceOption> Provinces, IReadOnlyList<LaoPlanItem> Laos);

/// <summary>A province an admin may choose (ordered by its Thai name).</summary>
public sealed record ProvinceOption(string Code, string NameTh);

public sealed record LaoPlanItem(
    string DlaCode, string NameTh, string DistrictNameTh, int ProjectCount, decimal Budget, int Unscreened, int NonConforming);

public sealed class ListLaoPlansValidator : AbstractValidator<ListLaoPlansQuery>
{
    public ListLaoPlansValidator()
    {
        RuleFor(x => x.FiscalYear).ValidFiscalYear();
        RuleFor(x => x.ProvinceCode).Matches("^[0-9]{2}$").WithMessage(CodeRules.ProvinceCodeMessage)
            .When(x => !string.IsNullOrEmpty(x.ProvinceCode));
    }
}

public sealed class ListLaoPlansHandler(DbSession db, ICurrentUser user, ISender sender) : IQueryHandler<ListLaoPlansQuery, LaoPlanList>
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
        user.RequireStaff();
        var provinces = user.Role == UserRole.Admin
            ? (await sender.Send(new ListProvinceNamesQuery(), ct)).Select(p => new ProvinceOption(p.Code, p.NameTh))
                .OrderBy(p => p.NameTh, StringComparer.Create(ThaiFormat.Culture, false)).ToList()
            : [];
        var province = user.Role == UserRole.Admin ? query.ProvinceCode : user.ProvinceCode;
        if (province is null || !user.CanSeeProvince(province))
        {
            if (user.Role == UserRole.Admin && string.IsNullOrEmpty(query.ProvinceCode))
                return new LaoPlanList(query.FiscalYear, null, provinces, []);
            throw new NotFoundException("ไม่พบจังหวัดที่ระบุ หรือจังหวัดนี้ไม่อยู่ในความรับผิดชอบของท่าน");
        }
        var laos = await sender.Send(new ListLaosQuery(province), ct);
        var counts = (await db.QueryAsync<CountRow>("""
            SELECT dla_code, count(*)::integer AS project_count, sum(budget) AS budget,
                   count(*) FILTER (WHERE conformity = 'unset')::integer AS unscreened,
                   count(*) FILTER (WHERE conformity = 'non_conforming')::integer AS non_conforming
            FROM projects.projects
            WHERE fiscal_year = @FiscalYear AND dla_code = ANY(@Codes) AND deleted_at IS NULL
            GROUP BY dla_code
            """, new { query.FiscalYear, Codes = laos.Select(l => l.DlaCode).ToArray() }, ct)).ToDictionary(c => c.DlaCode);
        return new LaoPlanList(query.FiscalYear, province, provinces, laos.Select(l =>
        {
            var c = counts.GetValueOrDefault(l.DlaCode);
            return new LaoPlanItem(l.DlaCode, l.NameTh, l.DistrictNameTh, c?.ProjectCount ?? 0, c?.Budget ?? 0, c?.Unscreened ?? 0, c?.NonConforming ?? 0);
        }).ToList());
    }
}
