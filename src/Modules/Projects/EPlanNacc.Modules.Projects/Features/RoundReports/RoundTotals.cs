using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Projects.Features.Projects;

namespace EPlanNacc.Modules.Projects.Features.RoundReports;

/// <summary>What a plan reported in one round: projects that need a report (all but the non-conforming), how many
/// were reported in each status and how many still await a report, and the amounts reported.</summary>
public sealed record RoundTotals(
    int Round, int ProjectCount, int NeedReport, int Reported, int Completed, int InProgress, int NotPossible,
    decimal Budget, decimal OrdinanceBudget, decimal BudgetSpent)
{
    public int Awaiting => NeedReport - Reported;
    public int NonConforming => ProjectCount - NeedReport;

    public static RoundTotals Of(IReadOnlyList<ProjectDetails> projects, int round)
    {
        var needing = projects.Where(p => !p.NeedsNoReport).ToList();
        var reports = needing.Select(p => p.Round(round)).OfType<RoundReportDetails>().ToList();
        return new RoundTotals(round, projects.Count, needing.Count, reports.Count,
            reports.Count(r => r.Status == RoundReportCodes.Completed),
            reports.Count(r => r.Status == RoundReportCodes.InProgress),
            reports.Count(r => r.Status == RoundReportCodes.NotPossible),
            projects.Sum(p => p.Budget), reports.Sum(r => r.OrdinanceBudget), reports.Sum(r => r.BudgetSpent));
    }
}
