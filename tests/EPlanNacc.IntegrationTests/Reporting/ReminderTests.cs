using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.Identity.Features.Staff;
using EPlanNacc.Modules.Reporting.Features.Reminders;
using EPlanNacc.TestSupport;
using Npgsql;
using static EPlanNacc.TestSupport.ReminderWorld;

namespace EPlanNacc.IntegrationTests.Reporting;

/// <summary>The morning reminders, through the in-process SMTP server: exactly the LAOs that have not finished the
/// round get one, on the days of their own deadline; the provincial offices get their lists the day after the
/// deadline; nothing is ever sent twice, even by a run interrupted midway and run again, or by two runs at
/// once.</summary>
public sealed class ReminderTests(AppFixture app) : IntegrationTest(app)
{
    private static DateOnly Day(int month, int day) => new(2027, month, day);

    [Fact]
    public async Task The_morning_job_emails_exactly_the_coordinators_of_the_LAOs_that_have_not_finished()
    {
        await BuildAsync(App, FirstStep);

        // the provinces with a reminder due: Songkhla (คลองรี) and Chiang Mai; ทุ่งหวัง's steps count from its
        // extension
        Assert.Equal(2, await App.SendAsync(SystemUser.Instance, new SendDueRemindersCommand()));
        var noPlan = await App.Mailbox.WaitForAsync(EmailOf(NoPlan));
        var unreported = await App.Mailbox.WaitForAsync(EmailOf(OneUnreported));
        await AllSentAsync(App);
        Assert.Equal(new[] { EmailOf(NoPlan), EmailOf(OneUnreported) }.Order(),
            App.Mailbox.Messages.SelectMany(m => m.To.Mailboxes).Select(a => a.Address).Order());

        // what is missing, the deadline in BE and the page where to do it, as text and as HTML
        Assert.Equal("E-PlanNACC: แจ้งเตือนกำหนดส่งรายงานผลรอบ 6 เดือน ปีงบประมาณ พ.ศ. 2570 " +
                     "(ครบกำหนด 30 เม.ย. 2570)", unreported.Subject);
        Assert.Contains("เทศบาลนครเชียงใหม่ (รหัส 3500102) ยังรายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต " +
                        "รอบ 6 เดือน ปีงบประมาณ พ.ศ. 2570 ไม่ครบ กำหนดส่งภายในวันที่ 30 เมษายน 2570 (อีก 14 วัน)",
            unreported.TextBody);
        Assert.Contains($"สิ่งที่ยังขาด: ยังไม่ได้รายงานผลรอบ 6 เดือน 1 โครงการ ได้แก่\n- {UnreportedName}",
            unreported.TextBody);
        Assert.DoesNotContain(ReportedName, unreported.TextBody);
        Assert.DoesNotContain(ScreenedOutName, unreported.TextBody);
        var site = App.BaseAddress.ToString().TrimEnd('/');
        Assert.Contains($"{site}/projects/list?fiscalYear=2570", unreported.TextBody);
        Assert.Contains($"<li>{UnreportedName}</li>", unreported.HtmlBody);
        Assert.Contains("14, 7, 3 และ 1 วันก่อนครบกำหนดส่งรายงาน", unreported.TextBody);

        Assert.Contains("สิ่งที่ยังขาด: ยังไม่ได้บันทึกแผนปฏิบัติการป้องกันการทุจริตของปีงบประมาณ พ.ศ. 2570",
            noPlan.TextBody);
        Assert.Contains("/projects/plan?fiscalYear=2570", noPlan.TextBody);
        Assert.StartsWith("เรียน นายประสาน งานดี", noPlan.TextBody);

        // the same morning again: nothing more
        Assert.Equal(new[] { 0, 0 }, await RunDayAsync(App, FirstStep));
        Assert.Equal(2, (await LogAsync(App)).Count);
    }

    [Fact]
    public async Task Each_LAO_is_reminded_on_the_days_of_its_own_deadline_and_each_province_the_day_after()
    {
        await BuildAsync(App, Day(4, 14));
        await GiveSongkhlaOfficeAnEmailAsync(App);
        for (var day = Day(4, 14); day <= Day(5, 10); day = day.AddDays(1))
        {
            App.SetToday(day, new TimeOnly(8, 0));
            await RunDayAsync(App, day);
        }

        var steps = new[] { ("before-14", Day(4, 16)), ("before-7", Day(4, 23)), ("before-3", Day(4, 27)),
            ("before-1", Day(4, 29)) };
        var extended = new[] { ("before-14", Day(4, 26)), ("before-7", Day(5, 3)), ("before-3", Day(5, 7)),
            ("before-1", Day(5, 9)) };
        var expected = steps.Select(s => (NoPlan, s.Item1, s.Item2))
            .Concat(steps.Select(s => (OneUnreported, s.Item1, s.Item2)))
            .Concat(extended.Select(s => (Extended, s.Item1, s.Item2)))
            .Append(("90", "after-deadline", Day(5, 1)))
            .Append(("50", "after-deadline", Day(5, 1)))
            .OrderBy(r => r.Item3).ThenBy(r => r.Item1, StringComparer.Ordinal).ThenBy(r => r.Item2)
            .ToList();
        var log = await LogAsync(App);
        Assert.Equal(expected, log.Select(r => (r.Code, r.Step, r.SentOn)).ToList());

        // Chiang Mai has no provincial account: its list is recorded as not sent, for staff to see
        Assert.Empty(log.Single(r => r.Code == "50").Recipients);
        Assert.Equal([ProvincialEmail], log.Single(r => r.Code == "90").Recipients);

        await AllSentAsync(App);
        Assert.Equal(4, App.Mailbox.To(EmailOf(NoPlan)).Count);
        Assert.Equal(4, App.Mailbox.To(EmailOf(Extended)).Count);
        Assert.Empty(App.Mailbox.To(EmailOf(Finished)));
        var extendedFirst = App.Mailbox.To(EmailOf(Extended))[0];
        Assert.Contains("กำหนดส่งภายในวันที่ 10 พฤษภาคม 2570 (อีก 14 วัน) " +
                        "ตามที่ได้รับการขยายเวลา (กำหนดเดิม 30 เม.ย. 2570)", extendedFirst.TextBody);

        // the day after the deadline: Songkhla's office gets every LAO of its province still missing, not the one
        // that reported, and not Chiang Mai's
        var list = Assert.Single(App.Mailbox.To(ProvincialEmail));
        var songkhla = (await App.QueryAsync<long>(
            "SELECT count(*) FROM local_authority_profile.registry_laos WHERE province_code = '90'")).Single();
        Assert.Equal($"E-PlanNACC: อปท. ในจังหวัดสงขลาที่ยังรายงานผลรอบ 6 เดือน ปีงบประมาณ พ.ศ. 2570 ไม่ครบ " +
                     $"({songkhla - 1} แห่ง)", list.Subject);
        Assert.Contains("องค์การบริหารส่วนตำบลคลองรี (6900202) อำเภอสทิงพระ: ยังไม่บันทึกแผน", list.TextBody);
        Assert.Contains("องค์การบริหารส่วนตำบลทุ่งหวัง (6900107) อำเภอเมืองสงขลา: ยังไม่บันทึกแผน, " +
                        "ขยายเวลาถึง 10 พ.ค. 2570", list.TextBody);
        Assert.DoesNotContain("(6900106)", list.TextBody);
        Assert.DoesNotContain("(3500102)", list.TextBody);
        Assert.Contains("/staff/reminders?fiscalYear=2570&round=6", list.TextBody);

        // any day run again sends nothing
        Assert.Equal(new[] { 0, 0 }, await RunDayAsync(App, FirstStep));
        Assert.Equal(new[] { 0, 0 }, await RunDayAsync(App, Day(5, 1)));
        Assert.Equal(log.Count, (await LogAsync(App)).Count);
    }

    [Fact]
    public async Task A_run_interrupted_midway_and_run_again_sends_each_reminder_once()
    {
        await BuildAsync(App, FirstStep);
        // the run dies in its second batch (Chiang Mai): the database refuses that LAO's row, as a crash would
        await App.ExecuteAsync($"""
            CREATE FUNCTION reporting.test_crash_at() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.dla_code = '{OneUnreported}' THEN RAISE EXCEPTION 'simulated crash'; END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER test_crash_at BEFORE INSERT ON reporting.reminder_log
                FOR EACH ROW EXECUTE FUNCTION reporting.test_crash_at();
            """);
        try
        {
            Assert.Equal(1, (await RunDayAsync(App, FirstStep, "90")).Single());
            var crash = await Assert.ThrowsAsync<PostgresException>(() => RunDayAsync(App, FirstStep, "50"));
            Assert.Contains("simulated crash", crash.MessageText);
        }
        finally
        {
            await App.ExecuteAsync("""
                DROP TRIGGER test_crash_at ON reporting.reminder_log; DROP FUNCTION reporting.test_crash_at();
                """);
        }
        Assert.Equal([NoPlan], (await LogAsync(App)).Select(r => r.Code));
        await App.Mailbox.WaitForAsync(EmailOf(NoPlan));

        // run again: what the first run sent is not sent again, what it did not send is
        Assert.Equal(new[] { 0, 1 }, await RunDayAsync(App, FirstStep));
        await AllSentAsync(App);
        Assert.Single(App.Mailbox.To(EmailOf(NoPlan)));
        Assert.Single(App.Mailbox.To(EmailOf(OneUnreported)));
        Assert.Equal(2, App.Mailbox.Messages.Count);
    }

    [Fact]
    public async Task Two_runs_at_once_send_each_reminder_once()
    {
        await BuildAsync(App, FirstStep);
        var runs = await Task.WhenAll(RunDayAsync(App, FirstStep, "90"), RunDayAsync(App, FirstStep, "90"));
        Assert.Equal(1, runs.Sum(r => r.Single()));
        await AllSentAsync(App);
        Assert.Single(App.Mailbox.To(EmailOf(NoPlan)));
    }

    [Fact]
    public async Task Staff_send_at_most_one_reminder_a_day_to_an_LAO_counting_the_mornings_own()
    {
        await BuildAsync(App, FirstStep);
        Assert.Equal(new[] { 1 }, await RunDayAsync(App, FirstStep, "90")); // คลองรี's step of the day

        var office = TestUser.Provincial();
        var send = new SendRemindersCommand(Year, Round, null);
        Assert.Equal(1, await App.SendAsync(office, send)); // ทุ่งหวัง only: คลองรี had its reminder this morning
        Assert.Equal(0, await App.SendAsync(office, send));
        App.SetToday(FirstStep.AddDays(1), new TimeOnly(9, 0));
        Assert.Equal(2, await App.SendAsync(office, send));

        Assert.Equal(
            [(Extended, "manual-2027-04-16"), (NoPlan, "before-14"), (Extended, "manual-2027-04-17"),
                (NoPlan, "manual-2027-04-17")],
            (await LogAsync(App)).OrderBy(r => r.SentOn).ThenBy(r => r.Code, StringComparer.Ordinal)
            .Select(r => (r.Code, r.Step)));
        var audit = await App.QueryAsync<(string Actor, string Detail)>("""
            SELECT actor, detail FROM identity.audit_log WHERE action = 'reminders.sent' ORDER BY at
            """);
        Assert.Equal(["ส่งอีเมลแจ้งเตือนตามกำหนด 16 เม.ย. 2570 จังหวัดสงขลา 1 ฉบับ"],
            audit.Where(a => a.Actor == "system").Select(a => a.Detail));
        var sends = audit.Where(a => a.Actor == "prov90").Select(a => a.Detail).ToList();
        Assert.Equal(3, sends.Count);
        foreach (var (detail, count) in sends.Zip([1, 0, 2]))
            Assert.StartsWith($"ส่งอีเมลแจ้งเตือนรอบ 6 เดือน ปีงบประมาณ พ.ศ. 2570 (จังหวัดสงขลา) {count} ฉบับ", detail);
    }

    [Fact]
    public async Task The_backlog_of_a_round_agrees_with_the_round_count_of_the_projects()
    {
        await BuildAsync(App, FirstStep);
        var codes = new[] { Finished, NoPlan, OneUnreported, Extended };
        var backlog = (await App.SendAsync(SystemUser.Instance,
            new Modules.Projects.Contracts.ListRoundProgressQuery(Year, Round, codes, WithUnreportedNames: true)))
            .Laos.ToDictionary(b => b.DlaCode);
        var projects = (await App.SendAsync(SystemUser.Instance,
            new Modules.Projects.Contracts.ListProjectResultsQuery(Year, codes))).ToLookup(p => p.DlaCode);
        foreach (var code in codes)
        {
            var count = Modules.Projects.Contracts.RoundCount.Of(projects[code], Round);
            var item = backlog.GetValueOrDefault(code);
            Assert.Equal(count.ProjectCount, item?.ProjectCount ?? 0);
            Assert.Equal(count.NeedReport, item?.NeedReport ?? 0);
            Assert.Equal(count.Awaiting, item?.Unreported.Count ?? 0);
        }
        Assert.Equal([UnreportedName], backlog[OneUnreported].Unreported);
        Assert.True(backlog[Finished].Finished);
        // the counts alone (the completeness figures) name nothing
        var counts = await App.SendAsync(SystemUser.Instance,
            new Modules.Projects.Contracts.ListRoundProgressQuery(Year, Round, codes));
        Assert.Equal(1, counts.Laos.Single(l => l.DlaCode == OneUnreported).Awaiting);
        Assert.All(counts.Laos, l => Assert.Empty(l.Unreported));
        Assert.DoesNotContain(NoPlan, backlog.Keys);
    }

    [Fact]
    public async Task The_provinces_list_goes_to_its_offices_accounts_that_can_sign_in_not_to_a_disabled_one()
    {
        var dayAfter = Deadline.AddDays(1);
        await BuildAsync(App, dayAfter);
        await GiveSongkhlaOfficeAnEmailAsync(App);
        const string Former = "former.officer";
        await App.SendAsync(TestUser.Admin(), new CreateStaffAccountCommand(Former, "นายอดีต เจ้าหน้าที่",
            "former.officer@nacc.example.go.th", UserRoles.Provincial, "90"));
        await App.SendAsync(TestUser.Admin(), new DisableStaffAccountCommand(Former));

        await RunDayAsync(App, dayAfter, "90");
        var row = (await LogAsync(App)).Single(r => r.Code == "90");
        Assert.Equal("after-deadline", row.Step);
        Assert.Equal([ProvincialEmail], row.Recipients);
    }

    [Fact]
    public async Task The_desk_counts_the_reminders_emailed_in_the_callers_scope()
    {
        await BuildAsync(App, FirstStep);
        await RunDayAsync(App, FirstStep);
        var songkhla = await App.SendAsync(TestUser.Provincial(), new GetRemindersSentQuery(Year, Round));
        Assert.Equal(1, songkhla.Count);
        Assert.NotNull(songkhla.LastSentAt);
        Assert.Equal(2, (await App.SendAsync(TestUser.Admin(), new GetRemindersSentQuery(Year, Round))).Count);
        Assert.Equal(1, (await App.SendAsync(TestUser.Admin(), new GetRemindersSentQuery(Year, Round, "50"))).Count);
        Assert.Equal(0, (await App.SendAsync(TestUser.Provincial(), new GetRemindersSentQuery(Year, 12))).Count);
        await Assert.ThrowsAsync<BuildingBlocks.Errors.NotFoundException>(() =>
            App.SendAsync(TestUser.Provincial(), new GetRemindersSentQuery(Year, Round, "50")));
        await Assert.ThrowsAsync<BuildingBlocks.Errors.ForbiddenException>(() =>
            App.SendAsync(TestUser.Lao(NoPlan), new GetRemindersSentQuery(Year, Round)));
    }
}
