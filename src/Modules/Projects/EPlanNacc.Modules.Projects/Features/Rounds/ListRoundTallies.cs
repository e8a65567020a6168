using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Validation;
using EPlanNacc.Modules.Projects.Contracts;
using FluentValidation;
using Mediator;

namespace EPlanNacc.Modules.Projects.Features.Rounds;

public sealed class ListRoundTalliesValidator : AbstractValidator<ListRoundTalliesQuery>
{
    public ListRoundTalliesValidator()
    {
        RuleFor(x => x.FiscalYear).ValidFiscalYear();
    }
}

/// <summary>The contract of <see cref="ListRoundTalliesQuery"/>, in one statement: the projects counted per LAO and
/// dimension from the covering index projects_year_lao_tally_idx alone (migration projects/0012), their reports
/// counted per LAO, dimension and round through one hash join (one read of the reports for both rounds), the two
/// joined, and each row turned into one per round. "Needs a report" is <see cref="RoundCount.NeedsReport"/>: every
/// project but one screened non-conforming; a report left on a project screened out later is not counted.
/// tests/EPlanNacc.IntegrationTests/Evaluation/RoundTallyTests.cs holds it to <see cref="RoundCount"/>.</summary>
public sealed class ListRoundTalliesHandler(DbSession db)
    : IQueryHandler<ListRoundTalliesQuery, IReadOnlyList<RoundTally>>
{
    public async ValueTask<IReadOnlyList<RoundTally>> Handle(ListRoundTalliesQuery query, CancellationToken ct)
    {
        if (query.DlaCodes is { Count: 0 }) return [];
        return await db.QueryAsync<RoundTally>("""
            WITH counted AS (
                SELECT dla_code, dimension_code, count(*)::int AS project_count, sum(budget) AS budget,
                       count(*) FILTER (WHERE conformity <> 'non_conforming')::int AS need_report
                FROM projects.projects
                WHERE fiscal_year = @FiscalYear AND deleted_at IS NULL AND (@All OR dla_code = ANY(@Codes))
                GROUP BY dla_code, dimension_code
            ), reported AS (
                SELECT p.dla_code, p.dimension_code,
                       count(*) FILTER (WHERE r.round = 6 AND r.status = 'completed')::int AS completed6,
                       count(*) FILTER (WHERE r.round = 6 AND r.status = 'in_progress')::int AS in_progress6,
                       count(*) FILTER (WHERE r.round = 6 AND r.status = 'not_possible')::int AS not_possible6,
                       count(*) FILTER (WHERE r.round = 12 AND r.status = 'completed')::int AS completed12,
                       count(*) FILTER (WHERE r.round = 12 AND r.status = 'in_progress')::int AS in_progress12,
                       count(*) FILTER (WHERE r.round = 12 AND r.status = 'not_possible')::int AS not_possible12
                FROM projects.projects p
                JOIN projects.round_reports r ON r.project_id = p.id
                WHERE p.fiscal_year = @FiscalYear AND p.deleted_at IS NULL AND p.conformity <> 'non_conforming'
                  AND (@All OR p.dla_code = ANY(@Codes))
                GROUP BY p.dla_code, p.dimension_code
            )
            SELECT c.dla_code, rd.round, c.dimension_code, c.project_count, c.budget, c.need_report,
                   coalesce(CASE rd.round WHEN 6 THEN r.completed6 ELSE r.completed12 END, 0) AS completed,
                   coalesce(CASE rd.round WHEN 6 THEN r.in_progress6 ELSE r.in_progress12 END, 0) AS in_progress,
                   coalesce(CASE rd.round WHEN 6 THEN r.not_possible6 ELSE r.not_possible12 END, 0) AS not_possible
            FROM counted c
            LEFT JOIN reported r ON r.dla_code = c.dla_code AND r.dimension_code = c.dimension_code
            CROSS JOIN (VALUES (6), (12)) AS rd (round)
            """,
            new { query.FiscalYear, All = query.DlaCodes is null, Codes = query.DlaCodes?.Distinct().ToArray() ?? [] },
            ct);
    }
}
