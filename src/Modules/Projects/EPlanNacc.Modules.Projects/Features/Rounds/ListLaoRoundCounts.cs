using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Validation;
using EPlanNacc.Modules.Projects.Contracts;
using FluentValidation;
using Mediator;

namespace EPlanNacc.Modules.Projects.Features.Rounds;

public sealed class ListLaoRoundCountsValidator : AbstractValidator<ListLaoRoundCountsQuery>
{
    public ListLaoRoundCountsValidator()
    {
        RuleFor(x => x.FiscalYear).ValidFiscalYear();
        RuleFor(x => x.Round).ValidRound();
        RuleFor(x => x.DlaCodes).NotNull().WithMessage("กรุณาระบุรหัส อปท.");
    }
}

/// <summary>The contract of <see cref="ListLaoRoundCountsQuery"/>: the rows of <c>projects.lao_round_counts</c>, kept
/// by the triggers of migrations projects/0010 and 0011 as projects and reports change (tests/EPlanNacc.
/// IntegrationTests/Projects/RoundFiguresKeptTests.cs holds them to <see cref="RoundCount.Of(int,
/// IEnumerable{RoundEntry})"/>).</summary>
public sealed class ListLaoRoundCountsHandler(DbSession db)
    : IQueryHandler<ListLaoRoundCountsQuery, IReadOnlyDictionary<string, RoundCount>>
{
    private sealed record Row(
        string DlaCode, int ProjectCount, decimal Budget, int NeedReport, int Reported, int Completed, int InProgress,
        int NotPossible, decimal OrdinanceBudget, decimal BudgetSpent, int NoBudget, int PolicyChanged,
        int InsufficientStaff, int OtherReason);

    public async ValueTask<IReadOnlyDictionary<string, RoundCount>> Handle(ListLaoRoundCountsQuery query,
        CancellationToken ct)
    {
        if (query.DlaCodes.Count == 0) return new Dictionary<string, RoundCount>();
        var rows = await db.QueryAsync<Row>("""
            SELECT dla_code, project_count, budget, need_report, reported, completed, in_progress, not_possible,
                   ordinance_budget, budget_spent, no_budget, policy_changed, insufficient_staff, other_reason
            FROM projects.lao_round_counts
            WHERE fiscal_year = @FiscalYear AND round = @Round AND dla_code = ANY(@Codes) AND project_count > 0
            """,
            new { query.FiscalYear, Round = (short)query.Round, Codes = query.DlaCodes.Distinct().ToArray() }, ct);
        // no report: the sum of nothing, 0 (as RoundCount.Of sums an empty list), not the column's 0.00 (the API
        // writes a decimal with its scale)
        return rows.ToDictionary(r => r.DlaCode, r => new RoundCount(query.Round, r.ProjectCount, r.Budget,
            r.NeedReport, r.Reported, r.Completed, r.InProgress, r.NotPossible,
            r.Reported == 0 ? 0m : r.OrdinanceBudget, r.Reported == 0 ? 0m : r.BudgetSpent, Reasons(r)));
    }

    /// <summary>In the form's order, as <see cref="RoundCount.Of(int, IEnumerable{RoundEntry})"/> gives them.</summary>
    private static OrderedDictionary<string, int> Reasons(Row r)
    {
        var counts = new Dictionary<string, int>
        {
            [RoundReportCodes.NoBudget] = r.NoBudget, [RoundReportCodes.PolicyChanged] = r.PolicyChanged,
            [RoundReportCodes.InsufficientStaff] = r.InsufficientStaff, [RoundReportCodes.Other] = r.OtherReason,
        };
        var reasons = new OrderedDictionary<string, int>();
        foreach (var code in ProjectLabels.NotPossibleReasons.Codes) reasons[code] = counts.GetValueOrDefault(code);
        return reasons;
    }
}
