using System.Net;
using System.Text.Json;
using EPlanNacc.IntegrationTests.Pages;
using EPlanNacc.Modules.Reporting.Features.Dashboard;
using EPlanNacc.TestSupport;

namespace EPlanNacc.IntegrationTests.Reporting;

/// <summary>ข้อมูลโดยสรุป: <c>GET /api/v1/dashboard</c> field for field on a known plan, and the summary page's
/// infographic and chart tables.</summary>
public sealed class DashboardTests(AppFixture app) : IntegrationTest(app)
{
    private static string[] Keys(JsonElement e) => e.EnumerateObject().Select(p => p.Name).ToArray();

    [Fact]
    public async Task The_dashboard_answers_the_shape_of_api_v1_with_the_numbers_of_the_plan()
    {
        await App.RecordKnownPlanAsync();
        using var client = await App.CreateApiClientAsync(Samples.KohYo, Samples.Password);
        var response = await client.GetAsync($"/api/v1/dashboard?fiscalYear={App.CurrentYear}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = doc.RootElement;

        Assert.Equal(["fiscalYear", "projectCount", "budget", "byDimension", "rounds"], Keys(root));
        Assert.Equal(App.CurrentYear, root.GetProperty("fiscalYear").GetInt32());
        // every project of the year, the non-conforming one too
        Assert.Equal(7, root.GetProperty("projectCount").GetInt32());
        Assert.Equal(165_000m, root.GetProperty("budget").GetDecimal());
        var byDimension = root.GetProperty("byDimension").EnumerateArray().ToList();
        Assert.All(byDimension, d => Assert.Equal(["code", "projectCount", "budget"], Keys(d)));
        Assert.Equal([("1", 3, 60_000m), ("2", 2, 40_000m), ("3", 1, 60_000m), ("4", 1, 5_000m)],
            byDimension.Select(d => (d.GetProperty("code").GetString(), d.GetProperty("projectCount").GetInt32(),
                d.GetProperty("budget").GetDecimal())));

        var rounds = root.GetProperty("rounds");
        Assert.Equal(["6", "12"], Keys(rounds));
        foreach (var round in rounds.EnumerateObject())
        {
            Assert.Equal(["reported", "completed", "inProgress", "notPossible", "budgetSpent", "notPossibleReasons"],
                Keys(round.Value));
            Assert.Equal(["no_budget", "policy_changed", "insufficient_staff", "other"],
                Keys(round.Value.GetProperty("notPossibleReasons")));
        }
        var r6 = rounds.GetProperty("6");
        Assert.Equal((5, 2, 1, 2, 52_500.50m),
            (r6.GetProperty("reported").GetInt32(), r6.GetProperty("completed").GetInt32(),
            r6.GetProperty("inProgress").GetInt32(), r6.GetProperty("notPossible").GetInt32(),
            r6.GetProperty("budgetSpent").GetDecimal()));
        Assert.Equal([1, 0, 0, 1],
            r6.GetProperty("notPossibleReasons").EnumerateObject().Select(p => p.Value.GetInt32()));
        var r12 = rounds.GetProperty("12");
        Assert.Equal((1, 1, 0, 0, 10_000m),
            (r12.GetProperty("reported").GetInt32(), r12.GetProperty("completed").GetInt32(),
            r12.GetProperty("inProgress").GetInt32(), r12.GetProperty("notPossible").GetInt32(),
            r12.GetProperty("budgetSpent").GetDecimal()));
        Assert.Equal([0, 0, 0, 0],
            r12.GetProperty("notPossibleReasons").EnumerateObject().Select(p => p.Value.GetInt32()));
    }

    [Fact]
    public async Task The_summary_has_the_scores_with_their_band_what_awaits_a_report_and_the_amounts_per_dimension()
    {
        var ids = await App.RecordKnownPlanAsync();
        var d = await App.SendAsync(TestUser.Lao(Samples.KohYo), new GetDashboardQuery(App.CurrentYear));

        var r6 = d.Round(6);
        Assert.Equal((6, 5, 1, 1, 75_000m), (r6.Figures.NeedReport, r6.Figures.Reported, r6.Figures.Awaiting,
            r6.Figures.NotRequired, r6.Figures.OrdinanceBudget));
        Assert.Equal((41.67m, "orange"), (r6.Score, r6.Band));
        Assert.True(r6.IsOpen);
        Assert.Equal([ids[4]], r6.Awaiting.Select(a => a.Id));
        var r12 = d.Round(12);
        Assert.Equal((16.67m, "red"), (r12.Score, r12.Band));
        Assert.Equal([ids[1], ids[2], ids[3], ids[4], ids[6]], r12.Awaiting.Select(a => a.Id));
        Assert.NotNull(d.CalculatedAt);

        var d1 = d.Dimensions.Single(x => x.Code == "1");
        Assert.Equal(ReportingSamples.DimensionNames[0], d1.NameTh);
        Assert.Equal((60_000m, 30_000m, 13_000m), (d1.Round6.Budget, d1.Round6.OrdinanceBudget, d1.Round6.BudgetSpent));
        // the non-conforming project counts in the plan, not in the round
        var d3 = d.Dimensions.Single(x => x.Code == "3");
        Assert.Equal((1, 60_000m, 0, 0), (d3.ProjectCount, d3.Budget, d3.Round6.NeedReport, d3.Round6.Awaiting));
    }

    [Fact]
    public async Task The_summary_page_shows_the_infographic_and_each_chart_with_its_numbers_as_a_table()
    {
        var ids = await App.RecordKnownPlanAsync();
        using var client = await App.SignedInClientAsync(Samples.KohYo, Samples.Password);
        var html = await client.GetStringAsync($"/summary?fiscalYear={App.CurrentYear}");

        Assert.Contains("data-testid=\"info-projects\">7<", html);
        Assert.Contains("data-testid=\"info-budget\">165,000.00<", html);
        Assert.Contains("data-testid=\"info-score-6\">41.67<", html);
        Assert.Contains("score-badge band-orange", html);
        Assert.Contains("data-testid=\"info-score-12\">16.67<", html);
        Assert.Contains("data-testid=\"status-6-completed\">2<", html);
        Assert.Contains("data-testid=\"status-6-awaiting\">1<", html);
        Assert.Contains("data-testid=\"reason-6-no_budget\">1<", html);
        Assert.Contains("data-testid=\"reason-6-other\">1<", html);
        Assert.Contains("data-testid=\"spent-6\">52,500.50<", html);
        // every chart names a table that is on the page, with a caption
        var tables = System.Text.RegularExpressions.Regex.Matches(html, "data-chart-table=\"([^\"]+)\"")
            .Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(7, tables.Count);
        Assert.All(tables, id => Assert.Contains($"<table class=\"table table-sm chart-table\" id=\"{id}\"", html));
        Assert.Contains("/lib/chartjs/chart.umd.min.js", html);
        // the round is open: the awaiting project links to its report form
        Assert.Contains($"href=\"/projects/{ids[4]}/rounds/6\"", html);
        Assert.Contains(ReportingSamples.Plan[4].Name, html);
    }

    [Fact]
    public async Task Staff_choose_an_LAO_of_their_scope_on_the_summary_page_and_by_dlaCode_in_the_API()
    {
        await App.RecordKnownPlanAsync();
        using var client = await App.SignedInClientAsync("prov90", AppFixture.ProvincialPassword);
        var choose = await client.GetStringAsync("/summary");
        Assert.Contains("data-testid=\"summary-choose\"", choose);
        Assert.Contains("องค์การบริหารส่วนตำบลเกาะยอ", choose); // in the LAO list of Songkhla
        var shown = await client.GetStringAsync($"/summary?fiscalYear={App.CurrentYear}&dlaCode={Samples.KohYo}");
        Assert.Contains("data-testid=\"info-projects\">7<", shown);
        Assert.DoesNotContain("/rounds/6\"", shown); // staff do not report for the LAO

        using var api = await App.CreateApiClientAsync("prov90", AppFixture.ProvincialPassword);
        var json = await api.GetStringAsync($"/api/v1/dashboard?fiscalYear={App.CurrentYear}&dlaCode={Samples.KohYo}");
        Assert.Contains("\"projectCount\":7", json);
        var unnamed = await (await api.GetAsync($"/api/v1/dashboard?fiscalYear={App.CurrentYear}"))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("dlaCode", unnamed.Errors.Keys);
        await (await api.GetAsync($"/api/v1/dashboard?dlaCode={Samples.ChiangMaiCity}"))
            .AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_empty_year_answers_zeros_and_no_score()
    {
        await App.SetUpLaoAsync();
        var d = await App.SendAsync(TestUser.Lao(Samples.KohYo), new GetDashboardQuery(App.CurrentYear - 1));
        Assert.Equal((0, 0m), (d.Summary.ProjectCount, d.Summary.Budget));
        Assert.Equal(4, d.Summary.ByDimension.Count);
        Assert.All(d.Rounds, r => Assert.Equal((0, null, 0), (r.Figures.Reported, r.Score, r.Awaiting.Count)));
        Assert.Null(d.CalculatedAt);

        // the page says so and leads to the plan instead of drawing empty charts
        using var client = await App.SignedInClientAsync(Samples.KohYo, Samples.Password);
        var html = await client.GetStringAsync($"/summary?fiscalYear={App.CurrentYear - 1}");
        Assert.Contains("data-testid=\"summary-empty\"", html);
        Assert.Contains($"/projects/plan?fiscalYear={App.CurrentYear - 1}", html);
        Assert.DoesNotContain("<canvas", html);
    }
}
