using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Validation;
using EPlanNacc.Modules.Projects.Contracts;
using FluentValidation;
using Mediator;

namespace EPlanNacc.Modules.Projects.Features.RoundReports;

public sealed class ListRoundBacklogValidator : AbstractValidator<ListRoundBacklogQuery>
{
    public ListRoundBacklogValidator()
    {
        RuleFor(x => x.FiscalYear).ValidFiscalYear();
        RuleFor(x => x.Round).ValidRound();
    }
}

/// <summary>One GROUP BY over the year's live projects and their reports of the round; a project screened
/// non-conforming needs no report (the rule of <see cref="RoundCount.NeedsReport"/>, written here in SQL).</summary>
public sealed class ListRoundBacklogHandler(DbSession db)
    : IQueryHandler<ListRoundBacklogQuery, IReadOnlyList<RoundBacklogItem>>
{
    // a class, not a positional record: Dapper sets an array column into a property, but cannot match it to a
    // constructor parameter
    private sealed class Row
    {
        public string DlaCode { get; init; } = "";
        public int ProjectCount { get; init; }
        public int NeedReport { get; init; }
        public string[] Unreported { get; init; } = [];
    }

    public async ValueTask<IReadOnlyList<RoundBacklogItem>> Handle(ListRoundBacklogQuery query, CancellationToken ct)
    {
        if (query.DlaCodes is { Count: 0 }) return [];
        var rows = await db.QueryAsync<Row>("""
            SELECT p.dla_code,
                   count(*)::int AS project_count,
                   count(*) FILTER (WHERE p.conformity <> @NonConforming)::int AS need_report,
                   coalesce(array_agg(p.name ORDER BY string_to_array(p.dimension_code, '.')::integer[], p.entry_no)
                            FILTER (WHERE p.conformity <> @NonConforming AND r.project_id IS NULL),
                            '{}') AS unreported
            FROM projects.projects p
            LEFT JOIN projects.round_reports r ON r.project_id = p.id AND r.round = @Round
            WHERE p.fiscal_year = @FiscalYear AND p.deleted_at IS NULL AND (@All OR p.dla_code = ANY(@Codes))
            GROUP BY p.dla_code
            ORDER BY p.dla_code
            """, new
        {
            query.FiscalYear, Round = (short)query.Round, ProjectConformity.NonConforming,
            All = query.DlaCodes is null, Codes = query.DlaCodes?.Distinct().ToArray() ?? [],
        }, ct);
        return rows.Select(r => new RoundBacklogItem(r.DlaCode, r.ProjectCount, r.NeedReport, r.Unreported)).ToList();
    }
}
