using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Validation;
using EPlanNacc.Modules.Projects.Contracts;
using FluentValidation;
using Mediator;

namespace EPlanNacc.Modules.Projects.Features.Projects;

public sealed class ListProjectResultsValidator : AbstractValidator<ListProjectResultsQuery>
{
    public ListProjectResultsValidator()
    {
        RuleFor(x => x.FiscalYear).ValidFiscalYear();
        RuleFor(x => x.DlaCodes).NotNull().WithMessage("กรุณาระบุรหัส อปท.");
    }
}

/// <summary>The contract query of other modules: one statement for any number of LAOs.</summary>
public sealed class ListProjectResultsHandler(DbSession db)
    : IQueryHandler<ListProjectResultsQuery, IReadOnlyList<ProjectResultItem>>
{
    public async ValueTask<IReadOnlyList<ProjectResultItem>> Handle(ListProjectResultsQuery query, CancellationToken ct)
    {
        if (query.DlaCodes.Count == 0) return [];
        var rows = await db.QueryAsync<ProjectRow>(
            ProjectRow.Select + " WHERE p.fiscal_year = @FiscalYear AND p.dla_code = ANY(@Codes) AND p.deleted_at IS " +
                                "NULL" + ProjectRow.OrderBy,
            new { query.FiscalYear, Codes = query.DlaCodes.Distinct().ToArray() }, ct);
        return rows.Select(r => r.ToResult()).ToList();
    }
}
