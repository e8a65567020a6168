using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Projects.Features.Projects;
using EPlanNacc.Modules.Projects.Features.Screening;
using EPlanNacc.TestSupport;
using static EPlanNacc.TestSupport.ProjectSamples;

namespace EPlanNacc.IntegrationTests.Projects;

/// <summary>A screening mark never stays on content it did not see (docs/adr/0008-scores-after-the-deadline.md): an
/// edit of a screened project's name, dimension, work type or budget sends it back to "not yet screened", recorded
/// in its history; other edits leave the mark; a screener who read an older version is refused.</summary>
public sealed class ScreeningWithdrawalTests(AppFixture app) : IntegrationTest(app)
{
    private static readonly TestUser KohYo = TestUser.Lao(Samples.KohYo);

    private async Task<(Guid Id, int Version)> ScreenedAsync(bool conforms, string? reason = "ตรวจแล้ว")
    {
        var id = await App.CreateProjectAsync();
        await App.SendAsync(TestUser.Provincial(), new ScreenProjectsCommand([id], conforms, reason));
        return (id, (await App.GetProjectAsync(id)).Version);
    }

    [Fact]
    public async Task Minor_edits_keep_the_screening()
    {
        var (id, version) = await ScreenedAsync(conforms: true);
        var minor = App.Project() with
        {
            Essence = "สาระใหม่",
            Objectives = "วัตถุประสงค์ใหม่",
            TargetGroups = ["youth"],
            TargetGroupOther = "ผู้นำชุมชน",
            Quarters = [3, 4],
            Remarks = "หมายเหตุใหม่",
            MissionCode = "1.1.1",
        };
        var saved = await App.SendAsync(KohYo, Update(id, version, minor));
        Assert.Equal((version + 1, false), (saved.Version, saved.ScreeningWithdrawn));
        var p = await App.GetProjectAsync(id);
        Assert.Equal((ProjectConformity.Conforming, "ตรวจแล้ว"), (p.Conformity, p.ConformityReason));
    }

    public static TheoryData<string, bool> MaterialEdits() => new()
    {
        { "name", true }, { "dimension", true }, { "workType", false }, { "budget", false }, { "noBudget", true },
    };

    [Theory]
    [MemberData(nameof(MaterialEdits))]
    public async Task A_material_edit_sends_a_screened_project_back_to_not_yet_screened(string edit, bool conforms)
    {
        var (id, version) = await ScreenedAsync(conforms);
        var project = edit switch
        {
            "name" => App.Project(name: "ชื่อใหม่ที่ยังไม่ได้คัดกรอง"),
            "dimension" => App.Project(dimension: "2", mission: null),
            "workType" => App.Project() with { WorkType = "measure" },
            "budget" => App.Project(budget: 50_000.01m),
            _ => App.Project(noBudget: true),
        };
        App.Notifications.Clear();
        var saved = await App.SendAsync(KohYo, Update(id, version, project));
        Assert.Equal((version + 1, true), (saved.Version, saved.ScreeningWithdrawn));

        var p = await App.GetProjectAsync(id);
        Assert.Equal((ProjectConformity.Unset, null, version + 1), (p.Conformity, p.ConformityReason, p.Version));
        var change = (await App.SendAsync(KohYo, new ListProjectChangesQuery(id)))[0];
        Assert.Equal(ProjectChangeKinds.Updated, change.Kind);
        var mark = Assert.Single(change.Changes, c => c.Field == "conformity");
        Assert.Equal($"ยังไม่คัดกรอง ({ProjectChangeRules.WithdrawnNote})", mark.New);
        Assert.Contains(change.Changes, c => c is { Field: "conformityReason", Old: "ตรวจแล้ว", New: null });
        Assert.Single(App.Notifications.Of<ProjectResultsChangedNotification>());
        Assert.Contains(ProjectChangeRules.WithdrawnNote, ProjectHistory.Describe(change));
    }

    [Fact]
    public async Task A_staff_edit_withdraws_it_too_and_a_screener_of_an_older_version_is_refused()
    {
        var (id, version) = await ScreenedAsync(conforms: false, reason: "เป็นงานประจำ");
        var edit = Update(id, version, App.Project(name: "ชื่อที่แก้โดยเจ้าหน้าที่")) with { Reason = "แก้คำผิด" };
        var saved = await App.SendAsync(TestUser.Admin(), edit);
        Assert.True(saved.ScreeningWithdrawn);

        // the office opened the project at the screened version: its mark would land on a name it did not see
        var stale = await Assert.ThrowsAsync<ConflictException>(() => App.SendAsync(TestUser.Provincial(),
            new ScreenProjectsCommand([id], false, "เป็นงานประจำ", new Dictionary<Guid, int> { [id] = version })));
        Assert.Contains(stale.Details, d => d.Contains("ชื่อโครงการ") && d.Contains("ชื่อที่แก้โดยเจ้าหน้าที่"));
        Assert.Equal(ProjectConformity.Unset, (await App.GetProjectAsync(id)).Conformity);
        Assert.Equal(1, await App.SendAsync(TestUser.Provincial(),
            new ScreenProjectsCommand([id], false, "เป็นงานประจำ",
                new Dictionary<Guid, int> { [id] = saved.Version })));
    }
}
