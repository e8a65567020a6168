using System.Net;
using System.Net.Http.Json;
using EPlanNacc.BuildingBlocks.Email;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Host.Infrastructure;
using EPlanNacc.IntegrationTests.Pages;
using EPlanNacc.Modules.Identity;
using EPlanNacc.Modules.Identity.Features.Provisioning;
using EPlanNacc.Modules.Identity.Features.Staff;
using EPlanNacc.Modules.LocalAuthorityProfile.Features.Profiles;
using EPlanNacc.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EPlanNacc.IntegrationTests.Identity;

/// <summary>Accounts nobody else can take: Production's strict defaults and the demo's relaxed ones, the first admin
/// only from EPLAN_ADMIN_PASSWORD and made to change it, no demo account outside the demo, and staff resets and
/// activation codes recorded and told to the LAO's coordinator, whose details a new set-up session does not
/// see.</summary>
public sealed class AccountSafetyTests(AppFixture app) : IntegrationTest(app), IDisposable
{
    private BootstrapOptions Bootstrap => App.Services.GetRequiredService<IOptions<BootstrapOptions>>().Value;
    private readonly BootstrapOptions _saved = Copy(
        app.Services.GetRequiredService<IOptions<BootstrapOptions>>().Value);

    [Fact]
    public void Production_is_strict_by_default_and_the_demo_relaxes_it_in_its_own_file()
    {
        var production = Settings();
        var demo = Settings("appsettings.Demo.json");

        Assert.True(production.Identity.RequireActivationCode);
        Assert.True(production.Bootstrap.AdminMustChangePassword);
        Assert.False(production.Bootstrap.CreateDemoProvincialOffice);
        Assert.Null(production.Bootstrap.AdminPassword);
        Assert.Null(production.Bootstrap.ProvincialPassword);
        // as shipped, Production names what it still needs instead of starting without it
        Assert.Collection(production.ProductionProblems(),
            p => Assert.StartsWith("AllowedHosts (EPLAN_ALLOWED_HOSTS)", p),
            p => Assert.StartsWith("Identity:PublicBaseUrl", p),
            p => Assert.StartsWith("Email:SmtpHost", p));
        production.Identity.PublicBaseUrl = "https://eplan.nacc.go.th";
        production.Email.SmtpHost = "smtp.nacc.go.th";
        Assert.Empty((production with { AllowedHosts = "eplan.nacc.go.th" }).ProductionProblems());
        Assert.NotEmpty((production with { AllowedHosts = "eplan.nacc.go.th;*" }).ProductionProblems());
        // the shipped SMTP setting insists on TLS
        Assert.True(EmailOptions.RequiresTls(production.Email.Security));
        Assert.False(production.Email.AllowPlainSmtp);

        Assert.False(demo.Identity.RequireActivationCode);
        Assert.False(demo.Bootstrap.AdminMustChangePassword);
        Assert.True(demo.Bootstrap.CreateDemoProvincialOffice);
        Assert.NotNull(demo.Bootstrap.AdminPassword);
        Assert.Equal("http://localhost:5080", demo.Identity.PublicBaseUrl);
        Assert.Contains(demo.ProductionProblems(),
            p => p.StartsWith("Bootstrap:CreateDemoProvincialOffice", StringComparison.Ordinal));
    }

    [Fact]
    public void The_run_script_starts_the_demo_configuration_and_prints_no_password()
    {
        var script = File.ReadAllLines(Path.Combine(TestDatabase.RepositoryRoot(), "scripts", "run"));
        Assert.Contains("export ASPNETCORE_ENVIRONMENT=Demo", script);
        Assert.DoesNotContain(script, l => l.TrimStart().StartsWith("echo", StringComparison.Ordinal)
            && l.Contains("PASSWORD", StringComparison.Ordinal));
        Assert.DoesNotContain(script, l => l.Contains("nacc-central-2569", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_an_admin_or_EPLAN_ADMIN_PASSWORD_the_start_fails_with_a_clear_message()
    {
        await DeleteAdminsAsync();
        Bootstrap.AdminPassword = null;
        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            App.SendAsync(SystemUser.Instance, new ProvisionAccountsCommand()));
        Assert.Contains("EPLAN_ADMIN_PASSWORD", failed.Message);
    }

    [Fact]
    public async Task The_first_admin_must_change_the_password_it_was_given_before_anything_else()
    {
        await DeleteAdminsAsync();
        Bootstrap.AdminMustChangePassword = true;
        Bootstrap.CreateDemoProvincialOffice = false;
        await DeleteAccountAsync("prov90");
        await App.SendAsync(SystemUser.Instance, new ProvisionAccountsCommand());

        using var api = App.CreateClient();
        var token = await (await api.PostAsJsonAsync("/api/v1/auth/token",
            new { username = "admin", password = AppFixture.AdminPassword }))
            .Content.ReadFromJsonAsync<TokenWithChange>();
        Assert.True(token!.PasswordChangeRequired);
        api.DefaultRequestHeaders.Authorization = new("Bearer", token.AccessToken);
        var refused = await (await api.GetAsync("/api/v1/admin/rounds")).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(AccessMessages.ChangePasswordFirst, refused.Title);

        // the pages lead to the change of password and nowhere else
        using var browser = await App.SignedInClientAsync("admin", AppFixture.AdminPassword);
        var staff = await browser.GetAsync("/staff");
        Assert.Equal("/account/password", staff.Headers.Location?.OriginalString);
        Assert.Contains("must-change-password", await browser.GetStringAsync("/account/password"));
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/hangfire")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsJsonAsync("/api/v1/me/password",
            new { currentPassword = AppFixture.AdminPassword, newPassword = "nacc-central-chosen-2570" })).StatusCode);
        using var again = await App.CreateApiClientAsync("admin", "nacc-central-chosen-2570");
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/v1/admin/rounds")).StatusCode);

        // outside the demo no provincial office account is made with a demo password
        using var prov = App.CreateClient();
        await (await prov.PostAsJsonAsync("/api/v1/auth/token",
            new { username = "prov90", password = AppFixture.ProvincialPassword }))
            .AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_staff_reset_is_recorded_emailed_to_the_coordinator_and_the_new_set_up_starts_from_the_registry()
    {
        const string email = "old.coordinator@kohyo.go.th";
        await App.SetUpLaoAsync(email: email);
        var projectId = await App.CreateProjectAsync();
        App.Mailbox.Clear();

        using var provincial = await App.CreateApiClientAsync("prov90", AppFixture.ProvincialPassword);
        Assert.Equal(HttpStatusCode.NoContent,
            (await provincial.PostAsync($"/api/v1/admin/accounts/{Samples.KohYo}/reset", null)).StatusCode);
        var notice = await App.Mailbox.WaitForAsync(email);
        Assert.Contains("ถูกตั้งค่าใหม่", notice.Subject);
        Assert.Contains("prov90", notice.TextBody);
        Assert.Contains("สำนักงาน ป.ป.ช. ประจำจังหวัดสงขลา", notice.TextBody);
        Assert.Matches(@"\d{1,2} [ก-๙.]+ 25\d\d \d\d:\d\d น\.", notice.TextBody);

        var issued = await provincial.PostAsync($"/api/v1/admin/accounts/{Samples.KohYo}/activation-code", null);
        var code = (await issued.Content.ReadFromJsonAsync<ActivationCodeIssued>())!;
        var codeNotice = (await WaitForSecondAsync(email)).Last();
        Assert.Contains("รหัสเปิดใช้งาน", codeNotice.Subject);
        Assert.DoesNotContain(code.ActivationCode, codeNotice.TextBody + codeNotice.HtmlBody);

        var account = await App.SendAsync(TestUser.Provincial(), new GetAccountQuery(Samples.KohYo));
        Assert.Equal(["activation_code_issued", "account_reset"], account.Events.Take(2).Select(e => e.Kind));
        Assert.All(account.Events.Take(2), e => Assert.Equal("prov90", e.Actor));
        Assert.All(account.Events.Take(2), e => Assert.Equal($"แจ้งทางอีเมลถึง {email}", e.Detail));

        // the new set-up session sees the registry only, and cannot touch the projects
        using var setup = App.CreateClient();
        var token = await (await setup.PostAsJsonAsync("/api/v1/auth/token", new { username = Samples.KohYo }))
            .Content.ReadFromJsonAsync<AppFixture.TokenAnswer>();
        Assert.True(token!.SetupRequired);
        setup.DefaultRequestHeaders.Authorization = new("Bearer", token.AccessToken);
        var profile = await setup.GetFromJsonAsync<ProfileDetails>("/api/v1/me/profile");
        Assert.False(profile!.Completed);
        Assert.Equal("องค์การบริหารส่วนตำบลเกาะยอ", profile.Location.Name);
        Assert.Null(profile.Coordinator.FullName);
        Assert.Null(profile.Coordinator.Email);
        Assert.Null(profile.AreaAndExecutives.ExecutiveName);
        await (await setup.GetAsync($"/api/v1/projects/{projectId}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await setup.DeleteAsync($"/api/v1/projects/{projectId}")).AssertProblemAsync(HttpStatusCode.Forbidden);

        // the new coordinator's save keeps the old one in the history
        await App.SetUpLaoAsync(email: "new.coordinator@kohyo.go.th");
        var history = await App.SendAsync(TestUser.Lao(Samples.KohYo), new ListProfileChangesQuery());
        Assert.Contains(history.First().Changes, c =>
            c.Field == "coordinator.email" && c.Old == email && c.New == "new.coordinator@kohyo.go.th");
    }

    [Fact]
    public async Task A_reset_of_an_LAO_without_an_address_on_file_is_recorded_as_not_told()
    {
        await App.SendAsync(TestUser.Admin(), new IssueActivationCodeCommand(Samples.KohYo));
        var account = await App.SendAsync(TestUser.Admin(), new GetAccountQuery(Samples.KohYo));
        Assert.Equal("ไม่มีอีเมลผู้ประสานงานในข้อมูลพื้นฐาน จึงไม่ได้ส่งอีเมลแจ้ง", account.Events.First().Detail);
        Assert.Empty(App.Mailbox.Messages);
    }

    [Fact]
    public async Task Staff_find_an_account_and_issue_a_code_shown_once_on_the_accounts_page()
    {
        using var provincial = await App.SignedInClientAsync("prov90", AppFixture.ProvincialPassword);
        var page = await provincial.GetStringAsync($"/staff/accounts/{Samples.KohYo}");
        Assert.Contains("ยังไม่ได้ตั้งค่า", page);
        var issued = await provincial.PostFormAsync($"/staff/accounts/{Samples.KohYo}?handler=activationCode",
            new Dictionary<string, string?>(), formPage: $"/staff/accounts/{Samples.KohYo}");
        var answer = await issued.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        Assert.Matches("data-testid=\"activation-code\"[\\s\\S]*[A-Z2-9]{5}-[A-Z2-9]{5}", answer);
        Assert.DoesNotMatch("[A-Z2-9]{5}-[A-Z2-9]{5}",
            await provincial.GetStringAsync($"/staff/accounts/{Samples.KohYo}"));

        // another province's account is not found (404, the search kept on the page); an LAO may not open the page's
        // actions
        var foreign = await provincial.GetAsync($"/staff/accounts/{Samples.ChiangMaiCity}");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Contains("account-not-found", await foreign.Content.ReadAsStringAsync());
        await App.SetUpLaoAsync();
        using var lao = await App.SignedInClientAsync(Samples.KohYo, Samples.Password);
        await lao.AssertForbiddenPageAsync($"/staff/accounts/{Samples.KohYo}");
    }

    public void Dispose()
    {
        Bootstrap.AdminPassword = _saved.AdminPassword;
        Bootstrap.AdminMustChangePassword = _saved.AdminMustChangePassword;
        Bootstrap.CreateDemoProvincialOffice = _saved.CreateDemoProvincialOffice;
    }

    private async Task<IReadOnlyList<MimeKit.MimeMessage>> WaitForSecondAsync(string to)
    {
        for (var i = 0; i < 100 && App.Mailbox.To(to).Count < 2; i++) await Task.Delay(100);
        return App.Mailbox.To(to);
    }

    private sealed record TokenWithChange(string AccessToken, bool PasswordChangeRequired);

    private sealed record Configured(
        IdentityOptions Identity, BootstrapOptions Bootstrap, EmailOptions Email, string? AllowedHosts)
    {
        public IReadOnlyList<string> ProductionProblems() =>
            Environments.ProductionProblems(Identity, Email, Bootstrap, AllowedHosts);
    }

    /// <summary>The options as appsettings.json (and an environment's file over it) give them.</summary>
    private static Configured Settings(string? environmentFile = null)
    {
        var builder = new ConfigurationBuilder()
            .SetBasePath(Path.Combine(TestDatabase.RepositoryRoot(), "src", "Host", "EPlanNacc.Host"))
            .AddJsonFile("appsettings.json");
        if (environmentFile is not null) builder.AddJsonFile(environmentFile);
        var configuration = builder.Build();
        return new Configured(
            configuration.GetSection(IdentityOptions.Section).Get<IdentityOptions>()!,
            configuration.GetSection(BootstrapOptions.Section).Get<BootstrapOptions>()!,
            configuration.GetSection(EmailOptions.Section).Get<EmailOptions>()!,
            configuration["AllowedHosts"]);
    }

    private static BootstrapOptions Copy(BootstrapOptions o) => new()
    {
        AdminPassword = o.AdminPassword, AdminMustChangePassword = o.AdminMustChangePassword,
        CreateDemoProvincialOffice = o.CreateDemoProvincialOffice,
    };

    private Task DeleteAdminsAsync() => DeleteAccountsAsync("role = @value", UserRoles.Admin);

    private Task DeleteAccountAsync(string username) => DeleteAccountsAsync("username = @value", username);

    /// <summary>Takes accounts away as if they had never been made
    /// (the next test's reset provisions them again).</summary>
    private async Task DeleteAccountsAsync(string where, string value)
    {
        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"DELETE FROM identity.account_events WHERE user_id IN (SELECT id FROM identity.users WHERE {where}); " +
            $"DELETE FROM identity.users WHERE {where}", connection);
        command.Parameters.AddWithValue("value", value);
        await command.ExecuteNonQueryAsync();
    }
}
