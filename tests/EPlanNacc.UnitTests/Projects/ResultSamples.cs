using EPlanNacc.Modules.Projects.Contracts;

namespace EPlanNacc.UnitTests.Projects;

/// <summary>Projects and round results as the Projects contract gives them to other modules.</summary>
internal static class ResultSamples
{
    private static readonly DateTimeOffset At = new(2026, 4, 10, 3, 0, 0, TimeSpan.Zero);

    public static ProjectRoundResult Result(
        string status, decimal ordinance = 1_000m, decimal spent = 500m, string? reason = null) =>
        new(status, ordinance, spent, true, reason, reason == RoundReportCodes.Other ? "อื่น ๆ" : null, null, At, At);

    public static ProjectResultItem Project(decimal budget, string conformity = ProjectConformity.Unset,
        ProjectRoundResult? r6 = null, ProjectRoundResult? r12 = null) =>
        new("6900106", Guid.NewGuid(), 2570, "โครงการ", "1", null, "project", budget, budget == 0, conformity, r6, r12);
}
