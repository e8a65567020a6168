using System.Net;
using EPlanNacc.IntegrationTests.Pages;
using EPlanNacc.TestSupport;

namespace EPlanNacc.IntegrationTests.Identity;

public sealed class JobsDashboardTests(AppFixture app) : IntegrationTest(app)
{
    private Task<HttpClient> SignedInAsync(string username, string password) =>
        App.SignedInClientAsync(username, password);

    [Fact]
    public async Task The_Hangfire_dashboard_is_for_admins_only()
    {
        using var anonymous = App.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/hangfire")).StatusCode);
        using var provincial = await SignedInAsync("prov90", AppFixture.ProvincialPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await provincial.GetAsync("/hangfire")).StatusCode);
        await App.SetUpLaoAsync();
        using var lao = await SignedInAsync(Samples.KohYo, Samples.Password);
        Assert.Equal(HttpStatusCode.Forbidden, (await lao.GetAsync("/hangfire")).StatusCode);
        using var admin = await SignedInAsync("admin", AppFixture.AdminPassword);
        var dashboard = await admin.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("E-PlanNACC", await dashboard.Content.ReadAsStringAsync());
    }
}
