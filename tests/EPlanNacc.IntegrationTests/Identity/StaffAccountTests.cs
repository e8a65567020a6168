using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.Modules.Identity.Contracts;
using EPlanNacc.Modules.Identity.Features;
using EPlanNacc.Modules.Identity.Features.Provisioning;
using EPlanNacc.Modules.Identity.Features.SignIn;
using EPlanNacc.Modules.Identity.Features.Staff;
using EPlanNacc.Modules.Identity.Rules;
using EPlanNacc.TestSupport;
using MimeKit;

namespace EPlanNacc.IntegrationTests.Identity;

/// <summary>Staff accounts (issue 8 §1, api-v1 "Staff"): created with a Thai email whose single-use link sets the
/// password; nobody makes or edits an account above their role or outside their province; provincial offices'
/// accounts provisioned once; the search of accounts in the caller's scope; disabled and staff-locked accounts that
/// cannot sign in; every action in the account's history and the audit trail.</summary>
public sealed partial class StaffAccountTests(AppFixture app) : IntegrationTest(app)
{
    private const string OfficerEmail = "somchai.s@nacc.go.th";

    [GeneratedRegex(@"https?://\S+/reset-password\?token=[A-Za-z0-9_\-%]+")]
    private static partial Regex LinkPattern();

    private static string TokenIn(MimeMessage mail)
    {
        var link = new Uri(LinkPattern().Match(mail.TextBody ?? "").Value);
        return Uri.UnescapeDataString(link.Query.Split("token=")[1]);
    }

    private static object Officer(string username = "somchai.s", string role = "provincial",
        string? provinceCode = "90", string email = OfficerEmail) =>
        new { username, fullName = "นายสมชาย ใจดี", email, role, provinceCode };

    private Task<HttpClient> AdminAsync() => App.CreateApiClientAsync("admin", AppFixture.AdminPassword);
    private Task<HttpClient> Prov90Async() => App.CreateApiClientAsync("prov90", AppFixture.ProvincialPassword);

    private Task<IReadOnlyList<string>> AuditActionsAsync(string detailLike) => App.QueryAsync<string>(
        "SELECT action FROM identity.audit_log WHERE detail LIKE @detailLike ORDER BY at", new { detailLike });

    [Fact]
    public async Task An_admin_creates_an_officer_who_sets_the_password_with_the_emailed_link_once()
    {
        using var admin = await AdminAsync();
        var created = await admin.PostAsJsonAsync("/api/v1/admin/staff-accounts", Officer());

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/v1/admin/accounts/somchai.s", created.Headers.Location?.OriginalString);
        var details = await created.Content.ReadFromJsonAsync<AccountDetails>();
        Assert.Equal(("provincial", "90", AccountStates.NeverSetUp), (details!.Role, details.ProvinceCode,
            details.State));

        var mail = await App.Mailbox.WaitForAsync(OfficerEmail);
        Assert.Equal("E-PlanNACC: บัญชีผู้ใช้งานเจ้าหน้าที่ของท่าน", mail.Subject);
        Assert.Contains("เรียน นายสมชาย ใจดี", mail.TextBody);
        Assert.Contains("ชื่อผู้ใช้งาน somchai.s", mail.HtmlBody);
        Assert.Contains("ภายใน 7 วัน", mail.TextBody);
        var token = TokenIn(mail);

        // no password yet: the account cannot sign in, with any password or none
        using var anyone = App.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anyone.PostAsJsonAsync("/api/v1/auth/token",
            new { username = "somchai.s", password = "" })).StatusCode);

        // the link works 7 days, once
        App.Clock.Advance(TimeSpan.FromDays(6));
        Assert.Equal(HttpStatusCode.NoContent, (await anyone.PostAsJsonAsync("/api/v1/auth/reset-password",
            new { token, newPassword = "songkhla-officer-1" })).StatusCode);
        var again = await anyone.PostAsJsonAsync("/api/v1/auth/reset-password",
            new { token, newPassword = "songkhla-officer-2" });
        await again.AssertProblemAsync(HttpStatusCode.BadRequest);

        using var officer = await App.CreateApiClientAsync("somchai.s", "songkhla-officer-1");
        var accounts = await officer.GetFromJsonAsync<List<AccountListItem>>("/api/v1/admin/accounts?role=provincial");
        Assert.Contains(accounts!, a => a.Username == "somchai.s" && a.State == AccountStates.Active);
        Assert.Equal(["account.created", "account.sign_in_failed", "account.password_set", "account.signed_in"],
            await AuditActionsAsync("บัญชี somchai.s%"));
    }

    [Fact]
    public async Task An_invitation_link_runs_out_after_its_days()
    {
        using var admin = await AdminAsync();
        (await admin.PostAsJsonAsync("/api/v1/admin/staff-accounts", Officer())).EnsureSuccessStatusCode();
        var token = TokenIn(await App.Mailbox.WaitForAsync(OfficerEmail));

        App.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        using var anyone = App.CreateClient();
        var late = await anyone.PostAsJsonAsync("/api/v1/auth/reset-password",
            new { token, newPassword = "songkhla-officer-1" });
        await late.AssertProblemAsync(HttpStatusCode.BadRequest);

        // an admin sends a new link
        App.Mailbox.Clear();
        using var later = await AdminAsync();
        Assert.Equal(HttpStatusCode.NoContent,
            (await later.PostAsync("/api/v1/admin/staff-accounts/somchai.s/setup-link", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await anyone.PostAsJsonAsync("/api/v1/auth/reset-password",
            new { token = TokenIn(await App.Mailbox.WaitForAsync(OfficerEmail)), newPassword = "songkhla-officer-1" }))
            .StatusCode);
    }

    [Fact]
    public async Task A_provincial_office_creates_officers_of_its_own_province_only_and_never_an_admin()
    {
        using var prov90 = await Prov90Async();

        var admin = await prov90.PostAsJsonAsync("/api/v1/admin/staff-accounts",
            Officer("new.admin", "admin", null, "new.admin@nacc.go.th"));
        Assert.Equal(StaffAccountRules.AdminOnly, (await admin.AssertProblemAsync(HttpStatusCode.Forbidden)).Detail);
        var other = await prov90.PostAsJsonAsync("/api/v1/admin/staff-accounts",
            Officer("cm.officer", provinceCode: "50", email: "cm@nacc.go.th"));
        Assert.Equal(StaffAccountRules.OwnProvinceOnly,
            (await other.AssertProblemAsync(HttpStatusCode.Forbidden)).Detail);
        Assert.Empty(await App.QueryAsync<string>(
            "SELECT username FROM identity.users WHERE username IN ('new.admin', 'cm.officer')"));
        Assert.Empty(App.Mailbox.Messages);

        var own = await prov90.PostAsJsonAsync("/api/v1/admin/staff-accounts", Officer());
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        await App.Mailbox.WaitForAsync(OfficerEmail);
    }

    [Fact]
    public async Task A_provincial_office_cannot_edit_another_provinces_account_nor_raise_one_to_admin()
    {
        using var admin = await AdminAsync();
        (await admin.PostAsJsonAsync("/api/v1/admin/staff-accounts",
            Officer("cm.officer", provinceCode: "50", email: "cm@nacc.go.th"))).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/v1/admin/staff-accounts", Officer())).EnsureSuccessStatusCode();
        using var prov90 = await Prov90Async();

        var foreign = await prov90.PutAsJsonAsync("/api/v1/admin/staff-accounts/cm.officer",
            new { fullName = "ชื่อใหม่", email = "cm@nacc.go.th", role = "provincial", provinceCode = "50" });
        await foreign.AssertProblemAsync(HttpStatusCode.NotFound);
        await (await prov90.PostAsync("/api/v1/admin/staff-accounts/cm.officer/disable", null))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        await (await prov90.PutAsJsonAsync("/api/v1/admin/staff-accounts/admin",
            new { fullName = "x", email = (string?)null, role = "admin", provinceCode = (string?)null }))
            .AssertProblemAsync(HttpStatusCode.NotFound);

        var raised = await prov90.PutAsJsonAsync("/api/v1/admin/staff-accounts/somchai.s",
            new { fullName = "นายสมชาย ใจดี", email = OfficerEmail, role = "admin", provinceCode = (string?)null });
        await raised.AssertProblemAsync(HttpStatusCode.Forbidden);
        var moved = await prov90.PutAsJsonAsync("/api/v1/admin/staff-accounts/somchai.s",
            new { fullName = "นายสมชาย ใจดี", email = OfficerEmail, role = "provincial", provinceCode = "50" });
        await moved.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal([("provincial", "90")], await App.QueryAsync<(string, string)>(
            "SELECT role, province_code FROM identity.users WHERE username = 'somchai.s'"));

        var renamed = await prov90.PutAsJsonAsync("/api/v1/admin/staff-accounts/somchai.s",
            new { fullName = "นายสมชาย รักดี", email = OfficerEmail, role = "provincial", provinceCode = "90" });
        Assert.Equal(HttpStatusCode.NoContent, renamed.StatusCode);
        var history = await App.SendAsync(TestUser.Provincial(), new GetAccountQuery("somchai.s"));
        Assert.Equal("แก้ไขบัญชี", history.Events.First().Label);
        Assert.Equal("ชื่อ: นายสมชาย ใจดี → นายสมชาย รักดี", history.Events.First().Detail);
    }

    [Fact]
    public async Task Bad_input_gets_Thai_messages_and_creates_nothing()
    {
        using var admin = await AdminAsync();
        var bad = await admin.PostAsJsonAsync("/api/v1/admin/staff-accounts",
            new { username = "9 bad", fullName = "", email = "not-an-email", role = "lao", provinceCode = "9" });
        var problem = await bad.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["email", "fullName", "role", "username"], problem.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(problem.Errors.Values.SelectMany(v => v), m => Assert.True(ApiAssertions.IsThai(m), m));
        var noProvince = await admin.PostAsJsonAsync("/api/v1/admin/staff-accounts",
            Officer(provinceCode: null));
        Assert.Contains("จังหวัด", (await noProvince.AssertProblemAsync(HttpStatusCode.BadRequest)).Errors
            .Single().Value.Single());

        (await admin.PostAsJsonAsync("/api/v1/admin/staff-accounts", Officer())).EnsureSuccessStatusCode();
        var taken = await admin.PostAsJsonAsync("/api/v1/admin/staff-accounts", Officer("SOMCHAI.S"));
        Assert.Contains("มีผู้ใช้แล้ว", (await taken.AssertProblemAsync(HttpStatusCode.BadRequest)).Detail);
        Assert.Single(await App.QueryAsync<string>(
            "SELECT username FROM identity.users WHERE lower(username) = 'somchai.s'"));
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in_and_its_sessions_end_until_it_is_enabled()
    {
        using var admin = await AdminAsync();
        using var prov90 = await Prov90Async();
        Assert.Equal(HttpStatusCode.OK, (await prov90.GetAsync("/api/v1/admin/accounts?role=provincial")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent,
            (await admin.PostAsync("/api/v1/admin/staff-accounts/prov90/disable", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized,
            (await prov90.GetAsync("/api/v1/admin/accounts?role=provincial")).StatusCode);
        using var anyone = App.CreateClient();
        var refused = await anyone.PostAsJsonAsync("/api/v1/auth/token",
            new { username = "prov90", password = AppFixture.ProvincialPassword });
        Assert.Equal("ไม่พบผู้ใช้งาน", (await refused.AssertProblemAsync(HttpStatusCode.Unauthorized)).Title);
        var state = await App.SendAsync(TestUser.Admin(), new GetAccountQuery("prov90"));
        Assert.Equal(AccountStates.Disabled, state.State);

        Assert.Equal(HttpStatusCode.NoContent,
            (await admin.PostAsync("/api/v1/admin/staff-accounts/prov90/enable", null)).StatusCode);
        using var again = await Prov90Async();
        Assert.Equal(["account.disabled", "account.sign_in_failed", "account.enabled", "account.signed_in"],
            (await AuditActionsAsync("บัญชี prov90%")).Skip(1).ToList());
    }

    [Fact]
    public async Task Nobody_disables_or_locks_their_own_account_and_LAO_accounts_are_locked_not_disabled()
    {
        var adminId = (await App.QueryAsync<Guid>("SELECT id FROM identity.users WHERE username = 'admin'")).Single();
        var self = await Assert.ThrowsAsync<RuleViolationException>(() =>
            App.SendAsync(TestUser.Admin() with { UserId = adminId }, new DisableStaffAccountCommand("admin")));
        Assert.Equal(StaffAccountRules.NotYourself, self.Message);
        var lao = await Assert.ThrowsAsync<RuleViolationException>(() =>
            App.SendAsync(TestUser.Admin(), new DisableStaffAccountCommand(Samples.KohYo)));
        Assert.Equal(StaffAccountRules.StaffOnly, lao.Message);
        Assert.Empty(await App.QueryAsync<string>(
            "SELECT username FROM identity.users WHERE disabled_at IS NOT NULL"));
    }


    [Fact]
    public async Task Staff_lock_an_LAO_account_until_they_unlock_it()
    {
        await App.SetUpLaoAsync();
        using var prov90 = await Prov90Async();
        Assert.Equal(HttpStatusCode.NoContent,
            (await prov90.PostAsync($"/api/v1/admin/accounts/{Samples.KohYo}/lock", null)).StatusCode);

        using var anyone = App.CreateClient();
        var refused = await anyone.PostAsJsonAsync("/api/v1/auth/token",
            new { username = Samples.KohYo, password = Samples.Password });
        Assert.Equal(SignInTexts.LockedByStaff, (await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests))
            .Title);
        Assert.False(refused.Headers.Contains("Retry-After"));
        var found = await prov90.GetFromJsonAsync<List<AccountListItem>>(
            $"/api/v1/admin/accounts?q={Samples.KohYo}&state=locked");
        Assert.Equal(Samples.KohYo, Assert.Single(found!).Username);
        // unlike the lock of failed sign-ins, it does not run out
        App.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await anyone.PostAsJsonAsync("/api/v1/auth/token",
            new { username = Samples.KohYo, password = Samples.Password })).StatusCode);

        using var office = await Prov90Async();
        Assert.Equal(HttpStatusCode.NoContent,
            (await office.PostAsync($"/api/v1/admin/accounts/{Samples.KohYo}/unlock", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anyone.PostAsJsonAsync("/api/v1/auth/token",
            new { username = Samples.KohYo, password = Samples.Password })).StatusCode);
    }

    [Fact]
    public async Task Provisioning_makes_one_account_per_province_of_the_registry_and_nothing_the_second_time()
    {
        var provinces = (await App.QueryAsync<string>(
            "SELECT DISTINCT province_code FROM local_authority_profile.registry_laos ORDER BY 1")).ToList();
        Assert.Contains("90", provinces);

        var first = await App.SendAsync(TestUser.Admin(), new ProvisionProvincialAccountsCommand());
        // prov90 (the demo office) existed already
        Assert.Equal(provinces.Where(p => p != "90").Select(p => "prov" + p), first.Created);
        Assert.Equal(1, first.Existing);
        var second = await App.SendAsync(TestUser.Admin(), new ProvisionProvincialAccountsCommand());
        Assert.Empty(second.Created);
        Assert.Equal(provinces.Count, second.Existing);

        var prov50 = await App.SendAsync(TestUser.Admin(), new GetAccountQuery("prov50"));
        Assert.Equal((AccountStates.NeverSetUp, "50", (string?)null),
            (prov50.State, prov50.ProvinceCode, prov50.Email));
        Assert.Equal("สำนักงาน ป.ป.ช. ประจำจังหวัดเชียงใหม่", prov50.DisplayName);
        var refused = await Assert.ThrowsAsync<ForbiddenException>(() =>
            App.SendAsync(TestUser.Provincial(), new ProvisionProvincialAccountsCommand()));
        Assert.Equal(EPlanNacc.BuildingBlocks.Security.AccessMessages.AdminOnly, refused.Message);

        // no email yet: no link; then an admin sets it and sends the link
        await Assert.ThrowsAsync<RuleViolationException>(() =>
            App.SendAsync(TestUser.Admin(), new SendAccountSetupLinkCommand("prov50")));
        await App.SendAsync(TestUser.Admin(), new UpdateStaffAccountCommand("prov50", prov50.DisplayName,
            "chiangmai@nacc.go.th", "provincial", "50"));
        await App.SendAsync(TestUser.Admin(), new SendAccountSetupLinkCommand("prov50"));
        var token = TokenIn(await App.Mailbox.WaitForAsync("chiangmai@nacc.go.th"));
        using var anyone = App.CreateClient();
        Assert.Equal(HttpStatusCode.NoContent, (await anyone.PostAsJsonAsync("/api/v1/auth/reset-password",
            new { token, newPassword = "chiang-mai-office-1" })).StatusCode);
        using var officer = await App.CreateApiClientAsync("prov50", "chiang-mai-office-1");
    }

    [Fact]
    public async Task The_search_answers_in_the_callers_scope_by_code_name_role_province_and_state()
    {
        await App.SetUpLaoAsync();
        using var admin = await AdminAsync();
        (await admin.PostAsJsonAsync("/api/v1/admin/staff-accounts",
            Officer("cm.officer", provinceCode: "50", email: "cm@nacc.go.th"))).EnsureSuccessStatusCode();
        using var prov90 = await Prov90Async();

        var mine = (await prov90.GetFromJsonAsync<List<AccountListItem>>("/api/v1/admin/accounts"))!;
        Assert.All(mine, a => Assert.Equal("90", a.ProvinceCode));
        Assert.DoesNotContain(mine, a => a.Role == "admin" || a.Username == "cm.officer");
        Assert.Contains(mine, a => a.Username == Samples.KohYo && a.State == AccountStates.Active
                                    && a.NameTh.Contains("เกาะยอ"));
        Assert.Contains(mine, a => a.Username == "prov90" && a.Role == "provincial");
        var other = await prov90.GetAsync("/api/v1/admin/accounts?provinceCode=50");
        await other.AssertProblemAsync(HttpStatusCode.NotFound);

        var byName = (await prov90.GetFromJsonAsync<List<AccountListItem>>(
            "/api/v1/admin/accounts?q=" + Uri.EscapeDataString("เกาะยอ")))!;
        Assert.Equal([Samples.KohYo], byName.Select(a => a.Username));
        var neverSetUp = (await prov90.GetFromJsonAsync<List<AccountListItem>>(
            "/api/v1/admin/accounts?role=lao&state=never_set_up"))!;
        Assert.NotEmpty(neverSetUp);
        Assert.DoesNotContain(neverSetUp, a => a.Username == Samples.KohYo);
        Assert.All(neverSetUp, a => Assert.Equal(("lao", "90"), (a.Role, a.ProvinceCode)));

        var all = (await admin.GetFromJsonAsync<List<AccountListItem>>("/api/v1/admin/accounts?role=provincial"))!;
        Assert.Equal(["cm.officer", "prov90"], all.Select(a => a.Username).Order());
        var chiangMai = (await admin.GetFromJsonAsync<List<AccountListItem>>(
            $"/api/v1/admin/accounts?provinceCode=50&q={Samples.ChiangMaiCity}"))!;
        Assert.Equal(Samples.ChiangMaiCity, Assert.Single(chiangMai).Username);
        var admins = (await admin.GetFromJsonAsync<List<AccountListItem>>("/api/v1/admin/accounts?role=admin"))!;
        Assert.Equal("admin", Assert.Single(admins).Username);

        var bad = await admin.GetAsync("/api/v1/admin/accounts?state=sleeping&role=boss&provinceCode=5");
        Assert.Equal(3, (await bad.AssertProblemAsync(HttpStatusCode.BadRequest)).Errors.Count);
        // a search of the whole nation, a page at a time
        var page = await App.SendAsync(TestUser.Admin(), new SearchAccountsQuery(Page: 2));
        Assert.Equal(SearchAccountsQuery.DefaultPageSize, page.Items.Count);
        Assert.True(page.Total > 7_000);
    }

    [Fact]
    public async Task Forgot_password_sends_a_staff_account_a_link_to_its_own_email()
    {
        await App.SendAsync(TestUser.Admin(), new CreateStaffAccountCommand("somchai.s", "นายสมชาย ใจดี",
            OfficerEmail, "provincial", "90"));
        await App.Mailbox.WaitForAsync(OfficerEmail);
        App.Mailbox.Clear();

        using var anyone = App.CreateClient();
        Assert.Equal(HttpStatusCode.Accepted, (await anyone.PostAsJsonAsync("/api/v1/auth/forgot-password",
            new { email = OfficerEmail.ToUpperInvariant() })).StatusCode);
        var mail = await App.Mailbox.WaitForAsync(OfficerEmail);
        Assert.Equal("E-PlanNACC: ตั้งรหัสผ่านใหม่", mail.Subject);
        Assert.Equal(HttpStatusCode.NoContent, (await anyone.PostAsJsonAsync("/api/v1/auth/reset-password",
            new { token = TokenIn(mail), newPassword = "songkhla-officer-1" })).StatusCode);
        using var officer = await App.CreateApiClientAsync("somchai.s", "songkhla-officer-1");
    }

    [Fact]
    public async Task The_desk_counts_the_accounts_of_a_province_or_the_nation_by_state()
    {
        await App.SetUpLaoAsync();
        await App.SendAsync(TestUser.Admin(), new LockAccountCommand(Samples.KhlongRi));
        await App.SendAsync(TestUser.Admin(), new CreateStaffAccountCommand("somchai.s", "นายสมชาย ใจดี",
            OfficerEmail, "provincial", "90"));
        var laos = (await App.QueryAsync<int>(
            "SELECT count(*)::int FROM local_authority_profile.registry_laos WHERE province_code = '90'")).Single();

        var songkhla = await App.SendAsync(TestUser.Admin(), new CountAccountsQuery("90"));
        // KohYo set up, KhlongRi locked, prov90 active, somchai.s waiting for its link
        Assert.Equal(new AccountCounts(laos - 2, 1, 1, 1, 0), songkhla);
        var nation = await App.SendAsync(TestUser.Admin(), new CountAccountsQuery(null));
        Assert.Equal((1, 1, 1), (nation.LaoActive, nation.Locked, nation.StaffNeverSetUp));
        Assert.True(nation.LaoNeverSetUp > 7_000);
    }
}
