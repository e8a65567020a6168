using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.BuildingBlocks.Validation;
using EPlanNacc.Modules.Projects.Contracts;
using FluentValidation;
using Mediator;

namespace EPlanNacc.Modules.Reporting.Features.Dashboard;

/// <summary>
/// ข้อมูลโดยสรุป of one LAO for a fiscal year: the page's infographic and charts, and in
/// <see cref="DashboardDetails.Summary"/> exactly the answer of <c>GET /api/v1/dashboard</c>. An LAO reads its own;
/// staff name an LAO of their scope. Projects and budget count every project of the year; the round figures count only
/// the projects that need a report (see <see cref="RoundFigures"/>). The implementation score is the one the Evaluation
/// module last calculated, with the time it did.
/// </summary>
[Allow(Caller.SignedIn)]
[Limited(Usage.Dashboard)]
public sealed record GetDashboardQuery(int FiscalYear, string? DlaCode = null) : IQuery<DashboardDetails>, ILaoScoped;

/// <summary>The answer of <c>GET /api/v1/dashboard</c> (docs/api.md), field for field.</summary>
/// <param name="ByDimension">Every dimension of the year's taxonomy, in order (zero when it has no project).</param>
/// <param name="Rounds">"6" and "12".</param>
public sealed record DashboardSummary(
    int FiscalYear, int ProjectCount, decimal Budget, IReadOnlyList<DimensionSummary> ByDimension,
    IReadOnlyDictionary<string, RoundSummary> Rounds);

public sealed record DimensionSummary(string Code, int ProjectCount, decimal Budget);

/// <param name="NotPossibleReasons">Keys <c>no_budget</c>,
/// <c>policy_changed</c>, <c>insufficient_staff</c>, <c>other</c>.</param>
public sealed record RoundSummary(int Reported, int Completed, int InProgress, int NotPossible, decimal BudgetSpent,
    IReadOnlyDictionary<string, int> NotPossibleReasons);

/// <summary>Everything the summary page shows.</summary>
/// <param name="CalculatedAt">When the scores shown were calculated (null: never, no project yet).</param>
public sealed record DashboardDetails(
    DashboardSummary Summary, string DlaCode, string LaoName, string PlaceNameTh, string PlanPeriodNameTh,
    DateOnly Today, DateTimeOffset? CalculatedAt, IReadOnlyList<DashboardDimension> Dimensions,
    IReadOnlyList<DashboardRound> Rounds)
{
    public DashboardRound Round(int round) => Rounds.Single(r => r.Round == round);
}

public sealed record DashboardDimension(string Code, string NameTh, int ProjectCount, decimal Budget,
    RoundFigures Round6, RoundFigures Round12)
{
    public RoundFigures Round(int round) => round == 6 ? Round6 : Round12;
}

/// <param name="IsOpen">Whether the round accepts this LAO's reports today
/// (then the page links each awaiting project to its report form).</param>
/// <param name="Window">The round's dates for this LAO, in Thai.</param>
/// <param name="Awaiting">The projects that need a report in this round and have none, in the plan's order.</param>
public sealed record DashboardRound(
    int Round, RoundFigures Figures, decimal? Score, string? Band, bool IsOpen, string Window,
    IReadOnlyList<AwaitingProject> Awaiting);

public sealed record AwaitingProject(Guid Id, string Name, string DimensionCode);

public sealed class GetDashboardValidator : AbstractValidator<GetDashboardQuery>
{
    public GetDashboardValidator()
    {
        RuleFor(x => x.FiscalYear).ValidFiscalYear();
        RuleFor(x => x.DlaCode).DlaCodeOrEmpty();
    }
}

public sealed class GetDashboardHandler(ISender sender, TimeProvider clock)
    : IQueryHandler<GetDashboardQuery, DashboardDetails>
{
    public async ValueTask<DashboardDetails> Handle(GetDashboardQuery query, CancellationToken ct)
    {
        var plan = await LaoPlan.LoadAsync(sender, query.DlaCode, query.FiscalYear, ct);
        var (lao, projects) = (plan.Lao, plan.Projects);
        var calendar = await sender.Send(new GetRoundCalendarQuery(plan.FiscalYear, [lao.DlaCode]), ct);
        var today = ThaiFormat.TodayInBangkok(clock);

        var dimensions = plan.Dimensions
            .Select(d =>
            {
                var inDimension = plan.In(d.Code);
                return new DashboardDimension(d.Code, d.NameTh, inDimension.Count, inDimension.Sum(p => p.Budget),
                    RoundFigures.Of(inDimension, 6), RoundFigures.Of(inDimension, 12));
            }).ToList();
        var rounds = RoundReportCodes.Rounds.Select(round =>
        {
            var score = plan.Score(round, null);
            var window = calendar.WindowFor(round, lao.DlaCode);
            var awaiting = projects.Where(p => ProjectRoundStates.Of(p, round) == ProjectRoundStates.Awaiting)
                .Select(p => new AwaitingProject(p.ProjectId, p.Name, p.DimensionCode)).ToList();
            return new DashboardRound(round, RoundFigures.Of(projects, round), score?.Score, score?.Band,
                window.IsOpenOn(today), window.DescribeOn(today), awaiting);
        }).ToList();

        var summary = new DashboardSummary(plan.FiscalYear, projects.Count, projects.Sum(p => p.Budget),
            dimensions.Select(d => new DimensionSummary(d.Code, d.ProjectCount, d.Budget)).ToList(),
            rounds.ToDictionary(r => r.Round.ToString(System.Globalization.CultureInfo.InvariantCulture), r =>
                new RoundSummary(
                r.Figures.Reported, r.Figures.Completed, r.Figures.InProgress, r.Figures.NotPossible,
                r.Figures.BudgetSpent, r.Figures.NotPossibleReasons)));
        return new DashboardDetails(summary, lao.DlaCode, lao.NameTh, plan.Place, plan.Tree.PlanPeriodNameTh, today,
            plan.CalculatedAt, dimensions, rounds);
    }
}
