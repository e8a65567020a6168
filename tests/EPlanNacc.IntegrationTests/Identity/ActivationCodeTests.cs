using System.Net;
using System.Net.Http.Json;
using EPlanNacc.Modules.Identity;
using EPlanNacc.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EPlanNacc.IntegrationTests.Identity;

/// <summary>NACC may require an activation code at an LAO's first sign-in (setting Identity:RequireActivationCode,
/// off by default as in the manual). The tests of this collection run one at a time, so the setting is turned
/// on here and restored after.</summary>
public sealed class ActivationCodeTests(AppFixture app) : IntegrationTest(app), IDisposable
{
    private IdentityOptions Options => App.Services.GetRequiredService<IOptions<IdentityOptions>>().Value;

    [Fact]
    public async Task When_required_the_first_sign_in_needs_the_code_staff_issued()
    {
        Options.RequireActivationCode = true;
        using var client = App.CreateClient();
        await (await client.PostAsJsonAsync("/api/v1/auth/token", new { username = Samples.KohYo }))
            .AssertProblemAsync(HttpStatusCode.Unauthorized);

        using var provincial = await App.CreateApiClientAsync("prov90", AppFixture.ProvincialPassword);
        var issued = await provincial.PostAsync($"/api/v1/admin/accounts/{Samples.KohYo}/activation-code", null);
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        var code = (await issued.Content.ReadFromJsonAsync<CodeAnswer>())!.ActivationCode;
        Assert.Matches("^[A-Z2-9]{5}-[A-Z2-9]{5}$", code);

        await (await client.PostAsJsonAsync("/api/v1/auth/token",
            new { username = Samples.KohYo, activationCode = "WRONG-CODE1" }))
                .AssertProblemAsync(HttpStatusCode.Unauthorized);
        var ok = await client.PostAsJsonAsync("/api/v1/auth/token",
            new { username = Samples.KohYo, activationCode = code.ToLowerInvariant().Replace("-", " ") });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.True((await ok.Content.ReadFromJsonAsync<AppFixture.TokenAnswer>())!.SetupRequired);

        // once set up, the code is spent: the password is what signs in
        await App.SetUpLaoAsync();
        await (await client.PostAsJsonAsync("/api/v1/auth/token",
            new { username = Samples.KohYo, activationCode = code })).AssertProblemAsync(HttpStatusCode.Unauthorized);
        // a provincial office issues codes only in its province
        await (await provincial.PostAsync($"/api/v1/admin/accounts/{Samples.ChiangMaiCity}/activation-code", null))
            .AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task When_not_required_the_code_alone_signs_in_as_in_the_manual()
    {
        Assert.False(Options.RequireActivationCode);
        using var client = App.CreateClient();
        Assert.Equal(HttpStatusCode.OK,
            (await client.PostAsJsonAsync("/api/v1/auth/token", new { username = Samples.KohYo })).StatusCode);
    }

    public void Dispose() => Options.RequireActivationCode = false;

    private sealed record CodeAnswer(string Username, string ActivationCode, DateTimeOffset ExpiresAt);
}
