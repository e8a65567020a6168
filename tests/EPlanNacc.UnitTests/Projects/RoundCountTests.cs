using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Projects.Features.Projects;
using static EPlanNacc.UnitTests.Projects.ResultSamples;

namespace EPlanNacc.UnitTests.Projects;

/// <summary>The one rule of what a round counts (<see cref="RoundCount"/>): how screening enters, what is reported
/// and awaiting, the amounts and the reasons, and how an LAO's round reads.</summary>
public sealed class RoundCountTests
{
    [Fact]
    public void An_empty_plan_has_no_figures_and_no_plan()
    {
        var c = RoundCount.Of([], 6);
        Assert.Equal((0, 0m, 0, 0, 0, 0m),
            (c.ProjectCount, c.Budget, c.NeedReport, c.Reported, c.Awaiting, c.BudgetSpent));
        Assert.Equal([0, 0, 0, 0], c.NotPossibleReasons.Values);
        Assert.Equal(LaoRoundState.NoPlan, c.State);
    }

    [Fact]
    public void A_non_conforming_project_counts_in_the_plan_but_needs_no_report_and_its_old_report_is_not_counted()
    {
        var c = RoundCount.Of(
        [
            Project(10_000m, ProjectConformity.Conforming, Result(RoundReportCodes.Completed, 10_000m, 9_000m)),
            Project(20_000m, ProjectConformity.NonConforming, Result(RoundReportCodes.Completed, 20_000m, 20_000m)),
            Project(30_000m),
        ], 6);
        Assert.Equal((3, 60_000m, 2, 1, 1, 1),
            (c.ProjectCount, c.Budget, c.NeedReport, c.Reported, c.Awaiting, c.NotRequired));
        Assert.Equal((1, 10_000m, 9_000m), (c.Completed, c.OrdinanceBudget, c.BudgetSpent));
        Assert.Equal(LaoRoundState.Partial, c.State);
    }

    [Fact]
    public void Statuses_and_reasons_are_counted_per_round_in_the_forms_order()
    {
        var plan = new[]
        {
            Project(1m, r6: Result(RoundReportCodes.NotPossible, reason: RoundReportCodes.NoBudget),
                r12: Result(RoundReportCodes.InProgress)),
            Project(1m, r6: Result(RoundReportCodes.NotPossible, reason: RoundReportCodes.Other)),
            Project(1m, r6: Result(RoundReportCodes.InProgress)),
        };
        var r6 = RoundCount.Of(plan, 6);
        Assert.Equal((3, 0, 1, 2, LaoRoundState.Complete),
            (r6.Reported, r6.Completed, r6.InProgress, r6.NotPossible, r6.State));
        Assert.Equal(["no_budget", "policy_changed", "insufficient_staff", "other"], r6.NotPossibleReasons.Keys);
        Assert.Equal([1, 0, 0, 1], r6.NotPossibleReasons.Values);
        var r12 = RoundCount.Of(plan, 12);
        Assert.Equal((1, 1, 2, LaoRoundState.Partial), (r12.Reported, r12.InProgress, r12.Awaiting, r12.State));
    }

    [Fact]
    public void A_plan_screened_out_entirely_has_nothing_to_report_and_an_unreported_one_nothing_reported()
    {
        Assert.Equal(LaoRoundState.NotRequired,
            RoundCount.Of([Project(1m, ProjectConformity.NonConforming)], 12).State);
        Assert.Equal(LaoRoundState.None, RoundCount.Of([Project(1m), Project(2m)], 12).State);
    }

    [Fact]
    public void A_project_reads_its_state_in_a_round()
    {
        Assert.Equal(ProjectRoundStates.NotRequired,
            ProjectRoundStates.Of(Project(1m, ProjectConformity.NonConforming, Result(RoundReportCodes.Completed)), 6));
        Assert.Equal(ProjectRoundStates.Awaiting, ProjectRoundStates.Of(Project(1m), 6));
        Assert.Equal(RoundReportCodes.Completed,
            ProjectRoundStates.Of(Project(1m, r6: Result(RoundReportCodes.Completed)), 6));
        Assert.Equal([true, true, false],
            new[] { "unset", "conforming", "non_conforming" }.Select(RoundCount.NeedsReport));
    }

    [Fact]
    public void The_project_lists_totals_count_each_status_and_what_awaits_a_report_among_projects_that_need_one()
    {
        ProjectDetails P(string conformity, decimal budget, RoundReportDetails? r6) => new(Guid.NewGuid(), "6900106",
            2570, "p", [1], "project", "1", null, "e", budget == 0, budget, ["staff"], null, "o", null, conformity,
            new Dictionary<string, RoundReportDetails?> { ["6"] = r6, ["12"] = null }, 1);
        RoundReportDetails R(string status, decimal ordinance, decimal spent) => new(ordinance, spent, true, status,
            status == "not_possible" ? "no_budget" : null, null, null, DateTimeOffset.UnixEpoch);
        var projects = new[]
        {
            P("unset", 100m, R("completed", 100m, 90m)),
            P("conforming", 200m, R("in_progress", 150m, 10m)),
            P("unset", 0m, R("not_possible", 0m, 0m)),
            P("conforming", 50m, null),
            P("non_conforming", 70m, R("completed", 70m, 70m)),
        };
        var t = RoundCount.Of(6, projects.Select(p => p.EntryIn(6)));
        Assert.Equal((5, 4, 3, 1, 1, 1, 1, 1),
            (t.ProjectCount, t.NeedReport, t.Reported, t.Completed, t.InProgress, t.NotPossible, t.Awaiting,
                t.NotRequired));
        Assert.Equal((420m, 250m, 100m), (t.Budget, t.OrdinanceBudget, t.BudgetSpent));
        var t12 = RoundCount.Of(12, projects.Select(p => p.EntryIn(12)));
        Assert.Equal((0, 4, 0m), (t12.Reported, t12.Awaiting, t12.BudgetSpent));
    }
}
