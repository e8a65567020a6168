using System.Net;
using System.Text.RegularExpressions;
using EPlanNacc.IntegrationTests.Pages;
using EPlanNacc.Modules.Projects.Features.Projects;
using EPlanNacc.Modules.Projects.Features.Screening;
using EPlanNacc.TestSupport;
using static EPlanNacc.TestSupport.ProjectSamples;

namespace EPlanNacc.IntegrationTests.Projects;

/// <summary>The pages of the menu โครงการ over HTTP, as a browser posts them (antiforgery, cookies).</summary>
public sealed partial class ProjectPageTests(AppFixture app) : IntegrationTest(app)
{
    private Task<HttpClient> SignInAsync(string username, string password) =>
        App.SignedInClientAsync(username, password);

    private async Task<HttpClient> LaoAsync(string dlaCode = Samples.KohYo)
    {
        await App.SetUpLaoAsync(dlaCode);
        return await SignInAsync(dlaCode, Samples.Password);
    }

    private Dictionary<string, string?> PlanForm(string name = "โครงการจากหน้าเว็บ", string after = "next") => new()
    {
        ["Input.Name"] = name, ["Input.FiscalYear"] = App.CurrentYear.ToString(), ["Input.WorkType"] = "activity",
        ["Input.DimensionCode"] = "3", ["Input.MissionCode"] = "3.2.2", ["Input.Essence"] = "เปิดช่องทางร้องเรียน",
        ["Input.Budget"] = "12500.50", ["Input.NoBudget"] = "false", ["Input.TargetGroupOther"] = "",
        ["Input.Objectives"] = "รับเรื่องร้องเรียนได้สะดวก", ["Input.Remarks"] = "", ["After"] = after,
    };

    private static FormUrlEncodedContent WithLists(Dictionary<string, string?> form,
        IEnumerable<(string, string)> extra, string token) =>
        new(form.Where(f => f.Value is not null).Select(f => new KeyValuePair<string, string>(f.Key, f.Value!))
            .Concat(extra.Select(e => new KeyValuePair<string, string>(e.Item1, e.Item2)))
            .Append(new("__RequestVerificationToken", token)));

    private static async Task<HttpResponseMessage> PostPlanAsync(HttpClient client, Dictionary<string, string?> form,
        int[] quarters, string[] groups, string path = "/projects/plan")
    {
        var token = await client.AntiforgeryTokenAsync(path);
        return await client.PostAsync(path, WithLists(form,
            quarters.Select(q => ("Input.Quarters", q.ToString()))
                .Concat(groups.Select(g => ("Input.TargetGroups", g))), token));
    }

    [Fact]
    public async Task The_plan_form_says_the_first_dimension_rule_and_its_three_buttons_save_next_save_home_and_clear()
    {
        using var client = await LaoAsync();
        var form = await client.GetStringAsync("/projects/plan");
        Assert.Contains(ProjectCodes.FirstDimensionRule, form);
        foreach (var text in new[] { "บันทึกและกลับสู่หน้าแรก", "บันทึกและบันทึกโครงการถัดไป", "ล้างข้อมูล",
                     "1. ชื่อโครงการ/กิจกรรม/มาตรการ/แนวปฏิบัติงาน", "3. ไตรมาสที่ดำเนินการ", "ไม่ใช้งบประมาณ",
                     "ข้าราชการการเมืองฝ่ายสภาท้องถิ่น", "8. วัตถุประสงค์", "3.2.2 " })
            Assert.Contains(text, form);
        Assert.Contains("maxlength=\"500\"", form);

        var next = await PostPlanAsync(client, PlanForm(), [2, 3], ["public", "government"]);
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.Equal($"/projects/plan?fiscalYear={App.CurrentYear}", next.Headers.Location!.OriginalString);
        var empty = await client.GetStringAsync(next.Headers.Location.OriginalString);
        Assert.Contains("บันทึกโครงการ “โครงการจากหน้าเว็บ” (มิติที่ 3, ปีงบประมาณ พ.ศ. " + App.CurrentYear +
            ", งบประมาณ 12,500.50 บาท) เรียบร้อยแล้ว", empty);
        Assert.DoesNotContain("value=\"โครงการจากหน้าเว็บ\"", empty);

        var noBudget = PlanForm(name: "โครงการไม่ใช้งบ", after: "home");
        noBudget["Input.NoBudget"] = "true";
        noBudget["Input.Budget"] = null;
        var home = await PostPlanAsync(client, noBudget, [1], ["staff"]);
        Assert.Equal("/summary", home.Headers.Location!.OriginalString);

        var clear = await client.PostFormAsync("/projects/plan?handler=Clear",
            new Dictionary<string, string?>
            {
                ["Input.FiscalYear"] = App.CurrentYear.ToString(), ["Input.Name"] = "ทิ้ง",
            }, "/projects/plan");
        Assert.Equal($"/projects/plan?fiscalYear={App.CurrentYear}", clear.Headers.Location!.OriginalString);

        var saved = await App.SendAsync(TestUser.Lao(Samples.KohYo), new ListProjectsQuery(App.CurrentYear));
        Assert.Equal(["โครงการจากหน้าเว็บ", "โครงการไม่ใช้งบ"], saved.Select(p => p.Name));
        var web = saved[0];
        Assert.Equal(("activity", "3.2.2", 12_500.50m), (web.WorkType, web.MissionCode, web.Budget));
        Assert.Equal([2, 3], web.Quarters);
        Assert.Equal(["public", "government"], web.TargetGroups);
        Assert.Equal((true, 0m), (saved[1].NoBudget, saved[1].Budget));
    }

    [Fact]
    public async Task A_bad_plan_form_shows_each_Thai_message_next_to_its_field_and_saves_nothing()
    {
        using var client = await LaoAsync();
        var form = PlanForm(name: "");
        form["Input.MissionCode"] = "1.1";
        form["Input.Budget"] = "-5";
        var response = await PostPlanAsync(client, form, [], []);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal("กรุณากรอกชื่อโครงการ/กิจกรรม/มาตรการ/แนวปฏิบัติงาน", FieldMessage(html, "Input.Name"));
        Assert.Equal("กรุณาเลือกไตรมาสที่ดำเนินการอย่างน้อย 1 ไตรมาส", FieldMessage(html, "Input.Quarters"));
        Assert.StartsWith("ภารกิจที่เลือกไม่อยู่ในมิติที่เลือก", FieldMessage(html, "Input.MissionCode"));
        Assert.Equal("งบประมาณต้องไม่ติดลบ", FieldMessage(html, "Input.Budget"));
        Assert.Equal("กรุณาเลือกกลุ่มเป้าหมายอย่างน้อย 1 กลุ่ม หรือระบุกลุ่มเป้าหมายอื่น ๆ",
            FieldMessage(html, "Input.TargetGroups"));
        Assert.Contains("รับเรื่องร้องเรียนได้สะดวก</textarea>", html); // what was typed stays on the form
        var letters = PlanForm();
        letters["Input.Budget"] = "ห้าหมื่น";
        var unreadable = await (await PostPlanAsync(client, letters, [1], ["staff"])).Content.ReadAsStringAsync();
        Assert.Equal("ค่า 'ห้าหมื่น' ไม่ถูกต้อง", FieldMessage(unreadable, "Input.Budget"));
        Assert.Empty(await App.SendAsync(TestUser.Lao(Samples.KohYo), new ListProjectsQuery(App.CurrentYear)));
    }

    [Fact]
    public async Task The_list_shows_dimension_totals_screening_symbols_and_legend_and_why_a_round_cannot_be_reported()
    {
        App.SetToday(BetweenRounds);
        using var client = await LaoAsync();
        var a = await App.CreateProjectAsync(project: App.Project(name: "โครงการสอดคล้อง", budget: 10_000m));
        var b = await App.CreateProjectAsync(
            project: App.Project(name: "โครงการไม่สอดคล้อง", dimension: "2", mission: null, budget: 2_500m));
        await App.CreateProjectAsync(
            project: App.Project(name: "โครงการยังไม่คัดกรอง", dimension: "4", mission: null, noBudget: true));
        await App.SendAsync(TestUser.Provincial(), new ScreenProjectsCommand([a], true));
        await App.SendAsync(TestUser.Provincial(), new ScreenProjectsCommand([b], false));

        var html = await client.GetStringAsync($"/projects/list?fiscalYear={App.CurrentYear}");
        Assert.Contains("data-conformity=\"conforming\"", html);
        Assert.Contains("data-conformity=\"non_conforming\"", html);
        Assert.Contains("data-conformity=\"unset\"", html);
        Assert.Contains("ข้อมูลไม่สอดคล้องกับมิติที่กำหนด (องค์กรปกครองส่วนท้องถิ่นไม่ต้องรายงานผลการดำเนินการ)", html);
        Assert.Matches("data-testid=\"dimension-1-count\">1 ", html);
        Assert.Contains("data-testid=\"dimension-2-budget\">2,500.00 บาท", html);
        Assert.Contains("data-testid=\"total-budget\">12,500.00 บาท", html);
        Assert.Contains("ยังไม่เปิดรับรายงาน (เปิด 1 เม.ย.", html);
        Assert.Contains("ไม่ต้องรายงานผล (ไม่สอดคล้องกับมิติ)", html);
        Assert.DoesNotContain($"href=\"/projects/{a}/rounds/6\"", html);
        Assert.True(html.IndexOf("โครงการสอดคล้อง", StringComparison.Ordinal) < html.IndexOf("โครงการไม่สอดคล้อง",
            StringComparison.Ordinal));

        await App.OpenRoundAsync(6);
        var open = await client.GetStringAsync($"/projects/list?fiscalYear={App.CurrentYear}");
        Assert.Contains($"href=\"/projects/{a}/rounds/6\"", open);
        Assert.DoesNotContain($"href=\"/projects/{b}/rounds/6\"", open);
        Assert.Contains("รอบ 6 เดือน เปิดรับรายงานถึง", open);
    }

    [Fact]
    public async Task A_report_is_saved_from_its_form_and_is_read_only_with_the_reason_once_the_round_closes()
    {
        using var client = await LaoAsync();
        await App.OpenRoundAsync(6);
        var id = await App.CreateProjectAsync();
        var path = $"/projects/{id}/rounds/6";
        var form = await client.GetStringAsync(path);
        Assert.Contains("งบประมาณตามข้อบัญญัติ/เทศบัญญัติ (บาท)", form);
        Assert.Contains("ที่ดำเนินการเสร็จสิ้น หรือมีการดำเนินการต่อเนื่องทั้งปีงบประมาณ", form);
        Assert.Contains("นโยบายผู้บริหารเปลี่ยนแปลง", form);

        var bad = await client.PostFormAsync(path, new Dictionary<string, string?>
        {
            ["Input.OrdinanceBudget"] = "1000", ["Input.BudgetSpent"] = "500.555", ["Input.InLocalOrdinance"] = "true",
            ["Input.Status"] = "not_possible", ["Input.Version"] = "1",
        });
        var badHtml = await bad.Content.ReadAsStringAsync();
        Assert.Equal("การเบิกจ่ายมีทศนิยมได้ไม่เกิน 2 ตำแหน่ง", FieldMessage(badHtml, "Input.BudgetSpent"));
        Assert.Equal("กรุณาเลือกเหตุผลที่ไม่สามารถดำเนินการได้", FieldMessage(badHtml, "Input.NotPossibleReason"));

        var ok = await client.PostFormAsync(path, new Dictionary<string, string?>
        {
            ["Input.OrdinanceBudget"] = "1000", ["Input.BudgetSpent"] = "0", ["Input.InLocalOrdinance"] = "false",
            ["Input.Status"] = "not_possible", ["Input.NotPossibleReason"] = "other",
            ["Input.NotPossibleReasonOther"] = "ภัยแล้ง", ["Input.Version"] = "1",
        });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal(("not_possible", "ภัยแล้ง"), ((await App.GetProjectAsync(id)).Round(6)!.Status,
            (await App.GetProjectAsync(id)).Round(6)!.NotPossibleReasonOther));

        await App.CloseRoundAsync(6);
        var closed = await client.GetStringAsync(path);
        Assert.Contains("ปิดรับรายงานแล้ว", closed);
        Assert.Contains("จึงดูรายงานได้อย่างเดียว แก้ไขไม่ได้", closed);
        Assert.Contains("<fieldset class=\"card-body\" disabled=\"disabled\">", closed);
        Assert.DoesNotContain("data-testid=\"save-report\"", closed);
        var late = await client.PostFormAsync(path, new Dictionary<string, string?>
        {
            ["Input.OrdinanceBudget"] = "1000", ["Input.BudgetSpent"] = "0", ["Input.InLocalOrdinance"] = "true",
            ["Input.Status"] = "completed", ["Input.Version"] = "2",
        }, $"/projects/list");
        var lateHtml = await late.Content.ReadAsStringAsync();
        Assert.Contains("ปิดรับรายงานแล้ว", lateHtml);
        Assert.Equal("not_possible", (await App.GetProjectAsync(id)).Round(6)!.Status);
    }

    [Fact]
    public async Task A_stale_edit_shows_what_changed_and_a_second_save_is_made_knowingly()
    {
        using var client = await LaoAsync();
        var id = await App.CreateProjectAsync();
        var edit = await client.GetStringAsync($"/projects/{id}/edit");
        Assert.Contains("name=\"Input.Version\" value=\"1\"", edit);
        await App.SendAsync(TestUser.Lao(Samples.KohYo), Update(id, 1, App.Project(name: "แก้จากอีกเครื่อง")));

        var form = PlanForm(name: "แก้จากหน้าเว็บ");
        form["Input.Version"] = "1";
        var stale = await PostPlanAsync(client, form, [1], ["staff"], $"/projects/{id}/edit");
        var html = await stale.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("data-testid=\"conflict\"", html);
        Assert.Contains("ชื่อโครงการ “โครงการส่งเสริมคุณธรรมจริยธรรมของบุคลากร” → “แก้จากอีกเครื่อง”", html);
        Assert.Contains("name=\"Input.Version\" value=\"2\"", html);
        Assert.Equal("แก้จากอีกเครื่อง", (await App.GetProjectAsync(id)).Name);

        form["Input.Version"] = "2";
        var again = await PostPlanAsync(client, form, [1], ["staff"], $"/projects/{id}/edit");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(("แก้จากหน้าเว็บ", 3),
            ((await App.GetProjectAsync(id)).Name, (await App.GetProjectAsync(id)).Version));
    }

    [Fact]
    public async Task Every_page_of_another_LAOs_project_is_not_found()
    {
        await App.OpenRoundAsync(6);
        var id = await App.CreateProjectAsync(Samples.KohYo);
        using var other = await LaoAsync(Samples.KhlongRi);

        foreach (var path in new[] { $"/projects/{id}", $"/projects/{id}/edit", $"/projects/{id}/rounds/6",
                     $"/projects/{id}/rounds/12", $"/projects/list?dlaCode={Samples.KohYo}",
                     $"/projects/report?dlaCode={Samples.KohYo}" })
        {
            var response = await other.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {response.StatusCode}");
            Assert.Contains("ไม่พบ", await response.Content.ReadAsStringAsync());
        }
        var token = await other.AntiforgeryTokenAsync("/projects/plan");
        Task<HttpResponseMessage> Post(string path, params (string, string)[] fields) =>
            other.PostAsync(path, new FormUrlEncodedContent(fields.Select(f =>
                new KeyValuePair<string, string>(f.Item1, f.Item2)).Append(new("__RequestVerificationToken", token))));
        Assert.Equal(HttpStatusCode.NotFound, (await Post($"/projects/list?handler=Delete", ("id", id.ToString()),
            ("version", "1"), ("name", "x"))).StatusCode);
        // a foreign id is not found whatever the form holds, valid or not
        Assert.Equal(HttpStatusCode.NotFound,
            (await Post($"/projects/{id}/edit", ("Input.Name", "ยึด"), ("Input.Version", "1"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await Post($"/projects/{id}/rounds/6", ("Input.OrdinanceBudget", "1"), ("Input.BudgetSpent", "1"),
                ("Input.InLocalOrdinance", "true"), ("Input.Status", "completed"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await Post($"/projects/{id}/rounds/12", ("Input.Status", "nonsense"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/projects/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/projects/not-a-guid")).StatusCode);

        var p = await App.GetProjectAsync(id);
        Assert.Equal((1, (EPlanNacc.Modules.Projects.Features.Projects.RoundReportDetails?)null),
            (p.Version, p.Round(6)));
    }

    [Fact]
    public async Task Provincial_staff_choose_an_LAO_and_screen_several_of_its_projects_on_its_list()
    {
        var a = await App.CreateProjectAsync(project: App.Project(name: "ก"));
        var b = await App.CreateProjectAsync(project: App.Project(name: "ข"));
        using var staff = await SignInAsync("prov90", AppFixture.ProvincialPassword);

        var laos = await staff.GetStringAsync($"/projects/screening?fiscalYear={App.CurrentYear}&onlyWithPlans=true");
        Assert.Contains("องค์การบริหารส่วนตำบลเกาะยอ", laos);
        Assert.Contains($"/projects/list?fiscalYear={App.CurrentYear}&amp;dlaCode={Samples.KohYo}", laos);
        var list = await staff.GetStringAsync($"/projects/list?fiscalYear={App.CurrentYear}&dlaCode={Samples.KohYo}");
        Assert.Contains("คัดกรองโครงการที่เลือก", list);
        Assert.DoesNotContain("data-testid=\"delete\"", list);

        var token = await staff.AntiforgeryTokenAsync(
            $"/projects/list?fiscalYear={App.CurrentYear}&dlaCode={Samples.KohYo}");
        var screened = await staff.PostAsync(
            $"/projects/list?handler=Screen&fiscalYear={App.CurrentYear}&dlaCode={Samples.KohYo}",
            new FormUrlEncodedContent(
        [
            new("Selected", a.ToString()), new("Selected", b.ToString()), new("Screening", "non_conforming"),
            new("Reason", "ไม่ตรงมิติ"), new("__RequestVerificationToken", token),
        ]));
        Assert.Equal(HttpStatusCode.Redirect, screened.StatusCode);
        Assert.Equal("non_conforming", (await App.GetProjectAsync(b)).Conformity);
        Assert.Contains("บันทึกผลการคัดกรอง “ไม่สอดคล้อง (ไม่ต้องรายงานผล)” แล้ว 2 โครงการ",
            await staff.GetStringAsync(screened.Headers.Location!.OriginalString));

        using var lao = await LaoAsync();
        Assert.Equal(HttpStatusCode.Forbidden,
            (await lao.PostAsync("/projects/list?handler=Screen", new FormUrlEncodedContent(
            [new("Selected", a.ToString()), new("Screening", "conforming"),
                new("__RequestVerificationToken", await lao.AntiforgeryTokenAsync("/projects/plan"))]))).StatusCode);
    }

    [Fact]
    public async Task The_project_page_shows_every_change_with_who_when_old_and_new()
    {
        using var client = await LaoAsync();
        var id = await App.CreateProjectAsync();
        await App.SendAsync(TestUser.Lao(Samples.KohYo), Update(id, 1, App.Project(budget: 70_000m)));
        await App.SendAsync(TestUser.Lao(Samples.KohYo), new DeleteProjectCommand(id));
        var html = await client.GetStringAsync($"/projects/{id}");
        Assert.Contains("ประวัติการเปลี่ยนแปลง (3 ครั้ง)", html);
        Assert.Contains("โครงการนี้ถูกลบออกจากแผนแล้วเมื่อ", html);
        Assert.Contains("<del class=\"text-muted\">50,000.00 บาท</del> → <strong>70,000.00 บาท</strong>", html);
        Assert.Contains("แก้ไขรายละเอียดโครงการ", html);
        Assert.Equal(3, HistoryRow().Matches(html).Count);
    }

    /// <summary>The Thai message shown next to a field (its validation span).</summary>
    private static string FieldMessage(string html, string field)
    {
        var m = Regex.Match(html, $"data-valmsg-for=\"{Regex.Escape(field)}\"[^>]*>([^<]*)<");
        Assert.True(m.Success, $"no message span for {field}");
        return System.Net.WebUtility.HtmlDecode(m.Groups[1].Value);
    }

    [GeneratedRegex("data-testid=\"history-row\"")]
    private static partial Regex HistoryRow();
}
