using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using EPlanNacc.TestSupport;
using MimeKit;
using Npgsql;

namespace EPlanNacc.IntegrationTests.Identity;

public sealed partial class PasswordTests(AppFixture app) : IntegrationTest(app)
{
    private const string Email = "koh.yo.coordinator@example.go.th";

    private static string ResetLink(MimeMessage message)
    {
        var match = LinkPattern().Match(message.TextBody ?? "");
        Assert.True(match.Success, "no reset link in the email: " + message.TextBody);
        Assert.Contains(match.Value, message.HtmlBody);
        return match.Value;
    }

    [GeneratedRegex(@"https?://\S+/reset-password\?token=[A-Za-z0-9_\-%]+")]
    private static partial Regex LinkPattern();

    [Fact]
    public async Task Forgot_password_emails_a_Thai_single_use_link_that_the_user_follows_to_a_new_password()
    {
        await App.SetUpLaoAsync(email: Email);
        using var client = App.CreateClient(followRedirects: false);
        var answer = await client.PostAsJsonAsync("/api/v1/auth/forgot-password",
            new { email = "Koh.Yo.Coordinator@EXAMPLE.go.th" });
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);

        var mail = await App.Mailbox.WaitForAsync(Email);
        Assert.Equal("E-PlanNACC: ตั้งรหัสผ่านใหม่", mail.Subject);
        Assert.Contains("องค์การบริหารส่วนตำบลเกาะยอ", mail.TextBody);
        Assert.Contains("30 นาที", mail.HtmlBody);
        var link = new Uri(ResetLink(mail));
        Assert.Equal(App.BaseAddress.Authority, link.Authority);

        // the page behind the link offers the form
        var page = await client.GetStringAsync(link.PathAndQuery);
        Assert.Contains("รหัสผ่านใหม่", page);
        Assert.DoesNotContain("data-testid=\"reset-invalid\"", page);

        var token = Uri.UnescapeDataString(link.Query.Split("token=")[1]);
        var reset = await client.PostAsJsonAsync("/api/v1/auth/reset-password",
            new { token, newPassword = "a-brand-new-secret" });
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/auth/token",
            new { username = Samples.KohYo, password = "a-brand-new-secret" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/v1/auth/token",
            new { username = Samples.KohYo, password = Samples.Password })).StatusCode);

        // single use
        var again = await client.PostAsJsonAsync("/api/v1/auth/reset-password",
            new { token, newPassword = "yet-another-secret" });
        var problem = await again.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("ลิงก์", Assert.Single(problem.Errors["token"]));
        Assert.Contains("data-testid=\"reset-invalid\"", await client.GetStringAsync(link.PathAndQuery));
    }

    [Fact]
    public async Task A_reset_link_expires_after_30_minutes()
    {
        await App.SetUpLaoAsync(email: Email);
        using var client = App.CreateClient();
        await client.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email = Email });
        var link = new Uri(ResetLink(await App.Mailbox.WaitForAsync(Email)));
        var token = Uri.UnescapeDataString(link.Query.Split("token=")[1]);

        await using (var connection = new NpgsqlConnection(App.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT extract(epoch FROM expires_at - created_at)::int FROM identity.password_reset_tokens WHERE " +
                "used_at IS NULL", connection);
            Assert.Equal(30 * 60, (int)(await command.ExecuteScalarAsync())!);
        }
        App.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Contains("data-testid=\"reset-submit\"", await client.GetStringAsync(link.PathAndQuery));
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Contains("data-testid=\"reset-invalid\"", await client.GetStringAsync(link.PathAndQuery));
        var reset = await client.PostAsJsonAsync("/api/v1/auth/reset-password",
            new { token, newPassword = "a-brand-new-secret" });
        await reset.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/auth/token",
            new { username = Samples.KohYo, password = Samples.Password })).StatusCode);
    }

    [Fact]
    public async Task A_newer_link_replaces_an_older_one()
    {
        await App.SetUpLaoAsync(email: Email);
        using var client = App.CreateClient();
        await client.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email = Email });
        var first = Uri.UnescapeDataString(new Uri(ResetLink(await App.Mailbox.WaitForAsync(Email)))
            .Query.Split("token=")[1]);
        App.Mailbox.Clear();
        await client.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email = Email });
        var second = Uri.UnescapeDataString(new Uri(ResetLink(await App.Mailbox.WaitForAsync(Email)))
            .Query.Split("token=")[1]);
        Assert.NotEqual(first, second);
        await (await client.PostAsJsonAsync("/api/v1/auth/reset-password",
            new { token = first, newPassword = "a-brand-new-secret" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/api/v1/auth/reset-password",
            new { token = second, newPassword = "a-brand-new-secret" })).StatusCode);
    }

    [Fact]
    public async Task Unknown_email_gets_the_same_answer_and_no_email()
    {
        await App.SetUpLaoAsync(email: Email);
        using var client = App.CreateClient();
        var answer = await client.PostAsJsonAsync("/api/v1/auth/forgot-password",
            new { email = "nobody@example.go.th" });
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        Assert.Equal("", await answer.Content.ReadAsStringAsync());
        // the known address gets its email; the unknown one got nothing in the meantime
        await client.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email = Email });
        await App.Mailbox.WaitForAsync(Email);
        Assert.Empty(App.Mailbox.To("nobody@example.go.th"));
    }

    [Fact]
    public async Task Bad_reset_requests_get_Thai_messages()
    {
        using var client = App.CreateClient();
        var bad = await client.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email = "not-an-email" });
        Assert.Contains("อีเมล",
            Assert.Single((await bad.AssertProblemAsync(HttpStatusCode.BadRequest)).Errors["email"]));
        var unknownToken = await client.PostAsJsonAsync("/api/v1/auth/reset-password",
            new { token = "made-up-token", newPassword = "a-brand-new-secret" });
        await unknownToken.AssertProblemAsync(HttpStatusCode.BadRequest);
        var weak = await client.PostAsJsonAsync("/api/v1/auth/reset-password",
            new { token = "made-up-token", newPassword = "qwerty" });
        Assert.True((await weak.AssertProblemAsync(HttpStatusCode.BadRequest)).Errors.ContainsKey("newPassword"));
    }

    [Fact]
    public async Task Reset_requests_are_rate_limited_per_address()
    {
        using var client = App.CreateClient("10.98.0.1");
        HttpResponseMessage? last = null;
        for (var i = 0; i < 6; i++) last = await client.PostAsJsonAsync("/api/v1/auth/forgot-password",
            new { email = $"someone{i}@example.go.th" });
        await last!.AssertProblemAsync(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Changing_the_password_checks_the_current_one_and_the_new_one_and_ends_other_sessions()
    {
        await App.SetUpLaoAsync();
        using var client = await App.CreateApiClientAsync(Samples.KohYo, Samples.Password);
        using var otherSession = await App.CreateApiClientAsync(Samples.KohYo, Samples.Password);

        var wrong = await client.PostAsJsonAsync("/api/v1/me/password",
            new { currentPassword = "not-it-at-all", newPassword = "a-brand-new-secret" });
        Assert.Contains("รหัสผ่านปัจจุบันไม่ถูกต้อง",
            Assert.Single((await wrong.AssertProblemAsync(HttpStatusCode.BadRequest)).Errors["currentPassword"]));
        var weak = await client.PostAsJsonAsync("/api/v1/me/password",
            new { currentPassword = Samples.Password, newPassword = "iloveyou" });
        Assert.True((await weak.AssertProblemAsync(HttpStatusCode.BadRequest)).Errors.ContainsKey("newPassword"));

        var ok = await client.PostAsJsonAsync("/api/v1/me/password",
            new { currentPassword = Samples.Password, newPassword = "a-brand-new-secret" });
        Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
        await (await otherSession.GetAsync("/api/v1/me/profile")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        using var anon = App.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.PostAsJsonAsync("/api/v1/auth/token",
            new { username = Samples.KohYo, password = Samples.Password })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anon.PostAsJsonAsync("/api/v1/auth/token",
            new { username = Samples.KohYo, password = "a-brand-new-secret" })).StatusCode);
    }

    [Fact]
    public async Task An_account_never_set_up_gets_an_email_telling_it_to_sign_in_with_its_code()
    {
        await App.SetUpLaoAsync(email: Email);
        using var admin = await App.CreateApiClientAsync("admin", AppFixture.AdminPassword);
        await admin.PostAsync($"/api/v1/admin/accounts/{Samples.KohYo}/reset", null);
        // the reset notice comes first
        Assert.Contains("ถูกตั้งค่าใหม่", (await App.Mailbox.WaitForAsync(Email)).Subject);
        App.Mailbox.Clear();
        using var client = App.CreateClient();
        await client.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email = Email });
        var mail = await App.Mailbox.WaitForAsync(Email);
        Assert.Contains("ยังไม่ได้ตั้งค่า", mail.Subject);
        Assert.DoesNotContain("reset-password", mail.TextBody);
    }
}
