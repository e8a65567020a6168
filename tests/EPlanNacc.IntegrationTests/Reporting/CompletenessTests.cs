using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.IntegrationTests.Pages;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Reporting.Features.Completeness;
using EPlanNacc.TestSupport;
using MiniExcelLibs;
using static EPlanNacc.TestSupport.CompletenessSamples;

namespace EPlanNacc.IntegrationTests.Reporting;

/// <summary>Who has done what in a round (issue 8, section 3), on the known round of
/// <see cref="CompletenessSamples"/>: every count of the API (the nation by province, a province by LAO), the page
/// (totals, district subtotals, filters, sorting, drill-down, links), the Excel file, and the scope: a provincial
/// office reads its own province only.</summary>
public sealed partial class CompletenessTests(AppFixture app) : IntegrationTest(app)
{
    private sealed record Counts(int LaoCount, int ProfileCompleted, int PlanRecorded, int RoundReported, int OnTime,
        int Late);

    private sealed record Row(string Code, string NameTh, int LaoCount, int ProfileCompleted, int PlanRecorded,
        int RoundReported, int OnTime, int Late)
    {
        public Counts Counts => new(LaoCount, ProfileCompleted, PlanRecorded, RoundReported, OnTime, Late);
    }

    private sealed record Answer(int FiscalYear, int Round, Counts Total, IReadOnlyList<Row> Rows);

    private string Query(string? province = null) =>
        $"/api/v1/admin/completeness?fiscalYear={App.CurrentYear}&round=6" +
        (province is null ? "" : $"&provinceCode={province}");

    [Fact]
    public async Task The_nation_by_province_counts_profiles_plans_and_reports_on_time_and_late()
    {
        await App.RecordKnownRoundAsync();
        using var admin = await App.CreateApiClientAsync("admin", AppFixture.AdminPassword);
        var answer = (await admin.GetFromJsonAsync<Answer>(Query()))!;

        Assert.Equal((App.CurrentYear, 6), (answer.FiscalYear, answer.Round));
        Assert.Equal(new Counts(NationLaos, 5, 5, 4, 3, 1), answer.Total);
        Assert.Equal(76, answer.Rows.Count); // every province with LAOs: Bangkok has none in the DLA registry
        Assert.DoesNotContain(answer.Rows, r => r.Code == "10");
        Assert.Equal(new Counts(SongkhlaLaos, 3, 3, 2, 2, 0), answer.Rows.Single(r => r.Code == "90").Counts);
        Assert.Equal("สงขลา", answer.Rows.Single(r => r.Code == "90").NameTh);
        Assert.Equal(new Counts(ChiangMaiLaos, 2, 2, 2, 1, 1), answer.Rows.Single(r => r.Code == "50").Counts);
        Assert.All(answer.Rows.Where(r => r.Code is not ("90" or "50")),
            r => Assert.Equal(new Counts(r.LaoCount, 0, 0, 0, 0, 0), r.Counts));
        Assert.Equal(NationLaos, answer.Rows.Sum(r => r.LaoCount));
    }

    [Fact]
    public async Task A_province_by_LAO_counts_each_LAO_once_and_the_JSON_has_exactly_the_fields_of_the_contract()
    {
        await App.RecordKnownRoundAsync();
        using var admin = await App.CreateApiClientAsync("admin", AppFixture.AdminPassword);
        var json = await admin.GetStringAsync(Query("90"));
        var answer = System.Text.Json.JsonSerializer.Deserialize<Answer>(json,
            System.Text.Json.JsonSerializerOptions.Web)!;

        Assert.Equal(new Counts(SongkhlaLaos, 3, 3, 2, 2, 0), answer.Total);
        Assert.Equal(SongkhlaLaos, answer.Rows.Count);
        Assert.All(answer.Rows, r => Assert.Equal(1, r.LaoCount));
        var rows = answer.Rows.ToDictionary(r => r.Code, r => r.Counts);
        Assert.Equal(new Counts(1, 1, 1, 1, 1, 0), rows[A]); // both projects reported before the deadline
        Assert.Equal(new Counts(1, 1, 1, 0, 0, 0), rows[B]); // one of two reported
        Assert.Equal(new Counts(1, 1, 1, 1, 1, 0), rows[C]); // its only project needs no report
        Assert.Equal(new Counts(1, 0, 0, 0, 0, 0), rows[D]);
        Assert.Equal("องค์การบริหารส่วนตำบลเกาะยอ", answer.Rows.Single(r => r.Code == A).NameTh);

        using var doc = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal(["fiscalYear", "round", "total", "rows"], doc.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["laoCount", "profileCompleted", "planRecorded", "roundReported", "onTime", "late"],
            doc.RootElement.GetProperty("total").EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            ["code", "nameTh", "laoCount", "profileCompleted", "planRecorded", "roundReported", "onTime", "late"],
            doc.RootElement.GetProperty("rows")[0].EnumerateObject().Select(p => p.Name));

        var chiangMai = (await admin.GetFromJsonAsync<Answer>(Query("50")))!;
        Assert.Equal(new Counts(ChiangMaiLaos, 2, 2, 2, 1, 1), chiangMai.Total);
        var cm = chiangMai.Rows.ToDictionary(r => r.Code, r => r.Counts);
        Assert.Equal(new Counts(1, 1, 1, 1, 1, 0), cm[E]); // after the deadline, within its extension
        Assert.Equal(new Counts(1, 1, 1, 1, 0, 1), cm[F]); // its extension was revoked after it reported
    }

    [Fact]
    public async Task A_provincial_office_reads_its_own_province_404_for_another_403_for_an_LAO_400_for_bad_values()
    {
        await App.RecordKnownRoundAsync();
        using var provincial = await App.CreateApiClientAsync("prov90", AppFixture.ProvincialPassword);
        var own = (await provincial.GetFromJsonAsync<Answer>(Query()))!; // none named: its own province's LAOs
        Assert.Equal(SongkhlaLaos, own.Rows.Count);
        Assert.Equal(new Counts(SongkhlaLaos, 3, 3, 2, 2, 0), own.Total);
        Assert.Equal(own.Total, (await provincial.GetFromJsonAsync<Answer>(Query("90")))!.Total);
        var foreign = await (await provincial.GetAsync(Query("50"))).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(AccessMessages.ProvinceNotFound, foreign.Detail);

        using var lao = await App.CreateApiClientAsync(A, Samples.Password);
        await (await lao.GetAsync(Query())).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await lao.GetAsync(Query("90"))).AssertProblemAsync(HttpStatusCode.Forbidden);

        using var admin = await App.CreateApiClientAsync("admin", AppFixture.AdminPassword);
        var round = await (await admin.GetAsync($"/api/v1/admin/completeness?fiscalYear={App.CurrentYear}&round=3"))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal([BuildingBlocks.Validation.CodeRules.RoundMessage], round.Errors["round"]);
        var none = await (await admin.GetAsync($"/api/v1/admin/completeness?fiscalYear={App.CurrentYear}"))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(none.Errors.ContainsKey("round"));
        await (await admin.GetAsync($"/api/v1/admin/completeness?fiscalYear=abc&round=6"))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        var code = await (await admin.GetAsync(Query("9"))).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal([BuildingBlocks.Validation.CodeRules.ProvinceCodeMessage], code.Errors["provinceCode"]);
        await (await admin.GetAsync(Query("99"))).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await App.CreateClient().GetAsync(Query())).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_query_tells_each_LAO_s_state_timing_extension_band_and_the_district_subtotals()
    {
        await App.RecordKnownRoundAsync();
        var songkhla = await App.SendAsync(TestUser.Provincial(), new GetCompletenessQuery(App.CurrentYear, 6));
        var laos = songkhla.Laos.ToDictionary(l => l.DlaCode);
        var (_, deadline) = Dates(App);

        Assert.Equal(("complete", "ครบ", "ตรงเวลา", "green", 100m), Of(laos[A]));
        Assert.Equal(("partial", "บางส่วน (1/2)", null, "orange", 25m), Of(laos[B]));
        Assert.Equal(("not_required", "ไม่ต้องรายงานผล", "ตรงเวลา", null, null), Of(laos[C]));
        Assert.Equal(("no_plan", "-", null, null, null), Of(laos[D]));
        Assert.Null(laos[C].FinishedAt);
        Assert.Equal(Dates(App).OpensOn.AddDays(9), DayOf(laos[A].FinishedAt!.Value));
        Assert.Equal(["9001", "9002"], songkhla.Areas.Take(2).Select(a => a.Code));
        var district9001 = songkhla.Areas.Single(a => a.Code == "9001");
        Assert.Equal((7, 2, 2, 2, 2, 0, 1), (district9001.Counts.LaoCount, district9001.Counts.ProfileCompleted,
            district9001.Counts.PlanRecorded, district9001.Counts.RoundReported, district9001.Counts.OnTime,
            district9001.Counts.Late, district9001.Counts.Green));
        var district9002 = songkhla.Areas.Single(a => a.Code == "9002");
        Assert.Equal((12, 1, 1, 0, 12, 1), (district9002.Counts.LaoCount, district9002.Counts.ProfileCompleted,
            district9002.Counts.PlanRecorded, district9002.Counts.RoundReported, district9002.Counts.NotReported,
            district9002.Counts.Orange));
        Assert.Equal([B, D], songkhla.NotReported.Where(l => l.DlaCode is B or D).Select(l => l.DlaCode).Order());
        Assert.Equal(SongkhlaLaos - 2, songkhla.NotReported.Count);

        var chiangMai = await App.SendAsync(TestUser.Admin(), new GetCompletenessQuery(App.CurrentYear, 6, "50"));
        var e = chiangMai.Laos.Single(l => l.DlaCode == E);
        var f = chiangMai.Laos.Single(l => l.DlaCode == F);
        Assert.Equal(("complete", "ครบ", "ตรงเวลา (ภายในเวลาที่ขยาย)", "green", 100m), Of(e));
        Assert.Equal(deadline.AddDays(15), e.ExtendedUntil);
        Assert.Equal(deadline.AddDays(10), DayOf(e.FinishedAt!.Value));
        Assert.Equal(("complete", "ครบ", "ล่าช้า", "red", 0m), Of(f));
        Assert.Null(f.ExtendedUntil);
        Assert.Equal((1, 1, 1), (chiangMai.Total.InExtension, chiangMai.Total.Extended, chiangMai.Total.Late));
        Assert.Equal(deadline, chiangMai.Deadline);
    }

    [Fact]
    public async Task The_round_progress_of_the_Projects_contract_agrees_with_the_round_count_of_every_LAO()
    {
        await App.RecordKnownRoundAsync();
        var codes = new[] { A, B, C, D, E, F };
        var progress = await App.SendAsync(TestUser.Admin(), new ListRoundProgressQuery(App.CurrentYear, 6, codes));
        var results = await App.SendAsync(TestUser.Admin(), new ListProjectResultsQuery(App.CurrentYear, codes));
        Assert.Equal(new[] { A, B, C, E, F }.Order(), progress.Laos.Select(l => l.DlaCode)); // D has no plan
        foreach (var lao in progress.Laos)
        {
            var count = RoundCount.Of(results.Where(r => r.DlaCode == lao.DlaCode), 6);
            Assert.Equal((count.ProjectCount, count.NeedReport, count.Reported, count.State),
                (lao.ProjectCount, lao.NeedReport, lao.Reported, lao.State));
        }
        var nation = await App.SendAsync(TestUser.Admin(), new ListRoundProgressQuery(App.CurrentYear, 6));
        Assert.Equal(progress.Laos, nation.Laos);
        Assert.Equal([E], nation.Extensions.Keys);
        Assert.Empty((await App.SendAsync(TestUser.Admin(), new ListRoundProgressQuery(App.CurrentYear, 6, []))).Laos);
    }

    [Fact]
    public async Task The_nation_s_page_shows_the_map_the_table_and_a_drill_down_link_for_each_province()
    {
        await App.RecordKnownRoundAsync();
        using var admin = await App.SignedInClientAsync("admin", AppFixture.AdminPassword);
        var html = await admin.GetStringAsync($"/staff/completeness?fiscalYear={App.CurrentYear}&round=6");

        Assert.Contains("data-testid=\"completeness-map\"", html);
        // the nation's figures may be a few seconds old: the page says when they were computed
        Assert.Contains($"ข้อมูล ณ {BuildingBlocks.Thai.ThaiFormat.DateTime(App.Clock.GetUtcNow())}",
            Cell(html, "figures-at"));
        Assert.Contains("lib/maps/thailand-provinces.json", html);
        Assert.Contains("lib/echarts/echarts.min.js", html);
        Assert.Equal("7,849", Cell(html, "total-laos"));
        Assert.Equal(("5", "5", "4", "3", "1"), (Cell(html, "total-profile"), Cell(html, "total-plan"),
            Cell(html, "total-reported"), Cell(html, "total-on-time"), Cell(html, "total-late")));
        var songkhla = RowOf(html, "area-90");
        Assert.Equal(("141", "3", "3", "2", "2", "0", "139", "1", "1", "0"),
            (Cell(songkhla, "laos"), Cell(songkhla, "profile"), Cell(songkhla, "plan"), Cell(songkhla, "reported"),
                Cell(songkhla, "on-time"), Cell(songkhla, "late"), Cell(songkhla, "not-reported"),
                Cell(songkhla, "green"), Cell(songkhla, "orange"), Cell(songkhla, "red")));
        Assert.Contains("(1.4%)", songkhla); // 2 of 141 reported
        Assert.Matches("data-code=\"90\"[^>]*data-value=\"1.42\"", html); // what the map shades
        Assert.Matches($"href=\"/staff/completeness\\?fiscalYear={App.CurrentYear}&amp;round=6&amp;provinceCode=90\"",
            songkhla);
        Assert.Equal(76, AreaRows().Matches(html).Count);

        // the late filter keeps the provinces with a late LAO; sorting by the share reported puts Songkhla first
        var late = await admin.GetStringAsync($"/staff/completeness?fiscalYear={App.CurrentYear}&round=6&filter=late");
        Assert.Equal(["50"], AreaRows().Matches(late).Select(m => m.Groups[1].Value));
        var sorted = await admin.GetStringAsync(
            $"/staff/completeness?fiscalYear={App.CurrentYear}&round=6&sort=reported&desc=true");
        Assert.Equal(["90", "50"], AreaRows().Matches(sorted).Take(2).Select(m => m.Groups[1].Value));
        Assert.Contains("aria-sort=\"descending\"", sorted);
    }

    [Fact]
    public async Task A_province_s_page_lists_its_LAOs_by_district_with_subtotals_filters_and_links_to_their_projects()
    {
        await App.RecordKnownRoundAsync();
        using var provincial = await App.SignedInClientAsync("prov90", AppFixture.ProvincialPassword);
        var html = await provincial.GetStringAsync($"/staff/completeness?fiscalYear={App.CurrentYear}&round=6");

        Assert.DoesNotContain("data-testid=\"completeness-map\"", html);
        Assert.DoesNotContain("data-testid=\"figures-at\"", html); // a province's figures are never kept
        Assert.Contains("จังหวัดสงขลา", Cell(html, "completeness-subject"));
        Assert.Equal(("141", "3", "3", "2", "2", "0", "139"), (Cell(html, "total-laos"), Cell(html, "total-profile"),
            Cell(html, "total-plan"), Cell(html, "total-reported"), Cell(html, "total-on-time"),
            Cell(html, "total-late"), Cell(html, "total-not-reported")));
        var a = RowOf(html, $"lao-{A}");
        Assert.Equal(("ครบ", "บันทึกแล้ว", "ครบ", "ตรงเวลา"),
            (Cell(a, "profile"), Cell(a, "plan"), Cell(a, "round"), Cell(a, "timing")));
        Assert.Contains($"href=\"/projects/list?dlaCode={A}&amp;fiscalYear={App.CurrentYear}\"", a);
        var b = RowOf(html, $"lao-{B}");
        Assert.Equal(("บางส่วน (1/2)", "-"), (Cell(b, "round"), Cell(b, "timing")));
        Assert.Equal(("ยังไม่ครบ", "ยังไม่บันทึก"), (Cell(RowOf(html, $"lao-{D}"), "profile"),
            Cell(RowOf(html, $"lao-{D}"), "plan")));
        var subtotal = RowOf(html, "subtotal-9001");
        Assert.Contains("รวมอำเภอเมืองสงขลา (7 แห่ง)", subtotal);
        Assert.Contains("ตรงเวลา 2 · ล่าช้า 0", subtotal);
        // the subtotal of a district follows its last LAO
        Assert.True(html.IndexOf($"lao-{C}", StringComparison.Ordinal) < html.IndexOf("subtotal-9001",
            StringComparison.Ordinal));
        Assert.True(html.IndexOf("subtotal-9001", StringComparison.Ordinal) < html.IndexOf($"lao-{B}",
            StringComparison.Ordinal));

        var notReported = await provincial.GetStringAsync(
            $"/staff/completeness?fiscalYear={App.CurrentYear}&round=6&filter=not_reported");
        Assert.Equal(SongkhlaLaos - 2, LaoRows().Matches(notReported).Count);
        Assert.Contains($"lao-{B}", notReported);
        Assert.DoesNotContain($"lao-{A}\"", notReported);
        var noPlan = await provincial.GetStringAsync(
            $"/staff/completeness?fiscalYear={App.CurrentYear}&round=6&filter=no_plan");
        Assert.DoesNotContain($"lao-{B}\"", noPlan);
        Assert.Contains($"lao-{D}\"", noPlan);
        Assert.Contains("aria-current=\"page\"", noPlan);
        var byScore = await provincial.GetStringAsync(
            $"/staff/completeness?fiscalYear={App.CurrentYear}&round=6&sort=score&desc=true");
        Assert.Equal([A, B], LaoRows().Matches(byScore).Take(2).Select(m => m.Groups[1].Value));
        Assert.DoesNotContain("subtotal-9001", byScore); // not grouped by district any more

        // another province: not found
        var foreign = await provincial.GetAsync($"/staff/completeness?fiscalYear={App.CurrentYear}&round=6" +
                                                "&provinceCode=50");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);

        // an admin drills down into Chiang Mai and gets back to the nation
        using var admin = await App.SignedInClientAsync("admin", AppFixture.AdminPassword);
        var chiangMai = await admin.GetStringAsync(
            $"/staff/completeness?fiscalYear={App.CurrentYear}&round=6&provinceCode=50");
        Assert.Equal("ล่าช้า", Cell(RowOf(chiangMai, $"lao-{F}"), "timing"));
        Assert.StartsWith("ตรงเวลา (ภายในเวลาที่ขยาย)", Cell(RowOf(chiangMai, $"lao-{E}"), "timing"));
        Assert.Contains("data-testid=\"back-to-nation\"", chiangMai);

        // an LAO has no business here
        using var lao = await App.SignedInClientAsync(A, Samples.Password);
        await lao.AssertForbiddenPageAsync($"/staff/completeness?fiscalYear={App.CurrentYear}&round=6");
    }

    [Fact]
    public async Task The_Excel_file_carries_every_province_or_every_LAO_with_the_counts_of_the_page()
    {
        await App.RecordKnownRoundAsync();
        using var admin = await App.SignedInClientAsync("admin", AppFixture.AdminPassword);
        var nation = await XlsxAsync(admin, $"/staff/completeness?handler=xlsx&fiscalYear={App.CurrentYear}&round=6",
            $"completeness-{App.CurrentYear}-r6.xlsx");
        var provinces = Sheet(nation, "รายจังหวัด");
        Assert.Equal(77, provinces.Count); // 76 provinces and the nation's total
        var songkhla = provinces.Single(r => Equals(r["รหัส"], "90"));
        Assert.Equal(("สงขลา", 141m, 3m, 3m, 2m, 2m, 0m, 139m), (songkhla["จังหวัด"], Num(songkhla["อปท. (แห่ง)"]),
            Num(songkhla["ข้อมูลพื้นฐานครบ"]), Num(songkhla["บันทึกแผนแล้ว"]), Num(songkhla["รายงานผลครบ"]),
            Num(songkhla["ตรงเวลา"]), Num(songkhla["ล่าช้า"]), Num(songkhla["ยังไม่รายงาน"])));
        Assert.Equal(1.42m, Num(songkhla["รายงานผลครบ - ร้อยละ"]));
        var total = provinces.Last();
        Assert.Equal(("รวมทั้งประเทศ", 7849m, 4m, 3m, 1m), (total["จังหวัด"], Num(total["อปท. (แห่ง)"]),
            Num(total["รายงานผลครบ"]), Num(total["ตรงเวลา"]), Num(total["ล่าช้า"])));

        using var provincial = await App.SignedInClientAsync("prov90", AppFixture.ProvincialPassword);
        var province = await XlsxAsync(provincial,
            $"/staff/completeness?handler=xlsx&fiscalYear={App.CurrentYear}&round=6&filter=late",
            $"completeness-90-{App.CurrentYear}-r6.xlsx");
        var laos = Sheet(province, "ราย อปท.");
        // every LAO whatever the page's filter, a subtotal per district and the province's total
        Assert.Equal(SongkhlaLaos + Sheet(province, "สรุปรายอำเภอ").Count, laos.Count);
        var a = laos.Single(r => Equals(r["รหัส"], A));
        Assert.Equal(
            ("องค์การบริหารส่วนตำบลเกาะยอ", "เมืองสงขลา", "ครบ", "บันทึกแล้ว", "ครบ", "ตรงเวลา", 100m, "เขียว"),
            (a["องค์กรปกครองส่วนท้องถิ่น"], a["อำเภอ"], a["ข้อมูลพื้นฐาน"], a["บันทึกแผน"], a["รายงานผลรอบ 6 เดือน"],
                a["ตรงเวลา/ล่าช้า"], Num(a["ผลการนำแผนไปปฏิบัติ - คะแนน"]), a["ผลการนำแผนไปปฏิบัติ - ระดับ"]));
        var b = laos.Single(r => Equals(r["รหัส"], B));
        Assert.Equal(("บางส่วน (1/2)", null), (b["รายงานผลรอบ 6 เดือน"], b["ตรงเวลา/ล่าช้า"]));
        var district = Sheet(province, "สรุปรายอำเภอ").Single(r => Equals(r["รหัส"], "9001"));
        Assert.Equal(("เมืองสงขลา", 7m, 2m, 2m), (district["อำเภอ"], Num(district["อปท. (แห่ง)"]),
            Num(district["รายงานผลครบ"]), Num(district["ตรงเวลา"])));

        var foreign = await provincial.GetAsync(
            $"/staff/completeness?handler=xlsx&fiscalYear={App.CurrentYear}&round=6&provinceCode=50");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    private static (string?, string?, string?, string?, decimal?) Of(LaoCompleteness l) =>
        (l.RoundState, l.RoundText, l.TimingText, l.Band, l.Score);

    private static DateOnly DayOf(DateTimeOffset moment) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(moment, BuildingBlocks.Thai.ThaiFormat.BangkokTime).DateTime);

    private static decimal? Num(object? value) =>
        value is null ? null : Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<byte[]> XlsxAsync(HttpClient client, string url, string fileName)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(fileName, response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static List<IDictionary<string, object?>> Sheet(byte[] xlsx, string name)
    {
        using var stream = new MemoryStream(xlsx);
        Assert.Contains(name, stream.GetSheetNames());
        return stream.Query(useHeaderRow: true, sheetName: name).Cast<IDictionary<string, object?>>()
            .Where(r => r.Values.Any(v => v is not null)).ToList();
    }

    /// <summary>The HTML of the element whose data-testid is <paramref name="testId"/> (a table row).</summary>
    private static string RowOf(string html, string testId)
    {
        var start = html.IndexOf($"data-testid=\"{testId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no {testId} on the page");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    /// <summary>The text of the first element whose data-testid is <paramref name="testId"/>.</summary>
    private static string Cell(string html, string testId)
    {
        var match = new Regex($"data-testid=\"{Regex.Escape(testId)}\"[^>]*>(.*?)</(td|span|div|h2)>",
            RegexOptions.Singleline).Match(html);
        Assert.True(match.Success, $"no {testId}");
        return WebUtility.HtmlDecode(Tags().Replace(match.Groups[1].Value, "")).Trim();
    }

    [GeneratedRegex("data-testid=\"area-([0-9]{2})\"")]
    private static partial Regex AreaRows();

    [GeneratedRegex("data-testid=\"lao-([0-9]{7})\"")]
    private static partial Regex LaoRows();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
