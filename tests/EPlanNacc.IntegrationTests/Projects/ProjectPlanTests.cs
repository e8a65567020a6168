using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Projects.Features.Projects;
using EPlanNacc.TestSupport;
using FluentValidation;
using static EPlanNacc.TestSupport.ProjectSamples;

namespace EPlanNacc.IntegrationTests.Projects;

/// <summary>บันทึกแผน through the mediator: every field, its
/// rules in Thai, versions, history and soft delete.</summary>
public sealed class ProjectPlanTests(AppFixture app) : IntegrationTest(app)
{
    private static readonly TestUser KohYo = TestUser.Lao(Samples.KohYo);

    [Fact]
    public async Task A_recorded_project_keeps_every_field_starts_at_version_1_unscreened_and_unreported()
    {
        var command = App.Project() with
        {
            Quarters = [3, 1, 1],
            TargetGroups = ["public", "youth"],
            TargetGroupOther = "  ผู้นำชุมชน ",
            Remarks = "ต่อเนื่อง",
        };
        var id = await App.CreateProjectAsync(project: command);

        var p = await App.GetProjectAsync(id);
        Assert.Equal((Samples.KohYo, App.CurrentYear, command.Name, "project", "1", "1.1.2"),
            (p.DlaCode, p.FiscalYear, p.Name, p.WorkType, p.DimensionCode, p.MissionCode));
        Assert.Equal([1, 3], p.Quarters);
        Assert.Equal(["youth", "public"], p.TargetGroups); // in the form's order
        Assert.Equal("ผู้นำชุมชน", p.TargetGroupOther);
        Assert.Equal((false, 50_000m, "ต่อเนื่อง"), (p.NoBudget, p.Budget, p.Remarks));
        Assert.Equal((ProjectConformity.Unset, 1), (p.Conformity, p.Version));
        Assert.Equal(["6", "12"], p.Rounds.Keys);
        Assert.All(p.Rounds.Values, Assert.Null);
        Assert.Contains(App.Notifications.Of<ProjectResultsChangedNotification>(), n =>
            n == new ProjectResultsChangedNotification(Samples.KohYo, App.CurrentYear));
    }

    [Fact]
    public async Task No_budget_means_budget_0_and_a_budget_with_it_is_refused()
    {
        var id = await App.CreateProjectAsync(project: App.Project(noBudget: true));
        var p = await App.GetProjectAsync(id);
        Assert.Equal((true, 0m), (p.NoBudget, p.Budget));

        var ex = await Assert.ThrowsAsync<ValidationException>(() =>
            App.SendAsync(KohYo, App.Project() with { NoBudget = true, Budget = 100m }));
        Assert.Contains(ex.Errors, e =>
            e.PropertyName == "Budget" && e.ErrorMessage == "เมื่อเลือก “ไม่ใช้งบประมาณ” งบประมาณต้องเป็น 0");
    }

    [Fact]
    public async Task Every_bad_field_gets_its_Thai_message_and_nothing_is_saved()
    {
        var bad = new CreateProjectCommand(2550, new string('ก', 501), [0, 5], "party", "9", "1.1", "", null, -1.005m,
            ["staff", "aliens"], new string('x', 501), null, new string('ข', 4001));
        var ex = await Assert.ThrowsAsync<ValidationException>(() => App.SendAsync(KohYo, bad));
        var errors = ex.Errors.ToLookup(e => e.PropertyName, e => e.ErrorMessage);
        Assert.Contains("ปีงบประมาณต้องเป็นปี พ.ศ. ระหว่าง 2561 ถึง 2600", errors["FiscalYear"]);
        Assert.Contains("ชื่อโครงการ/กิจกรรม/มาตรการ/แนวปฏิบัติงานยาวได้ไม่เกิน 500 ตัวอักษร", errors["Name"]);
        Assert.StartsWith("ไตรมาสต้องเป็น 1 ถึง 4", errors["Quarters"].Single());
        Assert.Contains("ประเภทงานต้องเป็น โครงการ กิจกรรม มาตรการ หรือ แนวปฏิบัติงาน", errors["WorkType"]);
        Assert.Contains("กรุณากรอกสาระสำคัญ", errors["Essence"]);
        Assert.Contains("งบประมาณต้องไม่ติดลบ", errors["Budget"]);
        Assert.Contains("กลุ่มเป้าหมายไม่ถูกต้อง กรุณาเลือกจากรายการ", errors["TargetGroups"]);
        Assert.Contains("กลุ่มเป้าหมายอื่น ๆยาวได้ไม่เกิน 500 ตัวอักษร", errors["TargetGroupOther"]);
        Assert.Contains("กรุณากรอกวัตถุประสงค์", errors["Objectives"]);
        Assert.Contains("หมายเหตุยาวได้ไม่เกิน 4,000 ตัวอักษร", errors["Remarks"]);

        var again = await Assert.ThrowsAsync<ValidationException>(() => App.SendAsync(KohYo,
            App.Project() with
            {
                DimensionCode = "9",
                Quarters = [],
                TargetGroups = [],
                Budget = 1.001m,
                WorkType = null,
            }));
        var more = again.Errors.ToLookup(e => e.PropertyName, e => e.ErrorMessage);
        Assert.Contains("ไม่พบมิติที่เลือกในแผนปฏิบัติการของปีงบประมาณนี้ กรุณาเลือกมิติ 1 ถึง 4",
            more["DimensionCode"]);
        Assert.Contains("กรุณาเลือกไตรมาสที่ดำเนินการอย่างน้อย 1 ไตรมาส", more["Quarters"]);
        Assert.Contains("กรุณาเลือกกลุ่มเป้าหมายอย่างน้อย 1 กลุ่ม หรือระบุกลุ่มเป้าหมายอื่น ๆ", more["TargetGroups"]);
        Assert.Contains("งบประมาณมีทศนิยมได้ไม่เกิน 2 ตำแหน่ง", more["Budget"]);
        Assert.Contains("กรุณาเลือกประเภทงาน", more["WorkType"]);
        Assert.Empty(await App.SendAsync(KohYo, new ListProjectsQuery(App.CurrentYear)));
        Assert.Empty(App.Notifications.Of<ProjectResultsChangedNotification>());
    }

    [Fact]
    public async Task A_mission_must_belong_to_the_chosen_dimension_in_the_plan_period_of_the_year()
    {
        var ex = await Assert.ThrowsAsync<ValidationException>(() =>
            App.SendAsync(KohYo, App.Project(dimension: "2", mission: "1.1.2")));
        Assert.Contains(ex.Errors, e => e.PropertyName == "MissionCode"
            && e.ErrorMessage.StartsWith("ภารกิจที่เลือกไม่อยู่ในมิติที่เลือก", StringComparison.Ordinal));
        await Assert.ThrowsAsync<ValidationException>(() => App.SendAsync(KohYo, App.Project(mission: "1.9")));

        // a sub-mission, a mission, or none
        foreach (var mission in new[] { "2.2.1", "2.3", null })
            await App.CreateProjectAsync(
                project: App.Project(name: $"ภารกิจ {mission}", dimension: "2", mission: mission));
        // the plan period 2561-2564 has its own taxonomy
        var old = await App.CreateProjectAsync(project: App.Project(fiscalYear: 2563));
        Assert.Equal(2563, (await App.GetProjectAsync(old)).FiscalYear);
        Assert.Equal("การบริหารราชการด้วยความโปร่งใส",
            (await App.SendAsync(KohYo, new GetDimensionTreeQuery(2570))).NameOf("2"));
        Assert.Equal("การบริหารราชการเพื่อป้องกันการทุจริต",
            (await App.SendAsync(KohYo, new GetDimensionTreeQuery(2563))).NameOf("2"));
    }

    [Fact]
    public async Task Each_change_adds_exactly_1_to_the_version_and_a_save_without_change_adds_nothing()
    {
        var id = await App.CreateProjectAsync();
        var v2 = await App.SendAsync(KohYo, Update(id, 1, App.Project(name: "ชื่อใหม่")));
        var same = await App.SendAsync(KohYo, Update(id, 2, App.Project(name: "ชื่อใหม่")));
        var v3 = await App.SendAsync(KohYo, Update(id, 2, App.Project(name: "ชื่อใหม่", budget: 75_000.50m)));
        Assert.Equal((2, 2, 3), (v2.Version, same.Version, v3.Version));
        var p = await App.GetProjectAsync(id);
        Assert.Equal(("ชื่อใหม่", 75_000.50m, 3), (p.Name, p.Budget, p.Version));
    }

    [Fact]
    public async Task A_stale_save_is_refused_with_what_changed_and_changes_nothing()
    {
        var id = await App.CreateProjectAsync();
        await App.SendAsync(KohYo, Update(id, 1, App.Project(name: "แก้ไขโดยผู้ใช้คนแรก")));

        var ex = await Assert.ThrowsAsync<ConflictException>(() =>
            App.SendAsync(KohYo, Update(id, 1, App.Project(name: "แก้ไขจากแบบฟอร์มเก่า"))));
        Assert.StartsWith("ข้อมูลโครงการนี้ถูกแก้ไขหลังจากที่ท่านเปิดแบบฟอร์ม", ex.Message);
        var detail = Assert.Single(ex.Details);
        Assert.Contains("โดย 6900106", detail);
        Assert.Contains("ชื่อโครงการ “โครงการส่งเสริมคุณธรรมจริยธรรมของบุคลากร” → “แก้ไขโดยผู้ใช้คนแรก”", detail);
        Assert.Equal(("แก้ไขโดยผู้ใช้คนแรก", 2),
            ((await App.GetProjectAsync(id)).Name, (await App.GetProjectAsync(id)).Version));

        await Assert.ThrowsAsync<ValidationException>(() =>
            App.SendAsync(KohYo, Update(id, 1, App.Project()) with { Version = null }));
    }

    [Fact]
    public async Task History_keeps_who_when_and_old_and_new_values_of_every_change()
    {
        var created = App.Clock.GetUtcNow();
        var id = await App.CreateProjectAsync();
        App.Clock.Advance(TimeSpan.FromHours(1));
        await App.SendAsync(KohYo, Update(id, 1, App.Project(budget: 60_000m) with { WorkType = "measure" }));
        App.Clock.Advance(TimeSpan.FromHours(1));
        await App.SendAsync(TestUser.Provincial(),
            new EPlanNacc.Modules.Projects.Features.Screening.ScreenProjectsCommand([id], false, "ไม่ตรงกับมิติที่ 1"));

        var history = await App.SendAsync(KohYo, new ListProjectChangesQuery(id));
        Assert.Equal([3, 2, 1], history.Select(h => h.Version));
        Assert.Equal([ProjectChangeKinds.Screened, ProjectChangeKinds.Updated, ProjectChangeKinds.Created],
            history.Select(h => h.Kind));
        Assert.Equal(["prov90", "6900106", "6900106"], history.Select(h => h.ChangedBy));
        var update = history[1].Changes;
        Assert.Contains(update, c => c is { Label: "งบประมาณ", Old: "50,000.00 บาท", New: "60,000.00 บาท" });
        Assert.Contains(update, c => c is { Label: "ประเภทงาน", Old: "โครงการ", New: "มาตรการ" });
        Assert.Equal(2, update.Count);
        Assert.Contains(history[0].Changes, c =>
            c is { Label: "ผลการคัดกรอง", Old: "ยังไม่คัดกรอง", New: "ไม่สอดคล้อง (ไม่ต้องรายงานผล)" });
        Assert.Contains(history[0].Changes, c =>
            c is { Label: "เหตุผลการคัดกรอง", Old: null, New: "ไม่ตรงกับมิติที่ 1" });
        Assert.Contains(history[2].Changes, c => c is { Label: "ชื่อโครงการ", Old: null });
        // when: the application's clock at each change, an hour apart
        Assert.All(history.Zip([created.AddHours(2), created.AddHours(1), created]),
            h => Assert.Equal(h.Second, h.First.ChangedAt, TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task A_deleted_project_leaves_lists_and_reads_but_stays_with_its_history()
    {
        var keep = await App.CreateProjectAsync(project: App.Project(name: "โครงการที่เก็บไว้"));
        var gone = await App.CreateProjectAsync(project: App.Project(name: "โครงการที่ลบ", budget: 9_000m));
        await App.SendAsync(KohYo, new DeleteProjectCommand(gone));

        Assert.Equal([keep], (await App.SendAsync(KohYo, new ListProjectsQuery(App.CurrentYear))).Select(p => p.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => App.GetProjectAsync(gone));
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(KohYo, new DeleteProjectCommand(gone)));
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(KohYo, Update(gone, 2, App.Project())));
        var kept = await App.SendAsync(KohYo, new GetProjectQuery(gone, IncludeDeleted: true));
        Assert.Equal(2, kept.Version);
        var history = await App.SendAsync(KohYo, new ListProjectChangesQuery(gone));
        Assert.Equal(ProjectChangeKinds.Deleted, history[0].Kind);

        var worklist = await App.SendAsync(KohYo, new GetProjectWorklistQuery(App.CurrentYear));
        var deleted = Assert.Single(worklist.Deleted);
        Assert.Equal(("โครงการที่ลบ", "6900106"), (deleted.Name, deleted.DeletedBy));
        Assert.Equal(50_000m, worklist.Budget);
        var results = await App.SendAsync(KohYo, new ListProjectResultsQuery(App.CurrentYear, Samples.KohYo));
        Assert.Equal([keep], results.Select(r => r.ProjectId));
    }

    [Fact]
    public async Task A_stale_delete_is_refused_when_the_list_sent_its_version()
    {
        var id = await App.CreateProjectAsync();
        await App.SendAsync(KohYo, Update(id, 1, App.Project(name: "เปลี่ยนแล้ว")));
        await Assert.ThrowsAsync<ConflictException>(() => App.SendAsync(KohYo, new DeleteProjectCommand(id, 1)));
        Assert.Equal(2, (await App.GetProjectAsync(id)).Version);
    }

    [Fact]
    public async Task The_worklist_sorts_by_dimension_and_counts_projects_and_budget_per_dimension()
    {
        await App.CreateProjectAsync(
            project: App.Project(name: "ง มิติ 3", dimension: "3", mission: null, budget: 3_000m));
        await App.CreateProjectAsync(project: App.Project(name: "ก มิติ 1", dimension: "1", budget: 1_000m));
        await App.CreateProjectAsync(
            project: App.Project(name: "ข มิติ 3", dimension: "3", mission: "3.1", budget: 2_000m));
        await App.CreateProjectAsync(project: App.Project(name: "ค ไม่ใช้งบ", dimension: "1", noBudget: true));

        var list = await App.SendAsync(KohYo, new GetProjectWorklistQuery(App.CurrentYear));
        Assert.Equal(["ก มิติ 1", "ค ไม่ใช้งบ", "ง มิติ 3", "ข มิติ 3"], list.Projects.Select(p => p.Name));
        Assert.Equal([("1", 2, 1_000m), ("2", 0, 0m), ("3", 2, 5_000m), ("4", 0, 0m)],
            list.ByDimension.Select(d => (d.Code, d.ProjectCount, d.Budget)));
        Assert.Equal(6_000m, list.Budget);
        Assert.Equal("องค์การบริหารส่วนตำบลเกาะยอ", list.LaoName);
        Assert.Equal("การสร้างสังคมที่ไม่ทนต่อการทุจริต", list.ByDimension[0].NameTh);
    }

    [Fact]
    public async Task Staff_cannot_record_a_plan_and_edit_or_delete_one_only_with_a_reason()
    {
        var id = await App.CreateProjectAsync();
        foreach (var staff in new[] { TestUser.Provincial(), TestUser.Admin() })
        {
            await Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(staff, App.Project()));
            var edit = await Assert.ThrowsAsync<ValidationException>(() =>
                App.SendAsync(staff, Update(id, 1, App.Project(name: "x"))));
            Assert.Contains(edit.Errors, e => e.PropertyName == "Reason"
                                              && e.ErrorMessage.StartsWith("กรุณาระบุเหตุผลของการแก้ไขโดยเจ้าหน้าที่"));
            var delete = await Assert.ThrowsAsync<ValidationException>(() =>
                App.SendAsync(staff, new DeleteProjectCommand(id, 1, " ")));
            Assert.Contains(delete.Errors, e => e.PropertyName == "Reason"
                                                && e.ErrorMessage.StartsWith("กรุณาระบุเหตุผลของการลบโดยเจ้าหน้าที่"));
        }
        Assert.Equal(1, (await App.GetProjectAsync(id)).Version);
    }
}
