using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.BuildingBlocks.Validation;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts.Scope;
using FluentValidation;
using Mediator;

namespace EPlanNacc.Modules.Projects.Features.Projects;

/// <summary>The live projects of one LAO and fiscal year (<c>GET /api/v1/projects?fiscalYear=&amp;dlaCode=</c>), sorted
/// by dimension, then in the order recorded. An LAO gets its own (another LAO's code is 404); staff name an LAO of
/// their scope. Without a fiscal year, the current one.</summary>
[Allow(Caller.SignedIn)]
public sealed record ListProjectsQuery(int? FiscalYear = null, string? DlaCode = null)
    : IQuery<IReadOnlyList<ProjectDetails>>, ILaoScoped;

public sealed class ListProjectsValidator : AbstractValidator<ListProjectsQuery>
{
    public ListProjectsValidator()
    {
        RuleFor(x => x.FiscalYear).ValidFiscalYear();
        RuleFor(x => x.DlaCode).DlaCodeOrEmpty();
    }
}

public sealed class ListProjectsHandler(DbSession db, ISender sender, TimeProvider clock)
    : IQueryHandler<ListProjectsQuery, IReadOnlyList<ProjectDetails>>
{
    public async ValueTask<IReadOnlyList<ProjectDetails>> Handle(ListProjectsQuery query, CancellationToken ct)
    {
        var lao = await sender.Send(new GetLaoInScopeQuery(query.DlaCode), ct);
        var year = query.FiscalYear ?? FiscalYear.Of(ThaiFormat.TodayInBangkok(clock));
        var rows = await db.QueryAsync<ProjectRow>(
            ProjectRow.Select + " WHERE p.dla_code = @DlaCode AND p.fiscal_year = @Year AND p.deleted_at IS NULL" +
                ProjectRow.OrderBy,
            new { lao.DlaCode, Year = year }, ct);
        return rows.Select(r => r.ToDetails()).ToList();
    }
}
