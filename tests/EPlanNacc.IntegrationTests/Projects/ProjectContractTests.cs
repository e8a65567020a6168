using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Projects.Features.Projects;
using EPlanNacc.Modules.Projects.Features.Rounds;
using EPlanNacc.Modules.Projects.Features.Screening;
using EPlanNacc.TestSupport;
using static EPlanNacc.TestSupport.ProjectSamples;

namespace EPlanNacc.IntegrationTests.Projects;

/// <summary>The queries other modules read (Evaluation, Reporting):
/// a province in one call, the round calendar.</summary>
public sealed class ProjectContractTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task Project_results_of_many_LAOs_come_in_one_call_with_both_rounds()
    {
        await App.OpenRoundAsync(6);
        var a = await App.CreateProjectAsync(Samples.KohYo,
            App.Project(name: "ก", dimension: "2", mission: "2.2.1", budget: 10_000m));
        var b = await App.CreateProjectAsync(Samples.KohYo, App.Project(name: "ข", noBudget: true));
        var c = await App.CreateProjectAsync(Samples.KhlongRi, App.Project(name: "ค"));
        var deleted = await App.CreateProjectAsync(Samples.KhlongRi, App.Project(name: "ลบ"));
        await App.CreateProjectAsync(Samples.ChiangMaiCity, App.Project(name: "ไม่ได้ขอ"));
        await App.CreateProjectAsync(Samples.KohYo, App.Project(name: "ปีก่อน", fiscalYear: App.CurrentYear - 1));
        await App.SendAsync(TestUser.Lao(Samples.KohYo), Report(b, 6, "not_possible", 0m, 0m, "policy_changed"));
        await App.SendAsync(TestUser.Provincial(), new ScreenProjectsCommand([c], false));
        await App.SendAsync(TestUser.Lao(Samples.KhlongRi), new DeleteProjectCommand(deleted));

        var rows = await App.SendAsync(SystemUser.Instance,
            new ListProjectResultsQuery(App.CurrentYear, [Samples.KohYo, Samples.KhlongRi, "9999999"]));
        Assert.Equal([(Samples.KohYo, b), (Samples.KohYo, a), (Samples.KhlongRi, c)],
            rows.Select(r => (r.DlaCode, r.ProjectId)));
        var ra = rows.Single(r => r.ProjectId == a);
        Assert.Equal(("ก", "2", "2.2.1", "project", 10_000m, false, ProjectConformity.Unset, App.CurrentYear),
            (ra.Name, ra.DimensionCode, ra.MissionCode, ra.WorkType, ra.Budget, ra.NoBudget, ra.Conformity,
                ra.FiscalYear));
        Assert.False(ra.IsReported(6));
        Assert.True(ra.CountsAsConforming);
        var rb = rows.Single(r => r.ProjectId == b);
        Assert.Equal((true, 0m), (rb.NoBudget, rb.Budget));
        var r6 = rb.Round6!;
        Assert.Equal(("not_possible", "policy_changed", null, 0m, 0m, true), (r6.Status, r6.NotPossibleReason,
            r6.NotPossibleReasonOther, r6.OrdinanceBudget, r6.BudgetSpent, r6.InLocalOrdinance));
        Assert.Equal(r6.ReportedAt, r6.FirstReportedAt);
        Assert.Null(rb.Round12);
        Assert.False(rows.Single(r => r.ProjectId == c).CountsAsConforming);
        Assert.Empty(await App.SendAsync(SystemUser.Instance, new ListProjectResultsQuery(App.CurrentYear, [])));
    }

    [Fact]
    public async Task The_round_calendar_gives_the_dates_set_or_the_defaults_and_the_extensions()
    {
        var set = await App.OpenRoundAsync(6);
        await App.SendAsync(TestUser.Admin(), new GrantRoundExtensionCommand(App.CurrentYear, 6, Samples.KhlongRi,
            set.Deadline.AddDays(7), "ระบบขัดข้อง"));

        var calendar = await App.SendAsync(SystemUser.Instance, new GetRoundCalendarQuery(App.CurrentYear));
        Assert.Equal(new RoundPeriod(App.CurrentYear, 6, set.OpensOn, set.Deadline, false), calendar.Round(6));
        var y = App.CurrentYear - 543;
        Assert.Equal(new RoundPeriod(App.CurrentYear, 12, new(y, 10, 1), new(y, 10, 31), true), calendar.Round(12));
        var extension = Assert.Single(calendar.Extensions);
        Assert.Equal((Samples.KhlongRi, set.Deadline.AddDays(7), "ระบบขัดข้อง"),
            (extension.DlaCode, extension.Until, extension.Reason));
        Assert.Empty((await App.SendAsync(SystemUser.Instance,
            new GetRoundCalendarQuery(App.CurrentYear, [Samples.KohYo]))).Extensions);
        Assert.Equal(set.Deadline.AddDays(7), calendar.WindowFor(6, Samples.KhlongRi).LastDay);
        Assert.Equal(set.Deadline, calendar.WindowFor(6, Samples.KohYo).LastDay);
    }

    [Fact]
    public async Task The_seeded_calendar_of_the_current_and_previous_year_has_the_domain_defaults()
    {
        Assert.Equal(4, await App.SendAsync(SystemUser.Instance, new SeedRoundsCommand()));
        Assert.Equal(0, await App.SendAsync(SystemUser.Instance, new SeedRoundsCommand()));
        var previous = await App.SendAsync(SystemUser.Instance, new GetRoundCalendarQuery(App.CurrentYear - 1));
        var y = App.CurrentYear - 1 - 543;
        Assert.Equal([new RoundPeriod(App.CurrentYear - 1, 6, new(y, 4, 1), new(y, 4, 30), false),
            new RoundPeriod(App.CurrentYear - 1, 12, new(y, 10, 1), new(y, 10, 31), false)], previous.Rounds);
    }
}
