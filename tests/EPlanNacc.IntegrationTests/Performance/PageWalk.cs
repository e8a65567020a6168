using System.Net;
using EPlanNacc.IntegrationTests.Pages;
using EPlanNacc.TestSupport;
using static EPlanNacc.TestSupport.ProjectSamples;

namespace EPlanNacc.IntegrationTests.Performance;

/// <summary>The main pages and API reads of each kind of caller (an LAO, a provincial office, NACC central; a page
/// session and an API token each), on a small world of two LAOs of Songkhla whose plans can grow
/// (<see cref="GrowAsync"/>): what <see cref="StatementBudgetTests"/> counts and <see cref="QueryPlanTests"/>
/// explains (docs/adr/0031-a-guard-against-regressions.md).</summary>
public sealed class PageWalk : IDisposable
{
    public const string A = Samples.KohYo;
    public const string OtherLao = Samples.KhlongRi;

    /// <summary>A request of the walk: its name (the caller and the route) and its address.</summary>
    public sealed record Step(string Name, HttpClient Client, string Path);

    private readonly AppFixture _app;
    private readonly List<Step> _steps = [];

    private PageWalk(AppFixture app) => _app = app;

    /// <summary>A's first project: the pages of one project show it.</summary>
    public Guid Project { get; private set; }

    public IReadOnlyList<Step> Steps => _steps;

    /// <summary>Both LAOs set up with <paramref name="projects"/> projects each, reported in the open 6-month round;
    /// the callers signed in.</summary>
    public static async Task<PageWalk> BuildAsync(AppFixture app, int projects)
    {
        var walk = new PageWalk(app);
        await app.SetUpLaoAsync(A);
        await app.SetUpLaoAsync(OtherLao);
        await app.OpenRoundAsync(6);
        await walk.GrowAsync(projects);
        await walk.SignInAsync();
        return walk;
    }

    /// <summary>Adds <paramref name="projects"/> projects to each LAO's plan, each reported in the 6-month
    /// round.</summary>
    public async Task GrowAsync(int projects)
    {
        foreach (var lao in new[] { A, OtherLao })
        {
            for (var i = 0; i < projects; i++)
            {
                var dimension = ((i % 4) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var id = await _app.CreateProjectAsync(lao, _app.Project(name: $"โครงการที่ {i + 1} ของ {lao}",
                    dimension: dimension, mission: dimension == "1" ? "1.1.2" : null));
                await _app.SendAsync(TestUser.Lao(lao), Report(id, 6));
                if (lao == A && Project == Guid.Empty) Project = id;
            }
        }
    }

    /// <summary>A statement on one line, cut at 200 characters (for a failure's message).</summary>
    public static string Short(string sql)
    {
        var line = string.Join(' ', sql.Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries));
        return line.Length > 200 ? line[..200] + "..." : line;
    }

    public void Dispose()
    {
        foreach (var client in _steps.Select(s => s.Client).Distinct()) client.Dispose();
    }

    private async Task SignInAsync()
    {
        var y = _app.CurrentYear;
        var lao = await _app.SignedInClientAsync(A, Samples.Password);
        var laoApi = await _app.CreateApiClientAsync(A, Samples.Password);
        var prov = await _app.SignedInClientAsync("prov90", AppFixture.ProvincialPassword);
        var provApi = await _app.CreateApiClientAsync("prov90", AppFixture.ProvincialPassword);
        var admin = await _app.SignedInClientAsync("admin", AppFixture.AdminPassword);
        var adminApi = await _app.CreateApiClientAsync("admin", AppFixture.AdminPassword);
        void Add(string who, HttpClient client, string path) =>
            _steps.Add(new Step($"{who} {path.Split('?')[0].Replace(Project.ToString(), "{id}")
                    .Replace($"/{y}", "/{fiscalYear}")}"
                                + (path.Contains("dlaCode=", StringComparison.Ordinal) ? " (an LAO)" : ""),
                client, path));

        Add("lao", lao, $"/summary?fiscalYear={y}");
        Add("lao", lao, $"/projects/list?fiscalYear={y}");
        Add("lao", lao, $"/projects/plan?fiscalYear={y}");
        Add("lao", lao, $"/projects/{Project}");
        Add("lao", lao, $"/projects/{Project}/rounds/6");
        Add("lao", lao, $"/projects/report?fiscalYear={y}");
        Add("lao", lao, $"/evaluation?fiscalYear={y}");
        Add("lao", lao, $"/reports/performance?fiscalYear={y}&round=6");
        Add("lao", lao, "/profile");
        Add("lao api", laoApi, $"/api/v1/projects?fiscalYear={y}");
        Add("lao api", laoApi, $"/api/v1/projects/{Project}");
        Add("lao api", laoApi, $"/api/v1/dashboard?fiscalYear={y}");
        Add("lao api", laoApi, $"/api/v1/evaluation?fiscalYear={y}");
        Add("lao api", laoApi, $"/api/v1/reports/performance?fiscalYear={y}&round=6");
        Add("lao api", laoApi, $"/api/v1/reports/status?fiscalYear={y}");
        Add("lao api", laoApi, "/api/v1/me/profile");
        Add("province", prov, "/staff?provinceCode=90");
        Add("province", prov, $"/staff/screening?fiscalYear={y}&provinceCode=90");
        Add("province", prov, $"/projects/screening?fiscalYear={y}&provinceCode=90");
        Add("province", prov, $"/staff/completeness?fiscalYear={y}&round=6&provinceCode=90");
        Add("province", prov, $"/staff/rounds/{y}?round=6&provinceCode=90");
        Add("province", prov, $"/staff/reminders?fiscalYear={y}&round=6&provinceCode=90");
        Add("province", prov, $"/projects/list?fiscalYear={y}&dlaCode={A}");
        Add("province", prov, $"/summary?fiscalYear={y}&provinceCode=90&dlaCode={A}");
        Add("province", prov, $"/reports/province?fiscalYear={y}&round=6&provinceCode=90");
        Add("province", prov, $"/staff/audit?dlaCode={A}");
        Add("province api", provApi, $"/api/v1/admin/completeness?fiscalYear={y}&round=6&provinceCode=90");
        Add("province api", provApi, $"/api/v1/reports/province?provinceCode=90&fiscalYear={y}&round=6");
        Add("admin", admin, "/staff");
        Add("admin", admin, $"/staff/screening?fiscalYear={y}");
        Add("admin", admin, $"/staff/completeness?fiscalYear={y}&round=6");
        Add("admin", admin, "/staff/audit");
        Add("admin", admin, "/staff/accounts?q=6900");
        Add("admin", admin, $"/admin/evaluation-settings?fiscalYear={y}");
        Add("admin api", adminApi, $"/api/v1/admin/completeness?fiscalYear={y}&round=6");
        Add("admin api", adminApi, $"/api/v1/admin/audit?dlaCode={A}");
        Add("admin api", adminApi, "/api/v1/admin/audit");
        Add("admin api", adminApi, $"/api/v1/admin/rounds?fiscalYear={y}");
    }

    /// <summary>Every step once, in order: the statements each ran (every answer must be 200).</summary>
    public async Task<IReadOnlyList<(Step Step, IReadOnlyList<StatementRecorder.Statement> Statements)>> RunAsync()
    {
        var results = new List<(Step, IReadOnlyList<StatementRecorder.Statement>)>();
        foreach (var step in _steps)
        {
            var (response, statements) = await _app.Statements.SendAsync(step.Client,
                new HttpRequestMessage(HttpMethod.Get, step.Path));
            using (response)
            {
                Assert.True(response.StatusCode == HttpStatusCode.OK,
                    $"{step.Name}: {step.Path} answered {(int)response.StatusCode} {response.Headers.Location}");
            }
            results.Add((step, statements));
        }
        return results;
    }
}
