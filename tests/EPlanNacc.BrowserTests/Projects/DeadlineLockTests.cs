using System.Text.RegularExpressions;
using EPlanNacc.Modules.Projects.Features.Projects;
using EPlanNacc.TestSupport;
using Microsoft.Playwright;
using static EPlanNacc.TestSupport.ProjectSamples;

namespace EPlanNacc.BrowserTests.Projects;

/// <summary>After the 6-month deadline the LAO sees, before it tries, why a project it had to report can no longer be
/// deleted or moved (docs/adr/0008-scores-after-the-deadline.md). Screenshots:
/// TestResults/screenshots/deadline-*.</summary>
public sealed class DeadlineLockTests(BrowserFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task The_LAO_sees_the_locked_delete_and_the_locked_dimension_with_their_reason()
    {
        await App.SetUpLaoAsync();
        var locked = await App.CreateProjectAsync(project: App.Project(name: "โครงการอบรมคุณธรรมจริยธรรม"));
        await App.RecordedDaysAgoAsync(40, locked);
        await App.CloseRoundAsync(6);
        await App.CreateProjectAsync(
            project: App.Project(name: "โครงการที่เพิ่งบันทึก", dimension: "2", mission: null));

        var page = await App.NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByLabel("รหัสผู้ใช้งาน (Username)").FillAsync(Samples.KohYo);
        await page.GetByLabel("รหัสผ่าน (Password)").FillAsync(Samples.Password);
        await page.GetByTestId("login-submit").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/summary$"));

        await page.GotoAsync($"/projects/list?fiscalYear={App.CurrentYear}");
        var row = page.Locator("tr[data-testid=project-row]", new() { HasText = "โครงการอบรมคุณธรรมจริยธรรม" });
        var delete = row.GetByTestId("delete");
        await Assertions.Expect(delete).ToBeDisabledAsync();
        await Assertions.Expect(delete)
            .ToHaveAttributeAsync("title", new Regex("^รอบ 6 เดือน ปีงบประมาณ พ.ศ. \\d{4} ปิดรับรายงานแล้ว"));
        await Assertions.Expect(delete).ToHaveAccessibleDescriptionAsync(new Regex("สำนักงาน ป.ป.ช. ประจำจังหวัด"));
        await Assertions.Expect(row.GetByTestId("delete-locked")).ToContainTextAsync(DeadlineLock.ShortReason);
        var other = page.Locator("tr[data-testid=project-row]", new() { HasText = "โครงการที่เพิ่งบันทึก" });
        await Assertions.Expect(other.GetByTestId("delete")).ToBeEnabledAsync();
        await BrowserFixture.ScreenshotAsync(page, "deadline-01-locked-delete");

        await row.GetByTestId("edit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("move-locked")).ToContainTextAsync("แก้ไขมิติและปีงบประมาณไม่ได้");
        await Assertions.Expect(page.GetByLabel("มิติ", new() { Exact = true })).ToBeDisabledAsync();
        await Assertions.Expect(page.GetByLabel("2. ปีงบประมาณที่ดำเนินการ")).ToBeDisabledAsync();
        await BrowserFixture.ScreenshotAsync(page, "deadline-02-locked-dimension");
        await page.GetByLabel("8. วัตถุประสงค์").FillAsync("เพื่อให้บุคลากรปฏิบัติงานอย่างโปร่งใส");
        await page.GetByTestId("save-edit").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/projects/list"));
        await Assertions.Expect(page.GetByText("บันทึกการแก้ไขโครงการ “โครงการอบรมคุณธรรมจริยธรรม” เรียบร้อยแล้ว"))
            .ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "deadline-03-saved-with-locked-dimension");
    }
}
