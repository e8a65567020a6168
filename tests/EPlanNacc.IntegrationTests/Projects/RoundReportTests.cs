using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Projects.Features.Projects;
using EPlanNacc.Modules.Projects.Features.RoundReports;
using EPlanNacc.Modules.Projects.Features.Rounds;
using EPlanNacc.Modules.Projects.Features.Screening;
using EPlanNacc.TestSupport;
using FluentValidation;
using static EPlanNacc.TestSupport.ProjectSamples;

namespace EPlanNacc.IntegrationTests.Projects;

/// <summary>The 6- and 12-month round reports: open windows, extensions, every rule of the form, corrections.</summary>
public sealed class RoundReportTests(AppFixture app) : IntegrationTest(app)
{
    private static readonly TestUser KohYo = TestUser.Lao(Samples.KohYo);

    [Fact]
    public async Task With_the_default_calendar_in_January_no_round_is_open_and_a_report_is_a_conflict()
    {
        App.SetToday(BetweenRounds);
        var id = await App.CreateProjectAsync();
        var r6 = await Assert.ThrowsAsync<ConflictException>(() => App.SendAsync(KohYo, Report(id, 6)));
        Assert.StartsWith("รอบ 6 เดือน ยังไม่เปิดรับรายงาน", r6.Message);
        var r12 = await Assert.ThrowsAsync<ConflictException>(() => App.SendAsync(KohYo, Report(id, 12)));
        Assert.StartsWith("รอบ 12 เดือน ยังไม่เปิดรับรายงาน", r12.Message);

        // last year's 12-month round closed on 31 October
        var old = await App.CreateProjectAsync(project: App.Project(fiscalYear: App.CurrentYear - 1));
        var closed = await Assert.ThrowsAsync<ConflictException>(() => App.SendAsync(KohYo, Report(old, 12)));
        Assert.StartsWith("รอบ 12 เดือน ปิดรับรายงานแล้ว", closed.Message);
        Assert.Equal(1, (await App.GetProjectAsync(id)).Version);

        var rounds = await App.SendAsync(TestUser.Provincial(), new ListRoundsQuery(App.CurrentYear));
        var y = App.CurrentYear - 543;
        Assert.Equal([new RoundItem(App.CurrentYear, 6, new(y, 4, 1), new(y, 4, 30)),
            new RoundItem(App.CurrentYear, 12, new(y, 10, 1), new(y, 10, 31))], rounds);
    }

    [Fact]
    public async Task An_open_round_takes_each_status_and_every_report_adds_1_to_the_version()
    {
        await App.OpenRoundAsync(6);
        var done = await App.CreateProjectAsync(project: App.Project(name: "เสร็จ"));
        var going = await App.CreateProjectAsync(project: App.Project(name: "ระหว่าง"));
        var stuck = await App.CreateProjectAsync(project: App.Project(name: "ทำไม่ได้"));
        App.Notifications.Clear();

        Assert.Equal(2, await App.SendAsync(KohYo, Report(done, 6, "completed", 50_000m, 49_999.99m)));
        Assert.Equal(2, await App.SendAsync(KohYo, Report(going, 6, "in_progress", 40_000m, 0m)));
        Assert.Equal(2,
            await App.SendAsync(KohYo, Report(stuck, 6, "not_possible", 0m, 0m, "other", "น้ำท่วมพื้นที่")));

        var p = await App.GetProjectAsync(stuck);
        var r = p.Round(6)!;
        Assert.Equal(("not_possible", "other", "น้ำท่วมพื้นที่", 0m, true),
            (r.Status, r.NotPossibleReason, r.NotPossibleReasonOther, r.BudgetSpent, r.InLocalOrdinance));
        Assert.Null(p.Round(12));
        Assert.Equal(49_999.99m, (await App.GetProjectAsync(done)).Round(6)!.BudgetSpent);
        Assert.Equal(3, App.Notifications.Of<ProjectResultsChangedNotification>().Count);

        // a correction while the round is open
        Assert.Equal(3, await App.SendAsync(KohYo, Report(going, 6, "not_possible", 40_000m, 0m, "no_budget")));
        var history = await App.SendAsync(KohYo, new ListProjectChangesQuery(going));
        Assert.Equal((ProjectChangeKinds.Reported, 6), (history[0].Kind, history[0].Round));
        Assert.Contains(history[0].Changes, c => c is
        {
            Label: "รอบ 6 เดือน: สถานะการดำเนินงาน", Old: "อยู่ระหว่างดำเนินการ", New: "ไม่สามารถดำเนินการได้",
        });
        Assert.Contains(history[0].Changes, c =>
            c is { Label: "รอบ 6 เดือน: เหตุผลที่ไม่สามารถดำเนินการได้", Old: null, New: "ไม่ได้รับงบประมาณ" });
        // the same report again changes nothing
        Assert.Equal(3, await App.SendAsync(KohYo, Report(going, 6, "not_possible", 40_000m, 0m, "no_budget")));
    }

    [Fact]
    public async Task The_reason_is_required_exactly_when_the_status_needs_it_and_amounts_are_checked()
    {
        await App.OpenRoundAsync(6);
        var id = await App.CreateProjectAsync();

        async Task<ILookup<string, string>> Errors(ReportRoundResultCommand c) =>
            (await Assert.ThrowsAsync<ValidationException>(() => App.SendAsync(KohYo, c)))
                .Errors.ToLookup(e => e.PropertyName, e => e.ErrorMessage);

        Assert.Contains("กรุณาเลือกเหตุผลที่ไม่สามารถดำเนินการได้",
            (await Errors(Report(id, 6, "not_possible")))["NotPossibleReason"]);
        Assert.Contains("กรุณากรอกเหตุผลอื่นๆ (โปรดระบุ)",
            (await Errors(Report(id, 6, "not_possible", reason: "other")))["NotPossibleReasonOther"]);
        Assert.Contains("ระบุเหตุผลได้เฉพาะเมื่อสถานะเป็น “ไม่สามารถดำเนินการได้”",
            (await Errors(Report(id, 6, "completed", reason: "no_budget")))["NotPossibleReason"]);
        Assert.Contains("ระบุข้อความเหตุผลได้เฉพาะเมื่อเลือกเหตุผล “อื่นๆ”",
            (await Errors(Report(id, 6, "not_possible", reason: "no_budget", other: "x")))["NotPossibleReasonOther"]);
        Assert.StartsWith("เหตุผลต้องเป็น",
            (await Errors(Report(id, 6, "not_possible", reason: "weather")))["NotPossibleReason"].Single());
        Assert.StartsWith("สถานะต้องเป็น", (await Errors(Report(id, 6, "done")))["Status"].Single());
        Assert.Contains("งบประมาณตามข้อบัญญัติ/เทศบัญญัติต้องไม่ติดลบ",
            (await Errors(Report(id, 6, ordinance: -1m)))["OrdinanceBudget"]);
        Assert.Contains("การเบิกจ่ายมีทศนิยมได้ไม่เกิน 2 ตำแหน่ง",
            (await Errors(Report(id, 6, spent: 0.001m)))["BudgetSpent"]);
        Assert.Contains("การเบิกจ่ายต้องไม่เกิน 999,999,999,999.99 บาท",
            (await Errors(Report(id, 6, spent: 1_000_000_000_000m)))["BudgetSpent"]);
        var missing = await Errors(
            new ReportRoundResultCommand(id, 6, null, null, null, null, null, null, new string('ก', 4001)));
        Assert.Equal(["BudgetSpent", "InLocalOrdinance", "OrdinanceBudget", "Remarks", "Status"],
            missing.Select(g => g.Key).Order());
        Assert.Contains("รอบการรายงานต้องเป็น 6 หรือ 12 (เดือน)", (await Errors(Report(id, 9)))["Round"]);
        Assert.Equal((1, (RoundReportDetails?)null),
            ((await App.GetProjectAsync(id)).Version, (await App.GetProjectAsync(id)).Round(6)));
    }

    [Fact]
    public async Task A_non_conforming_project_needs_no_report_and_an_unscreened_one_is_reported()
    {
        await App.OpenRoundAsync(6);
        var id = await App.CreateProjectAsync();
        await App.SendAsync(KohYo, Report(id, 6, "in_progress"));
        await App.SendAsync(TestUser.Provincial(), new ScreenProjectsCommand([id], false));

        var ex = await Assert.ThrowsAsync<RuleViolationException>(() =>
            App.SendAsync(KohYo, Report(id, 6, "completed")));
        Assert.Equal("โครงการนี้ไม่สอดคล้องกับมิติที่กำหนด จึงไม่ต้องรายงานผลการดำเนินการ", ex.Message);
        var worklist = await App.SendAsync(KohYo, new GetProjectWorklistQuery(App.CurrentYear));
        Assert.Equal(new ReportAvailability(false, "ไม่ต้องรายงานผล (ไม่สอดคล้องกับมิติ)", "ไม่ต้องรายงาน"),
            worklist.Availability(worklist.Projects[0], 6));
        Assert.Equal(RoundReportRules.NonConformingMessage,
            (await App.SendAsync(KohYo, new GetRoundReportFormQuery(id, 6))).ReadOnlyReason);
    }

    [Fact]
    public async Task Completed_at_6_months_is_prefilled_and_locked_completed_at_12()
    {
        await App.OpenRoundAsync(6);
        await App.OpenRoundAsync(12);
        var id = await App.CreateProjectAsync();
        await App.SendAsync(KohYo, Report(id, 6, "completed", 50_000m, 20_000m));

        var form = await App.SendAsync(KohYo, new GetRoundReportFormQuery(id, 12));
        Assert.True(form.StatusLocked);
        Assert.Null(form.Current);
        Assert.Equal(("completed", 50_000m, 20_000m),
            (form.Prefill!.Status, form.Prefill.OrdinanceBudget, form.Prefill.BudgetSpent));
        Assert.True(form.CanSave);

        foreach (var status in new[] { "in_progress", "not_possible" })
        {
            var ex = await Assert.ThrowsAsync<RuleViolationException>(() =>
                App.SendAsync(KohYo, Report(id, 12, status, reason: status == "not_possible" ? "no_budget" : null)));
            Assert.Equal("status", ex.Field);
            Assert.Contains("รอบ 12 เดือนจึงต้องเป็น “ดำเนินการแล้วเสร็จ”", ex.Message);
        }
        Assert.Equal(3, await App.SendAsync(KohYo, Report(id, 12, "completed", 50_000m, 48_000m)));

        // not completed at 6 months: nothing is locked, the 12-month form starts from the 6-month report
        var other = await App.CreateProjectAsync(project: App.Project(name: "ยังไม่เสร็จ"));
        await App.SendAsync(KohYo, Report(other, 6, "in_progress", 10_000m, 1_000m));
        var open = await App.SendAsync(KohYo, new GetRoundReportFormQuery(other, 12));
        Assert.False(open.StatusLocked);
        Assert.Equal("in_progress", open.Prefill!.Status);
        await App.SendAsync(KohYo, Report(other, 12, "in_progress", 10_000m, 5_000m));
        // nor can the 6-month report then say completed under a 12-month report that says otherwise
        var back = await Assert.ThrowsAsync<RuleViolationException>(() =>
            App.SendAsync(KohYo, Report(other, 6, "completed")));
        Assert.Contains("กรุณาแก้ไขรายงานรอบ 12 เดือนก่อน", back.Message);
    }

    [Fact]
    public async Task After_the_deadline_a_report_is_read_only_unless_staff_extend_the_round_for_that_LAO()
    {
        await App.OpenRoundAsync(6);
        var id = await App.CreateProjectAsync();
        var neighbour = await App.CreateProjectAsync(Samples.KhlongRi);
        await App.SendAsync(KohYo, Report(id, 6, "in_progress"));
        await App.CloseRoundAsync(6);

        var closed = await Assert.ThrowsAsync<ConflictException>(() =>
            App.SendAsync(KohYo, Report(id, 6, "completed")));
        Assert.StartsWith("รอบ 6 เดือน ปิดรับรายงานแล้ว (ครบกำหนด", closed.Message);
        var form = await App.SendAsync(KohYo, new GetRoundReportFormQuery(id, 6));
        Assert.False(form.CanSave);
        Assert.Contains("ปิดรับรายงานแล้ว", form.ReadOnlyReason);
        Assert.Equal("in_progress", form.Current!.Status);

        var extension = await App.SendAsync(TestUser.Admin(),
            new GrantRoundExtensionCommand(App.CurrentYear, 6, Samples.KohYo, App.Today.AddDays(3), "อุทกภัย"));
        Assert.Equal((Samples.KohYo, App.Today.AddDays(3), "อุทกภัย", "admin"),
            (extension.DlaCode, extension.Until, extension.Reason, extension.GrantedBy));
        await App.SendAsync(KohYo, Report(id, 6, "completed"));
        Assert.Equal("completed", (await App.GetProjectAsync(id)).Round(6)!.Status);
        var worklist = await App.SendAsync(KohYo, new GetProjectWorklistQuery(App.CurrentYear));
        Assert.Equal(RoundPhase.Extended, worklist.Round6.PhaseOn(worklist.Today));
        // the extension is this LAO's alone
        await Assert.ThrowsAsync<ConflictException>(() =>
            App.SendAsync(TestUser.Lao(Samples.KhlongRi), Report(neighbour, 6)));

        var calendar = await App.SendAsync(TestUser.Admin(), new GetRoundCalendarQuery(App.CurrentYear));
        Assert.Equal(App.Today.AddDays(3), calendar.ExtensionFor(6, Samples.KohYo)!.Until);
        Assert.True(calendar.WindowFor(6, Samples.KohYo).IsOpenOn(App.Today));
        Assert.False(calendar.WindowFor(6, Samples.KhlongRi).IsOpenOn(App.Today));

        await App.SendAsync(TestUser.Admin(), new RevokeRoundExtensionCommand(App.CurrentYear, 6, Samples.KohYo));
        await Assert.ThrowsAsync<ConflictException>(() => App.SendAsync(KohYo, Report(id, 6, "in_progress")));
        await Assert.ThrowsAsync<NotFoundException>(() =>
            App.SendAsync(TestUser.Admin(), new RevokeRoundExtensionCommand(App.CurrentYear, 6, Samples.KohYo)));
    }

    [Fact]
    public async Task Only_admins_set_round_dates_staff_grant_extensions_with_checked_values()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            App.SendAsync(TestUser.Provincial(), new SetRoundDatesCommand(App.CurrentYear, 6, App.Today, App.Today)));
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            App.SendAsync(KohYo, new SetRoundDatesCommand(App.CurrentYear, 6, App.Today, App.Today)));
        await Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(KohYo,
            new GrantRoundExtensionCommand(App.CurrentYear, 6, Samples.KohYo, App.Today, "ขอเอง")));
        await Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(KohYo, new ListRoundsQuery(App.CurrentYear)));

        var dates = await Assert.ThrowsAsync<ValidationException>(() => App.SendAsync(TestUser.Admin(),
            new SetRoundDatesCommand(App.CurrentYear, 7, App.Today, App.Today.AddDays(-1))));
        Assert.Contains(dates.Errors, e => e.ErrorMessage == "กำหนดส่งรายงานต้องไม่ก่อนวันเปิดรับรายงาน");
        Assert.Contains(dates.Errors, e => e.ErrorMessage == "รอบการรายงานต้องเป็น 6 หรือ 12 (เดือน)");
        var unknown = await Assert.ThrowsAsync<NotFoundException>(() =>
            App.SendAsync(TestUser.Admin(),
                new GrantRoundExtensionCommand(App.CurrentYear, 6, "9999999", App.Today.AddDays(30), "อุทกภัย")));
        Assert.Equal(AccessMessages.LaoNotFound, unknown.Message);
        var deadline = RoundWindow.DefaultDates(App.CurrentYear, 6).Deadline;
        var early = await Assert.ThrowsAsync<RuleViolationException>(() =>
            App.SendAsync(TestUser.Admin(),
                new GrantRoundExtensionCommand(App.CurrentYear, 6, Samples.KohYo, deadline, "อุทกภัย")));
        Assert.Equal("until", early.Field);
        var late = await Assert.ThrowsAsync<RuleViolationException>(() => App.SendAsync(TestUser.Admin(),
            new GrantRoundExtensionCommand(App.CurrentYear, 6, Samples.KohYo, deadline.AddDays(91), "อุทกภัย")));
        Assert.Equal(("until", $"ขยายเวลาได้ไม่เกิน 90 วันหลังกำหนดส่งเดิม ({ThaiFormat.ShortDate(deadline)}) " +
                               $"คือไม่เกินวันที่ {ThaiFormat.ShortDate(deadline.AddDays(90))}"),
            (late.Field, late.Message));
        var noReason = await Assert.ThrowsAsync<ValidationException>(() => App.SendAsync(TestUser.Admin(),
            new GrantRoundExtensionCommand(App.CurrentYear, 6, Samples.KohYo, deadline.AddDays(90), "  ")));
        Assert.Equal("กรุณากรอกเหตุผลของการขยายเวลา", Assert.Single(noReason.Errors).ErrorMessage);
        Assert.Equal(deadline.AddDays(90), (await App.SendAsync(TestUser.Admin(),
            new GrantRoundExtensionCommand(App.CurrentYear, 6, Samples.KohYo, deadline.AddDays(90), "อุทกภัย"))).Until);

        var set = await App.SendAsync(TestUser.Admin(),
            new SetRoundDatesCommand(App.CurrentYear, 12, App.Today, App.Today.AddDays(5)));
        Assert.Equal(set, (await App.SendAsync(TestUser.Provincial(), new ListRoundsQuery(App.CurrentYear)))[1]);
    }

    [Fact]
    public async Task A_stale_report_form_is_refused_with_what_changed()
    {
        await App.OpenRoundAsync(6);
        var id = await App.CreateProjectAsync();
        await App.SendAsync(KohYo, Report(id, 6, "in_progress", version: 1));
        var ex = await Assert.ThrowsAsync<ConflictException>(() =>
            App.SendAsync(KohYo, Report(id, 6, "completed", version: 1)));
        Assert.Contains("รอบ 6 เดือน: สถานะการดำเนินงาน “-” → “อยู่ระหว่างดำเนินการ”", Assert.Single(ex.Details));
    }
}
