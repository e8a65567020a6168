using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.IntegrationTests.Pages;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Projects.Features.Screening;
using EPlanNacc.TestSupport;
using FluentValidation;
using static EPlanNacc.TestSupport.ProjectSamples;

namespace EPlanNacc.IntegrationTests.Projects;

/// <summary>The screening queue (<c>/staff/screening</c>, <see cref="ListScreeningQueueQuery"/>): every project
/// awaiting screening in the officer's scope across LAOs, filtered, sorted by LAO and dimension, a page at a time;
/// marked one or many at once from the page, a stale row refused with what changed.</summary>
public sealed partial class ScreeningQueueTests(AppFixture app) : IntegrationTest(app)
{
    /// <summary>Projects of Koh Yo (Songkhla, อำเภอเมืองสงขลา), Khlong Ri (Songkhla, อำเภอสทิงพระ) and Chiang Mai city;
    /// the names say what each is.</summary>
    private sealed record World(
        Guid KohYoDim1, Guid KohYoDim2, Guid KohYoScreened, Guid KohYoWithdrawn, Guid KhlongRi, Guid ChiangMai,
        Guid KohYoLastYear);

    private async Task<World> BuildWorldAsync()
    {
        // created out of order: the queue sorts by LAO (province, district, name), then dimension
        var khlongRi = await App.CreateProjectAsync(Samples.KhlongRi, App.Project(name: "คลองรี มิติ 1"));
        var dim2 = await App.CreateProjectAsync(Samples.KohYo,
            App.Project(name: "เกาะยอ มิติ 2", dimension: "2", mission: null, budget: 20_000m));
        var dim1 = await App.CreateProjectAsync(Samples.KohYo, App.Project(name: "เกาะยอ มิติ 1"));
        var screened = await App.CreateProjectAsync(Samples.KohYo, App.Project(name: "เกาะยอ คัดกรองแล้ว"));
        var withdrawn = await App.CreateProjectAsync(Samples.KohYo, App.Project(name: "เกาะยอ ก่อนแก้ไข"));
        await App.SendAsync(TestUser.Provincial(), new ScreenProjectsCommand([screened, withdrawn], true));
        // an edit of the name withdraws the screening: the project awaits screening again
        await App.SendAsync(TestUser.Lao(Samples.KohYo),
            Update(withdrawn, 2, App.Project(name: "เกาะยอ แก้ไขหลังคัดกรอง")));
        var chiangMai = await App.CreateProjectAsync(Samples.ChiangMaiCity, App.Project(name: "เชียงใหม่ มิติ 1"));
        var lastYear = await App.CreateProjectAsync(Samples.KohYo,
            App.Project(name: "เกาะยอ ปีก่อน", fiscalYear: App.CurrentYear - 1));
        return new World(dim1, dim2, screened, withdrawn, khlongRi, chiangMai, lastYear);
    }

    private Task<ScreeningQueue> QueueAsync(TestUser user, string? province = null, string? district = null,
        string? dimension = null, int page = 1, int pageSize = 50, int? year = null) =>
        App.SendAsync(user, new ListScreeningQueueQuery(year ?? App.CurrentYear, province, district, dimension, page,
            pageSize));

    [Fact]
    public async Task A_provincial_office_sees_what_awaits_screening_in_its_province_only()
    {
        var w = await BuildWorldAsync();

        var queue = await QueueAsync(TestUser.Provincial());
        Assert.Equal(("90", "สงขลา"), (queue.ProvinceCode, queue.ProvinceNameTh));
        // by LAO (อำเภอเมืองสงขลา before สทิงพระ), then dimension, then as recorded; screened ones left out
        Assert.Equal([w.KohYoDim1, w.KohYoWithdrawn, w.KohYoDim2, w.KhlongRi], queue.Items.Select(i => i.Id));
        Assert.Equal(4, queue.Total);
        var withdrawn = queue.Items.Single(i => i.Id == w.KohYoWithdrawn);
        Assert.True(withdrawn.Withdrawn);
        Assert.Equal(3, withdrawn.Version);
        Assert.False(queue.Items.Single(i => i.Id == w.KohYoDim1).Withdrawn);
        var dim2 = queue.Items.Single(i => i.Id == w.KohYoDim2);
        Assert.Equal(("องค์การบริหารส่วนตำบลเกาะยอ", "เมืองสงขลา", "2", "project", 20_000m),
            (dim2.LaoNameTh, dim2.DistrictNameTh, dim2.DimensionCode, dim2.WorkType, dim2.Budget));
        Assert.Equal([1, 2], dim2.Quarters);
        Assert.NotEmpty(dim2.DimensionNameTh);
        Assert.Equal("1.1.2", queue.Items[0].MissionCode);
        Assert.NotNull(queue.Items[0].MissionNameTh);
        Assert.Equal("อบรมให้ความรู้ด้านคุณธรรมและจริยธรรมแก่บุคลากร", queue.Items[0].Essence);
        // its own province by code too; the filters' choices: the province's districts, the year's dimensions
        Assert.Equal(4, (await QueueAsync(TestUser.Provincial(), "90")).Total);
        Assert.Contains(queue.Districts, d => d is { Code: "9002", NameTh: "สทิงพระ" });
        Assert.Empty(queue.Provinces);
        Assert.Contains(queue.Dimensions, d => d.Code == "4");

        // another province is not found; an LAO may not ask
        var refused = await Assert.ThrowsAsync<NotFoundException>(() => QueueAsync(TestUser.Provincial(), "50"));
        Assert.Equal(AccessMessages.ProvinceNotFound, refused.Message);
        await Assert.ThrowsAsync<ForbiddenException>(() => QueueAsync(TestUser.Lao(Samples.KohYo)));
        Assert.Equal([w.ChiangMai],
            (await QueueAsync(TestUser.Provincial("50", "prov50"))).Items.Select(i => i.Id));
    }

    [Fact]
    public async Task An_admin_sees_the_nation_or_one_province()
    {
        var w = await BuildWorldAsync();

        var nation = await QueueAsync(TestUser.Admin());
        Assert.Null(nation.ProvinceCode);
        // Chiang Mai (50) before Songkhla (90)
        Assert.Equal([w.ChiangMai, w.KohYoDim1, w.KohYoWithdrawn, w.KohYoDim2, w.KhlongRi],
            nation.Items.Select(i => i.Id));
        Assert.Equal("เชียงใหม่", nation.Items[0].ProvinceNameTh);
        Assert.Equal(77, nation.Provinces.Count);
        Assert.Empty(nation.Districts);

        var chiangMai = await QueueAsync(TestUser.Admin(), "50");
        Assert.Equal("50", chiangMai.ProvinceCode);
        Assert.Equal([w.ChiangMai], chiangMai.Items.Select(i => i.Id));
        await Assert.ThrowsAsync<RuleViolationException>(() => QueueAsync(TestUser.Admin(), "ab"));
    }

    [Fact]
    public async Task The_queue_filters_by_district_dimension_and_year_and_pages()
    {
        var w = await BuildWorldAsync();
        var office = TestUser.Provincial();

        Assert.Equal([w.KhlongRi], (await QueueAsync(office, district: "9002")).Items.Select(i => i.Id));
        var dim1 = await QueueAsync(office, dimension: "1");
        Assert.Equal([w.KohYoDim1, w.KohYoWithdrawn, w.KhlongRi], dim1.Items.Select(i => i.Id));
        Assert.Equal("1", dim1.DimensionCode);
        Assert.Equal([w.KohYoDim2], (await QueueAsync(office, "90", "9001", "2")).Items.Select(i => i.Id));
        Assert.Equal([w.KohYoLastYear],
            (await QueueAsync(office, year: App.CurrentYear - 1)).Items.Select(i => i.Id));
        var none = await QueueAsync(office, year: App.CurrentYear + 1);
        Assert.Equal((0, 1, 1, 0), (none.Total, none.Page, none.PageCount, none.Items.Count)); // one row of the count
        // another province's district is no choice of this office: it filters nothing
        var foreign = await QueueAsync(office, district: "5001");
        Assert.Equal((4, (string?)null), (foreign.Total, foreign.DistrictCode));

        var second = await QueueAsync(office, page: 2, pageSize: 3);
        Assert.Equal((2, 2, 4), (second.Page, second.PageCount, second.Total));
        Assert.Equal([w.KhlongRi], second.Items.Select(i => i.Id));
        // past the end: the last page
        Assert.Equal(2, (await QueueAsync(office, page: 9, pageSize: 3)).Page);

        var bad = await Assert.ThrowsAsync<ValidationException>(() =>
            QueueAsync(office, district: "90x", dimension: "มิติ", page: 0, pageSize: 500));
        Assert.Equal(4, bad.Errors.Count());
    }

    [Fact]
    public async Task An_officer_marks_many_projects_of_several_LAOs_at_once_from_the_queue_page()
    {
        var w = await BuildWorldAsync();
        using var staff = await App.SignedInClientAsync("prov90", AppFixture.ProvincialPassword);
        var path = $"/staff/screening?fiscalYear={App.CurrentYear}";
        var html = await staff.GetStringAsync(path);
        Assert.Contains("รอการคัดกรอง", html);
        Assert.Equal(4, QueueRows().Matches(html).Count);
        Assert.Single(Regex.Matches(html, "data-testid=\"withdrawn\""));

        var saved = await ScreenAsync(staff, path,
        [
            .. Selected(w.KohYoDim2, 1), .. Selected(w.KhlongRi, 1), new("Screening", ProjectConformity.NonConforming),
            new("Reason", "ไม่ใช่มาตรการป้องกันการทุจริต"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        // back to the queue as it was shown
        Assert.Equal($"/staff/screening?fiscalYear={App.CurrentYear}&provinceCode=90&pageNumber=1",
            saved.Headers.Location?.OriginalString);
        foreach (var (id, lao) in new[] { (w.KohYoDim2, Samples.KohYo), (w.KhlongRi, Samples.KhlongRi) })
        {
            var p = await App.GetProjectAsync(id, TestUser.Lao(lao));
            Assert.Equal((ProjectConformity.NonConforming, "ไม่ใช่มาตรการป้องกันการทุจริต"),
                (p.Conformity, p.ConformityReason));
        }
        var after = await staff.GetStringAsync(saved.Headers.Location!.OriginalString);
        Assert.Contains("บันทึกผลการคัดกรอง “ไม่สอดคล้อง (ไม่ต้องรายงานผล)” แล้ว 2 โครงการ", after);
        Assert.Equal(2, QueueRows().Matches(after).Count);
    }

    [Fact]
    public async Task A_stale_row_refuses_the_whole_save_and_keeps_the_officers_choice()
    {
        var w = await BuildWorldAsync();
        using var staff = await App.SignedInClientAsync("prov90", AppFixture.ProvincialPassword);
        var path = $"/staff/screening?fiscalYear={App.CurrentYear}";
        // the LAO renames a project after the officer opened the queue at version 1
        await App.SendAsync(TestUser.Lao(Samples.KohYo),
            Update(w.KohYoDim1, 1, App.Project(name: "เกาะยอ ชื่อที่แก้ระหว่างคัดกรอง")));

        var stale = await ScreenAsync(staff, path,
        [
            .. Selected(w.KohYoDim1, 1), .. Selected(w.KhlongRi, 1), new("Screening", ProjectConformity.Conforming),
            new("Reason", "ตรงตามมิติที่ 1"),
        ]);
        var html = await stale.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("data-testid=\"conflict\"", html);
        Assert.Contains("“เกาะยอ ชื่อที่แก้ระหว่างคัดกรอง”", html);
        Assert.Matches("id=\"screen-yes\"[^>]*checked", html);
        Assert.Contains(">ตรงตามมิติที่ 1</textarea>", html);
        Assert.Matches($"value=\"{w.KohYoDim1}\"[^>]*checked", html);
        Assert.Contains($"name=\"Versions[{w.KohYoDim1}]\" value=\"2\"", html);
        // nothing was saved, not even the row that was current
        Assert.Equal(ProjectConformity.Unset, (await App.GetProjectAsync(w.KhlongRi, TestUser.Admin())).Conformity);
        Assert.Equal(ProjectConformity.Unset, (await App.GetProjectAsync(w.KohYoDim1)).Conformity);
    }

    [Fact]
    public async Task The_page_shows_bad_filters_in_Thai_and_refuses_an_LAO()
    {
        using var staff = await App.SignedInClientAsync("prov90", AppFixture.ProvincialPassword);
        var bad = await staff.GetAsync("/staff/screening?districtCode=abc");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("รหัสอำเภอต้องเป็นตัวเลข 4 หลัก", await bad.Content.ReadAsStringAsync());
        var foreign = await staff.GetAsync("/staff/screening?provinceCode=50");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);

        await App.SetUpLaoAsync();
        using var lao = await App.SignedInClientAsync(Samples.KohYo, Samples.Password);
        await lao.AssertRedirectedAsync("/staff/screening", "/projects/list");
    }

    private static KeyValuePair<string, string>[] Selected(Guid id, int version) =>
        [new("Selected", id.ToString()), new($"Versions[{id}]", version.ToString(CultureInfo.InvariantCulture))];

    /// <summary>Posts the screening form of the queue page at <paramref name="path"/> to the address the page's form
    /// posts to, as a browser would (Selected many times).</summary>
    private static async Task<HttpResponseMessage> ScreenAsync(HttpClient client, string path,
        List<KeyValuePair<string, string>> fields)
    {
        var html = await client.GetStringAsync(path);
        var form = ScreenForm().Match(html);
        Assert.True(form.Success, "no screening form on the queue page");
        var action = FormAction().Match(form.Value);
        fields.Add(new("__RequestVerificationToken", await client.AntiforgeryTokenAsync(path)));
        return await client.PostAsync(WebUtility.HtmlDecode(action.Groups["action"].Value),
            new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("<form [^>]*id=\"screen-form\"[^>]*>")]
    private static partial Regex ScreenForm();

    [GeneratedRegex("action=\"(?<action>[^\"]+)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("data-testid=\"queue-row\"")]
    private static partial Regex QueueRows();
}
