using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using EPlanNacc.Modules.Identity.Features.Staff;
using EPlanNacc.TestSupport;

namespace EPlanNacc.IntegrationTests.Identity;

[Trait(AnyDay.Trait, AnyDay.Value)]
public sealed class SignInTests(AppFixture app) : IntegrationTest(app)
{
    private async Task<HttpResponseMessage> TokenAsync(HttpClient client, string username, string? password,
        string? activationCode = null) =>
        await client.PostAsJsonAsync("/api/v1/auth/token", new { username, password, activationCode });

    [Fact]
    public async Task First_sign_in_of_a_never_set_up_LAO_takes_the_code_alone_and_gives_a_setup_token()
    {
        using var client = App.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = Samples.KohYo });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = await response.Content.ReadFromJsonAsync<AppFixture.TokenAnswer>();
        Assert.True(token!.SetupRequired);
        Assert.Equal("lao", token.Role);
        Assert.Equal("Bearer", token.TokenType);
        Assert.Equal(3600, token.ExpiresIn);
        Assert.False(string.IsNullOrEmpty(token.AccessToken));
    }

    [Fact]
    public async Task Unknown_user_and_wrong_password_fail_alike_with_the_manuals_message()
    {
        await App.SetUpLaoAsync();
        using var client = App.CreateClient();
        var unknown = await (await TokenAsync(client, "9999999", "whatever-password"))
            .AssertProblemAsync(HttpStatusCode.Unauthorized);
        var wrong = await (await TokenAsync(client, Samples.KohYo, "not-the-password"))
            .AssertProblemAsync(HttpStatusCode.Unauthorized);
        var staffWrong = await (await TokenAsync(client, "admin", "not-the-password"))
            .AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("ไม่พบผู้ใช้งาน", unknown.Title);
        Assert.Equal(unknown.Title, wrong.Title);
        Assert.Equal(unknown.Title, staffWrong.Title);
        Assert.Equal(unknown.Detail, wrong.Detail);
    }

    [Fact]
    public async Task A_set_up_account_no_longer_signs_in_with_the_code_alone()
    {
        await App.SetUpLaoAsync();
        using var client = App.CreateClient();
        await (await TokenAsync(client, Samples.KohYo, null)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        var ok = await TokenAsync(client, Samples.KohYo, Samples.Password);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.False((await ok.Content.ReadFromJsonAsync<AppFixture.TokenAnswer>())!.SetupRequired);
    }

    [Fact]
    public async Task A_never_set_up_account_refuses_a_password()
    {
        using var client = App.CreateClient();
        await (await TokenAsync(client, Samples.KohYo, "some-password-123"))
            .AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Staff_sign_in_with_their_passwords_and_roles()
    {
        using var client = App.CreateClient();
        var admin = await (await TokenAsync(client, "admin", AppFixture.AdminPassword))
            .Content.ReadFromJsonAsync<AppFixture.TokenAnswer>();
        var provincial = await (await TokenAsync(client, "PROV90", AppFixture.ProvincialPassword))
            .Content.ReadFromJsonAsync<AppFixture.TokenAnswer>();
        Assert.Equal(("admin", false), (admin!.Role, admin.SetupRequired));
        Assert.Equal(("provincial", false), (provincial!.Role, provincial.SetupRequired));
    }

    [Fact]
    public async Task Five_failures_in_15_minutes_lock_the_account_for_15_minutes_even_for_the_right_password()
    {
        await App.SetUpLaoAsync();
        using var client = App.CreateClient();
        for (var i = 0; i < 5; i++)
            await (await TokenAsync(client, Samples.KohYo, $"wrong-password-{i}"))
                .AssertProblemAsync(HttpStatusCode.Unauthorized);

        var locked = await TokenAsync(client, Samples.KohYo, Samples.Password);
        var problem = await locked.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Contains("15 นาที", problem.Title);
        Assert.True(locked.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(14));

        // the lock runs out 15 minutes after the fifth failure
        App.Clock.Advance(TimeSpan.FromMinutes(14));
        var stillLocked = await TokenAsync(client, Samples.KohYo, Samples.Password);
        await stillLocked.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(client, Samples.KohYo, Samples.Password)).StatusCode);
        var events = await App.SendAsync(TestUser.Admin(), new GetAccountQuery(Samples.KohYo));
        Assert.Contains(events.Events, e => e.Kind == "locked_out");
    }

    [Fact]
    public async Task Failures_older_than_the_15_minute_window_do_not_count()
    {
        await App.SetUpLaoAsync();
        using var client = App.CreateClient();
        for (var i = 0; i < 4; i++) await TokenAsync(client, Samples.KohYo, $"wrong-{i}-password");
        App.Clock.Advance(TimeSpan.FromMinutes(16));
        await (await TokenAsync(client, Samples.KohYo, "wrong-again-password"))
            .AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(client, Samples.KohYo, Samples.Password)).StatusCode);
    }

    [Fact]
    public async Task A_successful_sign_in_clears_earlier_failures()
    {
        await App.SetUpLaoAsync();
        using var client = App.CreateClient();
        for (var i = 0; i < 4; i++) await TokenAsync(client, Samples.KohYo, $"wrong-{i}-password");
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(client, Samples.KohYo, Samples.Password)).StatusCode);
        for (var i = 0; i < 4; i++) await TokenAsync(client, Samples.KohYo, $"wrong-{i}-password");
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(client, Samples.KohYo, Samples.Password)).StatusCode);
    }

    [Fact]
    public async Task Sign_in_is_rate_limited_per_client_address_with_a_Thai_message()
    {
        using var client = App.CreateClient("10.99.0.1");
        HttpResponseMessage? last = null;
        for (var i = 0; i < 31; i++) last = await TokenAsync(client, "9999999", "x-password-x");
        var problem = await last!.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Contains("มากเกินไป", problem.Title);

        // another address is not limited (a name of its own: 9999999 is locked by now, as an account would be)
        using var other = App.CreateClient("10.99.0.2");
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(other, "9999998", "x-password-x")).StatusCode);
    }

    [Fact]
    public async Task Malformed_or_empty_sign_in_requests_are_400_or_401_never_500()
    {
        using var client = App.CreateClient();
        var malformed = await client.PostAsync("/api/v1/auth/token",
            new StringContent("{\"username\":", System.Text.Encoding.UTF8, "application/json"));
        await malformed.AssertProblemAsync(HttpStatusCode.BadRequest);
        var wrongType = await client.PostAsync("/api/v1/auth/token",
            new StringContent("{\"username\":123}", System.Text.Encoding.UTF8, "application/json"));
        await wrongType.AssertProblemAsync(HttpStatusCode.BadRequest);
        var empty = await client.PostAsync("/api/v1/auth/token",
            new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        await empty.AssertProblemAsync(HttpStatusCode.Unauthorized);
        var huge = await TokenAsync(client, new string('9', 5000), new string('x', 5000));
        await huge.AssertProblemAsync(HttpStatusCode.Unauthorized);
        var noBody = await client.PostAsync("/api/v1/auth/token",
            new StringContent("", System.Text.Encoding.UTF8, "application/json"));
        Assert.True(noBody.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized,
            $"got {noBody.StatusCode}");
        var xml = await client.PostAsync("/api/v1/auth/token",
            new StringContent("<x/>", System.Text.Encoding.UTF8, "application/xml"));
        Assert.True((int)xml.StatusCode is 400 or 401 or 415, $"got {xml.StatusCode}");
    }

    [Fact]
    public async Task Unauthenticated_api_calls_get_401_problem_details()
    {
        using var client = App.CreateClient();
        await (await client.GetAsync("/api/v1/me/profile")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        await (await client.GetAsync("/api/v1/me/profile")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }
}
