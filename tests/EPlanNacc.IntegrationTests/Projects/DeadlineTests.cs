using System.Net;
using System.Net.Http.Json;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.Modules.Evaluation.Contracts;
using EPlanNacc.Modules.Evaluation.Features.Scores;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Projects.Features.Projects;
using EPlanNacc.Modules.Projects.Features.Rounds;
using EPlanNacc.Modules.Projects.Features.Screening;
using EPlanNacc.TestSupport;
using static EPlanNacc.TestSupport.ProjectSamples;

namespace EPlanNacc.IntegrationTests.Projects;

/// <summary>Scores that cannot be gamed after the deadline (docs/adr/0008-scores-after-the-deadline.md): once a
/// round closed for the LAO, a project that had to be reported in it stays in the plan, in its dimension and year;
/// NACC staff in scope can still act, with a reason kept in the project's history.</summary>
public sealed class DeadlineTests(AppFixture app) : IntegrationTest(app)
{
    private static readonly TestUser KohYo = TestUser.Lao(Samples.KohYo);

    /// <summary>The 6-month score of KohYo's plan, recalculated now.</summary>
    private async Task<decimal?> Score6Async()
    {
        await App.SendAsync(TestUser.Admin(), new RecalculateLaoScoresCommand(Samples.KohYo, App.CurrentYear));
        var scores = await App.SendAsync(TestUser.Admin(),
            new GetImplementationScoresQuery(App.CurrentYear, [Samples.KohYo]));
        return scores.Single(s => s is { Round: 6, DimensionCode: null }).Score;
    }

    /// <summary>KohYo's plan of three projects, in it since 40 days, reported at 6 months (completed, not possible,
    /// nothing); the 6-month round closed yesterday.</summary>
    private async Task<(Guid Done, Guid Stuck, Guid Silent)> ClosedRoundAsync()
    {
        await App.OpenRoundAsync(6);
        var done = await App.CreateProjectAsync(project: App.Project(name: "เสร็จแล้ว"));
        var stuck = await App.CreateProjectAsync(project: App.Project(name: "ทำไม่ได้"));
        var silent = await App.CreateProjectAsync(project: App.Project(name: "ไม่ได้รายงาน"));
        await App.SendAsync(KohYo, Report(done, 6, "completed"));
        await App.SendAsync(KohYo, Report(stuck, 6, "not_possible", reason: "no_budget"));
        await App.RecordedDaysAgoAsync(40, done, stuck, silent);
        await App.CloseRoundAsync(6);
        return (done, stuck, silent);
    }

    [Fact]
    public async Task Deleting_an_unreported_or_not_possible_project_after_the_deadline_is_refused_and_the_score_stays()
    {
        var (_, stuck, silent) = await ClosedRoundAsync();
        Assert.Equal(33.33m, await Score6Async()); // 1 completed of 3

        foreach (var id in new[] { stuck, silent })
        {
            var version = (await App.GetProjectAsync(id)).Version;
            var refused = await Assert.ThrowsAsync<ConflictException>(() =>
                App.SendAsync(KohYo, new DeleteProjectCommand(id, version)));
            Assert.StartsWith("ลบโครงการนี้ไม่ได้ เพราะรอบ 6 เดือน", refused.Message);
            Assert.Contains(ThaiFormat.ShortDate(App.Today.AddDays(-1)), refused.Message);
            Assert.Contains(refused.Details, d => d.Contains("สำนักงาน ป.ป.ช."));
            Assert.Equal(version, (await App.GetProjectAsync(id)).Version);
        }
        Assert.Equal(33.33m, await Score6Async());
        Assert.Equal(3, (await App.SendAsync(KohYo, new ListProjectsQuery(App.CurrentYear))).Count);
    }

    [Fact]
    public async Task After_the_deadline_the_LAO_cannot_move_a_project_to_another_dimension_or_year_but_edits_the_rest()
    {
        var (_, stuck, _) = await ClosedRoundAsync();
        var before = await App.GetProjectAsync(stuck);
        var moves = new[]
        {
            Update(stuck, before.Version, App.Project(name: "ทำไม่ได้", dimension: "2", mission: null)),
            Update(stuck, before.Version, App.Project(name: "ทำไม่ได้", fiscalYear: App.CurrentYear + 1)),
        };
        foreach (var move in moves)
        {
            var refused = await Assert.ThrowsAsync<ConflictException>(() => App.SendAsync(KohYo, move));
            Assert.StartsWith("ย้ายโครงการนี้ไปมิติอื่นหรือปีงบประมาณอื่นไม่ได้ เพราะรอบ 6 เดือน", refused.Message);
        }
        var unchanged = await App.GetProjectAsync(stuck);
        Assert.Equal((before.Version, "1", App.CurrentYear),
            (unchanged.Version, unchanged.DimensionCode, unchanged.FiscalYear));

        var objectives = App.Project(name: "ทำไม่ได้") with { Objectives = "วัตถุประสงค์ใหม่" };
        var minor = await App.SendAsync(KohYo, Update(stuck, before.Version, objectives));
        Assert.Equal(before.Version + 1, minor.Version);
    }

    [Fact]
    public async Task A_project_the_closed_round_does_not_bind_stays_free_to_delete()
    {
        await App.CloseRoundAsync(6);
        var late = await App.CreateProjectAsync(project: App.Project(name: "บันทึกหลังปิดรอบ"));
        var outside = await App.CreateProjectAsync(project: App.Project(name: "ไม่สอดคล้อง"));
        await App.SendAsync(TestUser.Provincial(),
            new ScreenProjectsCommand([outside], false, "ไม่ใช่การป้องกันการทุจริต"));
        await App.RecordedDaysAgoAsync(40, outside);
        await App.SendAsync(KohYo, new DeleteProjectCommand(late));
        await App.SendAsync(KohYo, new DeleteProjectCommand(outside));

        // an open round, and an LAO's extension still running, bind nothing yet
        var open = await App.CreateProjectAsync(project: App.Project(name: "ระหว่างรอบ"));
        await App.RecordedDaysAgoAsync(40, open);
        await App.OpenRoundAsync(6);
        await App.SendAsync(KohYo, Update(open, 1, App.Project(name: "ระหว่างรอบ", dimension: "2", mission: null)));
        await App.CloseRoundAsync(6);
        await App.SendAsync(TestUser.Admin(),
            new GrantRoundExtensionCommand(App.CurrentYear, 6, Samples.KohYo, App.Today, "อุทกภัย"));
        await App.SendAsync(KohYo, new DeleteProjectCommand(open));
        Assert.Empty(await App.SendAsync(KohYo, new ListProjectsQuery(App.CurrentYear)));
    }

    [Fact]
    public async Task An_ended_extension_locks_like_the_deadline_and_says_so()
    {
        var (_, _, silent) = await ClosedRoundAsync();
        var admin = TestUser.Admin();
        await App.SendAsync(admin,
            new SetRoundDatesCommand(App.CurrentYear, 6, App.Today.AddDays(-30), App.Today.AddDays(-10)));
        await App.SendAsync(admin,
            new GrantRoundExtensionCommand(App.CurrentYear, 6, Samples.KohYo, App.Today.AddDays(-1), "อุทกภัย"));
        var refused = await Assert.ThrowsAsync<ConflictException>(() =>
            App.SendAsync(KohYo, new DeleteProjectCommand(silent)));
        Assert.Contains($"ขยายเวลาให้ อปท. นี้ถึง {ThaiFormat.ShortDate(App.Today.AddDays(-1))}", refused.Message);
        var lockItem = await App.SendAsync(KohYo, new GetDeadlineLockQuery(silent));
        Assert.Equal(6, lockItem.Lock?.ClosedRound.Round);
    }

    [Fact]
    public async Task Staff_in_scope_delete_and_move_after_the_deadline_with_a_reason_recorded_under_their_name()
    {
        var (done, stuck, silent) = await ClosedRoundAsync();
        Assert.Equal(33.33m, await Score6Async());
        var outside = TestUser.Provincial("50", "prov50");
        await Assert.ThrowsAsync<NotFoundException>(() =>
            App.SendAsync(outside, new DeleteProjectCommand(stuck, 2, "ไม่อยู่ในจังหวัด")));

        App.Notifications.Clear();
        const string why = "  อปท. บันทึกโครงการซ้ำ ยืนยันตามหนังสือที่ สข 0001/123  ";
        await App.SendAsync(TestUser.Provincial(), new DeleteProjectCommand(stuck, 2, why));
        Assert.Single(App.Notifications.Of<ProjectResultsChangedNotification>());
        var deleted = (await App.SendAsync(TestUser.Provincial(), new ListProjectChangesQuery(stuck)))[0];
        Assert.Equal((ProjectChangeKinds.Deleted, "prov90", "อปท. บันทึกโครงการซ้ำ ยืนยันตามหนังสือที่ สข 0001/123"),
            (deleted.Kind, deleted.ChangedBy, deleted.Reason));
        Assert.Equal(50.00m, await Score6Async()); // 1 completed of 2: the act is real, and it is on the record

        var move = Update(silent, 1, App.Project(name: "ไม่ได้รายงาน", dimension: "4", mission: null));
        var moved = await App.SendAsync(TestUser.Admin(), move with { Reason = "ย้ายตามผลการตรวจสอบ" });
        Assert.Equal(2, moved.Version);
        var history = (await App.SendAsync(KohYo, new ListProjectChangesQuery(silent)))[0];
        Assert.Equal(("admin", "ย้ายตามผลการตรวจสอบ"), (history.ChangedBy, history.Reason));
        Assert.Contains(history.Changes, c => c is { Field: "dimensionCode", Old: "1", New: "4" });
        Assert.Equal("4", (await App.GetProjectAsync(silent)).DimensionCode);

        var worklist = await App.SendAsync(KohYo, new GetProjectWorklistQuery(App.CurrentYear));
        Assert.Equal("prov90", Assert.Single(worklist.Deleted).DeletedBy);
        Assert.NotNull(worklist.LockOf(worklist.Projects.Single(p => p.Id == done)));
    }

    [Fact]
    public async Task Over_http_the_LAO_gets_409_with_the_reason_and_staff_need_a_reason()
    {
        var (_, stuck, _) = await ClosedRoundAsync();
        await App.SetUpLaoAsync();
        using var lao = await App.CreateApiClientAsync(Samples.KohYo, Samples.Password);
        var delete = await lao.DeleteAsync($"/api/v1/projects/{stuck}?version=2");
        var problem = await delete.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.StartsWith("ลบโครงการนี้ไม่ได้ เพราะรอบ 6 เดือน", problem.Title);
        Assert.Contains("สำนักงาน ป.ป.ช. ประจำจังหวัด", problem.Detail);

        var body = (await lao.GetFromJsonAsync<Dictionary<string, object?>>($"/api/v1/projects/{stuck}"))!;
        body["dimensionCode"] = "3";
        body["missionCode"] = null;
        var move = await lao.PutAsJsonAsync($"/api/v1/projects/{stuck}", body);
        Assert.StartsWith("ย้ายโครงการนี้ไปมิติอื่น", (await move.AssertProblemAsync(HttpStatusCode.Conflict)).Title);
        body.Remove("version");
        var unversioned = await lao.PutAsJsonAsync($"/api/v1/projects/{stuck}", body);
        await unversioned.AssertProblemAsync(HttpStatusCode.BadRequest);

        using var office = await App.CreateApiClientAsync("prov90", AppFixture.ProvincialPassword);
        var bare = await (await office.DeleteAsync($"/api/v1/projects/{stuck}"))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.StartsWith("กรุณาระบุเหตุผลของการลบโดยเจ้าหน้าที่", Assert.Single(bare.Errors["reason"]));
        var reason = Uri.EscapeDataString("ซ้ำกับโครงการที่ 1");
        var deleted = await office.DeleteAsync($"/api/v1/projects/{stuck}?version=2&reason={reason}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await Assert.ThrowsAsync<NotFoundException>(() => App.GetProjectAsync(stuck));
    }
}
