using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using EPlanNacc.TestSupport;

namespace EPlanNacc.IntegrationTests.Integrations;

/// <summary>The shell examples of docs/integrations.md, run as written (bash, curl, jq) against the test host: every
/// <c>```sh</c> block whose first line is <c># test: name</c>, with <c>EPLAN_URL</c> the host's address and
/// <c>EPLAN_TOKEN</c> a real token of the provincial office prov90 (Songkhla). Each curl call reports its status, its
/// content type and its address on stderr (a <c>.curlrc</c> of the test's own), so that the test checks what the API
/// answered as well as the files the example wrote. A guide that drifts from the API fails here.</summary>
[Trait(AnyDay.Trait, AnyDay.Value)]
public sealed partial class GuideExamplesTests(AppFixture app) : IntegrationTest(app)
{
    private const string Songkhla = "90";
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static readonly TimeSpan ExampleTimeout = TimeSpan.FromMinutes(3);

    private static readonly Lazy<IReadOnlyDictionary<string, string>> Examples = new(() =>
    {
        var guide = File.ReadAllText(Path.Combine(TestDatabase.RepositoryRoot(), "docs", "integrations.md"));
        return TestedBlock().Matches(guide).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["body"].Value);
    });

    [GeneratedRegex(@"^```sh\n# test: (?<name>[a-z-]+)\n(?<body>.*?)^```", RegexOptions.Multiline |
        RegexOptions.Singleline)]
    private static partial Regex TestedBlock();

    /// <summary>One curl call as the <c>.curlrc</c> reports it.</summary>
    private sealed record Answer(int Status, string ContentType, string Url);

    private sealed record Run(string Output, IReadOnlyList<Answer> Answers, string Folder);

    [Fact]
    public void The_guide_marks_the_examples_this_test_runs_and_no_other()
    {
        Assert.Equal(["batch-pdfs", "completeness-excel", "revoke", "scores", "token"],
            Examples.Value.Keys.Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task Signing_in_gives_a_token_that_works_and_revoking_it_ends_it()
    {
        var signIn = await RunAsync("token", token: null);
        var token = signIn.Output.Trim();
        Assert.Matches("^[A-Za-z0-9_.-]{20,}$", token);
        Assert.Equal([new Answer(200, "application/json", $"{App.BaseAddress}api/v1/auth/token")], signIn.Answers);
        using var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var rounds = $"/api/v1/admin/rounds?fiscalYear={App.CurrentYear}";
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(rounds)).StatusCode);

        var revoke = await RunAsync("revoke", token);
        Assert.Equal(204, Assert.Single(revoke.Answers).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(rounds)).StatusCode);
    }

    [Fact]
    public async Task A_provinces_completeness_comes_as_counts_and_as_an_Excel_workbook()
    {
        var laos = await LaoCountAsync();
        var run = await RunAsync("completeness-excel", await TokenAsync());

        Assert.Equal([200, 200], run.Answers.Select(a => a.Status));
        Assert.Equal(Xlsx, run.Answers[0].ContentType);
        Assert.Equal("application/json", run.Answers[1].ContentType);
        var file = $"completeness-{Songkhla}-{App.CurrentYear}-r6";
        using var counts = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(run.Folder, file + ".json")));
        Assert.Equal(laos, counts.RootElement.GetProperty("total").GetProperty("laoCount").GetInt32());
        Assert.Equal(laos, counts.RootElement.GetProperty("rows").GetArrayLength());
        Assert.Contains("\"laoCount\"", run.Output); // the example shows the total

        // the workbook of the staff page ความครบถ้วนของข้อมูล: a row per LAO of the province
        var workbook = ReportTables.FromExcel(await File.ReadAllBytesAsync(Path.Combine(run.Folder, file + ".xlsx")));
        Assert.True(workbook[0].Count >= laos, $"{workbook[0].Count} rows for {laos} LAOs");
    }

    [Fact]
    public async Task Every_LAOs_score_of_a_province_comes_as_CSV()
    {
        var laos = await LaoCountAsync();
        var run = await RunAsync("scores", await TokenAsync());

        var answer = Assert.Single(run.Answers);
        Assert.Equal((200, "application/json"), (answer.Status, answer.ContentType));
        var lines = await File.ReadAllLinesAsync(Path.Combine(run.Folder,
            $"scores-{Songkhla}-{App.CurrentYear}-r12.csv"));
        Assert.Equal("\"dlaCode\",\"nameTh\",\"planRecorded\",\"roundReport\",\"score\",\"band\"", lines[0]);
        Assert.Equal(laos, lines.Length - 1);
        Assert.Contains(lines, l => l.StartsWith($"\"{Samples.KohYo}\",\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_batch_of_PDFs_is_started_polled_and_downloaded_as_a_zip()
    {
        // the roll-ups only (one PDF for the province): the path, the body, the polling and the download are those of
        // any kind; a province's performance reports would print one PDF per LAO, minutes of the suite
        var run = await RunAsync("batch-pdfs", await TokenAsync(), ("KIND", "province"));

        Assert.Equal(202, run.Answers[0].Status);
        Assert.All(run.Answers, a => Assert.InRange(a.Status, 200, 299));
        Assert.Equal("application/zip", run.Answers[^1].ContentType);
        Assert.Matches("\"status\":\"succeeded\"", run.Output);
        await using var file = File.OpenRead(Path.Combine(run.Folder, $"province-{App.CurrentYear}-r6-{Songkhla}.zip"));
        using var zip = new ZipArchive(file);
        var pdf = Assert.Single(zip.Entries, e => e.Name.EndsWith(".pdf", StringComparison.Ordinal));
        await using var content = pdf.Open();
        var head = new byte[4];
        await content.ReadExactlyAsync(head);
        Assert.Equal("%PDF"u8.ToArray(), head);
    }

    private async Task<int> LaoCountAsync() => (await App.QueryAsync<int>(
        "SELECT count(*)::int FROM local_authority_profile.registry_laos WHERE province_code = @Songkhla",
        new { Songkhla }))[0];

    private async Task<string> TokenAsync() => (await RunAsync("token", token: null)).Output.Trim();

    /// <summary>Runs the example <paramref name="name"/> in a folder of its own, with the host's address, the
    /// account prov90, <paramref name="token"/>, the current fiscal year and <paramref name="variables"/>.</summary>
    private async Task<Run> RunAsync(string name, string? token, params (string Name, string Value)[] variables)
    {
        var folder = Directory.CreateTempSubdirectory("eplan-guide-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, ".curlrc"),
            "write-out = \"%{stderr}answer\\t%{http_code}\\t%{content_type}\\t%{url_effective}\\n\"\n");
        var start = new ProcessStartInfo("bash", ["-e", "-o", "pipefail", "-c", Examples.Value[name]])
        {
            WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.Environment["CURL_HOME"] = folder;
        start.Environment["EPLAN_URL"] = App.BaseAddress.ToString().TrimEnd('/');
        start.Environment["EPLAN_USER"] = "prov90";
        start.Environment["EPLAN_PASSWORD"] = AppFixture.ProvincialPassword;
        start.Environment["YEAR"] = App.CurrentYear.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (token is not null) start.Environment["EPLAN_TOKEN"] = token;
        foreach (var (variable, value) in variables) start.Environment[variable] = value;

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ExampleTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        var stderr = await error;
        Assert.True(process.ExitCode == 0, $"The example '{name}' failed ({process.ExitCode}):\n{stderr}");
        var answers = stderr.Split('\n').Where(l => l.StartsWith("answer\t", StringComparison.Ordinal))
            .Select(l => l.Split('\t', 4))
            .Select(p => new Answer(int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture),
                p[2].Split(';')[0], p[3]))
            .ToList();
        return new Run(await output, answers, folder);
    }
}
