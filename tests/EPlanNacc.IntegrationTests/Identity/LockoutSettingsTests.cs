using System.Net;
using System.Net.Http.Json;
using EPlanNacc.IntegrationTests.Pages;
using EPlanNacc.Modules.Identity;
using EPlanNacc.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EPlanNacc.IntegrationTests.Identity;

/// <summary>What the system tells users about the lockout and the reset links comes from the settings in force
/// (Identity:LockoutThreshold, LockoutWindowMinutes, LockoutMinutes, ResetTokenMinutes), never from literals.</summary>
public sealed class LockoutSettingsTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task Other_lockout_and_reset_link_settings_change_every_message_that_states_them()
    {
        var o = App.Services.GetRequiredService<IOptions<IdentityOptions>>().Value;
        var defaults = (o.LockoutThreshold, o.LockoutWindowMinutes, o.LockoutMinutes, o.ResetTokenMinutes);
        (o.LockoutThreshold, o.LockoutWindowMinutes, o.LockoutMinutes, o.ResetTokenMinutes) = (3, 10, 20, 45);
        try
        {
            await App.SetUpLaoAsync();
            using var api = App.CreateClient();
            Task<HttpResponseMessage> SignInAsync(string password) =>
                api.PostAsJsonAsync("/api/v1/auth/token", new { username = Samples.KohYo, password });
            for (var i = 0; i < 3; i++)
                await (await SignInAsync($"wrong-{i}-password")).AssertProblemAsync(HttpStatusCode.Unauthorized);
            var locked = await SignInAsync(Samples.Password);
            var problem = await locked.AssertProblemAsync(HttpStatusCode.TooManyRequests);
            const string Refusal = "บัญชีนี้ถูกระงับการเข้าสู่ระบบชั่วคราว " +
                                   "เนื่องจากกรอกรหัสผ่านผิด 3 ครั้งภายใน 10 นาที " +
                                   "กรุณารอ 20 นาทีแล้วลองใหม่ " +
                                   "หรือตั้งรหัสผ่านใหม่จากเมนูลืมรหัสผ่านเพื่อเข้าสู่ระบบได้ทันที " +
                                   "หรือติดต่อเจ้าหน้าที่";
            Assert.Equal(Refusal, problem.Title);
            Assert.True(locked.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(19), $"{locked.Headers.RetryAfter}");

            using var browser = App.CreateClient();
            var login = await browser.PostFormAsync("/login", new Dictionary<string, string?>
            {
                ["Input.Username"] = Samples.KohYo, ["Input.Password"] = Samples.Password,
            });
            Assert.Equal(HttpStatusCode.TooManyRequests, login.StatusCode);
            Assert.Contains(Refusal, await login.Content.ReadAsStringAsync());

            const string Rule = "หากกรอกรหัสผ่านผิดติดต่อกัน 3 ครั้งภายใน 10 นาที " +
                                "ระบบจะระงับการเข้าสู่ระบบของบัญชีนั้นชั่วคราว 20 นาที";
            Assert.Contains(Rule, await browser.GetStringAsync("/manual"));
            Assert.Contains("ลิงก์ใช้ได้ครั้งเดียวภายใน 45 นาที", await browser.GetStringAsync("/faq"));
            var forgot = await browser.PostFormAsync("/forgot-password",
                new Dictionary<string, string?> { ["Input.Email"] = "nobody@example.com" });
            var sent = await forgot.Content.ReadAsStringAsync();
            Assert.Contains("data-testid=\"forgot-sent\"", sent);
            Assert.Contains("ลิงก์ใช้ได้ครั้งเดียวภายใน 45 นาที", sent);
        }
        finally
        {
            (o.LockoutThreshold, o.LockoutWindowMinutes, o.LockoutMinutes, o.ResetTokenMinutes) = defaults;
        }
    }
}
