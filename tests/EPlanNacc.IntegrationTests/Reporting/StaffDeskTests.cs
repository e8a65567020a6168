using System.Net;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.IntegrationTests.Pages;
using EPlanNacc.Modules.Identity.Contracts;
using EPlanNacc.Modules.Identity.Features.Staff;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Projects.Features.Screening;
using EPlanNacc.Modules.Reporting.Features.Batches;
using EPlanNacc.Modules.Reporting.Features.Desk;
using EPlanNacc.TestSupport;
using static EPlanNacc.TestSupport.ProjectSamples;

namespace EPlanNacc.IntegrationTests.Reporting;

/// <summary>The staff desk (<c>/staff</c>, <see cref="GetStaffDeskQuery"/>) against a known world: the rounds open on
/// the day with the days left, and the projects awaiting screening of the officer's scope.</summary>
public sealed class StaffDeskTests(AppFixture app) : IntegrationTest(app)
{
    /// <summary>15 January 2027 (fiscal year 2570): no round is open at the default dates.</summary>
    private static readonly DateOnly Day = BetweenRounds;

    [Fact]
    public async Task The_desk_shows_the_rounds_open_today_with_the_days_left_soonest_deadline_first()
    {
        App.SetToday(Day);
        Assert.Empty((await App.SendAsync(TestUser.Provincial(), new GetStaffDeskQuery())).OpenRounds);

        await App.SetRoundDatesAsync(6, Day.AddDays(-5), Day.AddDays(10), 2570);
        await App.SetRoundDatesAsync(12, Day.AddDays(-14), Day, 2569); // its last day
        await App.SetRoundDatesAsync(6, Day.AddDays(1), Day.AddDays(30), 2571); // not yet open
        var desk = await App.SendAsync(TestUser.Provincial(), new GetStaffDeskQuery());
        Assert.Equal([new OpenRoundItem(2569, 12, Day.AddDays(-14), Day, 0, 0),
                new OpenRoundItem(2570, 6, Day.AddDays(-5), Day.AddDays(10), 10, 0)],
            desk.OpenRounds);
        Assert.Equal(Day, desk.Today);

        // a round at its default dates is open too: 6-month 1-30 April, 12-month 1-31 October
        Assert.Equal([new OpenRoundItem(2572, 6, new(2029, 4, 1), new(2029, 4, 30), 15, 0)],
            await App.SendAsync(TestUser.Provincial(), new ListOpenRoundsQuery(new DateOnly(2029, 4, 15))));
        Assert.Equal([new OpenRoundItem(2571, 12, new(2028, 10, 1), new(2028, 10, 31), 0, 0)],
            await App.SendAsync(TestUser.Admin(), new ListOpenRoundsQuery(new DateOnly(2028, 10, 31))));
        Assert.Empty(await App.SendAsync(TestUser.Admin(), new ListOpenRoundsQuery(new DateOnly(2028, 11, 1))));
    }

    [Fact]
    public async Task The_desk_counts_what_awaits_screening_in_the_officers_scope()
    {
        var year = App.CurrentYear;
        await App.CreateProjectAsync(Samples.KohYo, App.Project(name: "ก"));
        await App.CreateProjectAsync(Samples.KohYo, App.Project(name: "ข"));
        var screened = await App.CreateProjectAsync(Samples.KohYo, App.Project(name: "ค"));
        await App.CreateProjectAsync(Samples.KhlongRi, App.Project(name: "ง"));
        await App.CreateProjectAsync(Samples.ChiangMaiCity, App.Project(name: "จ"));
        await App.CreateProjectAsync(Samples.KohYo, App.Project(name: "ฉ", fiscalYear: year - 1));
        await App.SendAsync(TestUser.Admin(), new ScreenProjectsCommand([screened], false));

        var songkhla = await App.SendAsync(TestUser.Provincial(), new GetStaffDeskQuery());
        Assert.Equal(("90", "สงขลา", 141), (songkhla.ProvinceCode, songkhla.ProvinceNameTh, songkhla.LaoCount));
        Assert.Equal([new ScreeningBacklog(year, 3, 2), new ScreeningBacklog(year - 1, 1, 1)],
            songkhla.AwaitingScreening);
        Assert.Equal(4, songkhla.AwaitingScreeningTotal);
        Assert.Empty(songkhla.Provinces);

        var nation = await App.SendAsync(TestUser.Admin(), new GetStaffDeskQuery());
        Assert.Equal(((string?)null, 7849, 77), (nation.ProvinceCode, nation.LaoCount, nation.Provinces.Count));
        Assert.Equal([new ScreeningBacklog(year, 4, 3), new ScreeningBacklog(year - 1, 1, 1)],
            nation.AwaitingScreening);
        var chiangMai = await App.SendAsync(TestUser.Admin(), new GetStaffDeskQuery("50"));
        Assert.Equal([new ScreeningBacklog(year, 1, 1)], chiangMai.AwaitingScreening);

        var refused = await Assert.ThrowsAsync<NotFoundException>(() =>
            App.SendAsync(TestUser.Provincial(), new GetStaffDeskQuery("50")));
        Assert.Equal(AccessMessages.ProvinceNotFound, refused.Message);
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            App.SendAsync(TestUser.Lao(Samples.KohYo), new GetStaffDeskQuery()));
    }

    [Fact]
    public async Task The_desk_page_shows_the_figures_and_links_into_the_queue()
    {
        App.SetToday(Day);
        await App.SetRoundDatesAsync(6, Day.AddDays(-5), Day.AddDays(10), 2570);
        await App.CreateProjectAsync(Samples.KohYo, App.Project(name: "ก"));
        await App.CreateProjectAsync(Samples.ChiangMaiCity, App.Project(name: "ข"));

        using var office = await App.SignedInClientAsync("prov90", AppFixture.ProvincialPassword);
        var html = await office.GetStringAsync("/staff");
        Assert.Contains("ข้อมูลของจังหวัดสงขลา (141 อปท.)", html);
        Assert.Contains("รอบ 6 เดือน ปีงบประมาณ พ.ศ. 2570", html);
        Assert.Contains("เปิดรับ 10 ม.ค. 2570", html);
        Assert.Matches("data-testid=\"days-left\">\\s*<span class=\"small\">เหลืออีก</span>\\s*<span[^>]*>10</span>",
            html);
        Assert.Matches("data-testid=\"awaiting-total\">1</span>", html);
        Assert.Contains("/staff/screening?fiscalYear=2570&amp;provinceCode=90", html);
        Assert.DoesNotContain("data-testid=\"desk-province\"", html);
        Assert.DoesNotContain("data-testid=\"figures-at\"", html); // a province's desk is counted now

        using var admin = await App.SignedInClientAsync("admin", AppFixture.AdminPassword);
        var nation = await admin.GetStringAsync("/staff");
        Assert.Contains("ข้อมูลของทั้งประเทศ (7,849 อปท.)", nation);
        Assert.Matches("data-testid=\"awaiting-total\">2</span>", nation);
        Assert.Contains("data-testid=\"desk-province\"", nation);
        // the nation's figures may be a few seconds old: the desk says when they were computed
        Assert.Contains($"ข้อมูล ณ {BuildingBlocks.Thai.ThaiFormat.DateTime(App.Clock.GetUtcNow())}",
            nation);
        Assert.Contains("ข้อมูลของจังหวัดเชียงใหม่", await admin.GetStringAsync("/staff?provinceCode=50"));

        Assert.Equal(HttpStatusCode.NotFound, (await office.GetAsync("/staff?provinceCode=50")).StatusCode);
    }

    [Fact]
    public async Task The_desk_counts_the_LAOs_not_finished_the_reminders_the_batches_and_the_accounts_of_its_scope()
    {
        // 16 April 2027: the 6-month round of 2570 open until 30 April; in Songkhla one LAO of 141 finished it, in
        // Chiang Mai none of 211; the morning's reminders went to one LAO in each province (ReminderWorld)
        await ReminderWorld.BuildAsync(App, ReminderWorld.FirstStep);
        await ReminderWorld.RunDayAsync(App, ReminderWorld.FirstStep);
        using var hold = App.HoldJobs<RunReportBatchCommand>(); // the batch stays queued
        var batch = await App.SendAsync(TestUser.Provincial(), new CreateReportBatchCommand("status", 2570, 6, "90"));
        await App.SendAsync(TestUser.Provincial(), new LockAccountCommand(Samples.KhlongRi));

        var songkhla = await App.SendAsync(TestUser.Provincial(), new GetStaffDeskQuery());
        var round = Assert.Single(songkhla.OpenRounds);
        Assert.Equal((2570, 6, 14, 1), (round.FiscalYear, round.Round, round.DaysLeft, round.Extensions));
        var progress = Assert.Single(songkhla.Progress);
        Assert.Equal((2570, 6, 141, 140, 0, 1),
            (progress.FiscalYear, progress.Round, progress.LaoCount, progress.NotReported, progress.Late,
                progress.RemindersSent));
        Assert.NotNull(progress.LastReminderAt);
        Assert.Equal(batch, Assert.Single(songkhla.Batches).Id);
        var accounts = await App.SendAsync(TestUser.Admin(), new CountAccountsQuery("90"));
        Assert.Equal(accounts, songkhla.Accounts);
        Assert.Equal(1, songkhla.Accounts.Locked);

        var nation = Assert.Single((await App.SendAsync(TestUser.Admin(), new GetStaffDeskQuery())).Progress);
        Assert.Equal((7849, 7849 - 1, 2), (nation.LaoCount, nation.NotReported, nation.RemindersSent));
        var chiangMai = await App.SendAsync(TestUser.Admin(), new GetStaffDeskQuery("50"));
        Assert.Equal((211, 211, 1), (chiangMai.Progress[0].LaoCount, chiangMai.Progress[0].NotReported,
            chiangMai.Progress[0].RemindersSent));
        Assert.Empty(chiangMai.Batches); // Songkhla's batch is not Chiang Mai's

        using var office = await App.SignedInClientAsync("prov90", AppFixture.ProvincialPassword);
        var html = await office.GetStringAsync("/staff");
        var text = System.Text.RegularExpressions.Regex.Replace(html, "\\s+", " ");
        Assert.Contains("ยังรายงานไม่ครบ 140 จาก 141 อปท.", text);
        Assert.Contains("ส่งอีเมลแจ้งเตือนแล้ว 1 ฉบับ", text);
        Assert.Contains("/staff/completeness?fiscalYear=2570&amp;round=6&amp;provinceCode=90&amp;filter=not_reported",
            html);
        Assert.Contains("/staff/reminders?fiscalYear=2570&amp;round=6&amp;provinceCode=90", html);
        Assert.Contains("data-testid=\"running-batch\"", html);
        Assert.Matches("data-testid=\"locked\">1</span>", html);
        Assert.DoesNotContain("ยังไม่มีหน้าจอ", html);
    }
}
