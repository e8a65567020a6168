using System.Net;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.IntegrationTests.Pages;
using EPlanNacc.TestSupport;

namespace EPlanNacc.IntegrationTests.Reporting;

/// <summary>Who may read which summary and report, and what bad input answers: 404 for another LAO's or another
/// province's data, 403 for an LAO asking the province report, 400 with the field's Thai message for a bad fiscal
/// year, round, format or province; never a 500.</summary>
public sealed class ReportScopeTests(AppFixture app) : IntegrationTest(app)
{
    private string Year => App.CurrentYear.ToString();

    /// <summary>The LAO reports of the current fiscal year: <c>{year}</c> becomes the year of the application's clock
    /// when the test runs (<see cref="OfThisYear"/>).</summary>
    public static TheoryData<string> LaoReports() =>
    [
        "/api/v1/dashboard?fiscalYear={year}",
        "/api/v1/reports/performance?fiscalYear={year}&round=6",
        "/api/v1/reports/status?fiscalYear={year}",
        "/api/v1/reports/evaluation?fiscalYear={year}",
        "/api/v1/reports/performance?fiscalYear={year}&round=12&format=pdf",
        "/api/v1/reports/status?fiscalYear={year}&format=xlsx",
    ];

    private string OfThisYear(string url) => url.Replace("{year}", Year);

    [Theory]
    [MemberData(nameof(LaoReports))]
    public async Task An_LAO_reads_its_own_and_gets_404_for_another_LAO(string report)
    {
        var url = OfThisYear(report);
        await App.SetUpLaoAsync();
        await App.SetUpLaoAsync(Samples.KhlongRi);
        using var api = await App.CreateApiClientAsync(Samples.KohYo, Samples.Password);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"{url}&dlaCode={Samples.KohYo}")).StatusCode);
        var foreign = await (await api.GetAsync($"{url}&dlaCode={Samples.KhlongRi}"))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(AccessMessages.LaoNotFound, foreign.Detail);
    }

    [Theory]
    [MemberData(nameof(LaoReports))]
    public async Task Staff_name_an_LAO_of_their_scope_400_without_one_404_outside(string report)
    {
        var url = OfThisYear(report);
        using var provincial = await App.CreateApiClientAsync("prov90", AppFixture.ProvincialPassword);
        Assert.Equal(HttpStatusCode.OK, (await provincial.GetAsync($"{url}&dlaCode={Samples.KhlongRi}")).StatusCode);
        var none = await (await provincial.GetAsync(url)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["กรุณาเลือก อปท. (dlaCode)"], none.Errors["dlaCode"]);
        await (await provincial.GetAsync($"{url}&dlaCode={Samples.ChiangMaiCity}"))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        await (await provincial.GetAsync($"{url}&dlaCode=9999999")).AssertProblemAsync(HttpStatusCode.NotFound);
        using var admin = await App.CreateApiClientAsync("admin", AppFixture.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"{url}&dlaCode={Samples.ChiangMaiCity}")).StatusCode);
    }

    [Fact]
    public async Task The_province_report_is_for_staff_of_that_province_403_for_an_LAO_404_for_another_province()
    {
        await App.SetUpLaoAsync();
        using var lao = await App.CreateApiClientAsync(Samples.KohYo, Samples.Password);
        var forbidden = await (await lao.GetAsync(
            $"/api/v1/reports/province?provinceCode=90&fiscalYear={Year}&round=6"))
                .AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("เจ้าหน้าที่", forbidden.Detail);

        using var provincial = await App.CreateApiClientAsync("prov90", AppFixture.ProvincialPassword);
        // its own by default
        Assert.Equal(HttpStatusCode.OK,
            (await provincial.GetAsync($"/api/v1/reports/province?fiscalYear={Year}&round=6")).StatusCode);
        await (await provincial.GetAsync($"/api/v1/reports/province?provinceCode=50&fiscalYear={Year}&round=6"))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        await (await provincial.GetAsync(
            $"/api/v1/reports/province?provinceCode=50&fiscalYear={Year}&round=6&format=pdf"))
                .AssertProblemAsync(HttpStatusCode.NotFound);

        using var admin = await App.CreateApiClientAsync("admin", AppFixture.AdminPassword);
        Assert.Equal(HttpStatusCode.OK,
            (await admin.GetAsync($"/api/v1/reports/province?provinceCode=50&fiscalYear={Year}&round=12")).StatusCode);
        var unnamed = await (await admin.GetAsync($"/api/v1/reports/province?fiscalYear={Year}&round=6"))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["กรุณาเลือกจังหวัด (provinceCode)"], unnamed.Errors["provinceCode"]);
        var unknown = await (await admin.GetAsync(
            $"/api/v1/reports/province?provinceCode=99&fiscalYear={Year}&round=6"))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(AccessMessages.ProvinceNotFound, unknown.Detail);

        // the pages: an LAO is refused, a provincial office sees its province
        using var pages = await App.SignedInClientAsync(Samples.KohYo, Samples.Password);
        await pages.AssertForbiddenPageAsync("/reports/province");
        await pages.AssertForbiddenPageAsync("/reports/province?handler=pdf");
        // not in the LAO's menu
        Assert.DoesNotContain("/reports/province", await pages.GetStringAsync("/reports/status"));
    }

    [Theory]
    [InlineData("/api/v1/dashboard?fiscalYear=abc", "fiscalYear")]
    [InlineData("/api/v1/dashboard?fiscalYear=2400", "fiscalYear")]
    [InlineData("/api/v1/dashboard?fiscalYear=25.70", "fiscalYear")]
    [InlineData("/api/v1/reports/performance?fiscalYear=2570", "round")]
    [InlineData("/api/v1/reports/performance?fiscalYear=2570&round=7", "round")]
    [InlineData("/api/v1/reports/performance?fiscalYear=2570&round=six", "round")]
    [InlineData("/api/v1/reports/performance?fiscalYear=2570&round=6&format=docx", "format")]
    [InlineData("/api/v1/reports/status?fiscalYear=9999999999999", "fiscalYear")]
    [InlineData("/api/v1/reports/status?format=csv", "format")]
    [InlineData("/api/v1/reports/evaluation?fiscalYear=2570&dlaCode=69001", "dlaCode")]
    [InlineData("/api/v1/reports/province?provinceCode=ab&fiscalYear=2570&round=6", "provinceCode")]
    [InlineData("/api/v1/reports/province?provinceCode=90&fiscalYear=2570&round=3&format=pdf", "round")]
    [InlineData("/api/v1/reports/province?provinceCode=90&fiscalYear=2570&round=6&format=PDFX", "format")]
    public async Task Bad_input_answers_400_with_the_fields_Thai_message(string url, string field)
    {
        await App.SetUpLaoAsync();
        using var client = await App.CreateApiClientAsync(url.Contains("province") ? "admin" : Samples.KohYo,
            url.Contains("province") ? AppFixture.AdminPassword : Samples.Password);
        var problem = await (await client.GetAsync(url)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.Errors.TryGetValue(field, out var messages),
            $"no error on {field}: {string.Join(", ", problem.Errors.Keys)}");
        Assert.All(messages!, m => Assert.True(ApiAssertions.IsThai(m), m));
    }

    [Fact]
    public async Task Without_a_token_the_reports_answer_401()
    {
        using var anonymous = App.CreateClient();
        await (await anonymous.GetAsync("/api/v1/dashboard")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.GetAsync("/api/v1/reports/status?format=pdf"))
            .AssertProblemAsync(HttpStatusCode.Unauthorized);
    }
}
