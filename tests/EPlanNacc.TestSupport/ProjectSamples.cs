using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.Projects.Features.Projects;
using EPlanNacc.Modules.Projects.Features.RoundReports;
using EPlanNacc.Modules.Projects.Features.Rounds;

namespace EPlanNacc.TestSupport;

/// <summary>Projects, round reports and round dates for tests, on the application's clock
/// (<see cref="AppFixture.Clock"/>): a test opens or closes a round by moving its dates around
/// <see cref="AppFixture.Today"/> through the admin command, or sets the day it needs.</summary>
public static class ProjectSamples
{
    /// <summary>15 January 2027 (15 ม.ค. 2570), in fiscal year 2570: by the default calendar its 6-month round opens on
    /// 1 April and the 12-month round of 2569 closed on 31 October 2026, so no round is open.</summary>
    public static readonly DateOnly BetweenRounds = new(2027, 1, 15);

    /// <summary>A project of <paramref name="fiscalYear"/>, by default the current fiscal year on the application's
    /// clock.</summary>
    public static CreateProjectCommand Project(this AppFixture app,
        string name = "โครงการส่งเสริมคุณธรรมจริยธรรมของบุคลากร", string dimension = "1", decimal? budget = 50_000m,
        int? fiscalYear = null, string? mission = "1.1.2", bool noBudget = false) =>
        new(fiscalYear ?? app.CurrentYear, name, [1, 2], "project", dimension, mission,
            "อบรมให้ความรู้ด้านคุณธรรมและจริยธรรมแก่บุคลากร", noBudget, noBudget ? null : budget,
            ["staff", "public"], null, "เพื่อให้บุคลากรปฏิบัติงานด้วยความซื่อสัตย์สุจริต", null);

    /// <summary>The update of a project read at <paramref name="version"/> with the same values as
    /// <paramref name="c"/>.</summary>
    public static UpdateProjectCommand Update(Guid id, int version, CreateProjectCommand c) =>
        new(id, version, c.FiscalYear, c.Name, c.Quarters, c.WorkType, c.DimensionCode, c.MissionCode, c.Essence,
            c.NoBudget, c.Budget, c.TargetGroups, c.TargetGroupOther, c.Objectives, c.Remarks);

    public static ReportRoundResultCommand Report(Guid id, int round, string status = "completed",
        decimal ordinance = 50_000m, decimal spent = 12_000m, string? reason = null, string? other = null,
        int? version = null) =>
        new(id, round, ordinance, spent, true, status, reason, other, null, version);

    public static Task<Guid> CreateProjectAsync(this AppFixture app, string dlaCode = Samples.KohYo,
        CreateProjectCommand? project = null) =>
        app.SendAsync(TestUser.Lao(dlaCode), project ?? app.Project());

    public static Task<ProjectDetails> GetProjectAsync(this AppFixture app, Guid id, ICurrentUser? user = null) =>
        app.SendAsync(user ?? TestUser.Lao(Samples.KohYo), new GetProjectQuery(id));

    /// <summary>Opens a round of <paramref name="fiscalYear"/> (the current one by default) from yesterday to
    /// <paramref name="daysLeft"/> days from today (the application's), as NACC central would.</summary>
    public static Task<RoundItem> OpenRoundAsync(this AppFixture app, int round, int? fiscalYear = null,
        int daysLeft = 10) =>
        app.SetRoundDatesAsync(round, app.Today.AddDays(-1), app.Today.AddDays(daysLeft), fiscalYear);

    /// <summary>Closes a round: its deadline was yesterday (the application's).</summary>
    public static Task<RoundItem> CloseRoundAsync(this AppFixture app, int round, int? fiscalYear = null) =>
        app.SetRoundDatesAsync(round, app.Today.AddDays(-30), app.Today.AddDays(-1), fiscalYear);

    /// <summary>Sets a round's dates as NACC central would, for the current fiscal year by default.</summary>
    public static Task<RoundItem> SetRoundDatesAsync(this AppFixture app, int round, DateOnly opensOn,
        DateOnly deadline, int? fiscalYear = null) =>
        app.SendAsync(TestUser.Admin(),
            new SetRoundDatesCommand(fiscalYear ?? app.CurrentYear, round, opensOn, deadline));
}
