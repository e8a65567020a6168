using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.Modules.Projects.Features.Projects;
using EPlanNacc.Modules.Projects.Features.RoundReports;
using EPlanNacc.Modules.Projects.Features.Rounds;

namespace EPlanNacc.TestSupport;

/// <summary>Projects, round reports and round dates for tests. Today is read from the real clock (Bangkok), like the
/// application does: a test opens a round by moving its dates around today through the admin command.</summary>
public static class ProjectSamples
{
    public static DateOnly Today => ThaiFormat.TodayInBangkok();
    public static int CurrentYear => FiscalYear.Of(Today);

    public static CreateProjectCommand Project(string name = "โครงการส่งเสริมคุณธรรมจริยธรรมของบุคลากร", string dimension = "1",
        decimal? budget = 50_000m, int? fiscalYear = null, string? mission = "1.1.2", bool noBudget = false) =>
        new(fiscalYear ?? CurrentYear, name, [1, 2], "project", dimension, mission, "อบรมให้ความรู้ด้านคุณธรรมและจริยธรรมแก่บุคลากร",
            noBudget, noBudget ? null : budget, ["staff", "public"], null, "เพื่อให้บุคลากรปฏิบัติงานด้วยความซื่อสัตย์สุจริต", null);

    /// <summary>The update of a project read at <paramref name="version"/> with the same values as <paramref name="c"/>.</summary>
    public static UpdateProjectCommand Update(Guid id, int version, CreateProjectCommand c) =>
        new(id, version, c.FiscalYear, c.Name, c.Quarters, c.WorkType, c.DimensionCode, c.MissionCode, c.Essence, c.NoBudget, c.Budget,
            c.TargetGroups, c.TargetGroupOther, c.Objectives, c.Remarks);

    public static ReportRoundResultCommand Report(Guid id, int round, string status = "completed", decimal ordinance = 50_000m,
        decimal spent = 12_000m, string? reason = null, string? other = null, int? version = null) =>
        new(id, round, ordinance, spent, true, status, reason, other, null, version);

    public static Task<Guid> CreateProjectAsync(this AppFixture app, string dlaCode = Samples.KohYo, CreateProjectCommand? project = null) =>
        app.SendAsync(TestUser.Lao(dlaCode), project ?? Project());

    public static Task<ProjectDetails> GetProjectAsync(this AppFixture app, Guid id, ICurrentUser? user = null) =>
        app.SendAsync(user ?? TestUser.Lao(Samples.KohYo), new GetProjectQuery(id));

    /// <summary>Opens a round of <paramref name="fiscalYear"/> (the current one by default) from yesterday to
    /// <paramref name="daysLeft"/> days from today, as NACC central would.</summary>
    public static Task<RoundItem> OpenRoundAsync(this AppFixture app, int round, int? fiscalYear = null, int daysLeft = 10) =>
        app.SendAsync(TestUser.Admin(), new SetRoundDatesCommand(fiscalYear ?? CurrentYear, round, Today.AddDays(-1), Today.AddDays(daysLeft)));

    /// <summary>Closes a round: its deadline was yesterday.</summary>
    public static Task<RoundItem> CloseRoundAsync(this AppFixture app, int round, int? fiscalYear = null) =>
        app.SendAsync(TestUser.Admin(), new SetRoundDatesCommand(fiscalYear ?? CurrentYear, round, Today.AddDays(-30), Today.AddDays(-1)));
}
