using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.IntegrationTests.Pages;
using EPlanNacc.Modules.Evaluation.Features.Assessments;
using EPlanNacc.Modules.Identity.Features.Audit;
using EPlanNacc.Modules.LocalAuthorityProfile.Features.Registry;
using EPlanNacc.Modules.Projects.Features.Screening;
using EPlanNacc.TestSupport;

namespace EPlanNacc.IntegrationTests.Identity;

/// <summary>The audit trail (issue 8 §7): sign-ins and failed ones with their address, account actions, screenings
/// and assessments recorded; the audit page and <c>GET /api/v1/admin/audit</c> filter by who, what, LAO and days,
/// newest first, a page at a time, in the caller's scope: a provincial office sees its province's LAOs and its own
/// staff, never another province's.</summary>
public sealed class AuditTests(AppFixture app) : IntegrationTest(app)
{
    private Task<HttpClient> AdminAsync() => App.CreateApiClientAsync("admin", AppFixture.AdminPassword);
    private Task<HttpClient> Prov90Async() => App.CreateApiClientAsync("prov90", AppFixture.ProvincialPassword);

    private sealed record Row(string? Actor, string Action, string? DlaCode, string? Detail, string? Address);

    private Task<IReadOnlyList<Row>> RowsAsync(string action) => App.QueryAsync<Row>(
        "SELECT actor, action, dla_code, detail, address FROM identity.audit_log WHERE action = @action ORDER BY at",
        new { action });

    [Fact]
    public async Task Sign_ins_and_failed_sign_ins_are_recorded_with_their_address_and_unknown_names_are_not_kept()
    {
        await App.SetUpLaoAsync();
        using var client = App.CreateClient("198.51.100.23");
        await client.PostAsJsonAsync("/api/v1/auth/token", new { username = Samples.KohYo, password = "wrong-one" });
        await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "my-secret-pass", password = "x" });
        await client.PostAsJsonAsync("/api/v1/auth/token",
            new { username = Samples.KohYo, password = Samples.Password });

        Assert.Equal(
        [
            new Row(Samples.KohYo, "account.sign_in_failed", Samples.KohYo, null, "198.51.100.23"),
            new Row(null, "account.sign_in_failed", null, "ชื่อผู้ใช้งานที่ไม่มีในระบบ", "198.51.100.23"),
        ], await RowsAsync("account.sign_in_failed"));
        Assert.Equal(new Row(Samples.KohYo, "account.signed_in", Samples.KohYo, null, "198.51.100.23"),
            (await RowsAsync("account.signed_in")).Last());
        Assert.Empty(await App.QueryAsync<string>(
            "SELECT detail FROM identity.audit_log WHERE detail LIKE '%my-secret-pass%' OR actor = 'my-secret-pass'"));
    }

    [Fact]
    public async Task Screenings_and_assessments_are_recorded_once_per_LAO()
    {
        var ids = new[] { await App.CreateProjectAsync(), await App.CreateProjectAsync() };
        await App.SendAsync(TestUser.Provincial(), new ScreenProjectsCommand(ids, false, "ไม่ตรงมิติ"));
        await App.SendAsync(TestUser.Provincial(), new SaveAssessmentCommand(Samples.KohYo, App.CurrentYear,
            "provincial", [new("1", 10m), new("2", 10m), new("3", 10m), new("4", 10m)]));
        await App.SendAsync(TestUser.Provincial(),
            new PublishAssessmentCommand(Samples.KohYo, App.CurrentYear, "provincial"));
        await App.SendAsync(TestUser.Provincial(),
            new PublishAssessmentCommand(Samples.KohYo, App.CurrentYear, "provincial"));

        var screened = Assert.Single(await RowsAsync("project.screened"));
        Assert.Equal(("prov90", Samples.KohYo), (screened.Actor, screened.DlaCode));
        Assert.Equal($"ปีงบประมาณ พ.ศ. {App.CurrentYear} · ไม่สอดคล้องกับมิติ 2 โครงการ · เหตุผล: ไม่ตรงมิติ",
            screened.Detail);
        Assert.Contains("มิติที่ 1 = 10.00", Assert.Single(await RowsAsync("assessment.saved")).Detail);
        // published once: the second publication changed nothing
        Assert.Single(await RowsAsync("assessment.published"));
    }

    [Fact]
    public async Task A_correction_of_the_registry_is_recorded_with_what_changed()
    {
        try
        {
            await App.SendAsync(TestUser.Admin(),
                new CorrectLaoLocationCommand(Samples.KohYo, "90", "9002", "ทะเบียนผิด"));

            var row = Assert.Single(await RowsAsync("lao.location_corrected"));
            Assert.Equal(("admin", Samples.KohYo), (row.Actor, row.DlaCode));
            Assert.Equal("อำเภอ: 9001 → 9002 · เหตุผลการแก้ไขทะเบียน: - → ทะเบียนผิด", row.Detail);
        }
        finally
        {
            await App.RestoreRegistryAsync();
        }
    }

    [Fact]
    public async Task A_provincial_office_sees_its_province_and_its_own_staff_and_an_admin_sees_all()
    {
        await App.SetUpLaoAsync();
        await App.SetUpLaoAsync(Samples.ChiangMaiCity);
        using (await App.CreateApiClientAsync(Samples.KohYo, Samples.Password)) { }
        using (await App.CreateApiClientAsync(Samples.ChiangMaiCity, Samples.Password)) { }
        using var admin = await AdminAsync();
        (await admin.PostAsync($"/api/v1/admin/accounts/{Samples.ChiangMaiCity}/lock", null))
            .EnsureSuccessStatusCode();
        using var prov90 = await Prov90Async();

        var seen = await prov90.GetFromJsonAsync<AuditEntriesPage>("/api/v1/admin/audit");
        Assert.Contains(seen!.Items, e => e.DlaCode == Samples.KohYo && e.Action == "account.signed_in");
        Assert.Contains(seen.Items, e => e.Actor == "prov90" && e.Action == "account.signed_in");
        Assert.DoesNotContain(seen.Items, e => e.DlaCode == Samples.ChiangMaiCity || e.Actor == "admin");
        var foreign = await prov90.GetAsync($"/api/v1/admin/audit?dlaCode={Samples.ChiangMaiCity}");
        await foreign.AssertProblemAsync(HttpStatusCode.NotFound);

        var all = await admin.GetFromJsonAsync<AuditEntriesPage>(
            $"/api/v1/admin/audit?dlaCode={Samples.ChiangMaiCity}");
        Assert.Equal(["account.locked", "account.signed_in"], all!.Items.Select(e => e.Action).Take(2));
        Assert.All(all.Items, e => Assert.Equal(Samples.ChiangMaiCity, e.DlaCode));
        var locks = await admin.GetFromJsonAsync<AuditEntriesPage>(
            "/api/v1/admin/audit?actor=ADMIN&action=account.locked");
        var locked = Assert.Single(locks!.Items);
        Assert.Equal(("admin", Samples.ChiangMaiCity), (locked.Actor, locked.DlaCode));
        Assert.NotNull(locked.Address);
    }

    [Fact]
    public async Task The_API_answers_in_the_contract_shape_newest_first_a_page_at_a_time_by_day()
    {
        // 60 failed sign-ins of LAO A's code, over two days
        App.SetToday(new DateOnly(2026, 3, 30), new TimeOnly(23, 0));
        for (var i = 0; i < 60; i++)
        {
            if (i == 30) App.SetToday(new DateOnly(2026, 3, 31), new TimeOnly(9, 0));
            await App.SendAsync(TestUser.Anonymous, new Modules.Identity.Features.SignIn.SignInCommand(
                Samples.KohYo, $"wrong-{i}", null, "192.0.2.1", null));
            await App.ExecuteAsync(
                "UPDATE identity.users SET recent_failures = '{}', locked_until = NULL WHERE username = @u",
                new { u = Samples.KohYo });
        }
        using var admin = await AdminAsync();

        var json = await admin.GetStringAsync("/api/v1/admin/audit?action=account.sign_in_failed");
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(["items", "page", "pageSize", "total"],
            doc.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["at", "actor", "action", "dlaCode", "detail", "address"],
            doc.RootElement.GetProperty("items")[0].EnumerateObject().Select(p => p.Name));
        var first = JsonSerializer.Deserialize<AuditEntriesPage>(json, JsonSerializerOptions.Web)!;
        Assert.Equal((1, 50, 60, 50), (first.Page, first.PageSize, first.Total, first.Items.Count));
        Assert.Equal(first.Items.OrderByDescending(e => e.At), first.Items);
        var second = await admin.GetFromJsonAsync<AuditEntriesPage>(
            "/api/v1/admin/audit?action=account.sign_in_failed&page=2");
        Assert.Equal(10, second!.Items.Count);
        Assert.True(second.Items[0].At < first.Items[^1].At);

        // days are Bangkok days: 30 March 23:00 is 16:00 UTC, still the 30th
        var day = await admin.GetFromJsonAsync<AuditEntriesPage>(
            "/api/v1/admin/audit?action=account.sign_in_failed&from=2026-03-30&to=2026-03-30");
        Assert.Equal(30, day!.Total);
        var later = await admin.GetFromJsonAsync<AuditEntriesPage>(
            "/api/v1/admin/audit?action=account.sign_in_failed&from=2026-03-31");
        Assert.Equal(30, later!.Total);

        var bad = await admin.GetAsync("/api/v1/admin/audit?from=31/03/2569");
        Assert.Contains("from", (await bad.AssertProblemAsync(HttpStatusCode.BadRequest)).Errors.Keys);
        var backwards = await admin.GetAsync("/api/v1/admin/audit?from=2026-03-31&to=2026-03-30&action=x");
        Assert.Equal(2, (await backwards.AssertProblemAsync(HttpStatusCode.BadRequest)).Errors.Count);
        var lao = await Assert.ThrowsAsync<ForbiddenException>(() =>
            App.SendAsync(TestUser.Lao(Samples.KohYo), new ListAuditEntriesQuery()));
        Assert.Equal(EPlanNacc.BuildingBlocks.Security.AccessMessages.StaffOnly, lao.Message);
    }

    [Fact]
    public async Task The_audit_page_filters_in_Buddhist_Era_days_and_shows_each_address()
    {
        await App.SetUpLaoAsync();
        using var provincial = App.CreateClient("203.0.113.9");
        await provincial.PostFormAsync("/login", PageClient.LoginForm("prov90", AppFixture.ProvincialPassword));
        var today = EPlanNacc.BuildingBlocks.Thai.BuddhistDate.Format(App.Today);

        var page = await provincial.GetStringAsync(
            $"/staff/audit?From={Uri.EscapeDataString(today)}&what=account.signed_in");
        Assert.Contains("data-testid=\"audit-entries\"", page);
        Assert.Contains("เข้าสู่ระบบ", page);
        Assert.Contains($"value=\"{today}\"", page);
        Assert.Matches(@"<td>prov90</td>\s*<td>เข้าสู่ระบบ</td>", page);
        Assert.Contains("<td class=\"text-nowrap\">203.0.113.9</td>", page);

        var bad = await provincial.GetStringAsync("/staff/audit?From=2026-03-31");
        Assert.Contains(EPlanNacc.BuildingBlocks.Thai.BuddhistDate.FormatMessage, bad);
        Assert.DoesNotContain("data-testid=\"audit-entries\"", bad);
        // another province's LAO: the message on the filter, and 404 as for anything outside the scope
        var foreign = await provincial.GetAsync($"/staff/audit?DlaCode={Samples.ChiangMaiCity}");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Contains(EPlanNacc.BuildingBlocks.Security.AccessMessages.LaoNotFound,
            await foreign.Content.ReadAsStringAsync());
    }

    [Fact]
    public void Every_action_recorded_has_a_Thai_label()
    {
        Assert.All(AuditLabels.Known, k => Assert.True(ApiAssertions.IsThai(k.Label), k.Action));
        Assert.Equal(AuditLabels.Known.Count, AuditLabels.Known.Select(k => k.Action).Distinct().Count());
        Assert.Equal("ระงับการเข้าสู่ระบบ", AuditLabels.Of("account.locked"));
        Assert.Equal("something.new", AuditLabels.Of("something.new"));
    }
}
