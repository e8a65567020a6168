using System.Net;
using System.Net.Http.Json;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using EPlanNacc.Host.Infrastructure.OpenApi;
using EPlanNacc.TestSupport;

namespace EPlanNacc.IntegrationTests.Reference;

/// <summary>The description of the API (docs/adr/0039-openapi-description.md): the checked-in copy
/// docs/openapi/v1.json is the served one (the generated client is built from it), every operation says who may call
/// it and what it answers, and the examples are the tests' sample data, which the API takes.</summary>
[Trait(AnyDay.Trait, AnyDay.Value)]
public sealed class OpenApiDescriptionTests(AppFixture app) : IntegrationTest(app)
{
    public const string UpdateVariable = "EPLAN_UPDATE_OPENAPI";

    /// <summary>The operations that cannot answer any 4xx (anonymous, no parameter, no body): the ones
    /// .redocly.lint-ignore.yaml lets through the rule operation-4xx-response.</summary>
    private static readonly string[] NoRefusal = ["listProvinces", "listLaoTypes"];

    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    private static readonly JsonSerializerOptions Pretty = new()
    {
        WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string CheckedIn => Path.Combine(TestDatabase.RepositoryRoot(), "docs", "openapi", "v1.json");

    private async Task<string> ServedAsync()
    {
        using var anonymous = App.CreateClient();
        var served = JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json"))!;
        return served.ToJsonString(Pretty).ReplaceLineEndings("\n") + "\n";
    }

    private async Task<IReadOnlyList<(string Path, string Method, JsonObject Operation)>> OperationsAsync()
    {
        var document = JsonNode.Parse(await ServedAsync())!;
        return [.. document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Where(m => Methods.Contains(m.Key))
            .Select(m => (path.Key, m.Key, m.Value!.AsObject())))];
    }

    [Fact]
    public async Task The_served_description_is_the_checked_in_docs_openapi_v1_json()
    {
        var served = await ServedAsync();
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(CheckedIn, served);
            return;
        }
        var checkedIn = File.Exists(CheckedIn)
            ? (await File.ReadAllTextAsync(CheckedIn)).ReplaceLineEndings("\n") : "";
        Assert.True(checkedIn == served,
            "The API's description (/openapi/v1.json) differs from docs/openapi/v1.json, which the generated " +
            $"client is built from. If the change is meant, update the file: {UpdateVariable}=1 dotnet test " +
            "tests/EPlanNacc.IntegrationTests -c Release --filter FullyQualifiedName~OpenApiDescriptionTests " +
            "(then review the diff: a removed or renamed operation or member breaks integrators' clients).");
    }

    [Fact]
    public async Task Every_operation_has_a_unique_id_a_Thai_and_English_summary_a_security_decision_and_its_refusals()
    {
        var operations = await OperationsAsync();
        Assert.True(operations.Count > 50, $"only {operations.Count} operations");
        var ids = new List<string>();
        foreach (var (path, method, operation) in operations)
        {
            var where = $"{method.ToUpperInvariant()} {path}";
            var id = operation["operationId"]?.GetValue<string>();
            Assert.False(string.IsNullOrWhiteSpace(id), $"{where} has no operationId");
            Assert.Matches("^(get|list|search|create|update|save|set|delete|screen|grant|revoke|reset|request|change|" +
                           "unlock|lock|send|disable|enable|publish|download|preview)[A-Z][A-Za-z]+$", id);
            ids.Add(id!);

            var summary = operation["summary"]?.GetValue<string>() ?? "";
            Assert.True(summary.Split(" / ") is [var thai, var english]
                        && thai.Any(c => c is >= '\u0E00' and <= '\u0E7F') && english.Any(char.IsAsciiLetter),
                $"{where}: the summary '{summary}' is not 'Thai / English'");

            var security = operation["security"] as JsonArray;
            Assert.True(security is not null, $"{where} says nothing about security");
            var anonymous = security!.Count == 0;
            if (!anonymous)
                Assert.True(security.Single()!.AsObject().ContainsKey(ApiDescription.BearerScheme), where);

            var responses = operation["responses"]!.AsObject();
            var refusals = responses.Where(r => r.Key.StartsWith('4')).ToList();
            if (NoRefusal.Contains(id)) Assert.Empty(refusals);
            else Assert.True(refusals.Count > 0, $"{where} declares no 4xx");
            if (!anonymous)
            {
                Assert.True(responses.ContainsKey("401"), $"{where} needs a token and does not say 401");
                Assert.True(responses.ContainsKey("403"), $"{where} needs a token and does not say 403");
            }
            foreach (var (status, response) in refusals)
                Assert.True(response!["content"]?.AsObject().ContainsKey("application/problem+json") == true,
                    $"{where} {status} is no application/problem+json");
            foreach (var (status, response) in responses.Where(r => r.Key is "200" or "201"))
                Assert.True(response!["content"]?.AsObject().Count > 0, $"{where} {status} has no content");
        }
        Assert.Equal(ids.Count, ids.Distinct().Count());
        // those that say they need no token are exactly the anonymous ones of docs/api.md
        Assert.Equal(
            new[]
            {
                "createToken", "listDimensions", "listDistricts", "listLaoTypes", "listProvinces",
                "requestPasswordReset", "resetPassword", "searchLaos",
            },
            operations.Where(o => o.Operation["security"]!.AsArray().Count == 0)
                .Select(o => o.Operation["operationId"]!.GetValue<string>()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_files_are_described_by_their_media_types()
    {
        var operations = (await OperationsAsync()).ToDictionary(o => o.Operation["operationId"]!.GetValue<string>(),
            o => o.Operation);
        string[] Types(string id) =>
            [.. operations[id]["responses"]!["200"]!["content"]!.AsObject().Select(c => c.Key)];
        foreach (var report in new[] { "getPerformanceReport", "getStatusReport", "getEvaluationReport",
                     "getProvinceReport" })
            Assert.Equal(new[] { "application/json", "application/pdf",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }, Types(report));
        Assert.Equal(new[] { "application/zip" }, Types("downloadReportBatch"));
        Assert.Equal("binary",
            operations["downloadReportBatch"]["responses"]!["200"]!["content"]!["application/zip"]!["schema"]!
                ["format"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/ReportBatchStarted",
            operations["createReportBatch"]["responses"]!["202"]!["content"]!["application/json"]!["schema"]!
                ["$ref"]!.GetValue<string>());
        var limited = operations["createToken"]["responses"]!["429"]!;
        Assert.NotNull(limited["headers"]?["Retry-After"]);
    }

    [Fact]
    public async Task The_examples_are_the_tests_samples_and_the_API_takes_them()
    {
        var document = JsonNode.Parse(await ServedAsync())!;
        JsonObject Example(string schema) =>
            document["components"]!["schemas"]![schema]!["examples"]!.AsArray()[0]!.AsObject();

        Assert.Equal(Samples.KohYo, Example("TokenRequest")["username"]!.GetValue<string>());
        Assert.Equal(Samples.Password, Example("TokenRequest")["password"]!.GetValue<string>());
        var sample = App.Project();
        var project = Example("CreateProjectCommand");
        Assert.Equal(sample.Name, project["name"]!.GetValue<string>());
        Assert.Equal(sample.MissionCode, project["missionCode"]!.GetValue<string>());
        var profile = Example("ProfileRequest");
        Assert.Equal(JsonSerializer.SerializeToNode(Samples.Location(), JsonSerializerOptions.Web)!.ToJsonString(),
            profile["location"]!.ToJsonString());
        // the codes carry their Thai labels, from the modules' label code
        var workType = document["components"]!["schemas"]!["ProjectDetails"]!["properties"]!["workType"]!;
        Assert.Equal(new[] { "project", "activity", "measure", "guideline" },
            workType["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(new[] { "โครงการ", "กิจกรรม", "มาตรการ", "แนวปฏิบัติงาน" },
            workType["x-enum-descriptions"]!.AsArray().Select(v => v!.GetValue<string>()));

        // the API takes the request examples as they are (this year's fiscal year instead of 2569)
        await App.SetUpLaoAsync(Samples.KohYo);
        using var lao = await App.CreateApiClientAsync(Samples.KohYo, Samples.Password);
        project["fiscalYear"] = App.CurrentYear;
        var created = await lao.PostAsJsonAsync("/api/v1/projects", project);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var answer = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(sample.Name, answer["name"]!.GetValue<string>());
        var saved = await lao.PutAsJsonAsync("/api/v1/me/profile", Without(profile, "version"));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
    }

    private static JsonObject Without(JsonObject body, string member)
    {
        var copy = body.DeepClone().AsObject();
        copy.Remove(member);
        return copy;
    }
}
