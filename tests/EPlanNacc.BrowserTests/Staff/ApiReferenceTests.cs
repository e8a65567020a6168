using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using EPlanNacc.TestSupport;
using Microsoft.Playwright;

namespace EPlanNacc.BrowserTests.Staff;

/// <summary>A provincial office opens the API reference from the staff menu, sees the operations of /openapi/v1.json,
/// pastes a token into the Bearer scheme the page offers and makes an authorised call from the page (it ends that
/// token: <c>POST /api/v1/auth/revoke</c>, which the test then sees answer 401). Nothing is asked of another host
/// and the Content-Security-Policy refuses nothing (BrowserTest). Scalar's page is not ours, so axe-core does not
/// audit it (docs/adr/0041-api-reference-and-guide.md). Screenshot: TestResults/screenshots/api-reference.</summary>
public sealed class ApiReferenceTests(BrowserFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task The_office_opens_the_reference_from_the_menu_and_calls_the_API_from_it_with_a_token()
    {
        using var api = await App.CreateApiClientAsync("prov90", AppFixture.ProvincialPassword);
        var token = api.DefaultRequestHeaders.Authorization!.Parameter!;

        var page = await App.NewPageAsync(audited: false);
        var elsewhere = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await page.Context.RouteAsync("**/*", async route =>
        {
            if (new Uri(route.Request.Url).Authority == App.BaseAddress.Authority)
            {
                await route.ContinueAsync();
                return;
            }
            elsewhere.Enqueue(route.Request.Url);
            await route.AbortAsync();
        });

        await page.GotoAsync("/login");
        await page.GetByLabel("รหัสผู้ใช้งาน (Username)").FillAsync("prov90");
        await page.GetByLabel("รหัสผ่าน (Password)").FillAsync(AppFixture.ProvincialPassword);
        await page.GetByTestId("login-submit").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/staff$"));

        await page.GetByRole(AriaRole.Complementary, new PageGetByRoleOptions { Name = "เมนู" })
            .GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "คู่มือ API (สำหรับระบบเชื่อมต่อ)" })
            .ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/api/reference/$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new PageGetByRoleOptions
        { Name = "post /api/v1/auth/token" })).ToBeAttachedAsync();

        // the Bearer scheme of the description, offered for a token
        var bearer = page.GetByLabel("Bearer Token").First;
        await Assertions.Expect(bearer).ToBeVisibleAsync();
        await bearer.FillAsync(token);
        await page.ScreenshotAsync(new PageScreenshotOptions
        { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "api-reference.png") });

        // the operation from the list of its tag, then its client: the token pasted above goes with the request
        await page.GetByText("/api/v1/auth/revoke", new PageGetByTextOptions { Exact = true }).First.ClickAsync();
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "post /api/v1/auth/revoke" })
            .ClickAsync();
        var client = page.GetByRole(AriaRole.Dialog);
        await client.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions
        { NameRegex = new Regex("^Send", RegexOptions.IgnoreCase) }).First.ClickAsync();
        await Assertions.Expect(client.GetByText("204").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions
        { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "api-reference-sent.png") });

        using var check = App.CreateClient();
        check.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await check.GetAsync($"/api/v1/admin/rounds?fiscalYear={App.CurrentYear}")).StatusCode);
        Assert.Empty(elsewhere);
        await page.Context.CloseAsync();
    }
}
