using System.Net;
using System.Text.Json;
using EPlanNacc.IntegrationTests.Pages;
using EPlanNacc.Modules.Evaluation.Features.Assessments;
using EPlanNacc.Modules.Reporting.Features.Reports;
using EPlanNacc.TestSupport;
using static EPlanNacc.TestSupport.ProjectSamples;

namespace EPlanNacc.IntegrationTests.Reporting;

/// <summary>The four reports of ออกรายงาน in every format, over the API and on their pages: the JSON's numbers for the
/// known plan; the PDF (Thai text found by pdftotext, Sarabun embedded, "หน้า 1 / N"); Excel (numeric cells); and the
/// same numbers on the screen, in the PDF and in Excel.</summary>
public sealed class ReportTests(AppFixture app) : IntegrationTest(app)
{
    private string Year => App.CurrentYear.ToString();
    private static readonly string Screenshots = Path.Combine(TestDatabase.RepositoryRoot(), "TestResults",
        "screenshots");

    private static async Task<byte[]> FileAsync(HttpClient client, string url, string contentType, string fileName)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK,
            $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(fileName, response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        return await response.Content.ReadAsByteArrayAsync();
    }

    private const string Pdf = "application/pdf";
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The PDF holds the exact Thai strings (white space aside: long cells wrap between words), embeds
    /// Sarabun and numbers its pages; page 1 is rendered to a PNG for a person to look at.</summary>
    private static async Task AssertPdfAsync(byte[] pdf, string png, params string[] texts)
    {
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
        var text = await PdfTools.TextAsync(pdf, raw: true);
        var squeezed = ReportTables.Squeeze(text);
        foreach (var t in texts) Assert.True(squeezed.Contains(ReportTables.Squeeze(t), StringComparison.Ordinal),
            $"'{t}' is not in the PDF");
        var pages = await PdfTools.PageCountAsync(pdf);
        Assert.Contains($"หน้า 1 / {pages}", text);
        Assert.Contains("พิมพ์เมื่อ", text);
        var sarabun = (await PdfTools.FontsAsync(pdf)).Split('\n').Where(l => l.Contains("Sarabun")).ToList();
        Assert.NotEmpty(sarabun);
        Assert.All(sarabun, line => Assert.Contains(" yes ", line));
        await PdfTools.FirstPagePngAsync(pdf, Path.Combine(Screenshots, png));
    }

    [Fact]
    public async Task The_performance_report_of_round_6_in_json_pdf_and_xlsx()
    {
        await App.RecordKnownPlanAsync();
        using var api = await App.CreateApiClientAsync(Samples.KohYo, Samples.Password);
        using var doc = JsonDocument.Parse(
            await api.GetStringAsync($"/api/v1/reports/performance?fiscalYear={Year}&round=6"));
        var root = doc.RootElement;
        Assert.Equal((App.CurrentYear, 6, Samples.KohYo, "องค์การบริหารส่วนตำบลเกาะยอ"),
            (root.GetProperty("fiscalYear").GetInt32(),
            root.GetProperty("round").GetInt32(), root.GetProperty("dlaCode").GetString(),
            root.GetProperty("laoName").GetString()));
        var d1 = root.GetProperty("dimensions")[0];
        Assert.Equal(("1", 3, 3, 60_000m, 30_000m, 13_000m, 1, 1, 1, 0, 50.00m, "green"),
            (d1.GetProperty("code").GetString(),
            d1.GetProperty("projectCount").GetInt32(), d1.GetProperty("needReport").GetInt32(),
            d1.GetProperty("budget").GetDecimal(),
            d1.GetProperty("ordinanceBudget").GetDecimal(), d1.GetProperty("budgetSpent").GetDecimal(),
            d1.GetProperty("completed").GetInt32(),
            d1.GetProperty("inProgress").GetInt32(), d1.GetProperty("notPossible").GetInt32(),
            d1.GetProperty("awaiting").GetInt32(), d1.GetProperty("score").GetDecimal(),
            d1.GetProperty("band").GetString()));
        var d3 = root.GetProperty("dimensions")[2];
        Assert.Equal((1, 0, JsonValueKind.Null), (d3.GetProperty("projectCount").GetInt32(),
            d3.GetProperty("needReport").GetInt32(), d3.GetProperty("score").ValueKind));
        var total = root.GetProperty("total");
        Assert.Equal((7, 6, 165_000m, 75_000m, 52_500.50m, 2, 1, 2, 1, 41.67m, "orange"),
            (total.GetProperty("projectCount").GetInt32(),
            total.GetProperty("needReport").GetInt32(), total.GetProperty("budget").GetDecimal(),
            total.GetProperty("ordinanceBudget").GetDecimal(),
            total.GetProperty("budgetSpent").GetDecimal(), total.GetProperty("completed").GetInt32(),
            total.GetProperty("inProgress").GetInt32(),
            total.GetProperty("notPossible").GetInt32(), total.GetProperty("awaiting").GetInt32(),
            total.GetProperty("score").GetDecimal(), total.GetProperty("band").GetString()));
        Assert.Equal(1, root.GetProperty("notPossibleReasons").GetProperty("other").GetInt32());

        var pdf = await FileAsync(api, $"/api/v1/reports/performance?fiscalYear={Year}&round=6&format=pdf", Pdf,
            $"performance-{Samples.KohYo}-{Year}-r6.pdf");
        await AssertPdfAsync(pdf, "report-performance.png",
            ["รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต", "องค์การบริหารส่วนตำบลเกาะยอ",
                $"ปีงบประมาณ พ.ศ. {Year} รอบ 6 เดือน", .. ReportingSamples.DimensionNames, "52,500.50", "41.67"]);
        var xlsx = await FileAsync(api, $"/api/v1/reports/performance?fiscalYear={Year}&round=6&format=xlsx", Xlsx,
            $"performance-{Samples.KohYo}-{Year}-r6.xlsx");

        // the page shows the same numbers as the PDF and the Excel file
        using var pages = await App.SignedInClientAsync(Samples.KohYo, Samples.Password);
        var html = await pages.GetStringAsync($"/reports/performance?fiscalYear={Year}&round=6");
        Assert.True(await ReportTables.AssertSameAsync(html, pdf, xlsx) > 60);
        Assert.Equal("75,000.00", ReportTables.FromHtml(html)[0][^1][4]);
    }

    [Fact]
    public async Task The_status_report_lists_every_project_with_its_state_at_6_and_12_months()
    {
        await App.RecordKnownPlanAsync();
        using var api = await App.CreateApiClientAsync(Samples.KohYo, Samples.Password);
        using var doc = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/reports/status?fiscalYear={Year}"));
        var projects = doc.RootElement.GetProperty("projects").EnumerateArray().ToList();
        Assert.Equal(ReportingSamples.Plan.Select(p => p.Name),
            projects.Select(p => p.GetProperty("name").GetString()));
        Assert.Equal(["completed", "in_progress", "not_possible", "completed", "awaiting", "not_required",
            "not_possible"], projects.Select(p => p.GetProperty("round6").GetProperty("state").GetString()));
        Assert.Equal(["completed", "awaiting", "awaiting", "awaiting", "awaiting", "not_required", "awaiting"],
            projects.Select(p => p.GetProperty("round12").GetProperty("state").GetString()));
        Assert.Equal(ReportingSamples.OtherReason,
            projects[6].GetProperty("round6").GetProperty("notPossibleReasonOther").GetString());
        var r6 = doc.RootElement.GetProperty("rounds").GetProperty("6");
        Assert.Equal((2, 1, 2, 1, 1, 7),
            (r6.GetProperty("completed").GetInt32(), r6.GetProperty("inProgress").GetInt32(),
            r6.GetProperty("notPossible").GetInt32(), r6.GetProperty("awaiting").GetInt32(),
            r6.GetProperty("notRequired").GetInt32(), r6.GetProperty("total").GetInt32()));

        var pdf = await FileAsync(api, $"/api/v1/reports/status?fiscalYear={Year}&format=pdf", Pdf,
            $"status-{Samples.KohYo}-{Year}.pdf");
        await AssertPdfAsync(pdf, "report-status.png",
            ["รายงานสถานะโครงการ/กิจกรรม/มาตรการ ประจำปีงบประมาณ", "องค์การบริหารส่วนตำบลเกาะยอ",
            .. ReportingSamples.Plan.Select(p => p.Name), "ไม่ได้รับงบประมาณ", $"อื่นๆ: {ReportingSamples.OtherReason}",
            "ไม่ต้องรายงานผล", "รอการรายงานผล"]);
        var xlsx = await FileAsync(api, $"/api/v1/reports/status?fiscalYear={Year}&format=xlsx", Xlsx,
            $"status-{Samples.KohYo}-{Year}.xlsx");

        using var pages = await App.SignedInClientAsync(Samples.KohYo, Samples.Password);
        var html = await pages.GetStringAsync($"/reports/status?fiscalYear={Year}");
        Assert.True(await ReportTables.AssertSameAsync(html, pdf, xlsx) > 60);
    }

    [Fact]
    public async Task The_evaluation_report_has_projects_budget_by_dimension_both_round_scores_and_visible_assessments()
    {
        await App.RecordKnownPlanAsync();
        using var api = await App.CreateApiClientAsync(Samples.KohYo, Samples.Password);
        using var doc = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/reports/evaluation?fiscalYear={Year}"));
        var total = doc.RootElement.GetProperty("total");
        Assert.Equal((7, 165_000m),
            (total.GetProperty("projectCount").GetInt32(), total.GetProperty("budget").GetDecimal()));
        Assert.Equal((41.67m, "orange"),
            (total.GetProperty("implementation").GetProperty("6").GetProperty("score").GetDecimal(),
                total.GetProperty("implementation").GetProperty("6").GetProperty("band").GetString()));
        Assert.Equal((16.67m, "red"),
            (total.GetProperty("implementation").GetProperty("12").GetProperty("score").GetDecimal(),
                total.GetProperty("implementation").GetProperty("12").GetProperty("band").GetString()));
        Assert.Equal(JsonValueKind.Null, total.GetProperty("assessments").GetProperty("self").ValueKind);
        Assert.Equal(100m, total.GetProperty("maxScore").GetDecimal());

        var pdf = await FileAsync(api, $"/api/v1/reports/evaluation?fiscalYear={Year}&format=pdf", Pdf,
            $"evaluation-{Samples.KohYo}-{Year}.pdf");
        await AssertPdfAsync(pdf, "report-evaluation.png",
            ["รายงานผลการประเมินแผนปฏิบัติการป้องกันการทุจริต", "องค์การบริหารส่วนตำบลเกาะยอ",
                .. ReportingSamples.DimensionNames, "165,000.00", "16.67"]);
        var xlsx = await FileAsync(api, $"/api/v1/reports/evaluation?fiscalYear={Year}&format=xlsx", Xlsx,
            $"evaluation-{Samples.KohYo}-{Year}.xlsx");

        using var pages = await App.SignedInClientAsync(Samples.KohYo, Samples.Password);
        var html = await pages.GetStringAsync($"/reports/evaluation?fiscalYear={Year}");
        Assert.True(await ReportTables.AssertSameAsync(html, pdf, xlsx) > 40);
    }

    [Fact]
    public async Task The_evaluation_report_shows_an_LAO_the_offices_scores_only_once_published_and_staff_all()
    {
        await App.RecordKnownPlanAsync();
        static IReadOnlyList<DimensionScoreInput> Scores(params decimal[] s) =>
            s.Select((v, i) => new DimensionScoreInput((i + 1).ToString(), v)).ToList();
        await App.SendAsync(TestUser.Lao(Samples.KohYo),
            new SaveAssessmentCommand(Samples.KohYo, App.CurrentYear, "self", Scores(20, 15, 10, 5)));
        await App.SendAsync(TestUser.Provincial(),
            new SaveAssessmentCommand(Samples.KohYo, App.CurrentYear, "provincial", Scores(18, 12, 10, 4)));

        var lao = await App.SendAsync(TestUser.Lao(Samples.KohYo), new GetEvaluationReportQuery(App.CurrentYear));
        Assert.Equal(new AssessmentScores(50m, null, null), lao.Total.Assessments);
        Assert.Equal(new AssessmentScores(20m, null, null), lao.Dimensions[0].Assessments);
        var staff = await App.SendAsync(TestUser.Provincial(),
            new GetEvaluationReportQuery(App.CurrentYear, Samples.KohYo));
        Assert.Equal(new AssessmentScores(50m, 44m, null), staff.Total.Assessments);

        await App.SendAsync(TestUser.Provincial(),
            new PublishAssessmentCommand(Samples.KohYo, App.CurrentYear, "provincial"));
        var published = await App.SendAsync(TestUser.Lao(Samples.KohYo), new GetEvaluationReportQuery(App.CurrentYear));
        Assert.Equal(new AssessmentScores(50m, 44m, null), published.Total.Assessments);
        var row = published.ToDocument().Tables[0].Rows[^1].Cells;
        Assert.Equal([50m, 44m, null, 100m], row.Skip(7));
    }

    [Fact]
    public async Task The_province_report_has_a_row_per_LAO_of_Songkhla_with_district_subtotals_and_the_province_total()
    {
        await App.RecordKnownPlanAsync();
        await App.SetUpLaoAsync(Samples.KhlongRi);
        var other = await App.CreateProjectAsync(Samples.KhlongRi,
            App.Project("โครงการของคลองรี", "4", 8_000m, mission: null));
        await App.SendAsync(TestUser.Lao(Samples.KhlongRi), Report(other, 6, "completed", 8_000m, 7_500m));
        await App.SendAsync(TestUser.Admin(),
            new EPlanNacc.Modules.Evaluation.Features.Scores.RecalculateLaoScoresCommand(Samples.KhlongRi,
                App.CurrentYear));

        using var api = await App.CreateApiClientAsync("prov90", AppFixture.ProvincialPassword);
        using var doc = JsonDocument.Parse(
            await api.GetStringAsync($"/api/v1/reports/province?provinceCode=90&fiscalYear={Year}&round=6"));
        var root = doc.RootElement;
        Assert.Equal(("90", "สงขลา"),
            (root.GetProperty("provinceCode").GetString(), root.GetProperty("provinceNameTh").GetString()));
        var districts = root.GetProperty("districts").EnumerateArray().ToList();
        Assert.Equal(16, districts.Count);
        Assert.Equal(141, districts.Sum(d => d.GetProperty("laos").GetArrayLength()));
        var kohYo = districts.SelectMany(d => d.GetProperty("laos").EnumerateArray())
            .Single(l => l.GetProperty("dlaCode").GetString() == Samples.KohYo);
        Assert.Equal((true, "partial", 7, 165_000m, 52_500.50m, 41.67m, "orange"),
            (kohYo.GetProperty("planRecorded").GetBoolean(),
            kohYo.GetProperty("roundReport").GetString(), kohYo.GetProperty("projectCount").GetInt32(),
            kohYo.GetProperty("budget").GetDecimal(),
            kohYo.GetProperty("budgetSpent").GetDecimal(), kohYo.GetProperty("score").GetDecimal(),
            kohYo.GetProperty("band").GetString()));
        var mueang = districts.Single(d => d.GetProperty("code").GetString() == "9001").GetProperty("total");
        Assert.Equal((1, 0, 41.67m, "orange", 1),
            (mueang.GetProperty("planRecorded").GetInt32(), mueang.GetProperty("roundReported").GetInt32(),
            mueang.GetProperty("meanScore").GetDecimal(), mueang.GetProperty("band").GetString(),
            mueang.GetProperty("orange").GetInt32()));
        var total = root.GetProperty("total");
        // KohYo 41.67 and KhlongRi 100: the mean of the two LAOs that have a score
        Assert.Equal((141, 2, 1, 8, 173_000m, 60_000.50m, 70.84m, "green", 1, 1, 139),
            (total.GetProperty("laoCount").GetInt32(),
            total.GetProperty("planRecorded").GetInt32(), total.GetProperty("roundReported").GetInt32(),
            total.GetProperty("projectCount").GetInt32(),
            total.GetProperty("budget").GetDecimal(), total.GetProperty("budgetSpent").GetDecimal(),
            total.GetProperty("meanScore").GetDecimal(),
            total.GetProperty("band").GetString(), total.GetProperty("green").GetInt32(),
            total.GetProperty("orange").GetInt32(), total.GetProperty("noScore").GetInt32()));

        var pdf = await FileAsync(api, $"/api/v1/reports/province?provinceCode=90&fiscalYear={Year}&round=6&format=pdf",
            Pdf, $"province-90-{Year}-r6.pdf");
        Assert.True(await PdfTools.PageCountAsync(pdf) > 2, "141 LAOs take several pages");
        await AssertPdfAsync(pdf, "report-province.png",
            ["รายงานผลการนำแผนไปปฏิบัติระดับจังหวัด", "จังหวัดสงขลา", "องค์การบริหารส่วนตำบลเกาะยอ",
                "องค์การบริหารส่วนตำบลคลองรี", "รวมอำเภอเมืองสงขลา", "รวมจังหวัดสงขลา (141 แห่ง)"]);
        var xlsx = await FileAsync(api,
            $"/api/v1/reports/province?provinceCode=90&fiscalYear={Year}&round=6&format=xlsx", Xlsx,
            $"province-90-{Year}-r6.xlsx");

        using var pages = await App.SignedInClientAsync("prov90", AppFixture.ProvincialPassword);
        var html = await pages.GetStringAsync($"/reports/province?fiscalYear={Year}&round=6");
        var tables = ReportTables.FromHtml(html);
        Assert.Equal(141 + 16 + 1, tables[0].Count);
        Assert.True(await ReportTables.AssertSameAsync(html, pdf, xlsx) > 1000);
    }

    [Fact]
    public async Task Staff_download_an_LAO_report_from_its_page_and_the_admin_any_province()
    {
        await App.RecordKnownPlanAsync();
        using var pages = await App.SignedInClientAsync("admin", AppFixture.AdminPassword);
        var choose = await pages.GetStringAsync("/reports/performance");
        Assert.Contains("data-testid=\"report-choose\"", choose);
        var pdf = await FileAsync(pages,
            $"/reports/performance?handler=pdf&fiscalYear={Year}&round=12&provinceCode=90&dlaCode={Samples.KohYo}", Pdf,
            $"performance-{Samples.KohYo}-{Year}-r12.pdf");
        Assert.Contains("รอบ 12 เดือน", await PdfTools.TextAsync(pdf));
        var xlsx = await FileAsync(pages, $"/reports/province?handler=xlsx&fiscalYear={Year}&round=12&provinceCode=50",
            Xlsx, $"province-50-{Year}-r12.xlsx");
        Assert.NotEmpty(ReportTables.FromExcel(xlsx)[0]);
    }
}
