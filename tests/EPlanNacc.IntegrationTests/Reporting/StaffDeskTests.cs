using System.Net;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.IntegrationTests.Pages;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Projects.Features.Screening;
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

        using var admin = await App.SignedInClientAsync("admin", AppFixture.AdminPassword);
        var nation = await admin.GetStringAsync("/staff");
        Assert.Contains("ข้อมูลของทั้งประเทศ (7,849 อปท.)", nation);
        Assert.Matches("data-testid=\"awaiting-total\">2</span>", nation);
        Assert.Contains("data-testid=\"desk-province\"", nation);
        Assert.Contains("ข้อมูลของจังหวัดเชียงใหม่", await admin.GetStringAsync("/staff?provinceCode=50"));

        Assert.Equal(HttpStatusCode.NotFound, (await office.GetAsync("/staff?provinceCode=50")).StatusCode);
    }
}
