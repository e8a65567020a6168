using System.IO.Compression;
using EPlanNacc.ApiClient;
using EPlanNacc.ApiClient.Api.V1;
using EPlanNacc.ApiClient.Models;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.TestSupport;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Problem = EPlanNacc.ApiClient.Models.ProblemDetails;

namespace EPlanNacc.IntegrationTests.Integrations;

/// <summary>
/// Issue 11, section 2: a provincial office's typical script through the client Kiota generates from
/// docs/openapi/v1.json (tests/EPlanNacc.ApiClient), against the real host, with nothing but the generated client:
/// sign in, its province's completeness, screen a project, grant an extension, start a report batch, wait for it,
/// download its zip. A change of the API that removes or renames what this script uses breaks the compilation of this
/// file (docs/adr/0040-generated-api-client.md).
/// </summary>
[Trait(AnyDay.Trait, AnyDay.Value)]
public sealed class ClientJourneyTests(AppFixture app) : IntegrationTest(app)
{
    private const string Songkhla = "90";
    private const string KohYoName = "องค์การบริหารส่วนตำบลเกาะยอ";

    /// <summary>The client without a token (what <c>POST /api/v1/auth/token</c> and reference data need).</summary>
    private static V1RequestBuilder Anonymous(HttpClient http) =>
        new EPlanNaccClient(new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http))
            .Api.V1;

    /// <summary>Signs in through the client and gives the client that sends its bearer token, through Kiota's
    /// bearer authentication provider, to the test host only.</summary>
    private async Task<V1RequestBuilder> SignInAsync(HttpClient http, string username, string password)
    {
        var token = await Anonymous(http).Auth.Token.PostAsync(new TokenRequest
        {
            Username = username, Password = password,
        });
        Assert.Equal(("Bearer", TokenResponse_role.Provincial, false),
            (token!.TokenType, token.Role, token.SetupRequired));
        var bearer = new BaseBearerTokenAuthenticationProvider(new BearerToken(token.AccessToken!,
            App.BaseAddress.Host));
        return new EPlanNaccClient(new HttpClientRequestAdapter(bearer, httpClient: http)).Api.V1;
    }

    [Fact]
    public async Task A_provincial_office_s_script_runs_through_the_generated_client()
    {
        await App.SetUpLaoAsync(); // Koh Yo (Songkhla): its profile complete
        var projectId = await App.CreateProjectAsync(); // and a plan of one project
        await App.CloseRoundAsync(6); // the 6-month round closed yesterday: Koh Yo did not report
        var year = App.CurrentYear;
        using var http = App.CreateClient();
        var api = await SignInAsync(http, "prov90", AppFixture.ProvincialPassword);

        // its province's completeness: 141 LAOs, Koh Yo with a profile and a plan, nothing reported
        var completeness = await api.Admin.Completeness.GetAsync(r =>
        {
            r.QueryParameters.FiscalYear = year;
            r.QueryParameters.Round = 6;
            r.QueryParameters.ProvinceCode = Songkhla;
        });
        Assert.Equal((year, 6), (completeness!.FiscalYear, completeness.Round));
        var total = completeness.Total!;
        Assert.Equal((141, 1, 1, 0), (total.LaoCount, total.ProfileCompleted, total.PlanRecorded, total.RoundReported));
        Assert.Equal(141, completeness.Rows!.Count);
        var kohYo = Assert.Single(completeness.Rows, r => r.Code == Samples.KohYo);
        Assert.Equal((KohYoName, 1, 1, 1, 0),
            (kohYo.NameTh, kohYo.LaoCount, kohYo.ProfileCompleted, kohYo.PlanRecorded, kohYo.RoundReported));

        // screen Koh Yo's project: it conforms
        var project = Assert.Single((await api.Projects.GetAsync(r =>
        {
            r.QueryParameters.FiscalYear = year;
            r.QueryParameters.DlaCode = Samples.KohYo;
        }))!);
        Assert.Equal((projectId, Samples.KohYo, ProjectDetails_conformity.Unset),
            (project.Id, project.DlaCode, project.Conformity));
        var screened = await api.Projects[projectId].Conformity.PutAsync(new ConformityRequest
        {
            Conforms = true, Version = project.Version,
        });
        Assert.Equal((projectId, ProjectDetails_conformity.Conforming, project.Name),
            (screened!.Id, screened.Conformity, screened.Name));
        Assert.Equal(ProjectDetails_conformity.Conforming, (await api.Projects[projectId].GetAsync())!.Conformity);

        // grant Koh Yo two more weeks for the round it missed
        var until = App.Today.AddDays(14);
        var round6 = api.Admin.Rounds[year][6].Extensions;
        var granted = await round6.PostAsync(new ExtensionRequest
        {
            DlaCode = Samples.KohYo, Until = until, Reason = "ระบบสารสนเทศของ อปท. ขัดข้อง",
        });
        Assert.Equal((year, 6, Samples.KohYo, until, "ระบบสารสนเทศของ อปท. ขัดข้อง"),
            (granted!.FiscalYear, granted.Round, granted.DlaCode, (DateOnly?)granted.Until, granted.Reason));
        var listed = Assert.Single((await round6.GetAsync())!);
        Assert.Equal((Samples.KohYo, KohYoName, until), (listed.DlaCode, listed.NameTh, (DateOnly?)listed.Until));

        // the province's roll-up as a batch; wait for it; download its zip
        var started = await api.Admin.ReportBatches.PostAsync(new CreateReportBatchCommand
        {
            Kind = "province", FiscalYear = year, Round = 6, ProvinceCode = Songkhla,
        });
        var id = started!.Id!.Value;
        var batch = await Eventually.Async(async () => (await api.Admin.ReportBatches[id].GetAsync())!,
            b => b.Status is ReportBatchAnswer_status.Succeeded or ReportBatchAnswer_status.Failed,
            $"batch {id} finished", TimeSpan.FromMinutes(3));
        Assert.Equal((id, ReportBatchAnswer_status.Succeeded, 1, 1, 0, $"/api/v1/admin/report-batches/{id}/download"),
            (batch.Id, batch.Status, batch.Total, batch.Done, batch.Failed, batch.DownloadUrl));

        using var zipped = new MemoryStream();
        await using (var download = await api.Admin.ReportBatches[id].Download.GetAsync())
            await download!.CopyToAsync(zipped);
        using var zip = new ZipArchive(zipped);
        var pdfName = $"province-{Songkhla}-{year}-r6.pdf";
        Assert.Equal(["index.csv", pdfName], zip.Entries.Select(e => e.FullName).Order());
        var pdf = await ReadAsync(zip.GetEntry(pdfName)!);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
        var text = await PdfTools.TextAsync(pdf);
        Assert.Contains("จังหวัดสงขลา", text);
        Assert.Contains(KohYoName, text);
    }

    [Fact]
    public async Task Outside_its_province_the_client_gets_the_typed_404_problem_and_without_a_token_the_401()
    {
        await App.SetUpLaoAsync(Samples.ChiangMaiCity);
        var chiangMaiProject = await App.CreateProjectAsync(Samples.ChiangMaiCity);
        using var http = App.CreateClient();
        var api = await SignInAsync(http, "prov90", AppFixture.ProvincialPassword);

        var province = await Assert.ThrowsAsync<Problem>(() => api.Admin.Completeness.GetAsync(r =>
        {
            r.QueryParameters.FiscalYear = App.CurrentYear;
            r.QueryParameters.Round = 6;
            r.QueryParameters.ProvinceCode = "50";
        }));
        Assert.Equal((404, 404, AccessMessages.ProvinceNotFound),
            (province.ResponseStatusCode, province.Status, province.Detail));
        Assert.True(ApiAssertions.IsThai(province.Title), province.Title);

        var project = await Assert.ThrowsAsync<Problem>(() =>
            api.Projects[chiangMaiProject].Conformity.PutAsync(new ConformityRequest { Conforms = true }));
        Assert.Equal((404, AccessMessages.ProjectNotFound), (project.ResponseStatusCode, project.Detail));
        Assert.Equal("unset", (await App.GetProjectAsync(chiangMaiProject, TestUser.Admin())).Conformity);

        // without the bearer provider the same call is refused: 401, typed too
        var anonymous = await Assert.ThrowsAsync<Problem>(() => Anonymous(http).Admin.Completeness.GetAsync(r =>
        {
            r.QueryParameters.FiscalYear = App.CurrentYear;
            r.QueryParameters.Round = 6;
        }));
        Assert.Equal(401, anonymous.ResponseStatusCode);
    }

    private static async Task<byte[]> ReadAsync(ZipArchiveEntry entry)
    {
        await using var stream = entry.Open();
        using var memory = new MemoryStream();
        await stream.CopyToAsync(memory);
        return memory.ToArray();
    }
}
