using System.Text.RegularExpressions;
using EPlanNacc.Modules.Projects.Features.Screening;
using EPlanNacc.TestSupport;
using Microsoft.Playwright;
using static EPlanNacc.TestSupport.ProjectSamples;

namespace EPlanNacc.BrowserTests.Projects;

/// <summary>An LAO records its plan and reports the 6-month round in the browser, in Thai, as the manual describes:
/// บันทึกแผน three times, the list with its symbols and report buttons, the report form with each status, a
/// correction, and รายงานโครงการทั้งหมด with its numbers. Screenshots go to
/// TestResults/screenshots/projects-*.</summary>
public sealed class PlanAndReportJourneyTests(BrowserFixture app) : BrowserTest(app)
{
    private async Task<IPage> SignInAsync(int width = 1280, int height = 900)
    {
        await App.SetUpLaoAsync();
        var page = await NewPageAsync(width, height);
        await page.GotoAsync("/login");
        await page.GetByLabel("รหัสผู้ใช้งาน (Username)").FillAsync(Samples.KohYo);
        await page.GetByLabel("รหัสผ่าน (Password)").FillAsync(Samples.Password);
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/summary$"));
        return page;
    }

    /// <summary>A page without CSS transitions, so that a screenshot never catches a border fading.</summary>
    private Task<IPage> NewPageAsync(int width, int height) => App.NewPageWithoutTransitionsAsync(width, height);

    private static async Task FillProjectAsync(IPage page, string name, string workType, string dimension,
        string? mission, int[] quarters, string? budget, string[] groups)
    {
        await page.GetByLabel("1. ชื่อโครงการ/กิจกรรม/มาตรการ/แนวปฏิบัติงาน").FillAsync(name);
        foreach (var q in quarters) await page.Locator($"#quarter-{q}").CheckAsync();
        await page.GetByLabel("4. ประเภทงาน").SelectOptionAsync(new SelectOptionValue { Label = workType });
        await page.GetByLabel("มิติ", new() { Exact = true }).SelectOptionAsync(dimension);
        if (mission is not null) await page.Locator("#Input_MissionCode").SelectOptionAsync(mission);
        await page.GetByLabel("5. สาระสำคัญ").FillAsync($"สาระสำคัญของ{name}");
        if (budget is null) await page.GetByLabel("ไม่ใช้งบประมาณ").CheckAsync();
        else await page.Locator("#Input_Budget").FillAsync(budget);
        foreach (var g in groups) await page.GetByLabel(g, new() { Exact = true }).CheckAsync();
        await page.GetByLabel("8. วัตถุประสงค์").FillAsync($"เพื่อป้องกันการทุจริตด้วย{name}");
    }

    private static async Task ReportAsync(IPage page, string project, string ordinance, string spent, bool inOrdinance,
        string status, string? reason = null, string? other = null)
    {
        await page.Locator("tr[data-testid=project-row]", new() { HasText = project }).GetByTestId("report-6")
            .ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "บันทึกรายงานผลการดำเนินงาน รอบ 6 เดือน" }))
            .ToBeVisibleAsync();
        await Expect(page.GetByTestId("project-name")).ToHaveTextAsync(project);
        await page.GetByLabel("งบประมาณตามข้อบัญญัติ/เทศบัญญัติ (บาท)").FillAsync(ordinance);
        await page.GetByLabel("การเบิกจ่าย (บาท)").FillAsync(spent);
        await page.GetByLabel(inOrdinance ? "บรรจุ" : "ไม่บรรจุ", new() { Exact = true }).CheckAsync();
        await page.GetByLabel(status, new() { Exact = true }).CheckAsync();
        if (reason is not null) await page.GetByLabel(reason, new() { Exact = true }).CheckAsync();
        if (other is not null) await page.GetByLabel("โปรดระบุเหตุผลอื่นๆ").FillAsync(other);
    }

    [Fact]
    public async Task An_LAO_records_three_projects_reports_round_6_with_each_status_corrects_one_and_reads_the_totals()
    {
        await App.OpenRoundAsync(6);
        var page = await SignInAsync();

        // บันทึกแผน from the menu: the first-dimension rule is said, missions follow the dimension
        await page.Locator(".app-sidebar").First.GetByRole(AriaRole.Link, new() { Name = "บันทึกแผน" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/projects/plan$"));
        await Expect(page.GetByTestId("first-dimension-rule"))
            .ToContainTextAsync("ให้บันทึกโครงการฯ เฉพาะในมิติแรกเท่านั้น");
        await page.GetByLabel("มิติ", new() { Exact = true }).SelectOptionAsync("2");
        var missions = await page.Locator("#Input_MissionCode option").AllInnerTextsAsync();
        Assert.All(missions.Skip(1), m => Assert.StartsWith("2.", m.Trim()));
        Assert.Contains(missions, m => m.Trim().StartsWith("2.2.1 ", StringComparison.Ordinal));
        // the browser checks the form with the server's Thai messages
        await page.GetByTestId("save-next").ClickAsync();
        await Expect(page.Locator("#plan-form"))
            .ToContainTextAsync("กรุณากรอกชื่อโครงการ/กิจกรรม/มาตรการ/แนวปฏิบัติงาน");
        await Expect(page.Locator("#plan-form")).ToContainTextAsync("กรุณาเลือกไตรมาสที่ดำเนินการอย่างน้อย 1 ไตรมาส");

        await FillProjectAsync(page, "โครงการอบรมเสริมสร้างคุณธรรมและจริยธรรม", "โครงการ", "1", "1.1.2", [1, 2],
            "50000", ["ข้าราชการ/พนักงาน/ลูกจ้างส่วนท้องถิ่น"]);
        await BrowserFixture.ScreenshotAsync(page, "projects-01-plan-form");
        await page.GetByTestId("save-next").ClickAsync();
        await Expect(page.GetByTestId("flash-success"))
            .ToContainTextAsync("บันทึกโครงการ “โครงการอบรมเสริมสร้างคุณธรรมและจริยธรรม” (มิติที่ 1");
        await Expect(page.GetByLabel("1. ชื่อโครงการ/กิจกรรม/มาตรการ/แนวปฏิบัติงาน")).ToHaveValueAsync("");

        await FillProjectAsync(page, "โครงการเผยแพร่ข้อมูลข่าวสารการจัดซื้อจัดจ้าง", "กิจกรรม", "3", "3.1.2", [2, 3, 4],
            "20000", ["ประชาชน/ภาคประชาสังคม"]);
        await page.GetByTestId("save-next").ClickAsync();
        await Expect(page.GetByTestId("flash-success")).ToContainTextAsync("งบประมาณ 20,000.00 บาท");

        await FillProjectAsync(page, "มาตรการป้องกันผลประโยชน์ทับซ้อน", "มาตรการ", "2", null, [1, 2, 3, 4], null,
            ["ข้าราชการการเมืองฝ่ายบริหาร"]);
        await Expect(page.Locator("#Input_Budget")).ToBeDisabledAsync();
        await page.GetByTestId("save-home").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/summary$"));
        await Expect(page.GetByTestId("flash-success")).ToContainTextAsync("ไม่ใช้งบประมาณ");

        // the list of the year (บันทึกรายงานผลการดำเนินงาน): sorted by dimension, counts and budget per dimension
        await page.Locator(".app-sidebar").First.GetByRole(AriaRole.Link, new() { Name = "บันทึกรายงานผลการดำเนินงาน" })
            .ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "รายการโครงการ" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("project-name")).ToHaveTextAsync(
            ["โครงการอบรมเสริมสร้างคุณธรรมและจริยธรรม", "มาตรการป้องกันผลประโยชน์ทับซ้อน",
                "โครงการเผยแพร่ข้อมูลข่าวสารการจัดซื้อจัดจ้าง"]);
        await Expect(page.GetByTestId("dimension-1-budget")).ToHaveTextAsync("50,000.00 บาท");
        await Expect(page.GetByTestId("dimension-2-count")).ToContainTextAsync("1");
        await Expect(page.GetByTestId("total-budget")).ToHaveTextAsync("70,000.00 บาท");
        await Expect(page.GetByTestId("screening")).ToHaveCountAsync(3);
        await Expect(page.GetByTestId("report-12").First).ToBeDisabledAsync();
        await Expect(page.GetByTestId("why-12").First).ToContainTextAsync("ยังไม่เปิดรับรายงาน");

        // round 6, one project in each status
        await ReportAsync(page, "โครงการอบรมเสริมสร้างคุณธรรมและจริยธรรม", "50000", "45000.50", true,
            "ดำเนินการแล้วเสร็จ");
        await BrowserFixture.ScreenshotAsync(page, "projects-03-report-form");
        await page.GetByTestId("save-report").ClickAsync();
        await Expect(page.GetByTestId("flash-success")).ToContainTextAsync("บันทึกรายงานผลการดำเนินงานรอบ 6 เดือน");

        await ReportAsync(page, "โครงการเผยแพร่ข้อมูลข่าวสารการจัดซื้อจัดจ้าง", "20000", "5000", true,
            "อยู่ระหว่างดำเนินการ");
        await Expect(page.Locator("#reason-group")).ToBeHiddenAsync();
        await page.GetByTestId("save-report").ClickAsync();

        await ReportAsync(page, "มาตรการป้องกันผลประโยชน์ทับซ้อน", "0", "0", false, "ไม่สามารถดำเนินการได้");
        await Expect(page.Locator("#reason-group")).ToBeVisibleAsync();
        await page.GetByTestId("save-report").ClickAsync();
        await Expect(page.Locator("#reason-group")).ToContainTextAsync("กรุณาเลือกเหตุผลที่ไม่สามารถดำเนินการได้");
        await page.GetByLabel("อื่นๆ", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("โปรดระบุเหตุผลอื่นๆ").FillAsync("ยังไม่มีผู้รับผิดชอบ");
        await BrowserFixture.ScreenshotAsync(page, "projects-03b-report-form-not-possible");
        await page.GetByTestId("save-report").ClickAsync();
        await Expect(page.GetByTestId("flash-success")).ToBeVisibleAsync();

        // a correction while the round is open
        await page.Locator("tr[data-testid=project-row]", new() { HasText = "โครงการเผยแพร่ข้อมูลข่าวสาร" })
            .GetByTestId("report-6").ClickAsync();
        await Expect(page.GetByLabel("การเบิกจ่าย (บาท)")).ToHaveValueAsync("5000.00");
        await Expect(page.GetByLabel("อยู่ระหว่างดำเนินการ", new() { Exact = true })).ToBeCheckedAsync();
        await page.GetByLabel("การเบิกจ่าย (บาท)").FillAsync("8000");
        await page.GetByTestId("save-report").ClickAsync();
        await Expect(page.GetByTestId("flash-success")).ToBeVisibleAsync();
        var rows = page.Locator("tr[data-testid=project-row]");
        await Expect(rows.GetByTestId("status-6"))
            .ToHaveTextAsync(["ดำเนินการแล้วเสร็จ", "ไม่สามารถดำเนินการได้", "อยู่ระหว่างดำเนินการ"]);

        // NACC marks the first conforming: the list shows both symbols and its legend
        var first = (await App.SendAsync(TestUser.Lao(Samples.KohYo),
            new EPlanNacc.Modules.Projects.Features.Projects.ListProjectsQuery(App.CurrentYear)))[0];
        await App.SendAsync(TestUser.Provincial(), new ScreenProjectsCommand([first.Id], true, "สอดคล้องกับมิติที่ 1"));
        await page.ReloadAsync();
        await Expect(page.GetByTestId("legend")).ToContainTextAsync("ข้อมูลสอดคล้องกับมิติที่กำหนด");
        await Expect(page.GetByTestId("screening").First).ToContainTextAsync("สอดคล้อง");
        await BrowserFixture.ScreenshotAsync(page, "projects-02-list-after-reports");

        // รายงานโครงการทั้งหมด: the numbers of the year
        await page.Locator(".app-sidebar").First.GetByRole(AriaRole.Link, new() { Name = "รายงานโครงการทั้งหมด" })
            .ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "รายงานโครงการทั้งหมด", Exact = true }))
            .ToBeVisibleAsync();
        foreach (var (key, value) in new[]
                 {
                     ("projects", "3"), ("need-report", "3"), ("reported", "3"), ("completed", "1"),
                     ("in-progress", "1"), ("not-possible", "1"),
                     ("awaiting", "0"), ("budget", "70,000.00"), ("ordinance-budget", "70,000.00"),
                     ("budget-spent", "53,000.50"),
                 })
            await Expect(page.GetByTestId($"r6-{key}")).ToHaveTextAsync(value);
        await Expect(page.GetByTestId("r12-reported")).ToHaveTextAsync("0");
        await Expect(page.GetByTestId("r12-awaiting")).ToHaveTextAsync("3");
        await Expect(page.GetByTestId("report-row")).ToHaveCountAsync(3);
        await Expect(page.GetByTestId("all-projects")).ToContainTextAsync("อื่นๆ: ยังไม่มีผู้รับผิดชอบ");
        await Expect(page.GetByTestId("foot-budget")).ToHaveTextAsync("70,000.00");
        await BrowserFixture.ScreenshotAsync(page, "projects-04-all-projects");

        // the corrected report is in the project's history
        await page.GetByRole(AriaRole.Link, new() { Name = "โครงการเผยแพร่ข้อมูลข่าวสารการจัดซื้อจัดจ้าง" })
            .ClickAsync();
        await Expect(page.GetByTestId("history"))
            .ToContainTextAsync("รอบ 6 เดือน: การเบิกจ่าย: 5,000.00 บาท → 8,000.00 บาท");
        await BrowserFixture.ScreenshotAsync(page, "projects-05-project-history");
    }

    [Fact]
    public async Task The_list_shows_every_screening_symbol_and_fits_a_phone()
    {
        var a = await App.CreateProjectAsync(project: App.Project(name: "โครงการที่สอดคล้องกับมิติ", budget: 30_000m));
        var b = await App.CreateProjectAsync(project: App.Project(name: "กิจกรรมที่ไม่สอดคล้องกับมิติ", dimension: "2",
            mission: "2.1", budget: 12_000m));
        await App.CreateProjectAsync(
            project: App.Project(name: "มาตรการที่ยังไม่คัดกรอง", dimension: "4", mission: null, noBudget: true));
        await App.SendAsync(TestUser.Provincial(), new ScreenProjectsCommand([a], true));
        await App.SendAsync(TestUser.Provincial(),
            new ScreenProjectsCommand([b], false, "เป็นงานประจำ ไม่ใช่การป้องกันการทุจริต"));

        var page = await SignInAsync();
        await page.GotoAsync($"/projects/list?fiscalYear={App.CurrentYear}");
        await Expect(page.Locator("[data-testid=screening][data-conformity=conforming]"))
            .ToContainTextAsync("สอดคล้อง");
        await Expect(page.Locator("[data-testid=screening][data-conformity=non_conforming]"))
            .ToContainTextAsync("ไม่สอดคล้อง (ไม่ต้องรายงานผล)");
        await Expect(page.Locator("[data-testid=screening][data-conformity=unset]"))
            .ToContainTextAsync("ยังไม่คัดกรอง");
        await Expect(page.Locator("tr[data-testid=project-row]", new() { HasText = "กิจกรรมที่ไม่สอดคล้อง" })
            .GetByTestId("why-6"))
            .ToContainTextAsync("ไม่ต้องรายงานผล (ไม่สอดคล้องกับมิติ)");
        await BrowserFixture.ScreenshotAsync(page, "projects-02-list-symbols");

        var phone = await NewPageAsync(390, 844);
        await phone.GotoAsync("/login");
        await phone.GetByLabel("รหัสผู้ใช้งาน (Username)").FillAsync(Samples.KohYo);
        await phone.GetByLabel("รหัสผ่าน (Password)").FillAsync(Samples.Password);
        await phone.GetByTestId("login-submit").ClickAsync();
        foreach (var (path,
            name) in new[] { ($"/projects/list?fiscalYear={App.CurrentYear}", "list"), ("/projects/plan", "plan") })
        {
            await phone.GotoAsync(path);
            await BrowserFixture.ScreenshotAsync(phone, $"projects-06-phone-{name}");
            var width = await phone.EvaluateAsync<int>("document.documentElement.scrollWidth");
            Assert.True(width <= 390, $"{path} scrolls sideways on a phone ({width}px)");
        }
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
    private static IPageAssertions Expect(IPage page) => Assertions.Expect(page);
}
