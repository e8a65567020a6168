using System.Text.RegularExpressions;
using EPlanNacc.Modules.Evaluation.Features.Scores;
using EPlanNacc.Modules.Projects.Features.Screening;
using EPlanNacc.TestSupport;
using Microsoft.Playwright;
using static EPlanNacc.TestSupport.ProjectSamples;

namespace EPlanNacc.BrowserTests.Evaluation;

/// <summary>ขั้นสูง → ผลการประเมิน in the browser: an LAO enters its self-assessment, the provincial office enters and
/// publishes its own, and the LAO then reads its evaluation dimension by dimension, with the band colours.</summary>
public sealed class EvaluationPageTests(BrowserFixture app) : BrowserTest(app)
{
    private async Task<IPage> SignInAsync(string username, string password)
    {
        var page = await App.NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByLabel("รหัสผู้ใช้งาน (Username)").FillAsync(username);
        await page.GetByLabel("รหัสผ่าน (Password)").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("/login"));
        return page;
    }

    [Fact]
    public async Task An_LAO_reads_its_evaluation_with_its_own_and_its_offices_published_scores()
    {
        await App.SetUpLaoAsync();
        await App.OpenRoundAsync(6);
        var lao = TestUser.Lao(Samples.KohYo);
        var a = await App.CreateProjectAsync(project: App.Project("โครงการอบรมคุณธรรมจริยธรรม", "1", 25_000m));
        var b = await App.CreateProjectAsync(
            project: App.Project("โครงการเผยแพร่ข้อมูลข่าวสารการจัดซื้อจัดจ้าง", "2", 15_000m, mission: null));
        var c = await App.CreateProjectAsync(
            project: App.Project("โครงการประชาคมแผนพัฒนาท้องถิ่น", "3", 0m, mission: null, noBudget: true));
        await App.SendAsync(lao, Report(a, 6, "completed"));
        await App.SendAsync(lao, Report(b, 6, "in_progress"));
        await App.SendAsync(TestUser.Provincial(), new ScreenProjectsCommand([c], true, null));
        await App.SendAsync(TestUser.Admin(), new RecalculateLaoScoresCommand(Samples.KohYo, App.CurrentYear));

        // the LAO enters its self-assessment from the evaluation page
        var page = await SignInAsync(Samples.KohYo, Samples.Password);
        await page.GetByRole(AriaRole.Link, new() { Name = "ผลการประเมิน" }).First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/evaluation"));
        await page.GetByRole(AriaRole.Link, new() { Name = "บันทึกคะแนนประเมินตนเอง" }).ClickAsync();
        await page.GetByLabel("มิติที่ 1 การสร้างสังคมที่ไม่ทนต่อการทุจริต").FillAsync("30");
        await page.GetByTestId("save-assessment").ClickAsync();
        await Assertions.Expect(page.Locator("form.card")).ToContainTextAsync("คะแนนต้องไม่เกินคะแนนเต็ม 25.00");
        foreach (var (dimension, score) in new[] { ("1", "22"), ("2", "18.5"), ("3", "20"), ("4", "15") })
            await page.Locator($"#score-{dimension}").FillAsync(score);
        await page.GetByTestId("save-assessment").ClickAsync();
        await Assertions.Expect(page.GetByTestId("flash-success"))
            .ToContainTextAsync("บันทึกคะแนนการประเมินเรียบร้อยแล้ว");
        await Assertions.Expect(page.GetByTestId("assessment-total")).ToHaveTextAsync("75.50");

        // the provincial office enters its scores and publishes them
        var office = await SignInAsync("prov90", AppFixture.ProvincialPassword);
        await office.GotoAsync($"/evaluation?fiscalYear={App.CurrentYear}");
        await office.GetByLabel("อปท.").SelectOptionAsync(Samples.KohYo);
        await office.GetByRole(AriaRole.Button, new() { Name = "แสดงผล" }).ClickAsync();
        await office.GetByRole(AriaRole.Link, new() { Name = "คะแนนของสำนักงาน ป.ป.ช. ประจำจังหวัด" }).ClickAsync();
        foreach (var (dimension, score) in new[] { ("1", "20"), ("2", "15"), ("3", "18"), ("4", "12") })
            await office.Locator($"#score-{dimension}").FillAsync(score);
        await office.GetByTestId("save-assessment").ClickAsync();
        office.Dialog += (_, dialog) => dialog.AcceptAsync();
        await office.GetByRole(AriaRole.Button, new() { Name = "เผยแพร่ให้ อปท. เห็น" }).ClickAsync();
        await Assertions.Expect(office.GetByTestId("flash-success"))
            .ToContainTextAsync("เผยแพร่คะแนนการประเมินให้ อปท. เห็นแล้ว");

        // the LAO reads its evaluation
        await page.GotoAsync($"/evaluation?fiscalYear={App.CurrentYear}");
        var table = page.GetByTestId("evaluation-table");
        var d1 = table.Locator("tr[data-dimension='1']");
        await Assertions.Expect(d1).ToContainTextAsync("25,000.00");
        await Assertions.Expect(d1.Locator(".score-badge.band-green")).ToContainTextAsync("100.00");
        await Assertions.Expect(d1).ToContainTextAsync("22.00 / 25.00");
        await Assertions.Expect(d1).ToContainTextAsync("20.00 / 25.00");
        await Assertions.Expect(table.Locator("tr[data-dimension='2'] .score-badge.band-green"))
            .ToContainTextAsync("50.00");
        var total = table.Locator("tr[data-dimension='total']");
        await Assertions.Expect(total).ToContainTextAsync("40,000.00");
        // (1 completed + 0.5 × 1 in progress + 0 for the unreported one) / 3 × 100
        await Assertions.Expect(total.Locator(".score-badge").First).ToContainTextAsync("50.00");
        await Assertions.Expect(total).ToContainTextAsync("75.50 / 100.00");
        await Assertions.Expect(total).ToContainTextAsync("65.00 / 100.00");
        await BrowserFixture.ScreenshotAsync(page, "evaluation-01-lao");
    }
}
