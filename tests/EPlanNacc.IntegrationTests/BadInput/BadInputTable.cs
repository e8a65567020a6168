using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.TestSupport;
using static EPlanNacc.IntegrationTests.BadInput.BadInputWorld;

namespace EPlanNacc.IntegrationTests.BadInput;

/// <summary>Every command of the application with a valid sample its malformed inputs are derived from
/// (<see cref="MalformedInputs"/>): every API endpoint that is not a GET and every POST handler of every page, read
/// from the route table (a new command without an entry here fails <c>BadInputTests</c>). The samples act on A's
/// resources, sent by a caller allowed to (A itself, A's provincial office, the admin).</summary>
public static class BadInputTable
{
    private static readonly HttpMethod Put = HttpMethod.Put;
    private static readonly HttpMethod Post = HttpMethod.Post;
    private static readonly HttpMethod Delete = HttpMethod.Delete;

    private static Command C(string route, Sender caller, Func<BadInputWorld, Sample> sample) =>
        new(route, caller, w => Task.FromResult(sample(w)));

    private static Command C(string route, Sender caller, Func<BadInputWorld, Task<Sample>> sample) =>
        new(route, caller, sample);

    private static HashSet<string> Set(params string[] names) => [.. names];

    /// <summary>A failed sign-in is counted (the lockout; a name without an account too, docs/adr/0020-sign-in-and-
    /// session-attacks.md) and recorded in the audit trail, by design.</summary>
    private static readonly string[] SignInWrites =
        ["identity.users", "identity.audit_log", "identity.account_events", "identity.unknown_name_failures"];

    /// <summary>A project's mission is optional (docs/api.md), and "no budget" is an unticked checkbox when left
    /// out.</summary>
    private static readonly HashSet<string> ProjectFormOptional = Set("Input.MissionCode", "Input.NoBudget");

    /// <summary>A screening's reason is optional, and so are the versions of the projects ticked (the stale check
    /// when given).</summary>
    private static readonly HashSet<string> ScreeningOptional = Set("Reason", "Versions");

    private static readonly HashSet<string> ProfileOptional = Set("Input.Coordinator.Fax", "Input.Coordinator.Website");

    private const string Extensions = "/api/v1/admin/rounds/{fiscalYear:int}/{round:int}/extensions";
    private const string Assessment =
        "/api/v1/evaluation/assessments/{dlaCode:regex(^[0-9]{{7}}$)}/{fiscalYear:int}/{assessor}";

    public static readonly IReadOnlyList<Command> Commands =
    [
        // ---------------------------------------------------------------------------------------------- API
        C("POST /api/v1/auth/token", Sender.Anonymous,
            _ => Sample.Api(Post, "/api/v1/auth/token", new { username = LaoA, password = Samples.Password })) with
        {
            Writes = SignInWrites, ProveFirst = true,
        },
        // ends the caller's own session: it takes no input
        C("POST /api/v1/auth/revoke", Sender.Lao, _ => Sample.Api(Post, "/api/v1/auth/revoke")) with
        {
            NoInput = true,
        },
        C("POST /api/v1/auth/forgot-password", Sender.Anonymous,
            _ => Sample.Api(Post, "/api/v1/auth/forgot-password", new { email = CoordinatorEmail })),
        C("POST /api/v1/auth/reset-password", Sender.Anonymous, _ => Sample.Api(Post, "/api/v1/auth/reset-password",
            new { token = "not-a-reset-token", newPassword = NewPassword })) with { NoSample = true },
        C("POST /api/v1/me/password", Sender.Lao, _ => Sample.Api(Post, "/api/v1/me/password",
            new { currentPassword = Samples.Password, newPassword = NewPassword })) with { Writes = SignInWrites },
        C("PUT /api/v1/me/profile", Sender.Lao,
            _ => Sample.Api(Put, "/api/v1/me/profile", Samples.ProfileJson(LaoA, null, CoordinatorEmail))) with
        {
            // the registry's, which a PUT may leave out (docs/api.md)
            Optional = Set("location.provinceCode", "location.districtCode", "coordinator.fax", "coordinator.website"),
        },
        C("POST /api/v1/projects", Sender.Lao, w => Sample.Api(Post, "/api/v1/projects", ProjectJson(w.Year))) with
        {
            Optional = Set("missionCode", "noBudget"),
        },
        C("PUT /api/v1/projects/{id:guid}", Sender.Lao, async w => Sample.Api(Put, "/api/v1/projects/{id}",
            ProjectJson(w.Year, await w.VersionAsync()), ("id", w.ProjectId))) with
        {
            Optional = Set("missionCode", "noBudget"),
        },
        C("DELETE /api/v1/projects/{id:guid}", Sender.Lao, async w => Sample.Api(Delete,
            "/api/v1/projects/{id}?version={version}&reason={reason}", null, ("id", await w.NewProjectAsync()),
            ("version", 1), ("reason", "ซ้ำซ้อน"))) with { Optional = Set("reason") }, // an LAO's own needs none
        C("PUT /api/v1/projects/{id:guid}/conformity", Sender.Provincial, w => Sample.Api(Put,
            "/api/v1/projects/{id}/conformity", new { conforms = true }, ("id", w.ProjectId))),
        C("PUT /api/v1/projects/{id:guid}/rounds/{round:int}", Sender.Lao, w => Sample.Api(Put,
            "/api/v1/projects/{id}/rounds/{round}", RoundReportJson(), ("id", w.ProjectId), ("round", 6))),
        C($"PUT {Assessment}", Sender.Provincial, w => Sample.Api(Put,
            "/api/v1/evaluation/assessments/{dlaCode}/{fiscalYear}/{assessor}", new { dimensions = ScoresJson },
            ("dlaCode", LaoA), ("fiscalYear", w.Year), ("assessor", "provincial"))),
        C($"POST {Assessment}/publish", Sender.Provincial, async w =>
        {
            await w.SaveAssessmentAsync();
            return Sample.Api(Post, "/api/v1/evaluation/assessments/{dlaCode}/{fiscalYear}/{assessor}/publish", null,
                ("dlaCode", LaoA), ("fiscalYear", w.Year), ("assessor", "provincial"));
        }),
        C("PUT /api/v1/admin/rounds/{fiscalYear:int}/{round:int}", Sender.Admin, w => Sample.Api(Put,
            "/api/v1/admin/rounds/{fiscalYear}/{round}",
            new { opensOn = Round12(w.Year).OpensOn, deadline = Round12(w.Year).Deadline }, ("fiscalYear", w.Year),
            ("round", 12))),
        C($"POST {Extensions}", Sender.Provincial, w => Sample.Api(Post,
            "/api/v1/admin/rounds/{fiscalYear}/{round}/extensions",
            new { dlaCode = LaoA, until = w.ExtendedUntil, reason = "อุทกภัย" }, ("fiscalYear", w.Year),
            ("round", 12))),
        C("DELETE " + Extensions + "/{dlaCode:regex(^[0-9]{{7}}$)}", Sender.Provincial, async w =>
        {
            await w.GrantExtensionAsync();
            return Sample.Api(Delete, "/api/v1/admin/rounds/{fiscalYear}/{round}/extensions/{dlaCode}?reason={reason}",
                null, ("fiscalYear", w.Year), ("round", 12), ("dlaCode", LaoA), ("reason", "ส่งครบแล้ว"));
        }) with { Optional = Set("reason") },
        C("PUT /api/v1/admin/assessment-settings/{fiscalYear:int}", Sender.Admin, async w =>
        {
            var settings = await w.SettingsAsync();
            return Sample.Api(Put, "/api/v1/admin/assessment-settings/{fiscalYear}", new
            {
                passingTotal = settings.PassingTotal,
                dimensions = settings.Dimensions.Select(d => new { code = d.Code, maxScore = d.MaxScore }),
            }, ("fiscalYear", w.Year));
        }),
        C("POST /api/v1/admin/reminders/send", Sender.Provincial, w => Sample.Api(Post,
            "/api/v1/admin/reminders/send", new { fiscalYear = w.Year, round = 6, provinceCode = "90" })) with
        {
            Optional = Set("provinceCode"), // a provincial office's own province when left out
        },
        C("POST /api/v1/admin/report-batches", Sender.Provincial, w => Sample.Api(Post,
            "/api/v1/admin/report-batches", new { kind = "province", fiscalYear = w.Year, round = 6,
                provinceCode = "90" })),
        AccountAction("lock", _ => Task.CompletedTask),
        AccountAction("unlock", w => w.LockOtherLaoAsync()),
        AccountAction("reset", w => w.SetUpOtherLaoAsync()),
        AccountAction("activation-code", _ => Task.CompletedTask),
        C("POST /api/v1/admin/staff-accounts", Sender.Provincial, _ => Sample.Api(Post, "/api/v1/admin/staff-accounts",
            new
            {
                username = "bi.new90", fullName = "นายใหม่ ใจดี", email = "bi.new90@nacc.go.th", role = "provincial",
                provinceCode = "90",
            })),
        C("PUT /api/v1/admin/staff-accounts/{username}", Sender.Provincial, async w => Sample.Api(Put,
            "/api/v1/admin/staff-accounts/{username}",
            new { fullName = "นายตรวจ สิทธิ์ดี", email = OfficerEmail, role = "provincial", provinceCode = "90" },
            ("username", await w.OfficerAsync()))) with { Optional = Set("email") }, // kept when left out
        StaffAction("setup-link", false),
        StaffAction("disable", false),
        StaffAction("enable", true),
        C("POST /api/v1/admin/provincial-accounts", Sender.Admin,
            _ => Sample.Api(Post, "/api/v1/admin/provincial-accounts")) with { NoInput = true },

        // ---------------------------------------------------------------------------------------------- pages
        C("POST /Error", Sender.Anonymous, _ => Sample.Page("/Error", [])) with { NoSample = true },
        C("POST /login", Sender.Anonymous, _ => Sample.Page("/login",
            [("Input.Username", LaoA), ("Input.Password", Samples.Password)])) with
        {
            Writes = SignInWrites, ProveFirst = true,
        },
        C("POST /logout", Sender.Anonymous, _ => Sample.Page("/logout", [])),
        C("POST /forgot-password", Sender.Anonymous,
            _ => Sample.Page("/forgot-password", [("Input.Email", CoordinatorEmail)])),
        C("POST /reset-password", Sender.Anonymous, _ => Sample.Page("/reset-password",
            [("Input.Token", "not-a-reset-token"), ("Input.NewPassword", NewPassword),
                ("Input.ConfirmPassword", NewPassword)])) with { NoSample = true },
        C("POST /account/password", Sender.Lao, _ => Sample.Page("/account/password",
            [("Input.CurrentPassword", Samples.Password), ("Input.NewPassword", NewPassword),
                ("Input.ConfirmPassword", NewPassword)])) with { Writes = SignInWrites },
        C("POST /profile", Sender.Lao, _ => Sample.Page("/profile", ProfileForm())) with { Optional = ProfileOptional },
        C("POST /setup", Sender.Lao, _ => Sample.Page("/setup", ProfileForm())) with { Optional = ProfileOptional },
        C("POST /projects/plan", Sender.Lao, w => Sample.Page("/projects/plan", ProjectForm(w.Year))) with
        {
            Optional = ProjectFormOptional,
        },
        C("POST /projects/plan?handler=Clear", Sender.Lao,
            w => Sample.Page("/projects/plan?handler=clear", [("Input.FiscalYear", w.Year)])),
        C("POST /projects/import?handler=Preview", Sender.Lao, w => Sample.Page(
            "/projects/import?handler=preview&fiscalYear={fiscalYear}", [], ("fiscalYear", w.Year))) with
        {
            NoSample = true,
        },
        C("POST /projects/import?handler=Import", Sender.Lao, w => Sample.Page(
            "/projects/import?handler=import&fiscalYear={fiscalYear}", [], ("fiscalYear", w.Year))) with
        {
            NoSample = true,
        },
        C("POST /projects/list?handler=Delete", Sender.Lao, async w => Sample.Page(
            "/projects/list?handler=delete&fiscalYear={fiscalYear}&dlaCode={dlaCode}",
            [("id", await w.NewProjectAsync()), ("version", 1)], ("fiscalYear", w.Year),
            ("dlaCode", LaoA))) with { Optional = Set("version") }, // the stale check when given
        C("POST /projects/list?handler=Screen", Sender.Provincial, async w => Sample.Page(
            "/projects/list?handler=screen&fiscalYear={fiscalYear}&dlaCode={dlaCode}", await ScreeningForm(w),
            ("fiscalYear", w.Year), ("dlaCode", LaoA))) with { Optional = ScreeningOptional },
        C("POST /projects/{id:guid}?handler=Screen", Sender.Provincial, async w => Sample.Page(
            "/projects/{id}?handler=screen",
            [("Screening", "conforming"), ("Reason", "สอดคล้อง"), ("Version", await w.VersionAsync())],
            ("id", w.ProjectId))) with { Optional = Set("Reason", "Version") }, // the stale check when given
        C("POST /projects/{id:guid}?handler=Delete", Sender.Lao, async w => Sample.Page(
            "/projects/{id}?handler=delete", [("Version", 1), ("Delete.Reason", "ซ้ำซ้อน")],
            ("id", await w.NewProjectAsync()))) with { Optional = Set("Version", "Delete.Reason") },
        C("POST /projects/{id:guid}/edit", Sender.Lao, async w => Sample.Page("/projects/{id}/edit",
            ProjectForm(w.Year, await w.VersionAsync()), ("id", w.ProjectId))) with { Optional = ProjectFormOptional },
        C("POST /projects/{id:guid}/rounds/{round:int}", Sender.Lao, async w => Sample.Page(
            "/projects/{id}/rounds/{round}", RoundReportForm(await w.VersionAsync()), ("id", w.ProjectId),
            ("round", 6))) with { Optional = Set("Input.Version") },
        C("POST /evaluation/assessment", Sender.Provincial, w => Sample.Page(
            "/evaluation/assessment?fiscalYear={fiscalYear}&assessor={assessor}&dlaCode={dlaCode}", ScoresForm(),
            ("fiscalYear", w.Year), ("assessor", "provincial"), ("dlaCode", LaoA))),
        C("POST /evaluation/assessment?handler=Publish", Sender.Provincial, async w =>
        {
            await w.SaveAssessmentAsync();
            return Sample.Page(
                "/evaluation/assessment?handler=publish&fiscalYear={fiscalYear}&assessor={assessor}&dlaCode={dlaCode}",
                [], ("fiscalYear", w.Year), ("assessor", "provincial"), ("dlaCode", LaoA));
        }),
        C("POST /staff/screening?handler=Screen", Sender.Provincial, async w => Sample.Page(
            "/staff/screening?handler=screen&fiscalYear={fiscalYear}&provinceCode={provinceCode}",
            await ScreeningForm(w), ("fiscalYear", w.Year), ("provinceCode", "90"))) with
        {
            Optional = ScreeningOptional,
        },
        C("POST /staff/rounds/{fiscalYear:int?}?handler=Dates", Sender.Admin, w => Sample.Page(
            "/staff/rounds/{fiscalYear}?handler=dates",
            [("Dates.Round", 12), ("Dates.OpensOn", Round12(w.Year).OpensOn),
                ("Dates.Deadline", Round12(w.Year).Deadline)], ("fiscalYear", w.Year))),
        C("POST /staff/rounds/{fiscalYear:int?}?handler=Grant", Sender.Provincial, w => Sample.Page(
            "/staff/rounds/{fiscalYear}?handler=grant",
            [("Grant.Round", 12), ("Grant.DlaCode", LaoA), ("Grant.Until", w.ExtendedUntil),
                ("Grant.Reason", "อุทกภัย")], ("fiscalYear", w.Year))),
        C("POST /staff/rounds/{fiscalYear:int?}?handler=Revoke", Sender.Provincial, async w =>
        {
            await w.GrantExtensionAsync();
            return Sample.Page("/staff/rounds/{fiscalYear}?handler=revoke",
                [("Revoke.Round", 12), ("Revoke.DlaCode", LaoA), ("Revoke.Reason", "ส่งครบแล้ว")],
                ("fiscalYear", w.Year));
        }),
        C("POST /admin/evaluation-settings", Sender.Admin, async w =>
        {
            var settings = await w.SettingsAsync();
            return Sample.Page("/admin/evaluation-settings?fiscalYear={fiscalYear}",
                settings.Dimensions.SelectMany((d, i) => new (string, object?)[]
                        { ($"Input.Dimensions[{i}].Code", d.Code), ($"Input.Dimensions[{i}].MaxScore", d.MaxScore) })
                    .Append(("Input.PassingTotal", settings.PassingTotal)), ("fiscalYear", w.Year));
        }),
        C("POST /staff/reminders?handler=Send", Sender.Provincial, w => Sample.Page(
            "/staff/reminders?handler=send&fiscalYear={fiscalYear}&round={round}&provinceCode={provinceCode}", [],
            ("fiscalYear", w.Year), ("round", 6), ("provinceCode", "90"))),
        C("POST /staff/report-batches", Sender.Provincial, w => Sample.Page("/staff/report-batches",
            [("Input.Kind", "province"), ("Input.FiscalYear", w.Year), ("Input.Round", 6),
                ("Input.ProvinceCode", "90")])),
        C("POST /staff/laos/{dlaCode}/location", Sender.Admin, _ => Sample.Page("/staff/laos/{dlaCode}/location",
            [("Input.ProvinceCode", "90"), ("Input.DistrictCode", "9001"), ("Input.Reason", "ทะเบียนถูกต้องแล้ว")],
            ("dlaCode", LaoA))),
        AccountPage("Lock", _ => Task.FromResult(OtherLaoOfA)),
        AccountPage("Unlock", async w =>
        {
            await w.LockOtherLaoAsync();
            return OtherLaoOfA;
        }),
        AccountPage("Reset", async w =>
        {
            await w.SetUpOtherLaoAsync();
            return OtherLaoOfA;
        }),
        AccountPage("ActivationCode", _ => Task.FromResult(OtherLaoOfA)),
        AccountPage("SetupLink", w => w.OfficerAsync()),
        AccountPage("Disable", w => w.OfficerAsync()),
        AccountPage("Enable", w => w.OfficerAsync(disabled: true)),
        C("POST /staff/accounts/{username?}?handler=Provision", Sender.Admin,
            _ => Sample.Page("/staff/accounts?handler=provision", [])),
        C("POST /staff/staff-accounts/{username?}", Sender.Provincial, async w => Sample.Page(
            "/staff/staff-accounts/{username}",
            [("Input.FullName", "นายตรวจ สิทธิ์ดี"), ("Input.Email", OfficerEmail), ("Input.Role", "provincial"),
                ("Input.ProvinceCode", "90")], ("username", await w.OfficerAsync()))) with
        {
            // what a provincial office may not change of its officer (role, province) and an email kept when left out
            Optional = Set("Input.Email", "Input.Role", "Input.ProvinceCode"),
        },
    ];

    private static Command AccountAction(string action, Func<BadInputWorld, Task> prepare) =>
        C($"POST /api/v1/admin/accounts/{{username}}/{action}", Sender.Provincial, async w =>
        {
            await prepare(w);
            return Sample.Api(Post, $"/api/v1/admin/accounts/{{username}}/{action}", null, ("username", OtherLaoOfA));
        });

    private static Command StaffAction(string action, bool disabled) =>
        C($"POST /api/v1/admin/staff-accounts/{{username}}/{action}", Sender.Provincial, async w =>
            Sample.Api(Post, $"/api/v1/admin/staff-accounts/{{username}}/{action}", null,
                ("username", await w.OfficerAsync(disabled))));

    private static Command AccountPage(string handler, Func<BadInputWorld, Task<string>> account) =>
        C($"POST /staff/accounts/{{username?}}?handler={handler}",
            handler is "Provision" ? Sender.Admin : Sender.Provincial, async w => Sample.Page(
                $"/staff/accounts/{{username}}?handler={handler.ToLowerInvariant()}", [],
                ("username", await account(w))));

    // ------------------------------------------------------------------------------------------------ bodies

    private static (DateOnly OpensOn, DateOnly Deadline) Round12(int year) => RoundWindow.DefaultDates(year, 12);

    private static object ProjectJson(int year, int? version = null) => new
    {
        fiscalYear = year, name = "โครงการส่งเสริมคุณธรรม", quarters = new[] { 1, 2 }, workType = "project",
        dimensionCode = "1", missionCode = "1.1.2", essence = "อบรมให้ความรู้", noBudget = false, budget = 50_000m,
        targetGroups = new[] { "staff", "public" }, objectives = "เพื่อความซื่อสัตย์สุจริต", version,
    };

    private static IEnumerable<(string, object?)> ProjectForm(int year, int? version = null) =>
    [
        ("Input.FiscalYear", year), ("Input.Name", "โครงการส่งเสริมคุณธรรม"), ("Input.Quarters", 1),
        ("Input.Quarters", 2), ("Input.WorkType", "project"), ("Input.DimensionCode", "1"),
        ("Input.MissionCode", "1.1.2"), ("Input.Essence", "อบรมให้ความรู้"), ("Input.NoBudget", false),
        ("Input.Budget", 50_000m), ("Input.TargetGroups", "staff"), ("Input.TargetGroups", "public"),
        ("Input.Objectives", "เพื่อความซื่อสัตย์สุจริต"), ("Input.Version", version),
    ];

    private static object RoundReportJson() => new
    {
        ordinanceBudget = 50_000m, budgetSpent = 12_000m, inLocalOrdinance = true, status = "completed",
    };

    private static IEnumerable<(string, object?)> RoundReportForm(int? version) =>
    [
        ("Input.OrdinanceBudget", 50_000m), ("Input.BudgetSpent", 12_000m), ("Input.InLocalOrdinance", true),
        ("Input.Status", "completed"), ("Input.Version", version),
    ];

    private static readonly object[] ScoresJson =
        [new { code = "1", score = 10 }, new { code = "2", score = 10 }, new { code = "3", score = 10 },
            new { code = "4", score = 10 }];

    private static IEnumerable<(string, object?)> ScoresForm() => Enumerable.Range(0, 4).SelectMany(i =>
        new (string, object?)[] { ($"Input.Dimensions[{i}].Code", $"{i + 1}"), ($"Input.Dimensions[{i}].Score", 10m) });

    private static async Task<IEnumerable<(string, object?)>> ScreeningForm(BadInputWorld w) =>
    [
        ("Selected", w.ProjectId), ($"Versions[{w.ProjectId}]", await w.VersionAsync()),
        ("Screening", ProjectConformity.Conforming), ("Reason", "สอดคล้องกับมิติ"),
    ];

    /// <summary>A's basic data as the form sends it (no password: A is set up).</summary>
    private static IEnumerable<(string, object?)> ProfileForm() =>
        Samples.ProfileFormFields(Samples.Profile(LaoA, null, CoordinatorEmail));
}
