using System.Net;
using EPlanNacc.TestSupport;

namespace EPlanNacc.IntegrationTests;

public sealed class HealthAndOpenApiTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task Health_endpoints_answer_live_and_ready_with_the_database()
    {
        using var client = App.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApi_document_lists_the_contract_paths()
    {
        using var client = App.CreateClient();
        var json = await client.GetStringAsync("/openapi/v1.json");
        foreach (var path in new[] { "/api/v1/auth/token", "/api/v1/auth/forgot-password",
                     "/api/v1/auth/reset-password", "/api/v1/auth/revoke", "/api/v1/me/password", "/api/v1/me/profile",
                     "/api/v1/reference/provinces", "/api/v1/reference/provinces/{code}/districts",
                     "/api/v1/reference/lao-types",
                     "/api/v1/reference/dimensions", "/api/v1/reference/laos",
                     "/api/v1/admin/accounts/{username}/reset", "/api/v1/admin/accounts/{username}/unlock" })
        {
            Assert.Contains($"\"{path}\"", json);
        }
    }
}
