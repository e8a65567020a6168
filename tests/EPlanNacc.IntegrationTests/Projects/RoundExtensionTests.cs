using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Projects.Features.Projects;
using EPlanNacc.Modules.Projects.Features.Rounds;
using EPlanNacc.TestSupport;
using static EPlanNacc.TestSupport.ProjectSamples;

namespace EPlanNacc.IntegrationTests.Projects;

/// <summary>Rounds and extensions for NACC staff (issue 8, section 2; docs/adr/0014-rounds-and-extensions.md): a
/// provincial office grants and revokes extensions in its province (another's LAO: 404), only an admin sets a round's
/// dates, every change is kept with its old and new values, and an extension moves the LAO's own deadline.</summary>
public sealed class RoundExtensionTests(AppFixture app) : IntegrationTest(app)
{
    private static readonly TestUser Songkhla = TestUser.Provincial();
    private static readonly TestUser ChiangMai = TestUser.Provincial("50", "prov50");
    private static readonly TestUser KohYo = TestUser.Lao(Samples.KohYo);

    private DateOnly Deadline6 => RoundWindow.DefaultDates(App.CurrentYear, 6).Deadline;

    private GrantRoundExtensionCommand Grant(string dlaCode, DateOnly until, string reason = "อุทกภัย") =>
        new(App.CurrentYear, 6, dlaCode, until, reason);

    [Fact]
    public async Task A_provincial_office_grants_and_revokes_in_its_province_and_gets_404_for_another()
    {
        var granted = await App.SendAsync(Songkhla, Grant(Samples.KohYo, Deadline6.AddDays(14)));
        Assert.Equal((Samples.KohYo, Deadline6.AddDays(14), "อุทกภัย", "prov90"),
            (granted.DlaCode, granted.Until, granted.Reason, granted.GrantedBy));

        var outside = await Assert.ThrowsAsync<NotFoundException>(() =>
            App.SendAsync(Songkhla, Grant(Samples.ChiangMaiCity, Deadline6.AddDays(14))));
        Assert.Equal(AccessMessages.LaoNotFound, outside.Message);
        await Assert.ThrowsAsync<NotFoundException>(() =>
            App.SendAsync(ChiangMai, new RevokeRoundExtensionCommand(App.CurrentYear, 6, Samples.KohYo, "ไม่ใช่")));
        Assert.Equal(Deadline6.AddDays(14),
            (await CalendarAsync()).ExtensionFor(6, Samples.KohYo)!.Until); // the other office changed nothing

        await App.SendAsync(Songkhla,
            new RevokeRoundExtensionCommand(App.CurrentYear, 6, Samples.KohYo, "  ส่งรายงานครบแล้ว "));
        Assert.Null((await CalendarAsync()).ExtensionFor(6, Samples.KohYo));
        var none = await Assert.ThrowsAsync<NotFoundException>(() =>
            App.SendAsync(Songkhla, new RevokeRoundExtensionCommand(App.CurrentYear, 6, Samples.KohYo, "ซ้ำ")));
        Assert.Equal("ไม่พบการขยายเวลาของ อปท. นี้ในรอบดังกล่าว", none.Message);
    }

    [Fact]
    public async Task Each_office_lists_only_the_extensions_of_its_scope_with_the_filters()
    {
        await App.SendAsync(TestUser.Admin(), Grant(Samples.KohYo, Deadline6.AddDays(10), "น้ำท่วมสำนักงาน"));
        await App.SendAsync(TestUser.Admin(), Grant(Samples.KhlongRi, Deadline6.AddDays(20)));
        await App.SendAsync(TestUser.Admin(), Grant(Samples.ChiangMaiCity, Deadline6.AddDays(30)));
        await App.SendAsync(TestUser.Admin(),
            new GrantRoundExtensionCommand(App.CurrentYear, 12, Samples.KohYo,
                RoundWindow.DefaultDates(App.CurrentYear, 12).Deadline.AddDays(5), "รอบ 12"));

        Task<IReadOnlyList<RoundExtensionItem>> List(TestUser user, string? province = null, string? district = null,
            string? q = null) =>
            App.SendAsync(user, new ListRoundExtensionsQuery(App.CurrentYear, 6, province, district, q));

        Assert.Equal([Samples.ChiangMaiCity, Samples.KohYo, Samples.KhlongRi],
            (await List(TestUser.Admin())).Select(e => e.DlaCode));
        var songkhla = await List(Songkhla);
        Assert.Equal([Samples.KohYo, Samples.KhlongRi], songkhla.Select(e => e.DlaCode));
        var kohYo = songkhla[0];
        Assert.Equal(("องค์การบริหารส่วนตำบลเกาะยอ", "เมืองสงขลา", Deadline6.AddDays(10), "น้ำท่วมสำนักงาน", "admin"),
            (kohYo.NameTh, kohYo.DistrictNameTh, kohYo.Until, kohYo.Reason, kohYo.GrantedBy));
        Assert.Equal([Samples.ChiangMaiCity], (await List(ChiangMai)).Select(e => e.DlaCode));

        Assert.Equal([Samples.KhlongRi], (await List(Songkhla, district: "9002")).Select(e => e.DlaCode));
        Assert.Equal([Samples.KohYo], (await List(TestUser.Admin(), "90", q: "เกาะ")).Select(e => e.DlaCode));
        Assert.Equal([Samples.KhlongRi], (await List(Songkhla, q: "690020")).Select(e => e.DlaCode));
        var foreign = await Assert.ThrowsAsync<NotFoundException>(() => List(Songkhla, "50"));
        Assert.Equal(AccessMessages.ProvinceNotFound, foreign.Message);
        await Assert.ThrowsAsync<ForbiddenException>(() => List(KohYo));
    }

    [Fact]
    public async Task Every_grant_replacement_and_revocation_is_kept_with_its_old_and_new_values()
    {
        await App.SendAsync(Songkhla, Grant(Samples.KohYo, Deadline6.AddDays(7), "ไฟฟ้าดับ"));
        await App.SendAsync(Songkhla, Grant(Samples.KohYo, Deadline6.AddDays(7), "ไฟฟ้าดับ")); // nothing changes
        await App.SendAsync(TestUser.Admin(), Grant(Samples.KohYo, Deadline6.AddDays(21), "ไฟฟ้าดับนานกว่าที่คาด"));
        await App.SendAsync(Songkhla, new RevokeRoundExtensionCommand(App.CurrentYear, 6, Samples.KohYo, "ส่งครบแล้ว"));
        await App.SendAsync(TestUser.Admin(), Grant(Samples.ChiangMaiCity, Deadline6.AddDays(3)));

        var history = await App.SendAsync(Songkhla, new ListRoundChangesQuery(App.CurrentYear));
        Assert.Equal(
        [
            (RoundChangeKinds.ExtensionRevoked, "prov90", (DateOnly?)Deadline6.AddDays(21), (DateOnly?)null,
                "ส่งครบแล้ว"),
            (RoundChangeKinds.ExtensionGranted, "admin", Deadline6.AddDays(7), Deadline6.AddDays(21),
                "ไฟฟ้าดับนานกว่าที่คาด"),
            (RoundChangeKinds.ExtensionGranted, "prov90", null, Deadline6.AddDays(7), "ไฟฟ้าดับ"),
        ], history.Select(h => (h.Kind, h.ChangedBy, h.OldUntil, h.NewUntil, h.Reason)));
        Assert.All(history, h => Assert.Equal((Samples.KohYo, "องค์การบริหารส่วนตำบลเกาะยอ", "127.0.0.1"),
            (h.DlaCode, h.LaoNameTh, h.IpAddress)));
        var revoked = history[0];
        Assert.Equal(("ยกเลิกการขยายเวลา", ThaiFormat.ShortDate(Deadline6.AddDays(21)), "-"),
            (revoked.What, revoked.Old, revoked.New));

        // the same changes in the audit trail, each with its action, LAO, actor and a line of Thai
        var audit = await App.QueryAsync<(string Action, string? DlaCode, string? Actor, string? Detail)>("""
            SELECT action, dla_code, actor, detail FROM identity.audit_log WHERE dla_code = @code ORDER BY at
            """, new { code = Samples.KohYo });
        Assert.Equal(["extension.granted", "extension.granted", "extension.revoked"], audit.Select(a => a.Action));
        Assert.Equal(["prov90", "admin", "prov90"], audit.Select(a => a.Actor));
        Assert.Equal($"รอบ 6 เดือน ปีงบประมาณ พ.ศ. {App.CurrentYear} ยกเลิกการขยายเวลา: " +
                     $"{ThaiFormat.ShortDate(Deadline6.AddDays(21))} → - เหตุผล: ส่งครบแล้ว", audit[2].Detail);

        // the admin sees Chiang Mai's grant too; a provincial office asking for another's LAO gets 404
        Assert.Equal(4, (await App.SendAsync(TestUser.Admin(), new ListRoundChangesQuery(App.CurrentYear))).Count);
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(Songkhla,
            new ListRoundChangesQuery(App.CurrentYear, DlaCode: Samples.ChiangMaiCity)));
    }

    [Fact]
    public async Task Only_an_admin_sets_a_rounds_dates_and_each_change_is_kept_with_the_dates_before()
    {
        var refused = await Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(Songkhla,
            new SetRoundDatesCommand(App.CurrentYear, 6, App.Today, App.Today.AddDays(5))));
        Assert.Equal(AccessMessages.AdminOnly, refused.Message);

        var (opensOn, deadline) = RoundWindow.DefaultDates(App.CurrentYear, 12);
        var first = await App.SendAsync(TestUser.Admin(),
            new SetRoundDatesCommand(App.CurrentYear, 12, opensOn.AddDays(-10), deadline, Version: 0));
        await App.SendAsync(TestUser.Admin(), // the same dates again: nothing changes
            new SetRoundDatesCommand(App.CurrentYear, 12, opensOn.AddDays(-10), deadline, first.Version));
        await App.SendAsync(TestUser.Admin(),
            new SetRoundDatesCommand(App.CurrentYear, 12, opensOn.AddDays(-10), deadline.AddDays(15), first.Version));

        var history = await App.SendAsync(Songkhla, new ListRoundChangesQuery(App.CurrentYear));
        Assert.Equal(
        [
            (12, (DateOnly?)opensOn.AddDays(-10), (DateOnly?)deadline, (DateOnly?)opensOn.AddDays(-10),
                (DateOnly?)deadline.AddDays(15)),
            (12, opensOn, deadline, opensOn.AddDays(-10), deadline),
        ], history.Select(h => (h.Round, h.OldOpensOn, h.OldDeadline, h.NewOpensOn, h.NewDeadline)));
        Assert.All(history, h => Assert.Equal((RoundChangeKinds.DatesSet, null, "admin"),
            (h.Kind, h.DlaCode, h.ChangedBy)));
        Assert.Equal($"{ThaiFormat.ShortDate(opensOn.AddDays(-10))} ถึง {ThaiFormat.ShortDate(deadline.AddDays(15))}",
            history[0].New);
        Assert.Equal(["round.dates_set", "round.dates_set"], await App.QueryAsync<string>(
            "SELECT action FROM identity.audit_log WHERE actor = 'admin' AND dla_code IS NULL ORDER BY at"));
    }

    [Fact]
    public async Task An_extension_moves_the_LAOs_own_deadline_and_a_revocation_takes_it_back()
    {
        await App.OpenRoundAsync(6);
        var id = await App.CreateProjectAsync();
        var closed = await App.CloseRoundAsync(6);
        await Assert.ThrowsAsync<ConflictException>(() => App.SendAsync(KohYo, Report(id, 6, "in_progress")));

        await App.SendAsync(Songkhla, new GrantRoundExtensionCommand(App.CurrentYear, 6, Samples.KohYo,
            App.Today.AddDays(5), "ระบบอินเทอร์เน็ตของ อปท. ขัดข้อง"));
        await App.SendAsync(KohYo, Report(id, 6, "in_progress"));
        var worklist = await App.SendAsync(KohYo, new GetProjectWorklistQuery(App.CurrentYear));
        Assert.Equal($"รอบ 6 เดือน ขยายเวลารับรายงานให้ อปท. นี้ถึง {ThaiFormat.ShortDate(App.Today.AddDays(5))}",
            worklist.Round6.DescribeOn(worklist.Today));

        // its last day is included, the day after is not
        App.SetToday(App.Today.AddDays(5));
        await App.SendAsync(KohYo, Report(id, 6, "completed"));
        App.SetToday(App.Today.AddDays(1));
        await Assert.ThrowsAsync<ConflictException>(() => App.SendAsync(KohYo, Report(id, 6, "completed")));

        App.SetToday(closed.Deadline.AddDays(2));
        await App.SendAsync(Songkhla,
            new RevokeRoundExtensionCommand(App.CurrentYear, 6, Samples.KohYo, "ให้ผิด อปท."));
        var refused = await Assert.ThrowsAsync<ConflictException>(() =>
            App.SendAsync(KohYo, Report(id, 6, "completed")));
        Assert.StartsWith($"รอบ 6 เดือน ปิดรับรายงานแล้ว (ครบกำหนด {ThaiFormat.ShortDate(closed.Deadline)})",
            refused.Message);
        Assert.Equal("completed", (await App.GetProjectAsync(id)).Round(6)!.Status);
    }

    [Fact]
    public async Task Before_the_deadline_the_LAO_already_reads_its_later_last_day()
    {
        var open = await App.OpenRoundAsync(6);
        await App.SendAsync(Songkhla, Grant(Samples.KohYo, open.Deadline.AddDays(20)));
        var worklist = await App.SendAsync(KohYo, new GetProjectWorklistQuery(App.CurrentYear));
        Assert.Equal($"รอบ 6 เดือน เปิดรับรายงานถึง {ThaiFormat.ShortDate(open.Deadline)} " +
                     $"(ขยายเวลาให้ อปท. นี้ถึง {ThaiFormat.ShortDate(open.Deadline.AddDays(20))})",
            worklist.Round6.DescribeOn(worklist.Today));
        var neighbour = await App.SendAsync(TestUser.Lao(Samples.KhlongRi),
            new GetProjectWorklistQuery(App.CurrentYear));
        Assert.Equal($"รอบ 6 เดือน เปิดรับรายงานถึง {ThaiFormat.ShortDate(open.Deadline)}",
            neighbour.Round6.DescribeOn(neighbour.Today));

        await App.SetUpLaoAsync();
        using var lao = await EPlanNacc.IntegrationTests.Pages.PageClient.SignedInClientAsync(App, Samples.KohYo,
            Samples.Password);
        var list = await lao.GetStringAsync($"/projects/list?fiscalYear={App.CurrentYear}");
        Assert.Contains($"ขยายเวลาให้ อปท. นี้ถึง {ThaiFormat.ShortDate(open.Deadline.AddDays(20))}", list);
    }

    [Fact]
    public async Task The_open_rounds_give_their_dates_days_left_and_extensions()
    {
        // a year of its own, far from the clock's: its 6-month round set from 1 to 15 March 2580 (2037)
        const int year = 2580;
        var (opensOn, deadline) = (new DateOnly(2037, 3, 1), new DateOnly(2037, 3, 15));
        await App.SetRoundDatesAsync(6, opensOn, deadline, year);
        await App.SendAsync(Songkhla, new GrantRoundExtensionCommand(year, 6, Samples.KohYo, deadline.AddDays(5), "x"));
        await App.SendAsync(Songkhla, new GrantRoundExtensionCommand(year, 6, Samples.KhlongRi, deadline.AddDays(1),
            "y"));

        Task<IReadOnlyList<OpenRoundItem>> OpenOn(DateOnly day) =>
            App.SendAsync(Songkhla, new ListOpenRoundsQuery(day));
        Assert.Equal([new OpenRoundItem(year, 6, opensOn, deadline, 10, 2)], await OpenOn(new DateOnly(2037, 3, 5)));
        Assert.Equal(0, (await OpenOn(deadline)).Single().DaysLeft);
        Assert.Equal(14, (await OpenOn(opensOn)).Single().DaysLeft);
        Assert.Empty(await OpenOn(deadline.AddDays(1)));
        Assert.Empty(await OpenOn(opensOn.AddDays(-1)));
        await Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(KohYo, new ListOpenRoundsQuery(opensOn)));

        // a round still at the domain default dates: the 12-month round of the year is open all October 2037
        Assert.Equal([new OpenRoundItem(year, 12, new DateOnly(2037, 10, 1), new DateOnly(2037, 10, 31), 27, 0)],
            await App.SendAsync(SystemUser.Instance, new ListOpenRoundsQuery(new DateOnly(2037, 10, 4))));
    }

    [Fact]
    public async Task The_extension_endpoints_follow_the_document_for_a_provincial_office()
    {
        using var provincial = await App.CreateApiClientAsync("prov90", AppFixture.ProvincialPassword);
        var path = $"/api/v1/admin/rounds/{App.CurrentYear}/6/extensions";
        var until = Deadline6.AddDays(30).ToString("yyyy-MM-dd");

        var granted = await provincial.PostAsJsonAsync(path,
            new { dlaCode = Samples.KohYo, until, reason = "อุทกภัย" });
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        await (await provincial.PostAsJsonAsync(path, new { dlaCode = Samples.ChiangMaiCity, until, reason = "x" }))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        var tooLate = await (await provincial.PostAsJsonAsync(path,
                new { dlaCode = Samples.KohYo, until = Deadline6.AddDays(91).ToString("yyyy-MM-dd"), reason = "x" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("until", tooLate.Errors.Keys);
        await App.SendAsync(TestUser.Admin(), Grant(Samples.ChiangMaiCity, Deadline6.AddDays(3)));

        var list = (await provincial.GetFromJsonAsync<JsonArray>(path))!;
        var item = Assert.Single(list)!.AsObject();
        foreach (var field in new[] { "dlaCode", "nameTh", "until", "reason", "grantedBy", "grantedAt" })
            Assert.True(item.ContainsKey(field), field);
        Assert.Equal((Samples.KohYo, "องค์การบริหารส่วนตำบลเกาะยอ", until, "อุทกภัย", "prov90"),
            (item["dlaCode"]!.GetValue<string>(), item["nameTh"]!.GetValue<string>(),
                item["until"]!.GetValue<string>(), item["reason"]!.GetValue<string>(),
                item["grantedBy"]!.GetValue<string>()));
        await (await provincial.GetAsync($"{path}?provinceCode=50")).AssertProblemAsync(HttpStatusCode.NotFound);

        await (await provincial.DeleteAsync($"{path}/{Samples.ChiangMaiCity}"))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NoContent,
            (await provincial.DeleteAsync($"{path}/{Samples.KohYo}?reason=ส่งครบแล้ว")).StatusCode);
        Assert.Empty((await provincial.GetFromJsonAsync<JsonArray>(path))!);
        Assert.Equal("ส่งครบแล้ว",
            (await App.SendAsync(Songkhla, new ListRoundChangesQuery(App.CurrentYear)))[0].Reason);
        await (await provincial.PutAsJsonAsync($"/api/v1/admin/rounds/{App.CurrentYear}/6",
                new { opensOn = "2027-03-01", deadline = "2027-04-30" }))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    private Task<RoundCalendar> CalendarAsync() =>
        App.SendAsync(SystemUser.Instance, new GetRoundCalendarQuery(App.CurrentYear));
}
