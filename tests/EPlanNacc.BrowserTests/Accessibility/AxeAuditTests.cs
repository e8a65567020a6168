using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace EPlanNacc.BrowserTests.Accessibility;

/// <summary>The audit itself fails, with the rule, the element and the page: on a page as it loads (no step in the
/// test) and on a page as a screenshot shows it.</summary>
public sealed class AxeAuditTests(BrowserFixture app) : BrowserTest(app)
{
    private const string Probe = """
        <!DOCTYPE html><html lang="th"><head><meta charset="utf-8"><title>ตรวจสอบ</title></head>
        <body><main><h1>หน้าทดสอบ</h1>
        <p style="color:#0d6efd;background:#f4f6fa" id="old-link-blue">ข้อความสีฟ้าเดิมบนพื้นหน้า</p>
        </main></body></html>
        """;

    [Fact]
    public async Task A_page_that_breaks_a_rule_as_it_loads_is_reported_with_the_rule_the_element_and_the_page()
    {
        var page = await App.NewPageAsync();
        await page.RouteAsync(new Regex("/axe-probe"), route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 200, ContentType = "text/html; charset=utf-8", Body = Probe,
        }));
        await page.GotoAsync("/axe-probe?step=1");
        await page.EvaluateAsync<bool>("() => window.__eplanAxe.idle()");

        var found = Assert.Single(await App.Axe.CollectAsync());
        Assert.Contains("axe-core rule 'color-contrast' (serious)", found);
        Assert.Contains("page: /axe-probe?step=1 (ตรวจสอบ)", found);
        Assert.Contains("element: #old-link-blue", found);
        Assert.Contains("insufficient color contrast of 4.15", found);
    }

    [Fact]
    public async Task A_screenshot_of_a_state_that_breaks_a_rule_fails_the_test_at_once()
    {
        var page = await App.NewPageAsync();
        await page.GotoAsync("/faq");
        await page.EvaluateAsync<bool>("() => window.__eplanAxe.idle()");
        // the FAQ as it is passes
        await BrowserFixture.ScreenshotAsync(page, "axe-faq");
        // a state the page could reach: a field without a label
        await page.EvaluateAsync("() => document.querySelector('main').insertAdjacentHTML('beforeend', " +
                                 "'<input type=\"text\" id=\"unlabelled\">')");

        var failure = await Assert.ThrowsAsync<Xunit.Sdk.XunitException>(
            () => BrowserFixture.ScreenshotAsync(page, "axe-faq-unlabelled"));
        Assert.Contains("axe-core rule 'label' (critical)", failure.Message);
        Assert.Contains("page: /faq (คำถามที่พบบ่อย - E-PlanNACC)", failure.Message);
        Assert.Contains("element: #unlabelled", failure.Message);
        Assert.Empty(await App.Axe.CollectAsync());
    }
}
