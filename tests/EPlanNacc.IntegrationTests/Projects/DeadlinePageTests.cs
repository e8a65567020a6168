using System.Net;
using System.Text.RegularExpressions;
using EPlanNacc.IntegrationTests.Pages;
using EPlanNacc.Modules.Evaluation.Features.Assessments;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Projects.Features.Projects;
using EPlanNacc.Modules.Projects.Features.Screening;
using EPlanNacc.TestSupport;
using static EPlanNacc.TestSupport.ProjectSamples;

namespace EPlanNacc.IntegrationTests.Projects;

/// <summary>The pages of docs/adr/0008-scores-after-the-deadline.md over HTTP: the LAO sees why delete, dimension and
/// year are locked; staff edit and delete from the project's page with a reason; a withdrawn screening is said after
/// the save; every form sends the version it read.</summary>
public sealed partial class DeadlinePageTests(AppFixture app) : IntegrationTest(app)
{
    private async Task<HttpClient> LaoAsync()
    {
        await App.SetUpLaoAsync();
        return await App.SignedInClientAsync(Samples.KohYo, Samples.Password);
    }

    /// <summary>A project in KohYo's plan since 40 days, not reported; the 6-month round closed yesterday.</summary>
    private async Task<Guid> LockedProjectAsync()
    {
        var id = await App.CreateProjectAsync(project: App.Project(name: "โครงการที่ต้องรายงานรอบ 6 เดือน"));
        await App.RecordedDaysAgoAsync(40, id);
        await App.CloseRoundAsync(6);
        return id;
    }

    /// <summary>The edit form of a project as the browser posts it (its values, with the version it read).</summary>
    private static List<KeyValuePair<string, string>> EditForm(
        ProjectDetails p, string? name = null, string? dimension = null, string? reason = null)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("Input.Name", name ?? p.Name), new("Input.FiscalYear", $"{p.FiscalYear}"),
            new("Input.WorkType", p.WorkType), new("Input.DimensionCode", dimension ?? p.DimensionCode),
            new("Input.MissionCode", dimension is null ? p.MissionCode ?? "" : ""),
            new("Input.Essence", p.Essence), new("Input.Budget", $"{p.Budget}"), new("Input.NoBudget", "false"),
            new("Input.Objectives", p.Objectives), new("Input.Version", $"{p.Version}"),
        };
        form.AddRange(p.Quarters.Select(q => new KeyValuePair<string, string>("Input.Quarters", $"{q}")));
        form.AddRange(p.TargetGroups.Select(g => new KeyValuePair<string, string>("Input.TargetGroups", g)));
        if (reason is not null) form.Add(new("Input.Reason", reason));
        return form;
    }

    private static async Task<HttpResponseMessage> PostAsync(
        HttpClient client, string path, List<KeyValuePair<string, string>> form, string? formPage = null)
    {
        var token = await client.AntiforgeryTokenAsync(formPage ?? path);
        return await client.PostAsync(path,
            new FormUrlEncodedContent([.. form, new("__RequestVerificationToken", token)]));
    }

    /// <summary>A page as text (its Thai as written, not as HTML entities).</summary>
    private static async Task<string> HtmlAsync(HttpClient client, string path) =>
        WebUtility.HtmlDecode(await client.GetStringAsync(path));

    private static async Task<string> HtmlAsync(HttpResponseMessage response) =>
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    private async Task<decimal?> SelfTotalAsync()
    {
        var sheet = await App.SendAsync(TestUser.Lao(Samples.KohYo),
            new GetAssessmentQuery(Samples.KohYo, App.CurrentYear, "self"));
        return sheet.Total;
    }

    [Fact]
    public async Task The_LAO_sees_delete_dimension_and_year_locked_with_the_reason_and_a_forged_move_changes_nothing()
    {
        using var client = await LaoAsync();
        var id = await LockedProjectAsync();
        var free = await App.CreateProjectAsync(project: App.Project(name: "โครงการที่บันทึกหลังปิดรอบ"));

        var list = await HtmlAsync(client, $"/projects/list?fiscalYear={App.CurrentYear}");
        var lockedRow = Row(list, id);
        Assert.Matches("<button type=\"button\"[^>]*disabled[^>]*data-testid=\"delete\"", lockedRow);
        Assert.Contains(DeadlineLock.ShortReason, lockedRow);
        Assert.Contains("สำนักงาน ป.ป.ช. ประจำจังหวัด", lockedRow);
        Assert.DoesNotContain("handler=Delete", lockedRow);
        Assert.Contains("handler=Delete", Row(list, free));

        var edit = await HtmlAsync(client, $"/projects/{id}/edit");
        Assert.Contains("data-testid=\"move-locked\"", edit);
        Assert.Contains("แก้ไขมิติและปีงบประมาณไม่ได้:", edit);
        foreach (var field in new[] { "Input_DimensionCode", "Input_FiscalYear" })
            Assert.Matches($"<select[^>]*disabled[^>]*id=\"{field}\"|<select[^>]*id=\"{field}\"[^>]*disabled", edit);
        Assert.Contains("<input type=\"hidden\" name=\"Input.DimensionCode\" value=\"1\" />", edit);
        var freeEdit = await client.GetStringAsync($"/projects/{free}/edit");
        Assert.DoesNotContain("data-testid=\"move-locked\"", freeEdit);
        Assert.Matches("<select[^>]*id=\"Input_DimensionCode\"", freeEdit);
        Assert.DoesNotMatch("<select[^>]*(disabled|aria-describedby)[^>]*id=\"Input_DimensionCode\"", freeEdit);
        Assert.DoesNotMatch("<select[^>]*id=\"Input_DimensionCode\"[^>]*(disabled|aria-describedby)", freeEdit);

        var project = await App.GetProjectAsync(id);
        var forged = await PostAsync(client, $"/projects/{id}/edit", EditForm(project, dimension: "2"));
        var html = await HtmlAsync(forged);
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Contains("ย้ายโครงการนี้ไปมิติอื่นหรือปีงบประมาณอื่นไม่ได้ เพราะรอบ 6 เดือน", html);
        Assert.DoesNotContain("data-testid=\"conflict\"", html);
        var unchanged = await App.GetProjectAsync(id);
        Assert.Equal(("1", 1), (unchanged.DimensionCode, unchanged.Version));

        var details = await HtmlAsync(client, $"/projects/{id}");
        Assert.Contains("data-testid=\"deadline-lock\"", details);
        Assert.DoesNotContain("data-testid=\"staff-delete\"", details);
    }

    [Fact]
    public async Task After_a_material_edit_the_LAO_is_told_the_screening_was_withdrawn_and_sees_it_on_the_list()
    {
        using var client = await LaoAsync();
        var id = await App.CreateProjectAsync();
        await App.SendAsync(TestUser.Provincial(), new ScreenProjectsCommand([id], true));

        var form = EditForm(await App.GetProjectAsync(id), name: "ชื่อใหม่");
        var saved = await PostAsync(client, $"/projects/{id}/edit", form);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var list = await HtmlAsync(client, saved.Headers.Location!.OriginalString);
        Assert.Contains($"บันทึกการแก้ไขโครงการ “ชื่อใหม่” เรียบร้อยแล้ว · {ProjectChangeRules.WithdrawnNote}", list);
        Assert.Contains("data-conformity=\"unset\"", Row(list, id));
        Assert.Contains(ProjectChangeRules.WithdrawnNote, await HtmlAsync(client, $"/projects/{id}"));
    }

    [Fact]
    public async Task Staff_delete_a_locked_project_from_its_page_with_a_reason_shown_in_its_history()
    {
        var id = await LockedProjectAsync();
        using var staff = await App.SignedInClientAsync("prov90", AppFixture.ProvincialPassword);
        var page = await HtmlAsync(staff, $"/projects/{id}");
        Assert.Contains("data-testid=\"staff-delete\"", page);
        Assert.Contains("data-confirm=\"ลบโครงการ “โครงการที่ต้องรายงานรอบ 6 เดือน” ออกจากแผนของ อปท. หรือไม่", page);
        Assert.Contains("data-testid=\"staff-edit\"", page);
        Assert.Contains("อปท. จึงลบโครงการนี้หรือย้ายไปมิติหรือปีงบประมาณอื่นเองไม่ได้", page);

        var bare = await PostAsync(staff, $"/projects/{id}?handler=Delete",
            [new("Version", "1"), new("Delete.Reason", " ")], $"/projects/{id}");
        Assert.Equal(HttpStatusCode.OK, bare.StatusCode);
        Assert.Contains("กรุณาระบุเหตุผลของการลบโดยเจ้าหน้าที่", await HtmlAsync(bare));
        Assert.Equal(1, (await App.GetProjectAsync(id)).Version);

        var deleted = await PostAsync(staff, $"/projects/{id}?handler=Delete",
            [new("Version", "1"), new("Delete.Reason", "อปท. ขอให้ลบเพราะบันทึกซ้ำ (หนังสือ สข 0001/2)")],
            $"/projects/{id}");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal($"/projects/list?fiscalYear={App.CurrentYear}&dlaCode={Samples.KohYo}",
            deleted.Headers.Location!.OriginalString);
        var history = await HtmlAsync(staff, $"/projects/{id}");
        Assert.Contains("เหตุผล: อปท. ขอให้ลบเพราะบันทึกซ้ำ (หนังสือ สข 0001/2)", history);
        Assert.Contains("โดย prov90", history);
    }

    [Fact]
    public async Task Staff_edit_a_project_with_a_reason_and_come_back_to_its_page()
    {
        var id = await LockedProjectAsync();
        using var staff = await App.SignedInClientAsync("admin", AppFixture.AdminPassword);
        var form = await HtmlAsync(staff, $"/projects/{id}/edit");
        Assert.Contains("data-testid=\"staff-reason\"", form);
        Assert.DoesNotContain("data-testid=\"move-locked\"", form);

        var project = await App.GetProjectAsync(id);
        var bare = await PostAsync(staff, $"/projects/{id}/edit", EditForm(project, dimension: "3"));
        Assert.Equal(HttpStatusCode.OK, bare.StatusCode);
        Assert.Contains("กรุณาระบุเหตุผลของการแก้ไขโดยเจ้าหน้าที่", await HtmlAsync(bare));

        var withReason = EditForm(project, dimension: "3", reason: "ย้ายมิติตามผลการตรวจ");
        var saved = await PostAsync(staff, $"/projects/{id}/edit", withReason);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/projects/{id}", saved.Headers.Location!.OriginalString);
        Assert.Equal("3", (await App.GetProjectAsync(id)).DimensionCode);
        Assert.Contains("เหตุผล: ย้ายมิติตามผลการตรวจ", await HtmlAsync(staff, $"/projects/{id}"));
    }

    [Fact]
    public async Task The_screening_forms_send_the_version_they_read()
    {
        var id = await App.CreateProjectAsync();
        using var staff = await App.SignedInClientAsync("prov90", AppFixture.ProvincialPassword);
        var page = await staff.GetStringAsync($"/projects/{id}");
        Assert.Contains("<input type=\"hidden\" name=\"Version\" value=\"1\" />", page);
        var list = await staff.GetStringAsync($"/projects/list?fiscalYear={App.CurrentYear}&dlaCode={Samples.KohYo}");
        Assert.Contains($"name=\"Versions[{id}]\" value=\"1\"", list);

        await App.SendAsync(TestUser.Lao(Samples.KohYo), Update(id, 1, App.Project(name: "ชื่อที่แก้ระหว่างคัดกรอง")));
        var stale = await PostAsync(staff, $"/projects/{id}?handler=Screen",
            [new("Screening", "conforming"), new("Reason", ""), new("Version", "1")], $"/projects/{id}");
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("ชื่อที่แก้ระหว่างคัดกรอง", await HtmlAsync(stale));
        Assert.Equal(ProjectConformity.Unset, (await App.GetProjectAsync(id)).Conformity);
    }

    [Fact]
    public async Task A_stale_assessment_form_shows_who_saved_what_and_keeps_the_scores_typed()
    {
        using var client = await LaoAsync();
        var path = $"/evaluation/assessment?fiscalYear={App.CurrentYear}&assessor=self";
        Assert.Contains("name=\"Input.Version\" value=\"0\"", await client.GetStringAsync(path));
        await App.SendAsync(TestUser.Lao(Samples.KohYo),
            new SaveAssessmentCommand(Samples.KohYo, App.CurrentYear, "self",
                [new("1", 20m), new("2", 20m), new("3", 20m), new("4", 20m)]));

        List<KeyValuePair<string, string>> form =
        [
            new("FiscalYear", $"{App.CurrentYear}"), new("Assessor", "self"), new("Input.Version", "0"),
            .. Enumerable.Range(0, 4).SelectMany(i => new KeyValuePair<string, string>[]
                { new($"Input.Dimensions[{i}].Code", $"{i + 1}"), new($"Input.Dimensions[{i}].Score", "7.5") }),
        ];
        var stale = await PostAsync(client, "/evaluation/assessment", form, path);
        var html = await HtmlAsync(stale);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("data-testid=\"conflict\"", html);
        Assert.Contains("มิติที่ 1: บันทึกไว้ 20.00 คะแนน (ท่านกรอก 7.50)", html);
        Assert.Contains("name=\"Input.Version\" value=\"1\"", html);
        Assert.Contains("value=\"7.5\"", html);
        Assert.Equal(80m, await SelfTotalAsync());

        form[2] = new("Input.Version", "1");
        var knowingly = await PostAsync(client, "/evaluation/assessment", form, path);
        Assert.Equal(HttpStatusCode.Redirect, knowingly.StatusCode);
        Assert.Equal(30m, await SelfTotalAsync());
    }

    /// <summary>The table row of one project on the list page.</summary>
    private static string Row(string html, Guid id)
    {
        var m = RowPattern().Matches(html).FirstOrDefault(r => r.Value.Contains($"data-project-id=\"{id}\""));
        Assert.True(m is not null, $"no row for {id}");
        return m.Value;
    }

    [GeneratedRegex("<tr data-testid=\"project-row\".*?</tr>", RegexOptions.Singleline)]
    private static partial Regex RowPattern();
}
