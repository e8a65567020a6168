using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Projects.Features.Rounds;
using EPlanNacc.TestSupport;

namespace EPlanNacc.IntegrationTests.Pages;

/// <summary>The staff page of a fiscal year's rounds, /staff/rounds/{fiscalYear}, over HTTP as a browser sends it:
/// dates typed and shown in the Buddhist Era, only an admin changes them, a provincial office grants and revokes
/// extensions in its province, and every change shows in the history.</summary>
public sealed class RoundsPageTests(AppFixture app) : IntegrationTest(app)
{
    private string Page => $"/staff/rounds/{App.CurrentYear}";

    private static string Be(DateOnly day) => BuddhistDate.Format(day);

    private Task<IReadOnlyList<RoundItem>> RoundsAsync() =>
        App.SendAsync(TestUser.Admin(), new ListRoundsQuery(App.CurrentYear));

    private Dictionary<string, string?> DatesForm(int round, string opensOn, string deadline, int version) => new()
    {
        ["Dates.Round"] = round.ToString(CultureInfo.InvariantCulture), ["Dates.OpensOn"] = opensOn,
        ["Dates.Deadline"] = deadline, ["Dates.Version"] = version.ToString(CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task An_admin_types_the_dates_in_the_Buddhist_Era_and_reads_them_back()
    {
        using var admin = await App.SignedInClientAsync("admin", AppFixture.AdminPassword);
        var (opensOn, deadline) = RoundWindow.DefaultDates(App.CurrentYear, 6);
        var html = await admin.GetStringAsync(Page);
        Assert.Contains($"value=\"{Be(opensOn)}\"", html);
        Assert.Contains($"value=\"{Be(deadline)}\"", html);

        var beYear = ThaiFormat.ToBuddhistYear(deadline.Year);
        var saved = await admin.PostFormAsync($"{Page}?handler=Dates",
            DatesForm(6, $"1/3/{beYear}", $"15/05/{beYear}", 0), Page);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var round6 = (await RoundsAsync())[0];
        Assert.Equal((new DateOnly(deadline.Year, 3, 1), new DateOnly(deadline.Year, 5, 15), 1),
            (round6.OpensOn, round6.Deadline, round6.Version));
        html = await admin.GetStringAsync(saved.Headers.Location!.OriginalString);
        Assert.Contains($"value=\"01/03/{beYear}\"", html);
        Assert.Contains($"value=\"15/05/{beYear}\"", html);
        Assert.Contains("บันทึกวันเปิดรับและกำหนดส่งรายงานรอบ 6 เดือนเรียบร้อยแล้ว", html);
        Assert.Matches(HistoryRow("กำหนดวันเปิดรับและกำหนดส่งรายงาน",
            $"{ThaiFormat.ShortDate(opensOn)} ถึง {ThaiFormat.ShortDate(deadline)}",
            $"{ThaiFormat.ShortDate(round6.OpensOn)} ถึง {ThaiFormat.ShortDate(round6.Deadline)}"), html);
    }

    [Theory]
    [InlineData("31/02/{0}", BuddhistDate.NoSuchDayMessage)]
    [InlineData("30/04/2027", BuddhistDate.YearMessage)]
    [InlineData("30 เม.ย. {0}", BuddhistDate.FormatMessage)]
    public async Task A_date_that_is_not_a_Buddhist_Era_day_is_refused_in_Thai_and_changes_nothing(string typed,
        string message)
    {
        using var admin = await App.SignedInClientAsync("admin", AppFixture.AdminPassword);
        var beYear = ThaiFormat.ToBuddhistYear(RoundWindow.DefaultDates(App.CurrentYear, 6).Deadline.Year);
        var bad = string.Format(CultureInfo.InvariantCulture, typed, beYear);
        var refused = await admin.PostFormAsync($"{Page}?handler=Dates",
            DatesForm(6, $"01/03/{beYear}", bad, 0), Page);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(message, html);
        Assert.Contains($"value=\"{WebUtility.HtmlEncode(bad)}\"", html); // what was typed stays
        Assert.Equal(0, (await RoundsAsync())[0].Version);
    }

    [Fact]
    public async Task Dates_before_the_opening_and_a_stale_save_are_refused_with_what_changed()
    {
        using var admin = await App.SignedInClientAsync("admin", AppFixture.AdminPassword);
        var beYear = ThaiFormat.ToBuddhistYear(RoundWindow.DefaultDates(App.CurrentYear, 6).Deadline.Year);
        var backwards = await admin.PostFormAsync($"{Page}?handler=Dates",
            DatesForm(6, $"30/04/{beYear}", $"01/04/{beYear}", 0), Page);
        Assert.Contains("กำหนดส่งรายงานต้องไม่ก่อนวันเปิดรับรายงาน", await backwards.Content.ReadAsStringAsync());

        await App.SetRoundDatesAsync(6, new DateOnly(beYear - 543, 3, 10), new DateOnly(beYear - 543, 4, 20));
        var stale = await admin.PostFormAsync($"{Page}?handler=Dates",
            DatesForm(6, $"01/03/{beYear}", $"30/04/{beYear}", 0), Page);
        var html = await stale.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"conflict\"", html);
        Assert.Contains("ถูกแก้ไขหลังจากที่ท่านอ่านข้อมูล", html);
        Assert.Contains($"value=\"30/04/{beYear}\"", html); // the admin's dates stay on the form
        Assert.Contains("name=\"Dates.Version\" value=\"1\"", html); // to save again knowingly
        Assert.Equal(new DateOnly(beYear - 543, 4, 20), (await RoundsAsync())[0].Deadline);
    }

    [Fact]
    public async Task A_provincial_office_reads_the_dates_and_cannot_change_them()
    {
        using var provincial = await App.SignedInClientAsync("prov90", AppFixture.ProvincialPassword);
        var (opensOn, deadline) = RoundWindow.DefaultDates(App.CurrentYear, 12);
        var html = await provincial.GetStringAsync(Page);
        Assert.DoesNotContain("name=\"Dates.OpensOn\"", html);
        Assert.Contains($"data-testid=\"round-12-opens\">{ThaiFormat.LongDate(opensOn)}<", html);
        Assert.Contains($"data-testid=\"round-12-deadline\">{ThaiFormat.LongDate(deadline)}<", html);

        var beYear = ThaiFormat.ToBuddhistYear(deadline.Year);
        var refused = await provincial.PostFormAsync($"{Page}?handler=Dates",
            DatesForm(12, $"01/09/{beYear}", $"30/11/{beYear}", 0), Page);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(0, (await RoundsAsync())[1].Version);
    }

    [Fact]
    public async Task A_provincial_office_grants_and_revokes_through_the_page_in_its_province_only()
    {
        using var provincial = await App.SignedInClientAsync("prov90", AppFixture.ProvincialPassword);
        var deadline = RoundWindow.DefaultDates(App.CurrentYear, 6).Deadline;
        var list = $"{Page}?round=6";
        var html = await provincial.GetStringAsync(list);
        Assert.Contains($"<option value=\"{Samples.KhlongRi}\"", html); // the picker lists the province's LAOs
        Assert.DoesNotContain($"value=\"{Samples.ChiangMaiCity}\"", html);

        Dictionary<string, string?> Grant(string? code, string until, string reason, string? chosen = null) => new()
        {
            ["Grant.Round"] = "6", ["Grant.DlaCode"] = code, ["Grant.ChosenDlaCode"] = chosen,
            ["Grant.Until"] = until, ["Grant.Reason"] = reason,
        };
        var granted = await provincial.PostFormAsync($"{Page}?handler=Grant&round=6",
            Grant(null, Be(deadline.AddDays(10)), "สำนักงานถูกน้ำท่วม", chosen: Samples.KhlongRi), list);
        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
        html = await provincial.GetStringAsync(granted.Headers.Location!.OriginalString);
        Assert.Contains($"ขยายเวลารอบ 6 เดือนให้ อปท. รหัส {Samples.KhlongRi} ถึง " +
                        $"{ThaiFormat.ShortDate(deadline.AddDays(10))} เรียบร้อยแล้ว", html);
        Assert.Contains($"data-testid=\"extension-{Samples.KhlongRi}\"", html);
        Assert.Matches(HistoryRow("ขยายเวลารายงานให้ อปท.", "-", ThaiFormat.ShortDate(deadline.AddDays(10))), html);

        // another province's LAO, a day too late and no reason: Thai messages on the form, nothing granted
        var outside = await provincial.PostFormAsync($"{Page}?handler=Grant&round=6",
            Grant(Samples.ChiangMaiCity, Be(deadline.AddDays(10)), "x"), list);
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode); // outside the scope: 404, the form kept
        Assert.Contains(AccessMessages.LaoNotFound, await outside.Content.ReadAsStringAsync());
        var late = await provincial.PostFormAsync($"{Page}?handler=Grant&round=6",
            Grant(Samples.KohYo, Be(deadline.AddDays(91)), "อุทกภัย"), list);
        var lateHtml = await late.Content.ReadAsStringAsync();
        Assert.Contains("ขยายเวลาได้ไม่เกิน 90 วันหลังกำหนดส่งเดิม", lateHtml);
        Assert.Contains($"value=\"{Be(deadline.AddDays(91))}\"", lateHtml);
        var noReason = await provincial.PostFormAsync($"{Page}?handler=Grant&round=6",
            Grant(Samples.KohYo, Be(deadline.AddDays(5)), " "), list);
        Assert.Contains("กรุณากรอกเหตุผลของการขยายเวลา", await noReason.Content.ReadAsStringAsync());
        Assert.Equal([Samples.KhlongRi], (await App.SendAsync(TestUser.Admin(),
            new ListRoundExtensionsQuery(App.CurrentYear, 6))).Select(e => e.DlaCode));

        Dictionary<string, string?> Revoke(string reason) => new()
        {
            ["Revoke.Round"] = "6", ["Revoke.DlaCode"] = Samples.KhlongRi, ["Revoke.Reason"] = reason,
        };
        var unexplained = await provincial.PostFormAsync($"{Page}?handler=Revoke&round=6", Revoke(""), list);
        Assert.Contains("กรุณากรอกเหตุผลของการยกเลิกการขยายเวลา", await unexplained.Content.ReadAsStringAsync());
        var revoked = await provincial.PostFormAsync($"{Page}?handler=Revoke&round=6", Revoke("ส่งรายงานครบแล้ว"),
            list);
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        html = await provincial.GetStringAsync(revoked.Headers.Location!.OriginalString);
        Assert.DoesNotContain($"data-testid=\"extension-{Samples.KhlongRi}\"", html);
        Assert.Matches(HistoryRow("ยกเลิกการขยายเวลา", ThaiFormat.ShortDate(deadline.AddDays(10)), "-"), html);
        Assert.Contains("ส่งรายงานครบแล้ว", html);
    }

    [Fact]
    public async Task The_page_is_for_staff_and_a_provincial_office_cannot_open_another_province()
    {
        await App.SendAsync(TestUser.Admin(), new GrantRoundExtensionCommand(App.CurrentYear, 6, Samples.ChiangMaiCity,
            RoundWindow.DefaultDates(App.CurrentYear, 6).Deadline.AddDays(3), "ไฟป่า"));
        using var provincial = await App.SignedInClientAsync("prov90", AppFixture.ProvincialPassword);
        Assert.Equal(HttpStatusCode.NotFound, (await provincial.GetAsync($"{Page}?provinceCode=50")).StatusCode);
        Assert.DoesNotContain(Samples.ChiangMaiCity, await provincial.GetStringAsync($"{Page}?round=6"));

        using var admin = await App.SignedInClientAsync("admin", AppFixture.AdminPassword);
        Assert.Contains($"data-testid=\"extension-{Samples.ChiangMaiCity}\"",
            await admin.GetStringAsync($"{Page}?round=6"));
        Assert.DoesNotContain($"data-testid=\"extension-{Samples.ChiangMaiCity}\"",
            await admin.GetStringAsync($"{Page}?round=6&provinceCode=90"));

        await App.SetUpLaoAsync();
        using var lao = await App.SignedInClientAsync(Samples.KohYo, Samples.Password);
        var refused = await lao.GetAsync(Page);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/projects/list", refused.Headers.Location!.OriginalString);
    }

    /// <summary>A row of the history table with this change, its old and its new value.</summary>
    private static Regex HistoryRow(string what, string old, string @new) => new(
        $"<td>{Regex.Escape(what)}</td>\\s*<td>[^<]*</td>\\s*<td>{Regex.Escape(old)}</td>\\s*" +
        $"<td>{Regex.Escape(@new)}</td>");
}
