using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.Reporting.Features.Batches;
using EPlanNacc.TestSupport;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace EPlanNacc.IntegrationTests.Access;

/// <summary>
/// The authorization matrix (issue 9, section 1): every route of the application (<see cref="RouteTable"/>: the API's
/// endpoints and every handler of every page) called about LAO A's resource by seven callers (<see cref="Who"/>), each
/// answer checked against the table (<see cref="AuthorizationMatrix"/>), and no answer to a caller outside A's scope,
/// nor any refusal, carrying A's data (<see cref="MatrixWorld.Markers"/>).
/// <para>The entries that only read (GET) run first and share one world; every other entry runs in a world of its
/// own, after a reset (<see cref="MatrixWorld.BuildAsync"/>). An entry's cells run in one order, the callers outside
/// A's scope first, and a cell that consumes what it acts on (a delete, a revoke) makes its own beforehand.</para>
/// <para>Why and how to add a line: docs/adr/0026-the-authorization-matrix.md.</para>
/// </summary>
[Trait(AnyDay.Trait, AnyDay.Value)]
[Collection(AppCollection.Name)]
[TestCaseOrderer(MatrixOrder.TypeName, MatrixOrder.AssemblyName)]
public sealed partial class AuthorizationMatrixTests(AppFixture app, ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>The callers in the order their cells run: those outside A's scope, whose calls must change nothing,
    /// before those that act.</summary>
    private static readonly Who[] Order =
        [Who.Anonymous, Who.SetUp, Who.LaoB, Who.OtherProvincial, Who.LaoA, Who.Provincial, Who.Admin];

    private static readonly HashSet<Who> Outsiders = [Who.Anonymous, Who.SetUp, Who.LaoB, Who.OtherProvincial];

    private static IReadOnlyDictionary<string, RouteEntry>? _routes;

    /// <summary>The world the reading entries share (null once an entry that acts has run).</summary>
    private static MatrixWorld? _shared;

    private AppFixture App { get; } = app;

    public static TheoryData<string> Entries() => new(AuthorizationMatrix.Entries.Select(e => e.Route));

    /// <summary>Each test starts from the world it asks for (<see cref="WorldAsync"/>), not from a reset.</summary>
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Every_route_of_the_application_has_an_entry_and_every_entry_a_route()
    {
        var routes = await RouteTable.ReadAsync(App);
        var entries = AuthorizationMatrix.Entries.Select(e => e.RouteKey).Distinct().ToList();
        Assert.True(routes.Count >= 140, $"only {routes.Count} routes read");
        Assert.Empty(AuthorizationMatrix.Entries.GroupBy(e => e.Route).Where(g => g.Count() > 1)
            .Select(g => $"two entries for {g.Key}"));
        Assert.Empty(routes.Select(r => r.Key).Except(entries).Select(r => $"no entry for {r}"));
        Assert.Empty(entries.Except(routes.Select(r => r.Key)).Select(e => $"no route for the entry {e}"));
        Assert.All(AuthorizationMatrix.Entries, e => Assert.Matches("^[ALSFRNV]{7}$", e.Expected));

        var lines = AuthorizationMatrix.Entries.Count;
        var denied = AuthorizationMatrix.Entries.Sum(e => e.Expected.Count(c => c != 'A'));
        var outsidersAllowed = AuthorizationMatrix.Entries.Sum(e => Outsiders.Count(w => e.ExpectedOf(w) == 'A'));
        output.WriteLine($"{routes.Count} routes ({routes.Count(r => !r.IsPage)} API and other endpoints, " +
                         $"{routes.Count(r => r.IsPage)} page handlers) in {lines} lines, {lines * Order.Length} " +
                         $"cells, {denied} denied cells, {denied + outsidersAllowed} cells checked for leaks");
    }

    [Theory]
    [MemberData(nameof(Entries))]
    public async Task Each_caller_gets_its_answer_and_no_denied_answer_carries_As_data(string route)
    {
        var entry = AuthorizationMatrix.Entries.Single(e => e.Route == route);
        _routes ??= (await RouteTable.ReadAsync(App)).ToDictionary(r => r.Key);
        var routeEntry = _routes[entry.RouteKey];
        // a bulk report started by a cell is printed by no one (nothing here is about its files)
        using var _ = App.HoldJobs<RunReportBatchCommand>();
        var callers = await MatrixCallers.SignedInAsync(App);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var world = await WorldAsync(callers, shared: entry.Reads);

        var problems = new List<string>();
        foreach (var who in Order)
        {
            var call = await entry.CallFor(new Cell(who, world));
            var (answer, body, status) = await SendAsync(callers, who, call, routeEntry);
            var expected = entry.ExpectedOf(who);
            output.WriteLine($"{who,-16} {call.Method} {call.Path} → {status} ({answer}, expected {expected})");
            if (answer != expected) problems.Add($"{who}: expected {expected}, got {answer} ({status})");
            if (answer == 'A' && !Outsiders.Contains(who)) continue;
            var leaked = Leaks(entry, world, call, body, Outsiders.Contains(who));
            if (leaked.Count > 0) problems.Add($"{who} ({status}) carries {string.Join(", ", leaked)}");
        }
        output.WriteLine($"{Order.Length} cells in {watch.ElapsedMilliseconds} ms (with the world)");
        Assert.True(problems.Count == 0, $"{route}:\n" + string.Join("\n", problems));
    }

    /// <summary>A world of its own (after a reset), or the one the reading entries share: kept while its project
    /// exists (any other test's reset empties it) and no entry that acts has run since.</summary>
    private async Task<MatrixWorld> WorldAsync(MatrixCallers callers, bool shared)
    {
        if (shared && _shared is { } world && world.App == App && (await App.QueryAsync<bool>(
                "SELECT EXISTS (SELECT 1 FROM projects.projects WHERE id = @ProjectId)", world)).Single())
            return world;
        _shared = null;
        await App.ResetAsync();
        world = await MatrixWorld.BuildAsync(App, callers);
        if (shared) _shared = world;
        return world;
    }

    [Fact]
    public async Task A_staff_page_that_names_an_LAO_outside_the_scope_answers_404_without_its_province_too()
    {
        var callers = await MatrixCallers.SignedInAsync(App);
        await WorldAsync(callers, shared: true);
        foreach (var path in new[] { $"/summary?dlaCode={MatrixWorld.LaoA}",
                     $"/reports/performance?round=6&dlaCode={MatrixWorld.LaoA}" })
        {
            using var other = callers.ClientFor(Who.OtherProvincial, api: false);
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(path)).StatusCode);
            using var own = callers.ClientFor(Who.Provincial, api: false);
            Assert.Equal(HttpStatusCode.OK, (await own.GetAsync(path)).StatusCode);
        }
    }

    /// <summary>Sends one cell's request; its answer as a letter of the table, its text (decoded: a file's text too),
    /// and its status (with the address of a redirect).</summary>
    private async Task<(char Answer, string Body, string Status)> SendAsync(MatrixCallers callers, Who who, Call call,
        RouteEntry route)
    {
        var api = !route.IsPage;
        using var client = callers.ClientFor(who, api);
        using var request = new HttpRequestMessage(call.Method, call.Path);
        if (call.Json is not null) request.Content = JsonContent.Create(call.Json);
        if (call.Form is not null)
            request.Content = new FormUrlEncodedContent(
                [.. call.Form, new("__RequestVerificationToken", callers.AntiforgeryToken(who))]);
        using var response = await client.SendAsync(request);
        var body = await TextOfAsync(response);
        var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var location = response.Headers.Location is { } l ? new Uri(App.BaseAddress, l) : null;
        if (location is not null) status += " " + location.PathAndQuery;
        return (Classify(response.StatusCode, location, body, api, route.RoleRedirects), body, status);
    }

    private static char Classify(HttpStatusCode code, Uri? location, string body, bool api,
        IReadOnlySet<string> roleRedirects)
    {
        var status = (int)code;
        if (status is >= 200 and < 300) return 'A';
        if (!api && location is not null && status is >= 300 and < 400)
            return location.AbsolutePath switch
            {
                "/login" when location.Query.Contains("returnUrl=", StringComparison.Ordinal) => 'L',
                "/forbidden" => 'F',
                "/setup" => 'S',
                var path when roleRedirects.Contains(path) => 'R',
                _ => 'A',
            };
        return status switch
        {
            401 => 'L',
            403 when body.Contains(AccessMessages.FinishSetupFirst, StringComparison.Ordinal) => 'S',
            403 => 'F',
            404 => 'N',
            400 => 'V',
            _ => '?',
        };
    }

    /// <summary>The markers of A's data that <paramref name="body"/> carries and the request did not: every marker of
    /// <see cref="MatrixWorld.Markers"/> and of what the world made on demand; for a caller outside A's scope also A's
    /// name and code, unless the answer is the public registry's (A itself, its office and an admin know who A
    /// is).</summary>
    private static List<string> Leaks(MatrixEntry entry, MatrixWorld world, Call call, string body, bool outsider)
    {
        var markers = MatrixWorld.Markers.Concat(world.MadeMarkers).ToList();
        if (outsider && !entry.PublicRegistry) markers.AddRange(MatrixWorld.LaoMarkers);
        var request = call.Path + string.Concat(call.Form?.Select(f => f.Value) ?? [])
                      + (call.Json is null ? "" : JsonSerializer.Serialize(call.Json));
        return markers.Where(m => body.Contains(m, StringComparison.Ordinal)
                                  && !request.Contains(m, StringComparison.Ordinal)).ToList();
    }

    /// <summary>The text of an answer as a reader sees it: JSON's \u escapes and HTML's entities decoded, the text of
    /// a PDF, and the XML of an Excel file or a zip.</summary>
    private static async Task<string> TextOfAsync(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (bytes.Length > 4 && bytes[0] == '%' && bytes[1] == 'P' && bytes[2] == 'D' && bytes[3] == 'F')
            return await PdfTools.TextAsync(bytes);
        if (bytes.Length > 4 && bytes[0] == 'P' && bytes[1] == 'K')
        {
            using var zip = new ZipArchive(new MemoryStream(bytes));
            var text = new StringBuilder();
            foreach (var file in zip.Entries)
            {
                using var reader = new StreamReader(file.Open());
                text.Append(await reader.ReadToEndAsync());
            }
            return WebUtility.HtmlDecode(text.ToString());
        }
        var raw = Encoding.UTF8.GetString(bytes);
        return WebUtility.HtmlDecode(JsonEscape().Replace(raw,
            m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString()));
    }

    [GeneratedRegex(@"\\u([0-9a-fA-F]{4})")]
    private static partial Regex JsonEscape();
}

/// <summary>Runs the matrix's reading entries first (they share one world), then those that act, each in order of its
/// route.</summary>
public sealed class MatrixOrder : ITestCaseOrderer
{
    public const string TypeName = "EPlanNacc.IntegrationTests.Access.MatrixOrder";
    public const string AssemblyName = "EPlanNacc.IntegrationTests";

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases)
        where TTestCase : ITestCase =>
        testCases.OrderBy(t => t.TestMethodArguments?.FirstOrDefault() is string route
                && AuthorizationMatrix.Entries.Any(e => e.Route == route && e.Reads) ? 0 : 1)
            .ThenBy(t => t.DisplayName, StringComparer.Ordinal);
}
