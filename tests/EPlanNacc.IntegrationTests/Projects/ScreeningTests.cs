using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts.Scope;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Projects.Features.Projects;
using EPlanNacc.Modules.Projects.Features.Screening;
using EPlanNacc.TestSupport;
using FluentValidation;
using static EPlanNacc.TestSupport.ProjectSamples;

namespace EPlanNacc.IntegrationTests.Projects;

/// <summary>NACC staff screen projects (conforming or not, with a
/// reason): provincial in its province, admin anywhere.</summary>
public sealed class ScreeningTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task Provincial_staff_screen_many_projects_of_their_province_at_once_with_a_reason()
    {
        var a = await App.CreateProjectAsync(Samples.KohYo, App.Project(name: "ก"));
        var b = await App.CreateProjectAsync(Samples.KohYo, App.Project(name: "ข"));
        var c = await App.CreateProjectAsync(Samples.KhlongRi, App.Project(name: "ค"));
        App.Notifications.Clear();

        var changed = await App.SendAsync(TestUser.Provincial(),
            new ScreenProjectsCommand([a, b, c], false, "  ไม่ตรงกับมิติ  "));
        Assert.Equal(3, changed);
        foreach (var (id, lao) in new[] { (a, Samples.KohYo), (b, Samples.KohYo), (c, Samples.KhlongRi) })
        {
            var p = await App.GetProjectAsync(id, TestUser.Lao(lao));
            Assert.Equal((ProjectConformity.NonConforming, 2), (p.Conformity, p.Version));
        }
        Assert.Equal(
            [new ProjectResultsChangedNotification(Samples.KohYo, App.CurrentYear),
                new ProjectResultsChangedNotification(Samples.KhlongRi, App.CurrentYear)],
            App.Notifications.Of<ProjectResultsChangedNotification>()
                .OrderByDescending(n => n.DlaCode == Samples.KohYo));
        var history = await App.SendAsync(TestUser.Lao(Samples.KohYo), new ListProjectChangesQuery(a));
        Assert.Contains(history[0].Changes, ch => ch is { Field: "conformityReason", New: "ไม่ตรงกับมิติ" });
        Assert.Equal("ไม่ตรงกับมิติ", (await App.GetProjectAsync(a)).ConformityReason);

        // the same mark and reason again is no change; a new mark is
        Assert.Equal(0,
            await App.SendAsync(TestUser.Provincial(), new ScreenProjectsCommand([a], false, "ไม่ตรงกับมิติ")));
        Assert.Equal(1, await App.SendAsync(TestUser.Admin(), new ScreenProjectsCommand([a], true)));
        Assert.Equal((ProjectConformity.Conforming, 3),
            ((await App.GetProjectAsync(a)).Conformity, (await App.GetProjectAsync(a)).Version));
    }

    [Fact]
    public async Task An_LAO_cannot_screen_and_staff_outside_the_province_find_nothing_to_screen()
    {
        var kohYo = await App.CreateProjectAsync(Samples.KohYo);
        var chiangMai = await App.CreateProjectAsync(Samples.ChiangMaiCity);

        await Assert.ThrowsAsync<ForbiddenException>(() =>
            App.SendAsync(TestUser.Lao(Samples.KohYo), new ScreenProjectsCommand([kohYo], true)));
        // one project outside the province refuses the whole request: nothing changes
        await Assert.ThrowsAsync<NotFoundException>(() =>
            App.SendAsync(TestUser.Provincial(), new ScreenProjectsCommand([kohYo, chiangMai], true)));
        await Assert.ThrowsAsync<NotFoundException>(() =>
            App.SendAsync(TestUser.Provincial(), new ScreenProjectsCommand([Guid.NewGuid()], true)));
        Assert.Equal(ProjectConformity.Unset, (await App.GetProjectAsync(kohYo)).Conformity);

        var ex = await Assert.ThrowsAsync<ValidationException>(() =>
            App.SendAsync(TestUser.Provincial(), new ScreenProjectsCommand([], null)));
        Assert.Contains(ex.Errors, e => e.ErrorMessage == "กรุณาเลือกโครงการอย่างน้อย 1 โครงการ");
        Assert.Contains(ex.Errors, e =>
            e.ErrorMessage.StartsWith("กรุณาเลือกว่าโครงการสอดคล้องหรือไม่สอดคล้องกับมิติ", StringComparison.Ordinal));

        Assert.Equal(1,
            await App.SendAsync(TestUser.Admin(), new ScreenProjectsCommand([chiangMai], true, "ตรงตามมิติ")));
    }

    [Fact]
    public async Task Staff_see_the_LAOs_of_their_province_with_what_awaits_screening()
    {
        await App.CreateProjectAsync(Samples.KohYo, App.Project(name: "ก", budget: 10_000m));
        var b = await App.CreateProjectAsync(Samples.KohYo, App.Project(name: "ข", budget: 5_000m));
        await App.SendAsync(TestUser.Provincial(), new ScreenProjectsCommand([b], false));

        var plans = await App.SendAsync(TestUser.Provincial(), new ListLaoPlansQuery(App.CurrentYear));
        Assert.Equal("90", plans.ProvinceCode);
        Assert.Equal(141, plans.Laos.Count);
        var kohYo = plans.Laos.Single(l => l.DlaCode == Samples.KohYo);
        Assert.Equal((2, 15_000m, 1, 1), (kohYo.ProjectCount, kohYo.Budget, kohYo.Unscreened, kohYo.NonConforming));
        // another province is outside a provincial office's scope
        await Assert.ThrowsAsync<NotFoundException>(() =>
            App.SendAsync(TestUser.Provincial(), new ListLaoPlansQuery(App.CurrentYear, "50")));

        // an admin chooses the province first (the page offers the 77 of the scope choices)
        await Assert.ThrowsAsync<RuleViolationException>(() =>
            App.SendAsync(TestUser.Admin(), new ListLaoPlansQuery(App.CurrentYear)));
        Assert.Equal(77, (await App.SendAsync(TestUser.Admin(), new GetScopeChoicesQuery())).Provinces.Count);
        Assert.NotEmpty((await App.SendAsync(TestUser.Admin(), new ListLaoPlansQuery(App.CurrentYear, "50"))).Laos);
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            App.SendAsync(TestUser.Lao(Samples.KohYo), new ListLaoPlansQuery(App.CurrentYear)));
    }
}
