using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.Modules.Projects.Features.Projects;
using EPlanNacc.Modules.Projects.Features.RoundReports;
using EPlanNacc.TestSupport;
using static EPlanNacc.TestSupport.ProjectSamples;

namespace EPlanNacc.IntegrationTests.Projects;

/// <summary>An LAO sees and changes only its own projects; staff
/// read the LAOs of their scope; anything else is 404.</summary>
public sealed class ProjectScopeTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task Another_LAOs_project_is_not_found_for_every_read_and_change()
    {
        await App.OpenRoundAsync(6);
        var id = await App.CreateProjectAsync(Samples.KohYo);
        var other = TestUser.Lao(Samples.KhlongRi);

        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(other, new GetProjectQuery(id)));
        await Assert.ThrowsAsync<NotFoundException>(() =>
            App.SendAsync(other, new GetProjectQuery(id, IncludeDeleted: true)));
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(other, new ListProjectChangesQuery(id)));
        await Assert.ThrowsAsync<NotFoundException>(() =>
            App.SendAsync(other, Update(id, 1, App.Project(name: "ของคนอื่น"))));
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(other, new DeleteProjectCommand(id)));
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(other, Report(id, 6)));
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(other, new GetRoundReportFormQuery(id, 6)));
        await Assert.ThrowsAsync<NotFoundException>(() =>
            App.SendAsync(other, new ListProjectsQuery(App.CurrentYear, Samples.KohYo)));
        await Assert.ThrowsAsync<NotFoundException>(() =>
            App.SendAsync(other, new GetProjectWorklistQuery(App.CurrentYear, Samples.KohYo)));
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(other, Report(Guid.NewGuid(), 6)));
        Assert.Empty(await App.SendAsync(other, new ListProjectsQuery(App.CurrentYear)));

        var p = await App.GetProjectAsync(id);
        Assert.Equal((1, "โครงการส่งเสริมคุณธรรมจริยธรรมของบุคลากร", (RoundReportDetails?)null),
            (p.Version, p.Name, p.Round(6)));
    }

    [Fact]
    public async Task Provincial_staff_read_the_LAOs_of_their_province_and_admins_every_LAO()
    {
        var kohYo = await App.CreateProjectAsync(Samples.KohYo);
        var chiangMai = await App.CreateProjectAsync(Samples.ChiangMaiCity, App.Project(name: "โครงการเชียงใหม่"));
        var prov90 = TestUser.Provincial();

        Assert.Equal(kohYo, (await App.SendAsync(prov90, new GetProjectQuery(kohYo))).Id);
        Assert.Single(await App.SendAsync(prov90, new ListProjectsQuery(App.CurrentYear, Samples.KohYo)));
        Assert.NotEmpty(await App.SendAsync(prov90, new ListProjectChangesQuery(kohYo)));
        Assert.True((await App.SendAsync(prov90, new GetRoundReportFormQuery(kohYo, 6))).ReadOnlyReason is not null);
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(prov90, new GetProjectQuery(chiangMai)));
        await Assert.ThrowsAsync<NotFoundException>(() =>
            App.SendAsync(prov90, new ListProjectsQuery(App.CurrentYear, Samples.ChiangMaiCity)));
        await Assert.ThrowsAsync<NotFoundException>(() =>
            App.SendAsync(prov90, new ListProjectsQuery(App.CurrentYear, "9999999")));
        var missing = await Assert.ThrowsAsync<RuleViolationException>(() =>
            App.SendAsync(prov90, new ListProjectsQuery(App.CurrentYear)));
        Assert.Equal("dlaCode", missing.Field);

        var admin = TestUser.Admin();
        Assert.Equal("โครงการเชียงใหม่", (await App.SendAsync(admin, new GetProjectQuery(chiangMai))).Name);
        Assert.Single(await App.SendAsync(admin, new ListProjectsQuery(App.CurrentYear, Samples.ChiangMaiCity)));
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            App.SendAsync(TestUser.Anonymous, new GetProjectQuery(kohYo)));
    }
}
