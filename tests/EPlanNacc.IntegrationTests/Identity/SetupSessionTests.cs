using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EPlanNacc.Modules.Identity.Features.Staff;
using EPlanNacc.Modules.LocalAuthorityProfile.Features.Profiles;
using EPlanNacc.TestSupport;

namespace EPlanNacc.IntegrationTests.Identity;

public sealed class SetupSessionTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task A_setup_token_may_only_read_reference_data_and_read_or_save_its_profile()
    {
        using var client = await App.CreateApiClientAsync(Samples.KohYo, null);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me/profile")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/reference/provinces")).StatusCode);
        Assert.Equal(HttpStatusCode.OK,
            (await client.GetAsync("/api/v1/reference/dimensions?fiscalYear=2570")).StatusCode);

        var change = await client.PostAsJsonAsync("/api/v1/me/password",
            new { currentPassword = "x", newPassword = "another-password-1" });
        var problem = await change.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("ข้อมูลพื้นฐาน", problem.Title);
        await (await client.PostAsync("/api/v1/admin/accounts/6900202/unlock", null))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await client.GetAsync("/api/v1/admin/laos/6900106/profile"))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_profile_before_set_up_is_prefilled_from_the_registry()
    {
        using var client = await App.CreateApiClientAsync(Samples.KohYo, null);
        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/v1/me/profile"));
        var root = json.RootElement;
        Assert.Equal("6900106", root.GetProperty("dlaCode").GetString());
        Assert.False(root.GetProperty("completed").GetBoolean());
        var location = root.GetProperty("location");
        Assert.Equal("90", location.GetProperty("provinceCode").GetString());
        Assert.Equal("9001", location.GetProperty("districtCode").GetString());
        Assert.Equal("sao", location.GetProperty("laoType").GetString());
        Assert.Equal("องค์การบริหารส่วนตำบลเกาะยอ", location.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, location.GetProperty("size").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("coordinator").GetProperty("email").ValueKind);
    }

    [Fact]
    public async Task Saving_the_wizard_through_the_api_sets_the_password_ends_the_setup_token_and_records_the_set_up()
    {
        var started = App.Clock.GetUtcNow();
        using var client = await App.CreateApiClientAsync(Samples.KohYo, null);
        var put = await client.PutAsJsonAsync("/api/v1/me/profile", Samples.ProfileJson());
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        using (var saved = JsonDocument.Parse(await put.Content.ReadAsStringAsync()))
        {
            Assert.True(saved.RootElement.GetProperty("completed").GetBoolean());
            Assert.Equal(15_000_000.00m, saved.RootElement.GetProperty("areaAndExecutives")
                .GetProperty("revenueExcludingSubsidies").GetDecimal());
            Assert.False(saved.RootElement.TryGetProperty("password", out _));
        }

        // the setup token ended with the set-up; the new password works, the code alone no longer does
        await (await client.GetAsync("/api/v1/me/profile")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        using var signedIn = await App.CreateApiClientAsync(Samples.KohYo, Samples.Password);
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/api/v1/me/profile")).StatusCode);

        var account = await App.SendAsync(TestUser.Admin(), new GetAccountQuery(Samples.KohYo));
        Assert.True(account.SetupCompleted);
        var setup = Assert.Single(account.Events, e => e.Kind == "setup_completed");
        Assert.Equal(Samples.KohYo, setup.Actor);
        Assert.False(string.IsNullOrEmpty(setup.IpAddress));
        Assert.InRange(setup.OccurredAt, started, App.Clock.GetUtcNow());
    }

    [Fact]
    public async Task The_first_set_up_needs_an_acceptable_password_and_saves_nothing_without_one()
    {
        using var client = await App.CreateApiClientAsync(Samples.KohYo, null);
        foreach (var (password, message) in new (string?, string)[]
                 {
                     (null, "กรุณากำหนดรหัสผ่าน"),
                     ("short1", "อย่างน้อย 8 ตัวอักษร"),
                     ("password123", "ใช้กันทั่วไป"),
                     ("12345678", "ใช้กันทั่วไป"),
                     ("x6900106x", "ชื่อผู้ใช้งาน"),
                 })
        {
            var put = await client.PutAsJsonAsync("/api/v1/me/profile", Samples.ProfileJson(password: password));
            var problem = await put.AssertProblemAsync(HttpStatusCode.BadRequest);
            Assert.Contains(message, Assert.Single(problem.Errors["password"]));
        }
        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/v1/me/profile"));
        Assert.False(json.RootElement.GetProperty("completed").GetBoolean());
        var token = await App.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { username = Samples.KohYo });
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
    }

    [Fact]
    public async Task Staff_reset_puts_an_account_back_to_never_set_up_and_keeps_its_data()
    {
        await App.SetUpLaoAsync();
        using var admin = await App.CreateApiClientAsync("admin", AppFixture.AdminPassword);
        using var lao = await App.CreateApiClientAsync(Samples.KohYo, Samples.Password);

        Assert.Equal(HttpStatusCode.NoContent,
            (await admin.PostAsync($"/api/v1/admin/accounts/{Samples.KohYo}/reset", null)).StatusCode);

        // the LAO's session ended; its next sign-in takes the code alone and starts from the registry, while its data
        // is still there for staff (and in the history once the new set-up saves)
        await (await lao.GetAsync("/api/v1/me/profile")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        using var setup = await App.CreateApiClientAsync(Samples.KohYo, null);
        using var json = JsonDocument.Parse(await setup.GetStringAsync("/api/v1/me/profile"));
        Assert.False(json.RootElement.GetProperty("completed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("coordinator").GetProperty("fullName").ValueKind);
        var kept = await App.SendAsync(TestUser.Admin(), new GetLaoProfileQuery(Samples.KohYo));
        Assert.Equal("นายประสาน งานดี", kept.Coordinator.FullName);
        var account = await App.SendAsync(TestUser.Admin(), new GetAccountQuery(Samples.KohYo));
        Assert.Contains(account.Events, e => e.Kind == "account_reset" && e.Actor == "admin");
    }

    [Fact]
    public async Task Account_reset_and_unlock_follow_the_staff_scope()
    {
        await App.SetUpLaoAsync(Samples.ChiangMaiCity);
        await App.SetUpLaoAsync(Samples.KhlongRi);
        using var provincial = await App.CreateApiClientAsync("prov90", AppFixture.ProvincialPassword);
        using var lao = await App.CreateApiClientAsync(Samples.KhlongRi, Samples.Password);

        // a provincial office acts on the LAOs of its province only; other accounts are not found for it
        Assert.Equal(HttpStatusCode.NoContent,
            (await provincial.PostAsync($"/api/v1/admin/accounts/{Samples.KhlongRi}/unlock", null)).StatusCode);
        await (await provincial.PostAsync($"/api/v1/admin/accounts/{Samples.ChiangMaiCity}/reset", null))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        await (await provincial.PostAsync($"/api/v1/admin/accounts/{Samples.ChiangMaiCity}/unlock", null))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        await (await provincial.PostAsync("/api/v1/admin/accounts/admin/unlock", null))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        // an LAO is not staff
        await (await lao.PostAsync($"/api/v1/admin/accounts/{Samples.KhlongRi}/reset", null))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        // unknown accounts
        using var admin = await App.CreateApiClientAsync("admin", AppFixture.AdminPassword);
        await (await admin.PostAsync("/api/v1/admin/accounts/0000000/unlock", null))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        // only LAO accounts go back to never set up
        await (await admin.PostAsync("/api/v1/admin/accounts/prov90/reset", null))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Staff_unlock_lifts_a_lock_at_once()
    {
        await App.SetUpLaoAsync();
        using var client = App.CreateClient();
        for (var i = 0; i < 5; i++) await client.PostAsJsonAsync("/api/v1/auth/token",
            new { username = Samples.KohYo, password = $"bad-password-{i}" });
        Assert.Equal(HttpStatusCode.TooManyRequests,
            (await client.PostAsJsonAsync("/api/v1/auth/token",
                new { username = Samples.KohYo, password = Samples.Password })).StatusCode);

        using var provincial = await App.CreateApiClientAsync("prov90", AppFixture.ProvincialPassword);
        Assert.Equal(HttpStatusCode.NoContent,
            (await provincial.PostAsync($"/api/v1/admin/accounts/{Samples.KohYo}/unlock", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK,
            (await client.PostAsJsonAsync("/api/v1/auth/token",
                new { username = Samples.KohYo, password = Samples.Password })).StatusCode);
    }
}
