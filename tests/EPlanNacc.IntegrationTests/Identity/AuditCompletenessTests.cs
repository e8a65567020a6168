using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using EPlanNacc.TestSupport;

namespace EPlanNacc.IntegrationTests.Identity;

/// <summary>Every staff action and security event the issue lists (issue 9 §8: round dates, extensions and their
/// revocation, assessment settings, assessments and their publication, account resets, activation codes, unlocks,
/// password resets) is in the audit log with who did it, the LAO it concerns and the address the request came from,
/// done as a user does it: through the API, each caller from an address of its own. (Lockouts: SignInTests.)</summary>
public sealed partial class AuditCompletenessTests(AppFixture app) : IntegrationTest(app)
{
    private const string AdminAddress = "198.51.100.10";
    private const string ProvincialAddress = "198.51.100.20";
    private const string AnonymousAddress = "198.51.100.30";
    private const int Year = 2570;
    private const string CoordinatorEmail = "audit.coordinator@kohyo.go.th";

    private sealed record Entry(string Action, string? Actor, string? DlaCode, string? Detail, string? Address);

    [GeneratedRegex(@"https?://\S+/reset-password\?token=[A-Za-z0-9_\-%]+")]
    private static partial Regex LinkPattern();

    private static object Scores(params decimal[] scores) => new
    {
        dimensions = scores.Select((s, i) => new { code = (i + 1).ToString(), score = s }).ToArray(),
    };

    private static async Task OkAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.IsSuccessStatusCode,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} " +
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Each_staff_action_and_security_event_is_recorded_with_its_actor_LAO_and_address()
    {
        using var admin = await App.CreateApiClientAsync("admin", AppFixture.AdminPassword, AdminAddress);
        using var provincial =
            await App.CreateApiClientAsync("prov90", AppFixture.ProvincialPassword, ProvincialAddress);
        var today = App.Today;

        await OkAsync(admin.PutAsJsonAsync($"/api/v1/admin/rounds/{App.CurrentYear}/6",
            new { opensOn = today.AddDays(-1), deadline = today.AddDays(30) }));
        await OkAsync(provincial.PostAsJsonAsync($"/api/v1/admin/rounds/{App.CurrentYear}/6/extensions",
            new { dlaCode = Samples.KohYo, until = today.AddDays(45), reason = "อุทกภัย" }));
        await OkAsync(provincial.DeleteAsync(
            $"/api/v1/admin/rounds/{App.CurrentYear}/6/extensions/{Samples.KohYo}?reason=ส่งทันแล้ว"));
        await OkAsync(admin.PutAsJsonAsync($"/api/v1/admin/assessment-settings/{Year}", new
        {
            passingTotal = 70,
            dimensions = new[]
            {
                new { code = "1", maxScore = 30 }, new { code = "2", maxScore = 30 },
                new { code = "3", maxScore = 20 }, new { code = "4", maxScore = 20 },
            },
        }));
        await OkAsync(provincial.PutAsJsonAsync(
            $"/api/v1/evaluation/assessments/{Samples.KohYo}/{Year}/provincial", Scores(10, 12, 14, 16)));
        await OkAsync(provincial.PostAsync(
            $"/api/v1/evaluation/assessments/{Samples.KohYo}/{Year}/provincial/publish", null));
        await OkAsync(provincial.PostAsync($"/api/v1/admin/accounts/{Samples.KohYo}/activation-code", null));
        await OkAsync(provincial.PostAsync($"/api/v1/admin/accounts/{Samples.KohYo}/reset", null));
        await OkAsync(admin.PostAsync($"/api/v1/admin/accounts/{Samples.KohYo}/unlock", null));

        // a password reset by link, asked and used by someone not signed in
        await App.SetUpLaoAsync(email: CoordinatorEmail);
        using var anyone = App.CreateClient(AnonymousAddress);
        await OkAsync(anyone.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email = CoordinatorEmail }));
        var mail = await App.Mailbox.WaitForAsync(CoordinatorEmail);
        var link = new Uri(LinkPattern().Match(mail.TextBody ?? "").Value);
        var token = Uri.UnescapeDataString(link.Query.Split("token=")[1]);
        await OkAsync(anyone.PostAsJsonAsync("/api/v1/auth/reset-password",
            new { token, newPassword = "kohyo-new-password-1" }));

        var entries = await App.QueryAsync<Entry>("""
            SELECT action, actor, dla_code, detail, address FROM identity.audit_log
            WHERE action NOT IN ('account.signed_in', 'account.setup_completed', 'account.setup_sign_in')
            """);
        // the fake clock stands still: every entry has the same time, so the order is not compared
        Assert.Equal(new (string, string?, string?, string?)[]
        {
            ("round.dates_set", "admin", null, AdminAddress),
            ("extension.granted", "prov90", Samples.KohYo, ProvincialAddress),
            ("extension.revoked", "prov90", Samples.KohYo, ProvincialAddress),
            ("assessment.settings_saved", "admin", null, AdminAddress),
            ("assessment.saved", "prov90", Samples.KohYo, ProvincialAddress),
            ("assessment.published", "prov90", Samples.KohYo, ProvincialAddress),
            ("account.activation_code_issued", "prov90", Samples.KohYo, ProvincialAddress),
            ("account.reset", "prov90", Samples.KohYo, ProvincialAddress),
            ("account.unlocked", "admin", Samples.KohYo, AdminAddress),
            ("account.password_reset_requested", null, Samples.KohYo, AnonymousAddress),
            ("account.password_reset", Samples.KohYo, Samples.KohYo, AnonymousAddress),
        }.Order(), entries.Select(e => (e.Action, e.Actor, e.DlaCode, e.Address)).Order());
        // the staff's actions say what was done, in Thai
        Assert.All(entries.Where(e => !e.Action.StartsWith("account.", StringComparison.Ordinal)),
            e => Assert.False(string.IsNullOrEmpty(e.Detail), $"{e.Action} has no detail"));
        Assert.Equal("ปีงบประมาณ พ.ศ. 2570 · คะแนนรวมขั้นต่ำที่ผ่าน 70.00 · คะแนนเต็ม มิติที่ 1 = 30.00, " +
                     "มิติที่ 2 = 30.00, มิติที่ 3 = 20.00, มิติที่ 4 = 20.00",
            entries.Single(e => e.Action == "assessment.settings_saved").Detail);
    }

    [Fact]
    public async Task Assessment_settings_saved_again_unchanged_are_not_recorded_twice_and_a_refusal_not_at_all()
    {
        using var admin = await App.CreateApiClientAsync("admin", AppFixture.AdminPassword, AdminAddress);
        var settings = new
        {
            passingTotal = 60,
            dimensions = new[]
            {
                new { code = "1", maxScore = 25 }, new { code = "2", maxScore = 25 },
                new { code = "3", maxScore = 25 }, new { code = "4", maxScore = 25 },
            },
        };
        await OkAsync(admin.PutAsJsonAsync($"/api/v1/admin/assessment-settings/{Year}", settings));
        await OkAsync(admin.PutAsJsonAsync($"/api/v1/admin/assessment-settings/{Year}", settings));
        var refused = await admin.PutAsJsonAsync($"/api/v1/admin/assessment-settings/{Year}",
            new { passingTotal = 500, settings.dimensions });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        var actions = await App.QueryAsync<string>(
            "SELECT action FROM identity.audit_log WHERE action LIKE 'assessment.%' ORDER BY at");
        Assert.Equal(["assessment.settings_saved"], actions);
    }
}
