using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using EPlanNacc.IntegrationTests.Pages;
using EPlanNacc.Modules.Identity.Features.Staff;
using EPlanNacc.TestSupport;

namespace EPlanNacc.IntegrationTests.Identity;

/// <summary>Sign-in attacks as an attacker would try them (issue 9 §3): guessing one account's password from one
/// address or from many, one password over many names, names told apart by their answers or their timing, a stolen
/// session guessing the current password, what the owner of a locked account can do about it, and the abuse of
/// password resets (guessed, reused and late tokens; addresses told apart by the answer or its time).</summary>
[Trait(AnyDay.Trait, AnyDay.Value)]
public sealed partial class SignInAttackTests(AppFixture app) : IntegrationTest(app)
{
    private const string Email = "koh.yo.coordinator@example.go.th";

    private static Task<HttpResponseMessage> TokenAsync(HttpClient client, string username, string? password) =>
        client.PostAsJsonAsync("/api/v1/auth/token", new { username, password });

    /// <summary>Seven wrong passwords for <paramref name="username"/>, each from an address of its own (no
    /// per-address limit is reached): the status, title and presence of Retry-After of each answer.</summary>
    private async Task<List<string>> GuessAsync(string username, int tries = 7)
    {
        var answers = new List<string>();
        for (var i = 0; i < tries; i++)
        {
            using var client = App.CreateClient();
            var response = await TokenAsync(client, username, $"guess-{i}-of-a-password");
            var problem = await response.ReadProblemAsync();
            var retryAfter = response.Headers.RetryAfter is not null;
            answers.Add($"{(int)response.StatusCode} {problem.Title} retry-after:{retryAfter}");
        }
        return answers;
    }

    private sealed record AuditRow(string? Actor, string Action, string? DlaCode, string? Detail, string? Address);

    private Task<IReadOnlyList<AuditRow>> AuditAsync(string? dlaCode = null) => App.QueryAsync<AuditRow>(
        "SELECT actor, action, dla_code, detail, address FROM identity.audit_log " +
        "WHERE @dlaCode::text IS NULL OR dla_code = @dlaCode ORDER BY at", new { dlaCode });

    private Task<int> EmailsToAsync(string address) => App.QueryAsync<int>(
        "SELECT count(*)::int FROM identity.outbound_emails WHERE lower(to_address) = lower(@address)",
        new { address }).ContinueWith(t => t.Result.Single());

    [Fact]
    public async Task A_staff_name_that_exists_answers_exactly_as_one_that_does_not()
    {
        using (var admin = await App.CreateApiClientAsync("admin", AppFixture.AdminPassword))
            Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/admin/staff-accounts",
                new
                {
                    username = "somchai.s", fullName = "นายสมชาย ใจดี", email = "somchai.s@nacc.go.th",
                    role = "provincial", provinceCode = "90",
                })).StatusCode);
        var unknown = await GuessAsync("ghost.officer");
        Assert.Equal(5, unknown.Count(a => a.StartsWith("401 ไม่พบผู้ใช้งาน retry-after:False")));
        Assert.All(unknown.Skip(5), a => Assert.StartsWith("429 บัญชีนี้ถูกระงับการเข้าสู่ระบบชั่วคราว", a));
        Assert.All(unknown.Skip(5), a => Assert.EndsWith("retry-after:True", a));

        // an active admin, an officer who has not yet set a password, and another unknown name
        Assert.Equal(unknown, await GuessAsync("admin"));
        Assert.Equal(unknown, await GuessAsync("somchai.s"));
        Assert.Equal(unknown, await GuessAsync("ghost.officer.2"));

        // an account locked by staff and a disabled one, tried by someone who does not know the password
        await App.SendAsync(TestUser.Admin(), new LockAccountCommand("prov90"));
        Assert.Equal(unknown, await GuessAsync("prov90"));
        await App.SendAsync(TestUser.Admin(), new DisableStaffAccountCommand("somchai.s"));
        Assert.Equal(unknown, await GuessAsync("somchai.s"));

        // the right password still meets the lock (the contract: 429 even with the right password)
        using var owner = App.CreateClient();
        await (await TokenAsync(owner, "admin", AppFixture.AdminPassword))
            .AssertProblemAsync(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Every_refusal_costs_a_password_hash_so_that_timing_does_not_tell_names_apart()
    {
        using (var admin = await App.CreateApiClientAsync("admin", AppFixture.AdminPassword))
            (await admin.PostAsJsonAsync("/api/v1/admin/staff-accounts", new
            {
                username = "somchai.s", fullName = "นายสมชาย ใจดี", email = "somchai.s@nacc.go.th",
                role = "provincial", provinceCode = "90",
            })).EnsureSuccessStatusCode();
        await GuessAsync("prov90", tries: 5); // locked by its failures from here on
        await GuessAsync("ghost.officer", tries: 5);

        var cases = new Dictionary<string, Func<Task<double>>>
        {
            // the baseline: a wrong password for an account that exists and is not locked
            ["wrong password"] = async () =>
            {
                await ClearFailuresAsync("admin");
                return await TimedTokenAsync("admin");
            },
            ["unknown name"] = () => TimedTokenAsync("ghost." + Guid.NewGuid().ToString("N")[..8]),
            ["locked account"] = () => TimedTokenAsync("prov90"),
            ["locked unknown name"] = () => TimedTokenAsync("ghost.officer"),
            ["account without a password"] = async () =>
            {
                await ClearFailuresAsync("somchai.s");
                return await TimedTokenAsync("somchai.s");
            },
        };
        var times = cases.Keys.ToDictionary(k => k, _ => new List<double>());
        foreach (var run in cases.Values) await run(); // warm up
        for (var round = 0; round < 9; round++)
            foreach (var (name, run) in cases)
                times[name].Add(await run());

        var medians = times.ToDictionary(t => t.Key, t => t.Value.Order().ElementAt(t.Value.Count / 2));
        var summary = string.Join(", ", medians.Select(m => $"{m.Key} {m.Value:F0} ms"));
        foreach (var (name, median) in medians)
        {
            var ratio = median / medians["wrong password"];
            Assert.True(ratio is > 0.5 and < 2.0, $"{name} takes {ratio:F2} times a wrong password ({summary})");
        }
    }

    private Task ClearFailuresAsync(string username) => App.ExecuteAsync(
        "UPDATE identity.users SET recent_failures = '{}', locked_until = NULL WHERE username = @username",
        new { username });

    /// <summary>How long one wrong password for <paramref name="username"/> takes to be refused.</summary>
    private async Task<double> TimedTokenAsync(string username)
    {
        using var client = App.CreateClient();
        var watch = Stopwatch.StartNew();
        var response = await TokenAsync(client, username, "a-wrong-password-1");
        var elapsed = watch.Elapsed.TotalMilliseconds;
        Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests,
            $"{username}: {response.StatusCode}");
        return elapsed;
    }

    [Fact]
    public async Task One_account_tried_from_many_addresses_locks_after_five_failures()
    {
        await App.SetUpLaoAsync();
        for (var i = 1; i <= 5; i++)
        {
            using var bot = App.CreateClient($"203.0.113.{i}");
            await (await TokenAsync(bot, Samples.KohYo, $"guess-{i}-password"))
                .AssertProblemAsync(HttpStatusCode.Unauthorized);
        }
        using var sixth = App.CreateClient("203.0.113.6");
        await (await TokenAsync(sixth, Samples.KohYo, Samples.Password))
            .AssertProblemAsync(HttpStatusCode.TooManyRequests);
        var locked = Assert.Single(await AuditAsync(Samples.KohYo), r => r.Action == "account.locked_out");
        Assert.Equal("203.0.113.5", locked.Address);
    }

    [Fact]
    public async Task Many_names_from_one_address_meet_the_address_limit_before_any_is_counted()
    {
        using var sprayer = App.CreateClient("198.51.100.77");
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            var response = await TokenAsync(sprayer, $"69{i:D5}", "Password123");
            answers.Add(response.StatusCode);
            if (i == 39) Assert.Contains("มากเกินไป", (await response.ReadProblemAsync()).Title);
        }
        // 30 tries a minute per address in the tests' settings (RateLimits:SignInPermits); the rest never reach an
        // account
        Assert.All(answers.Take(30), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.All(answers.Skip(30), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        Assert.Equal(30, (await AuditAsync()).Count(r => r.Address == "198.51.100.77"));
    }

    [Fact]
    public async Task The_addresses_of_one_IPv6_network_share_one_limit()
    {
        var answers = new List<HttpStatusCode>();
        for (var i = 1; i <= 31; i++)
        {
            // one /64 network: every host part its own, as any IPv6 client can choose
            var address = i % 3 == 0 ? $"2001:db8:5:6:{i:x}::1" : $"2001:db8:5:6::{i:x}";
            using var client = App.CreateClient(address);
            answers.Add((await TokenAsync(client, $"ghost.{i}", "Password123")).StatusCode);
        }
        Assert.All(answers.Take(30), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1]);
        using (var sameNetwork = App.CreateClient("2001:db8:5:6:ffff:ffff:ffff:fffe"))
        {
            var refused = await TokenAsync(sameNetwork, "ghost.32", "Password123");
            Assert.Contains("มากเกินไป", (await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests)).Title);
        }
        using var otherNetwork = App.CreateClient("2001:db8:5:7::1");
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await TokenAsync(otherNetwork, "ghost.33", "Password123")).StatusCode);

        // an IPv4 client written as an IPv6-mapped address is the same client
        for (var i = 0; i < 30; i++)
        {
            using var client = App.CreateClient(i % 2 == 0 ? "192.0.2.88" : "::ffff:192.0.2.88");
            await TokenAsync(client, $"ghost.{i}", "Password123");
        }
        using var mapped = App.CreateClient("::ffff:192.0.2.88");
        await (await TokenAsync(mapped, "ghost.last", "Password123"))
            .AssertProblemAsync(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Wrong_current_passwords_count_as_failed_sign_ins_and_lock_the_account()
    {
        await App.SetUpLaoAsync();
        using var stolen = await App.CreateApiClientAsync(Samples.KohYo, Samples.Password);
        for (var i = 0; i < 5; i++)
        {
            var wrong = await stolen.PostAsJsonAsync("/api/v1/me/password",
                new { currentPassword = $"guess-{i}-password", newPassword = "taken-over-account-1" });
            Assert.Contains("รหัสผ่านปัจจุบันไม่ถูกต้อง", Assert.Single(
                (await wrong.AssertProblemAsync(HttpStatusCode.BadRequest)).Errors["currentPassword"]));
        }
        var right = await stolen.PostAsJsonAsync("/api/v1/me/password",
            new { currentPassword = Samples.Password, newPassword = "taken-over-account-1" });
        Assert.StartsWith("บัญชีนี้ถูกระงับการเข้าสู่ระบบชั่วคราว",
            (await right.AssertProblemAsync(HttpStatusCode.TooManyRequests)).Title);
        Assert.NotNull(right.Headers.RetryAfter);
        using var anyone = App.CreateClient();
        await (await TokenAsync(anyone, Samples.KohYo, Samples.Password))
            .AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Single(await AuditAsync(Samples.KohYo), r => r.Action == "account.locked_out");

        // the page counts the same way: the lock holds there too
        App.Clock.Advance(TimeSpan.FromMinutes(16));
        using var browser = await App.SignedInClientAsync(Samples.KohYo, Samples.Password);
        for (var i = 0; i < 5; i++)
            await browser.PostFormAsync("/account/password", new Dictionary<string, string?>
            {
                ["Input.CurrentPassword"] = $"guess-{i}-password", ["Input.NewPassword"] = "taken-over-account-1",
                ["Input.ConfirmPassword"] = "taken-over-account-1",
            });
        await (await TokenAsync(anyone, Samples.KohYo, Samples.Password))
            .AssertProblemAsync(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task The_owner_unlocks_a_locked_account_with_a_reset_link_and_the_unlock_is_recorded()
    {
        await App.SetUpLaoAsync(email: Email);
        for (var i = 1; i <= 5; i++)
        {
            using var bot = App.CreateClient($"203.0.113.{i}");
            await TokenAsync(bot, Samples.KohYo, $"guess-{i}-password");
        }
        using var owner = App.CreateClient("192.0.2.10");
        await (await TokenAsync(owner, Samples.KohYo, Samples.Password))
            .AssertProblemAsync(HttpStatusCode.TooManyRequests);

        Assert.Equal(HttpStatusCode.Accepted,
            (await owner.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email = Email })).StatusCode);
        var token = await ResetTokenInMailAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await owner.PostAsJsonAsync("/api/v1/auth/reset-password",
            new { token, newPassword = "a-brand-new-secret" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(owner, Samples.KohYo, "a-brand-new-secret")).StatusCode);

        var rows = await AuditAsync(Samples.KohYo);
        Assert.Equal("203.0.113.5", Assert.Single(rows, r => r.Action == "account.locked_out").Address);
        var unlocked = Assert.Single(rows, r => r.Action == "account.unlocked");
        Assert.Equal((Samples.KohYo, "192.0.2.10"), (unlocked.Actor, unlocked.Address));
        Assert.Contains("ลิงก์ตั้งรหัสผ่านใหม่", unlocked.Detail);
    }

    [Fact]
    public async Task A_lock_is_emailed_to_the_owner_once_per_lock()
    {
        await App.SetUpLaoAsync(email: Email);
        const string AdminEmail = "central.admin@nacc.go.th";
        await App.ExecuteAsync("UPDATE identity.users SET email = @AdminEmail WHERE username = 'admin'",
            new { AdminEmail });
        await GuessAsync(Samples.KohYo, tries: 9);
        await GuessAsync("admin");
        await GuessAsync("ghost.officer");

        var mail = await App.Mailbox.WaitForAsync(Email);
        Assert.Equal("E-PlanNACC: บัญชีผู้ใช้งานถูกระงับการเข้าสู่ระบบชั่วคราว", mail.Subject);
        Assert.Contains("องค์การบริหารส่วนตำบลเกาะยอ", mail.TextBody);
        Assert.Contains("กรอกรหัสผ่านผิด 5 ครั้งภายใน 15 นาที", mail.TextBody);
        Assert.Contains("/forgot-password", mail.HtmlBody);
        var staffMail = await App.Mailbox.WaitForAsync(AdminEmail);
        Assert.Contains("admin", staffMail.TextBody);
        Assert.Equal(1, await EmailsToAsync(Email));
        Assert.Equal(1, await EmailsToAsync(AdminEmail));
        Assert.Equal(2, (await App.QueryAsync<int>("SELECT count(*)::int FROM identity.outbound_emails")).Single());

        // the lock runs out; a new lock is a new email
        App.Clock.Advance(TimeSpan.FromMinutes(16));
        await GuessAsync(Samples.KohYo, tries: 5);
        Assert.Equal(2, await EmailsToAsync(Email));
        var locked = (await AuditAsync(Samples.KohYo)).Where(r => r.Action == "account.locked_out").ToList();
        Assert.Equal(2, locked.Count);
        Assert.All(locked, r => Assert.Contains(Email, r.Detail));
    }

    [Fact]
    public async Task Staff_unlock_is_recorded_with_who_and_the_address()
    {
        await App.SetUpLaoAsync();
        await GuessAsync(Samples.KohYo, tries: 5);
        using var office = App.CreateClient("192.0.2.44");
        var token = await (await TokenAsync(office, "prov90", AppFixture.ProvincialPassword))
            .Content.ReadFromJsonAsync<AppFixture.TokenAnswer>();
        office.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        Assert.Equal(HttpStatusCode.NoContent,
            (await office.PostAsync($"/api/v1/admin/accounts/{Samples.KohYo}/unlock", null)).StatusCode);
        var unlocked = Assert.Single(await AuditAsync(Samples.KohYo), r => r.Action == "account.unlocked");
        Assert.Equal(("prov90", "192.0.2.44"), (unlocked.Actor, unlocked.Address));
        using var owner = App.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(owner, Samples.KohYo, Samples.Password)).StatusCode);
    }

    [Fact]
    public async Task Forgot_password_answers_a_known_and_an_unknown_address_alike_and_as_fast()
    {
        await App.SetUpLaoAsync(email: Email);
        async Task<(double Milliseconds, string Answer)> AskAsync(string email)
        {
            using var client = App.CreateClient(); // an address of its own: 5 requests per address in 10 minutes
            var watch = Stopwatch.StartNew();
            var response = await client.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email });
            var elapsed = watch.Elapsed.TotalMilliseconds;
            var headers = string.Join(";", response.Content.Headers.Concat(response.Headers)
                // the date, and the policy's nonce, are new each time
                .Where(h => h.Key is not ("Date" or "Content-Security-Policy"))
                .Select(h => $"{h.Key}={string.Join(",", h.Value)}"));
            return (elapsed, $"{(int)response.StatusCode} [{await response.Content.ReadAsStringAsync()}] {headers}");
        }
        var known = new List<double>();
        var unknown = new List<double>();
        await AskAsync("nobody.warm-up@example.go.th");
        for (var i = 0; i < 9; i++)
        {
            var (knownTime, knownAnswer) = await AskAsync(Email);
            var (unknownTime, unknownAnswer) = await AskAsync($"nobody{i}@example.go.th");
            Assert.Equal(knownAnswer, unknownAnswer);
            Assert.StartsWith("202 []", knownAnswer);
            known.Add(knownTime);
            unknown.Add(unknownTime);
        }
        var (k, u) = (known.Order().ElementAt(4), unknown.Order().ElementAt(4));
        Assert.True(u / k is > 0.5 and < 2.0, $"known {k:F0} ms, unknown {u:F0} ms");
        // the known address gets its link; the unknown ones nothing
        await Eventually.Async(() => Task.FromResult(App.Mailbox.To(Email).Count), n => n > 0, "the reset link");
        Assert.DoesNotContain(App.Mailbox.Messages, m => m.To.ToString().Contains("nobody"));
    }

    [Fact]
    public async Task Reset_tokens_cannot_be_guessed_reused_or_used_late()
    {
        await App.SetUpLaoAsync(email: Email);
        using (var asker = App.CreateClient())
            await asker.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email = Email });
        var token = await ResetTokenInMailAsync();
        // 256 random bits, of which only a hash is kept
        Assert.Equal(43, token.Length);
        Assert.Equal([(1, 0)], await App.QueryAsync<(int, int)>("""
            SELECT count(*) FILTER (WHERE token_hash = sha256(convert_to(@token, 'UTF8')))::int,
                   count(*) FILTER (WHERE token_hash = convert_to(@token, 'UTF8'))::int
            FROM identity.password_reset_tokens
            """, new { token }));

        // a guesser meets 400 for each guess, then the limit of its address; nothing changes
        using var guesser = App.CreateClient("198.51.100.66");
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            var guess = token[..^4] + $"{i:D4}";
            answers.Add((await guesser.PostAsJsonAsync("/api/v1/auth/reset-password",
                new { token = guess, newPassword = "taken-over-account-1" })).StatusCode);
        }
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.BadRequest, 5).Concat(
            Enumerable.Repeat(HttpStatusCode.TooManyRequests, 3)), answers);
        using var owner = App.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(owner, Samples.KohYo, Samples.Password)).StatusCode);

        // used once; late is too late (30 minutes)
        App.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.NoContent, (await owner.PostAsJsonAsync("/api/v1/auth/reset-password",
            new { token, newPassword = "a-brand-new-secret" })).StatusCode);
        await (await owner.PostAsJsonAsync("/api/v1/auth/reset-password",
            new { token, newPassword = "another-new-secret" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        App.Mailbox.Clear();
        await owner.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email = Email });
        var late = await ResetTokenInMailAsync();
        App.Clock.Advance(TimeSpan.FromMinutes(31));
        using var lateOwner = App.CreateClient();
        await (await lateOwner.PostAsJsonAsync("/api/v1/auth/reset-password",
            new { token = late, newPassword = "another-new-secret" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(lateOwner, Samples.KohYo, "a-brand-new-secret")).StatusCode);
    }

    /// <summary>The token of the reset link emailed to <see cref="Email"/> (waits for the email).</summary>
    private async Task<string> ResetTokenInMailAsync()
    {
        var link = await Eventually.Async(() => Task.FromResult(App.Mailbox.To(Email)
            .Select(m => LinkPattern().Match(m.TextBody ?? "")).FirstOrDefault(m => m.Success)?.Value),
            l => l is not null, "the reset link");
        return Uri.UnescapeDataString(new Uri(link!).Query.Split("token=")[1]);
    }

    [GeneratedRegex(@"https?://\S+/reset-password\?token=[A-Za-z0-9_\-%]+")]
    private static partial Regex LinkPattern();
}
