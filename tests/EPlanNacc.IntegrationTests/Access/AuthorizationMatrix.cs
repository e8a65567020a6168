using EPlanNacc.TestSupport;
using static EPlanNacc.IntegrationTests.Access.MatrixCalls;

namespace EPlanNacc.IntegrationTests.Access;

/// <summary>An entry of the matrix: a route of the route table (<see cref="RouteTable"/>), how to call it about A's
/// resource, and the answer each caller must get, one letter per caller in the order of <see cref="Who"/> (anonymous,
/// set-up session, LAO A, LAO B, A's provincial office, another provincial office, admin):
/// <list type="bullet">
/// <item><c>A</c> allowed: 2xx; a page also its own redirect.</item>
/// <item><c>L</c> sign in first: 401; a page sends to the login page (with <c>returnUrl</c>).</item>
/// <item><c>S</c> finish the first set-up first: 403 with that message; a page sends to /setup.</item>
/// <item><c>F</c> forbidden: 403; a page sends to /forbidden (or answers 403).</item>
/// <item><c>R</c> a page sends the caller to the version of the page meant for its role
/// (<c>RedirectRefused</c>, <c>StaffChooseLaoOn</c>).</item>
/// <item><c>N</c> not found: 404 (what is outside the caller's scope answers as what does not exist).</item>
/// <item><c>V</c> refused for its input: 400 (every caller alike).</item>
/// </list>
/// A route may have more than one line, each variant named after a '#' (<c>GET /api/v1/admin/audit#all</c>: the
/// trail unfiltered, where a caller outside A's scope is answered its own scope and must find none of A's data).
/// <see cref="PublicRegistry"/>: the answer is the public registry's entry of A (its code and name).</summary>
public sealed record MatrixEntry(string Route, string Expected, Func<Cell, Task<Call>> CallFor)
{
    public bool PublicRegistry { get; init; }

    /// <summary>The route of the route table (<see cref="Route"/> without its variant's name).</summary>
    public string RouteKey => Route.Split('#')[0];

    /// <summary>Its cells only read (a GET): the entries that read share one world.</summary>
    public bool Reads => Route.StartsWith("GET ", StringComparison.Ordinal);

    /// <summary>The expected answer of <paramref name="who"/>.</summary>
    public char ExpectedOf(Who who) => Expected.Replace(" ", "")[(int)who];

    public override string ToString() => Route;
}

/// <summary>The authorization matrix: one line per route of the application (a new route without a line fails
/// <c>AuthorizationMatrixTests</c>). The routes with a parameter are called about A's resource: {id} A's project,
/// {dlaCode} A, {username} an account of A's province (another LAO's, or an officer of A's provincial office, so that
/// no cell ends the sessions of the callers), {fiscalYear} the current fiscal year, {round} a round.</summary>
public static class AuthorizationMatrix
{
    private static MatrixEntry E(string route, string expected, Func<Cell, Call> call) =>
        new(route, expected, c => Task.FromResult(call(c)));

    private static MatrixEntry E(string route, string expected, Func<Cell, Task<Call>> call) =>
        new(route, expected, call);

    private const string Extensions = "/api/v1/admin/rounds/{fiscalYear:int}/{round:int}/extensions";
    private const string Assessment =
        "/api/v1/evaluation/assessments/{dlaCode:regex(^[0-9]{{7}}$)}/{fiscalYear:int}/{assessor}";

    public static readonly IReadOnlyList<MatrixEntry> Entries =
    [
        // ---------------------------------------------------------------- the API: anyone (no sign-in needed)
        E("GET /health/live", "AAAAAAA", _ => Get("/health/live")),
        E("GET /health/ready", "AAAAAAA", _ => Get("/health/ready")),
        // the metrics of the host, for NACC central (docs/adr/0032-telemetry.md)
        E("GET /metrics", "LFFFFFA", _ => Get("/metrics")),
        // its examples name A as the public registry does (the tests' sample LAO: docs/adr/0039-openapi-description.md)
        E("GET /openapi/{documentName}.json", "AAAAAAA", _ => Get("/openapi/v1.json")) with { PublicRegistry = true },
        // the reference page over that description, and the files of Scalar's package it loads
        // (docs/adr/0041-api-reference-and-guide.md)
        E("GET /api/reference/{documentName?}", "AAAAAAA", _ => Get("/api/reference/v1")),
        E("GET /api/reference/scalar.js", "AAAAAAA", _ => Get("/api/reference/scalar.js")),
        E("GET /api/reference/scalar.aspnetcore.js", "AAAAAAA", _ => Get("/api/reference/scalar.aspnetcore.js")),
        E("GET /api/reference/favicon.svg", "AAAAAAA", _ => Get("/api/reference/favicon.svg")),
        E("GET /api/v1/reference/provinces", "AAAAAAA", _ => Get("/api/v1/reference/provinces")),
        E("GET /api/v1/reference/provinces/{code}/districts", "AAAAAAA",
            _ => Get("/api/v1/reference/provinces/90/districts")),
        E("GET /api/v1/reference/lao-types", "AAAAAAA", _ => Get("/api/v1/reference/lao-types")),
        E("GET /api/v1/reference/laos", "AAAAAAA", _ => Get($"/api/v1/reference/laos?q={A}")) with
        {
            PublicRegistry = true,
        },
        E("GET /api/v1/reference/dimensions", "AAAAAAA", c => Get($"/api/v1/reference/dimensions?fiscalYear={c.Year}")),
        E("POST /api/v1/auth/token", "AAAAAAA",
            _ => Post("/api/v1/auth/token", new { username = A, password = Samples.Password })),
        E("POST /api/v1/auth/forgot-password", "AAAAAAA",
            _ => Post("/api/v1/auth/forgot-password", new { email = MatrixWorld.CoordinatorEmail })),
        // each caller ends its own session (the next entry's world gives it back: MatrixCallers.RestoreAccountsAsync)
        E("POST /api/v1/auth/revoke", "LAAAAAA", _ => Post("/api/v1/auth/revoke", new { })),
        E("POST /api/v1/auth/reset-password", "VVVVVVV",
            _ => Post("/api/v1/auth/reset-password", new { token = "not-a-reset-token", newPassword = NewPassword })),

        // ---------------------------------------------------------------- the API: the signed-in user's own
        E("POST /api/v1/me/password", "LSAAAAA",
            c => Post("/api/v1/me/password", new { currentPassword = c.Password, newPassword = NewPassword })),
        E("GET /api/v1/me/profile", "LAAAFFF", _ => Get("/api/v1/me/profile")),
        E("PUT /api/v1/me/profile", "LAAAFFF", c => Put("/api/v1/me/profile", MyProfileJson(c.Who))),

        // ---------------------------------------------------------------- the API: A's plan, reports and scores
        E("GET /api/v1/projects", "LSANANA", c => Get($"/api/v1/projects?fiscalYear={c.Year}&dlaCode={A}")),
        E("GET /api/v1/projects#own", "LSAAVVV", c => Get($"/api/v1/projects?fiscalYear={c.Year}")),
        E("POST /api/v1/projects", "LSAAFFF", c => Post("/api/v1/projects", ProjectJson(c.Year))),
        E("GET /api/v1/projects/{id:guid}", "LSANANA", c => Get($"/api/v1/projects/{c.Project}")),
        E("PUT /api/v1/projects/{id:guid}", "LSANANA",
            async c => Put($"/api/v1/projects/{c.Project}", ProjectJson(c.Year, await c.World.VersionAsync()))),
        E("DELETE /api/v1/projects/{id:guid}", "LSANANA",
            async c => Delete($"/api/v1/projects/{await c.World.NewProjectAsync()}?version=1&reason=ซ้ำซ้อน")),
        E("PUT /api/v1/projects/{id:guid}/conformity", "LSFFANA",
            c => Put($"/api/v1/projects/{c.Project}/conformity", new { conforms = true })),
        E("PUT /api/v1/projects/{id:guid}/rounds/{round:int}", "LSANFFF",
            c => Put($"/api/v1/projects/{c.Project}/rounds/6", RoundReportJson())),
        E("GET /api/v1/dashboard", "LSANANA", c => Get($"/api/v1/dashboard?fiscalYear={c.Year}&dlaCode={A}")),
        E("GET /api/v1/evaluation", "LSANANA", c => Get($"/api/v1/evaluation?fiscalYear={c.Year}&dlaCode={A}")),
        E($"GET {Assessment}", "LSANANA", c => Get($"/api/v1/evaluation/assessments/{A}/{c.Year}/self")),
        E($"PUT {Assessment}", "LSFNANA",
            c => Put($"/api/v1/evaluation/assessments/{A}/{c.Year}/provincial", new { dimensions = ScoresJson })),
        E($"POST {Assessment}/publish", "LSFFANA",
            c => Post($"/api/v1/evaluation/assessments/{A}/{c.Year}/provincial/publish")),
        E("GET /api/v1/reports/performance", "LSANANA",
            c => Get($"/api/v1/reports/performance?fiscalYear={c.Year}&round=6&dlaCode={A}")),
        E("GET /api/v1/reports/status", "LSANANA",
            c => Get($"/api/v1/reports/status?fiscalYear={c.Year}&dlaCode={A}")),
        E("GET /api/v1/reports/evaluation", "LSANANA",
            c => Get($"/api/v1/reports/evaluation?fiscalYear={c.Year}&dlaCode={A}")),
        E("GET /api/v1/reports/province", "LSFFANA",
            c => Get($"/api/v1/reports/province?provinceCode=90&fiscalYear={c.Year}&round=6")),

        // ---------------------------------------------------------------- the API: staff
        E("GET /api/v1/admin/laos/{dlaCode:regex(^[0-9]{{7}}$)}/profile", "LSANANA",
            _ => Get($"/api/v1/admin/laos/{A}/profile")),
        E("GET /api/v1/admin/rounds", "LSFFAAA", c => Get($"/api/v1/admin/rounds?fiscalYear={c.Year}")),
        E("PUT /api/v1/admin/rounds/{fiscalYear:int}/{round:int}", "LSFFFFA", c => Put(
            $"/api/v1/admin/rounds/{c.Year}/12", new { opensOn = Round12(c.Year).OpensOn, Round12(c.Year).Deadline })),
        E($"GET {Extensions}", "LSFFANA", c => Get($"/api/v1/admin/rounds/{c.Year}/12/extensions?provinceCode=90")),
        E($"GET {Extensions}#all", "LSFFAAA", c => Get($"/api/v1/admin/rounds/{c.Year}/12/extensions")),
        E($"POST {Extensions}", "LSFFANA", c => Post($"/api/v1/admin/rounds/{c.Year}/12/extensions",
            new { dlaCode = A, until = c.World.ExtendedUntil, reason = "อุทกภัย" })),
        E("DELETE " + Extensions + "/{dlaCode:regex(^[0-9]{{7}}$)}", "LSFFANA", async c =>
        {
            await c.World.GrantExtensionAsync();
            return Delete($"/api/v1/admin/rounds/{c.Year}/12/extensions/{A}?reason=ส่งครบแล้ว");
        }),
        E("GET /api/v1/admin/assessment-settings/{fiscalYear:int}", "LSAAAAA",
            c => Get($"/api/v1/admin/assessment-settings/{c.Year}")),
        E("PUT /api/v1/admin/assessment-settings/{fiscalYear:int}", "LSFFFFA", async c =>
        {
            var settings = await SettingsAsync(c);
            return Put($"/api/v1/admin/assessment-settings/{c.Year}", new
            {
                settings.PassingTotal, dimensions = settings.Dimensions.Select(d => new { d.Code, d.MaxScore }),
            });
        }),
        E("GET /api/v1/admin/completeness", "LSFFANA",
            c => Get($"/api/v1/admin/completeness?fiscalYear={c.Year}&round=6&provinceCode=90")),
        E("GET /api/v1/admin/completeness#all", "LSFFAAA",
            c => Get($"/api/v1/admin/completeness?fiscalYear={c.Year}&round=6")),
        E("GET /api/v1/admin/reminders/preview", "LSFFANA",
            c => Get($"/api/v1/admin/reminders/preview?fiscalYear={c.Year}&round=6&provinceCode=90")),
        E("GET /api/v1/admin/reminders/preview#all", "LSFFAAA",
            c => Get($"/api/v1/admin/reminders/preview?fiscalYear={c.Year}&round=6")),
        E("POST /api/v1/admin/reminders/send", "LSFFANA",
            c => Post("/api/v1/admin/reminders/send", new { fiscalYear = c.Year, round = 6, provinceCode = "90" })),
        E("POST /api/v1/admin/report-batches", "LSFFANA", c => Post("/api/v1/admin/report-batches",
            new { kind = "province", fiscalYear = c.Year, round = 6, provinceCode = "90" })),
        E("GET /api/v1/admin/report-batches/{id:guid}", "LSFFANA",
            async c => Get($"/api/v1/admin/report-batches/{await c.World.BatchAsync()}")),
        E("GET /api/v1/admin/report-batches/{id:guid}/download", "LSFFANA",
            async c => Get($"/api/v1/admin/report-batches/{await c.World.BatchAsync(printed: true)}/download")),
        E("GET /api/v1/admin/accounts", "LSFFANA", _ => Get($"/api/v1/admin/accounts?q={A}&provinceCode=90")),
        E("GET /api/v1/admin/accounts#all", "LSFFAAA", _ => Get($"/api/v1/admin/accounts?q={A}")),
        E("GET /api/v1/admin/accounts/{username}", "LSFFANA", _ => Get($"/api/v1/admin/accounts/{A}")),
        E("POST /api/v1/admin/accounts/{username}/lock", "LSFFANA",
            _ => Post($"/api/v1/admin/accounts/{MatrixWorld.OtherLaoOfA}/lock")),
        E("POST /api/v1/admin/accounts/{username}/unlock", "LSFFANA", async c =>
        {
            await c.World.LockOtherLaoAsync();
            return Post($"/api/v1/admin/accounts/{MatrixWorld.OtherLaoOfA}/unlock");
        }),
        E("POST /api/v1/admin/accounts/{username}/reset", "LSFFANA", async c =>
        {
            await c.World.SetUpOtherLaoAsync();
            return Post($"/api/v1/admin/accounts/{MatrixWorld.OtherLaoOfA}/reset");
        }),
        E("POST /api/v1/admin/accounts/{username}/activation-code", "LSFFANA",
            _ => Post($"/api/v1/admin/accounts/{MatrixWorld.OtherLaoOfA}/activation-code")),
        E("POST /api/v1/admin/staff-accounts", "LSFFAFA", c => Post("/api/v1/admin/staff-accounts", new
        {
            username = $"mx.new.{c.Who}".ToLowerInvariant(), fullName = "นายใหม่ ใจดี",
            email = $"mx.new.{c.Who}@nacc.go.th".ToLowerInvariant(), role = "provincial", provinceCode = "90",
        })),
        E("PUT /api/v1/admin/staff-accounts/{username}", "LSFFANA", async c => Put(
            $"/api/v1/admin/staff-accounts/{await c.World.OfficerAsync()}",
            new
            {
                fullName = "นายตรวจ สิทธิ์", email = "mx.officer90@nacc.go.th", role = "provincial",
                provinceCode = "90",
            })),
        E("POST /api/v1/admin/staff-accounts/{username}/setup-link", "LSFFANA",
            async c => Post($"/api/v1/admin/staff-accounts/{await c.World.OfficerAsync()}/setup-link")),
        E("POST /api/v1/admin/staff-accounts/{username}/disable", "LSFFANA", async c =>
        {
            await c.World.EnableOfficerAsync();
            return Post($"/api/v1/admin/staff-accounts/{MatrixWorld.OfficerOfA}/disable");
        }),
        E("POST /api/v1/admin/staff-accounts/{username}/enable", "LSFFANA", async c =>
        {
            await c.World.DisableOfficerAsync();
            return Post($"/api/v1/admin/staff-accounts/{MatrixWorld.OfficerOfA}/enable");
        }),
        E("POST /api/v1/admin/provincial-accounts", "LSFFFFA", _ => Post("/api/v1/admin/provincial-accounts")),
        E("GET /api/v1/admin/audit", "LSFFANA", _ => Get($"/api/v1/admin/audit?dlaCode={A}")),
        E("GET /api/v1/admin/audit#all", "LSFFAAA", _ => Get("/api/v1/admin/audit")),

        // ---------------------------------------------------------------- pages: anyone
        E("GET /", "AAAAAAA", _ => Get("/")),
        E("GET /Error", "NNNNNNN", _ => Get("/Error")),
        E("POST /Error", "NNNNNNN", _ => Form("/Error")),
        E("GET /forbidden", "FFFFFFF", _ => Get("/forbidden")),
        E("GET /manual", "AAAAAAA", _ => Get("/manual")),
        E("GET /faq", "AAAAAAA", _ => Get("/faq")),
        E("GET /contact", "AAAAAAA", _ => Get("/contact")),
        E("GET /find-code", "AAAAAAA", _ => Get($"/find-code?q={A}")) with { PublicRegistry = true },
        E("GET /login", "ASAAAAA", _ => Get("/login")),
        E("POST /login", "AAAAAAA", _ => Form("/login", ("Input.Username", A), ("Input.Password", Samples.Password))),
        E("GET /logout", "AAAAAAA", _ => Get("/logout")),
        E("POST /logout", "AAAAAAA", _ => Form("/logout")),
        E("GET /forgot-password", "AAAAAAA", _ => Get("/forgot-password")),
        E("POST /forgot-password", "AAAAAAA",
            _ => Form("/forgot-password", ("Input.Email", MatrixWorld.CoordinatorEmail))),
        E("GET /reset-password", "AAAAAAA", _ => Get("/reset-password?token=not-a-reset-token")),
        E("POST /reset-password", "AAAAAAA", _ => Form("/reset-password", ("Input.Token", "not-a-reset-token"),
            ("Input.NewPassword", NewPassword), ("Input.ConfirmPassword", NewPassword))),

        // ---------------------------------------------------------------- pages: the signed-in user's own
        E("GET /account/password", "LSAAAAA", _ => Get("/account/password")),
        E("POST /account/password", "LSAAAAA", c => Form("/account/password", ("Input.CurrentPassword", c.Password),
            ("Input.NewPassword", NewPassword), ("Input.ConfirmPassword", NewPassword))),
        E("GET /profile", "LAAARRR", _ => Get("/profile")),
        E("POST /profile", "LAAARRR", c => Form("/profile", MyProfileForm(c.Who))),
        E("GET /setup", "LAAARRR", _ => Get("/setup")),
        E("POST /setup", "LAAARRR", c => Form("/setup", MyProfileForm(c.Who))),

        // ---------------------------------------------------------------- pages: A's plan (an LAO's own pages)
        E("GET /projects/plan", "LSAARRR", c => Get($"/projects/plan?fiscalYear={c.Year}")),
        E("POST /projects/plan", "LSAARRR", c => Form("/projects/plan", ProjectForm(c.Year))),
        E("POST /projects/plan?handler=Clear", "LSAARRR",
            c => Form("/projects/plan?handler=clear", ("Input.FiscalYear", c.Year))),
        E("GET /projects/import", "LSAARRR", _ => Get("/projects/import")),
        E("GET /projects/import?handler=Template", "LSAARRR",
            c => Get($"/projects/import?handler=template&fiscalYear={c.Year}")),
        E("POST /projects/import?handler=Preview", "LSAARRR",
            c => Form($"/projects/import?handler=preview&fiscalYear={c.Year}")),
        E("POST /projects/import?handler=Import", "LSAARRR",
            c => Form($"/projects/import?handler=import&fiscalYear={c.Year}")),

        // ---------------------------------------------------------------- pages: A's projects
        E("GET /projects/list", "LSANANA", c => Get($"/projects/list?fiscalYear={c.Year}&dlaCode={A}")),
        E("GET /projects/list#own", "LSAARRR", c => Get($"/projects/list?fiscalYear={c.Year}")),
        E("POST /projects/list?handler=Delete", "LSANANA", async c => Form(
            $"/projects/list?handler=delete&fiscalYear={c.Year}&dlaCode={A}",
            ("id", await c.World.NewProjectAsync()), ("version", 1), ("name", "โครงการ"))),
        // another LAO named in the address: refused as outside the scope (404) before the handler's role check
        // (AddressRefusals, docs/adr/0028-bad-input.md); nothing of A's is told either way
        E("POST /projects/list?handler=Screen", "LSFNANA",
            async c => Form($"/projects/list?handler=screen&fiscalYear={c.Year}&dlaCode={A}",
                await ScreeningFormAsync(c))),
        E("GET /projects/report", "LSANANA", c => Get($"/projects/report?fiscalYear={c.Year}&dlaCode={A}")),
        E("GET /projects/{id:guid}", "LSANANA", c => Get($"/projects/{c.Project}")),
        E("POST /projects/{id:guid}?handler=Screen", "LSFFANA", async c => Form($"/projects/{c.Project}?handler=screen",
            ("Screening", "conforming"), ("Reason", "สอดคล้อง"), ("Version", await c.World.VersionAsync()))),
        E("POST /projects/{id:guid}?handler=Delete", "LSANANA", async c => Form(
            $"/projects/{await c.World.NewProjectAsync()}?handler=delete", ("Version", 1),
            ("Delete.Reason", "ซ้ำซ้อน"))),
        E("GET /projects/{id:guid}/edit", "LSANANA", c => Get($"/projects/{c.Project}/edit")),
        E("POST /projects/{id:guid}/edit", "LSANANA",
            async c => Form($"/projects/{c.Project}/edit", ProjectForm(c.Year, await c.World.VersionAsync()))),
        E("GET /projects/{id:guid}/rounds/{round:int}", "LSANANA", c => Get($"/projects/{c.Project}/rounds/6")),
        E("POST /projects/{id:guid}/rounds/{round:int}", "LSANFFF",
            async c => Form($"/projects/{c.Project}/rounds/6", RoundReportForm(await c.World.VersionAsync()))),

        // ---------------------------------------------------------------- pages: A's summary, scores and reports
        E("GET /summary", "LSANANA", c => Get($"/summary?fiscalYear={c.Year}&provinceCode=90&dlaCode={A}")),
        E("GET /evaluation", "LSANANA", c => Get($"/evaluation?fiscalYear={c.Year}&provinceCode=90&dlaCode={A}")),
        E("GET /evaluation/assessment", "LSANANA",
            c => Get($"/evaluation/assessment?fiscalYear={c.Year}&assessor=self&dlaCode={A}")),
        E("POST /evaluation/assessment", "LSFNANA", c => Form(
            $"/evaluation/assessment?fiscalYear={c.Year}&assessor=provincial&dlaCode={A}", ScoresForm())),
        // another LAO named in the address: refused as outside the scope (404) before the handler's role check
        // (AddressRefusals, docs/adr/0028-bad-input.md); nothing of A's is told either way
        E("POST /evaluation/assessment?handler=Publish", "LSFNANA", c => Form(
            $"/evaluation/assessment?handler=publish&fiscalYear={c.Year}&assessor=provincial&dlaCode={A}")),
        .. ReportPage("performance", "LSANANA"),
        .. ReportPage("status", "LSANANA"),
        .. ReportPage("evaluation", "LSANANA"),
        .. ReportPage("province", "LSFFANA"),

        // ---------------------------------------------------------------- pages: staff
        E("GET /staff", "LSRRANA", _ => Get("/staff?provinceCode=90")),
        E("GET /projects/screening", "LSRRANA", c => Get($"/projects/screening?fiscalYear={c.Year}&provinceCode=90")),
        E("GET /staff/screening", "LSRRANA", c => Get($"/staff/screening?fiscalYear={c.Year}&provinceCode=90")),
        E("GET /staff/screening#all", "LSRRAAA", c => Get($"/staff/screening?fiscalYear={c.Year}")),
        E("POST /staff/screening?handler=Screen", "LSRRANA", async c => Form(
            $"/staff/screening?handler=screen&fiscalYear={c.Year}&provinceCode=90", await ScreeningFormAsync(c))),
        E("GET /staff/rounds/{fiscalYear:int?}", "LSRRANA",
            c => Get($"/staff/rounds/{c.Year}?round=12&provinceCode=90")),
        E("GET /staff/rounds/{fiscalYear:int?}#all", "LSRRAAA", c => Get($"/staff/rounds/{c.Year}?round=12")),
        E("POST /staff/rounds/{fiscalYear:int?}?handler=Dates", "LSRRFFA", c => Form(
            $"/staff/rounds/{c.Year}?handler=dates", ("Dates.Round", 12), ("Dates.OpensOn", Round12(c.Year).OpensOn),
            ("Dates.Deadline", Round12(c.Year).Deadline))),
        E("POST /staff/rounds/{fiscalYear:int?}?handler=Grant", "LSRRANA", c => Form(
            $"/staff/rounds/{c.Year}?handler=grant", ("Grant.Round", 12), ("Grant.DlaCode", A),
            ("Grant.Until", c.World.ExtendedUntil), ("Grant.Reason", "อุทกภัย"))),
        E("POST /staff/rounds/{fiscalYear:int?}?handler=Revoke", "LSRRANA", async c =>
        {
            await c.World.GrantExtensionAsync();
            return Form($"/staff/rounds/{c.Year}?handler=revoke", ("Revoke.Round", 12), ("Revoke.DlaCode", A),
                ("Revoke.Reason", "ส่งครบแล้ว"));
        }),
        E("GET /admin/evaluation-settings", "LSFFFFA", c => Get($"/admin/evaluation-settings?fiscalYear={c.Year}")),
        E("POST /admin/evaluation-settings", "LSFFFFA",
            async c => Form($"/admin/evaluation-settings?fiscalYear={c.Year}", await SettingsFormAsync(c))),
        E("GET /staff/completeness", "LSFFANA",
            c => Get($"/staff/completeness?fiscalYear={c.Year}&round=6&provinceCode=90")),
        E("GET /staff/completeness?handler=Xlsx", "LSFFANA",
            c => Get($"/staff/completeness?handler=xlsx&fiscalYear={c.Year}&round=6&provinceCode=90")),
        E("GET /staff/reminders", "LSFFANA", c => Get($"/staff/reminders?fiscalYear={c.Year}&round=6&provinceCode=90")),
        E("GET /staff/reminders?handler=Email", "LSFFANA",
            c => Get($"/staff/reminders?handler=email&fiscalYear={c.Year}&round=6&provinceCode=90")),
        E("POST /staff/reminders?handler=Send", "LSFFANA",
            c => Form($"/staff/reminders?handler=send&fiscalYear={c.Year}&round=6&provinceCode=90")),
        E("GET /staff/report-batches", "LSFFAAA", async c =>
        {
            await c.World.BatchAsync();
            return Get("/staff/report-batches");
        }),
        E("POST /staff/report-batches", "LSFFANA", c => Form("/staff/report-batches", ("Input.Kind", "province"),
            ("Input.FiscalYear", c.Year), ("Input.Round", 6), ("Input.ProvinceCode", "90"))),
        E("GET /staff/report-batches?handler=Progress", "LSFFAAA", async c =>
        {
            await c.World.BatchAsync();
            return Get("/staff/report-batches?handler=progress");
        }),
        E("GET /staff/report-batches?handler=Download", "LSFFANA",
            async c => Get($"/staff/report-batches?handler=download&id={await c.World.BatchAsync(printed: true)}")),
        E("GET /staff/audit", "LSFFANA", _ => Get($"/staff/audit?dlaCode={A}")),
        E("GET /staff/audit#all", "LSFFAAA", _ => Get("/staff/audit")),
        E("GET /staff/laos/{dlaCode}/location", "LSFFFFA", _ => Get($"/staff/laos/{A}/location")),
        E("POST /staff/laos/{dlaCode}/location", "LSFFFFA", _ => Form($"/staff/laos/{A}/location",
            ("Input.ProvinceCode", "90"), ("Input.DistrictCode", "9001"), ("Input.Reason", "ทะเบียนถูกต้องแล้ว"))),
        E("GET /staff/accounts/{username?}", "LSFFANA", _ => Get($"/staff/accounts/{A}")),
        E("GET /staff/accounts/{username?}#search", "LSFFAAA", _ => Get($"/staff/accounts?q={A}")),
        AccountAction("Lock", "LSFFANA", _ => Task.FromResult(MatrixWorld.OtherLaoOfA)),
        AccountAction("Unlock", "LSFFANA", async w =>
        {
            await w.LockOtherLaoAsync();
            return MatrixWorld.OtherLaoOfA;
        }),
        AccountAction("Reset", "LSFFANA", async w =>
        {
            await w.SetUpOtherLaoAsync();
            return MatrixWorld.OtherLaoOfA;
        }),
        AccountAction("ActivationCode", "LSFFANA", _ => Task.FromResult(MatrixWorld.OtherLaoOfA)),
        AccountAction("SetupLink", "LSFFANA", w => w.OfficerAsync()),
        AccountAction("Disable", "LSFFANA", async w =>
        {
            await w.EnableOfficerAsync();
            return MatrixWorld.OfficerOfA;
        }),
        AccountAction("Enable", "LSFFANA", async w =>
        {
            await w.DisableOfficerAsync();
            return MatrixWorld.OfficerOfA;
        }),
        AccountAction("Provision", "LSFFFFA", _ => Task.FromResult("")),
        E("GET /staff/staff-accounts/{username?}", "LSFFANA",
            async c => Get($"/staff/staff-accounts/{await c.World.OfficerAsync()}")),
        E("POST /staff/staff-accounts/{username?}", "LSFFANA", async c => Form(
            $"/staff/staff-accounts/{await c.World.OfficerAsync()}", ("Input.FullName", "นายตรวจ สิทธิ์"),
            ("Input.Email", "mx.officer90@nacc.go.th"), ("Input.Role", "provincial"), ("Input.ProvinceCode", "90"))),
    ];

    /// <summary>A report page and its downloads (PDF, Excel, a stored file or a fresh Excel one), for A (staff choose
    /// A's province and A).</summary>
    private static IEnumerable<MatrixEntry> ReportPage(string report, string expected)
    {
        string Path(Cell c, string handler) =>
            $"/reports/{report}?{handler}fiscalYear={c.Year}&round=6&provinceCode=90&dlaCode={A}";
        yield return E($"GET /reports/{report}", expected, c => Get(Path(c, "")));
        yield return E($"GET /reports/{report}?handler=Pdf", expected, c => Get(Path(c, "handler=pdf&")));
        yield return E($"GET /reports/{report}?handler=Xlsx", expected, c => Get(Path(c, "handler=xlsx&")));
        yield return E($"GET /reports/{report}?handler=Stored", expected,
            c => Get(Path(c, "handler=stored&format=xlsx&")));
    }

    /// <summary>An action of the accounts page on the account <paramref name="account"/> makes ready.</summary>
    private static MatrixEntry AccountAction(string handler, string expected,
        Func<MatrixWorld, Task<string>> account) =>
        E($"POST /staff/accounts/{{username?}}?handler={handler}", expected,
            async c => Form($"/staff/accounts/{await account(c.World)}?handler={handler.ToLowerInvariant()}"));
}
