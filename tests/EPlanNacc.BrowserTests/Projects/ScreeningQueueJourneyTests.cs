using System.Text.RegularExpressions;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EPlanNacc.BrowserTests.Projects;

/// <summary>A provincial office goes from its desk to the screening queue and marks two projects of two LAOs at once,
/// on a desktop and on a phone. Screenshots: TestResults/screenshots/desk-* and queue-*.</summary>
public sealed class ScreeningQueueJourneyTests(BrowserFixture app) : BrowserTest(app)
{
    private async Task<IPage> SignInAsync(int width, int height)
    {
        var page = await App.NewPageAsync(width, height);
        await page.GotoAsync("/login");
        await page.GetByLabel("รหัสผู้ใช้งาน (Username)").FillAsync("prov90");
        await page.GetByLabel("รหัสผ่าน (Password)").FillAsync(AppFixture.ProvincialPassword);
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/staff$"));
        return page;
    }

    [Fact]
    public async Task An_office_marks_two_projects_of_two_LAOs_from_the_queue()
    {
        await App.OpenRoundAsync(6, daysLeft: 12);
        var kohYo = await App.CreateProjectAsync(Samples.KohYo, App.Project(name: "โครงการอบรมคุณธรรมจริยธรรม"));
        await App.CreateProjectAsync(Samples.KohYo,
            App.Project(name: "โครงการเปิดเผยข้อมูลสาธารณะ", dimension: "2", mission: null));
        var khlongRi = await App.CreateProjectAsync(Samples.KhlongRi, App.Project(name: "โครงการโรงเรียนสุจริต"));

        var page = await SignInAsync(1280, 900);
        await Expect(page.GetByTestId("awaiting-total")).ToHaveTextAsync("3");
        var round = page.GetByTestId("open-round")
            .Filter(new() { HasText = $"รอบ 6 เดือน ปีงบประมาณ พ.ศ. {App.CurrentYear}" });
        await Expect(round.GetByTestId("days-left")).ToContainTextAsync("12");
        await BrowserFixture.ScreenshotAsync(page, "desk-provincial");

        await page.GetByTestId("open-queue").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/staff/screening\\?"));
        await Expect(page.GetByTestId("queue-total")).ToContainTextAsync("รอการคัดกรอง 3 โครงการ");
        var first = page.Locator($"tr[data-project-id='{kohYo}']");
        await first.GetByText("รายละเอียดโครงการ").ClickAsync();
        await Expect(first.GetByText("อบรมให้ความรู้ด้านคุณธรรมและจริยธรรมแก่บุคลากร")).ToBeVisibleAsync();
        await first.GetByRole(AriaRole.Checkbox).CheckAsync();
        await page.Locator($"tr[data-project-id='{khlongRi}']").GetByRole(AriaRole.Checkbox).CheckAsync();
        await page.GetByLabel("ไม่สอดคล้องกับมิติที่กำหนด (ไม่ต้องรายงานผล)").CheckAsync();
        await page.GetByLabel("เหตุผล (ถ้ามี)").FillAsync("เป็นกิจกรรมประจำ ไม่ใช่มาตรการป้องกันการทุจริต");
        await BrowserFixture.ScreenshotAsync(page, "queue-01-chosen");
        await page.GetByTestId("screen-submit").ClickAsync();

        await Expect(page.GetByText("บันทึกผลการคัดกรอง “ไม่สอดคล้อง (ไม่ต้องรายงานผล)” แล้ว 2 โครงการ"))
            .ToBeVisibleAsync();
        await Expect(page.GetByTestId("queue-row")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("queue-row")).ToContainTextAsync("โครงการเปิดเผยข้อมูลสาธารณะ");
        await BrowserFixture.ScreenshotAsync(page, "queue-02-saved");
        foreach (var (id, lao) in new[] { (kohYo, Samples.KohYo), (khlongRi, Samples.KhlongRi) })
        {
            var p = await App.GetProjectAsync(id, TestUser.Lao(lao));
            Assert.Equal((ProjectConformity.NonConforming, "เป็นกิจกรรมประจำ ไม่ใช่มาตรการป้องกันการทุจริต"),
                (p.Conformity, p.ConformityReason));
        }

        // the desk counts what is left
        await page.GotoAsync("/staff");
        await Expect(page.GetByTestId("awaiting-total")).ToHaveTextAsync("1");
    }

    [Fact]
    public async Task The_desk_and_the_queue_read_on_a_phone()
    {
        var id = await App.CreateProjectAsync(Samples.KohYo, App.Project(name: "โครงการอบรมคุณธรรมจริยธรรม"));
        var page = await SignInAsync(390, 844);
        await Expect(page.GetByTestId("awaiting-total")).ToHaveTextAsync("1");
        Assert.False(await OverflowsAsync(page));
        await BrowserFixture.ScreenshotAsync(page, "desk-phone");

        await page.GotoAsync($"/staff/screening?fiscalYear={App.CurrentYear}");
        var row = page.Locator($"tr[data-project-id='{id}']");
        await row.GetByText("รายละเอียดโครงการ").ClickAsync();
        await Expect(row.GetByText("เพื่อให้บุคลากรปฏิบัติงานด้วยความซื่อสัตย์สุจริต")).ToBeVisibleAsync();
        Assert.False(await OverflowsAsync(page));
        await BrowserFixture.ScreenshotAsync(page, "queue-phone");

        await row.GetByRole(AriaRole.Checkbox).CheckAsync();
        await page.GetByLabel("สอดคล้องกับมิติที่กำหนด", new() { Exact = true }).CheckAsync();
        await page.GetByTestId("screen-submit").ClickAsync();
        await Expect(page.GetByTestId("queue-empty")).ToBeVisibleAsync();
        Assert.Equal(ProjectConformity.Conforming, (await App.GetProjectAsync(id)).Conformity);
    }

    private static Task<bool> OverflowsAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
}
