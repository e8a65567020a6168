using System.Text.Json;
using System.Text.RegularExpressions;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.IntegrationTests.Access;
using EPlanNacc.Modules.Evaluation.Features.Scores;
using EPlanNacc.Modules.Identity.Features.Emails;
using EPlanNacc.Modules.Identity.Features.Passwords;
using EPlanNacc.Modules.Reporting.Features.Batches;
using EPlanNacc.Modules.Reporting.Features.Reminders;
using EPlanNacc.TestSupport;
using Xunit.Abstractions;

namespace EPlanNacc.IntegrationTests.BadInput;

/// <summary>Issue 9 §2: every command of the application (<see cref="BadInputTable"/>), sent at least
/// <see cref="MalformedInputs.Minimum"/> malformed inputs derived from its valid sample, refuses each of them with a
/// Thai message, never a 5xx nor a hang, and changes nothing: a checksum of every table of every module schema, taken
/// before and after the command's inputs, is the same. What counts as refused (docs/adr/0028-bad-input.md):
/// <list type="bullet">
/// <item>API: a 4xx with <c>application/problem+json</c> whose title, detail or errors hold Thai letters.</item>
/// <item>Pages: a 4xx page in Thai (the error page, the forbidden page); or the form shown again (200) with a Thai
/// message next to a field or above the form; or a redirect (the page's answer for a stale or absent thing, and the
/// sign-in page's for a session it does not know), which the unchanged checksums prove changed nothing.</item>
/// </list>
/// The valid sample is then sent too and must be accepted: each input differs from a valid request in one
/// point.</summary>
[Trait(AnyDay.Trait, AnyDay.Value)]
public sealed partial class BadInputTests(AppFixture app, ITestOutputHelper output) : IntegrationTest(app)
{
    private const int Parallel = 4;

    public static TheoryData<string> Routes => new(BadInputTable.Commands.Select(c => c.Route));

    [Fact]
    public async Task Every_command_of_the_route_table_has_a_malformed_input_entry()
    {
        var commands = (await RouteTable.ReadAsync(App)).Where(IsCommand).Select(r => r.Key).ToList();
        var entries = BadInputTable.Commands.Select(c => c.Route).ToList();
        Assert.Equal(entries.Count, entries.Distinct().Count());
        var missing = commands.Except(entries).Select(r => $"no malformed-input entry for {r}").ToList();
        var stale = entries.Except(commands).Select(r => $"a malformed-input entry for {r}, which is no command")
            .ToList();
        Assert.True(missing.Count + stale.Count == 0, string.Join("\n", missing.Concat(stale)));
    }

    /// <summary>A route that changes something or takes a body: an API endpoint other than GET, a page's POST
    /// handler.</summary>
    private static bool IsCommand(RouteEntry route) => route.IsPage
        ? route.Key.StartsWith("POST ", StringComparison.Ordinal)
        : !route.Key.StartsWith("GET ", StringComparison.Ordinal) && !route.Key.StartsWith("HEAD ",
            StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Every_malformed_input_is_refused_in_Thai_and_changes_nothing(string route)
    {
        var command = BadInputTable.Commands.Single(c => c.Route == route);
        using var scores = App.HoldJobs<RecalculatePendingScoresCommand>();
        using var emails = App.HoldJobs<SendPendingEmailsCommand>();
        using var links = App.HoldJobs<SendPasswordResetLinksCommand>();
        using var batches = App.HoldJobs<RunReportBatchCommand>();
        using var reminders = App.HoldJobs<SendProvinceRemindersCommand>();
        var world = await BadInputWorld.BuildAsync(App);
        var sample = await command.SampleFor(world);
        using var session = await BadInputSession.OpenAsync(App, command.Caller, sample.IsPage);
        if (command.ProveFirst) await ProveAsync(command, sample, session);

        var inputs = command.NoInput
            ? [] : MalformedInputs.For(command, sample, world.Foreign(command.Caller));
        Assert.True(command.NoInput || inputs.Count >= MalformedInputs.Minimum,
            $"{route}: {inputs.Count} inputs, fewer than {MalformedInputs.Minimum}");
        // the world's score recalculations, drained now rather than by the minute's sweep in the middle of the inputs
        await App.SendAsync<int>(SystemUser.Instance, new RecalculatePendingScoresCommand());
        var tables = AppFixture.ModuleSchemas;
        var before = await App.ChecksumAsync(tables);
        var answers = await SendAllAsync(inputs, sample.IsPage, session);
        var after = await App.ChecksumAsync(tables);

        var counts = answers.GroupBy(a => a.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}");
        output.WriteLine($"{route} ({command.Caller}): {inputs.Count} inputs; " +
                         string.Join(", ", counts));
        var holes = answers.Where(a => a.Hole is not null)
            .Select(a => $"{a.Input.What} → {a.Status}: {a.Hole}").ToList();
        var accepted = answers.Where(a => a.Status is >= 201 and < 400 && a.Hole is null)
            .Select(a => $"(answered {a.Status}) {a.Input.What}").Take(20);
        // the security limits count every request to their endpoints, refused or not, in the database (shared by
        // the instances: docs/adr/0033-several-instances.md): a count of requests, not data the input changed
        var changed = before.Keys.Where(t => !command.Writes.Contains(t) && t != "identity.request_counts" &&
                                             before[t] != after[t]).ToList();
        Assert.True(holes.Count == 0 && changed.Count == 0,
            $"{route}: {holes.Count} of {inputs.Count} inputs not refused in Thai" +
            (changed.Count > 0 ? $"; tables changed: {string.Join(", ", changed)}" : "") + "\n" +
            string.Join("\n", holes.Take(40).Concat(changed.Count > 0 ? accepted : [])));

        if (!command.ProveFirst && !command.NoSample && !command.NoInput) await ProveAsync(command, sample, session);
    }

    private sealed record Answer(Malformed Input, int Status, string? Hole);

    private static async Task<List<Answer>> SendAllAsync(IReadOnlyList<Malformed> inputs, bool page,
        BadInputSession session)
    {
        var answers = new Answer[inputs.Count];
        await System.Threading.Tasks.Parallel.ForEachAsync(Enumerable.Range(0, inputs.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Parallel }, async (i, ct) =>
            {
                var input = inputs[i];
                try
                {
                    using var response = await session.SendAsync(input.Method, input.Address,
                        input.Body(session.Antiforgery), ct);
                    var text = await response.Content.ReadAsStringAsync(ct);
                    var status = (int)response.StatusCode;
                    answers[i] = new Answer(input, status, page ? PageHole(response, status, text) : ApiHole(response,
                        status, text));
                }
                catch (TaskCanceledException)
                {
                    answers[i] = new Answer(input, 0, "no answer within 30 s");
                }
                catch (HttpRequestException) when (input.What.StartsWith("5 MB", StringComparison.Ordinal))
                {
                    // a page with a smaller body limit (the import's) answers 413 and closes the connection while the
                    // body is still being sent: refused before the application read it
                    answers[i] = new Answer(input, 413, null);
                }
                catch (HttpRequestException ex)
                {
                    answers[i] = new Answer(input, 0, $"the connection failed: {ex.Message}");
                }
            });
        return [.. answers];
    }

    /// <summary>Why an API answer is no refusal in Thai (null when it is one).</summary>
    private static string? ApiHole(HttpResponseMessage response, int status, string text)
    {
        if (status is < 400 or > 499) return Excerpt(text);
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            return $"not a problem ({response.Content.Headers.ContentType}): {Excerpt(text)}";
        try
        {
            using var problem = JsonDocument.Parse(text);
            var root = problem.RootElement;
            var thai = new[] { "title", "detail", "errors" }.Any(p => root.TryGetProperty(p, out var value)
                && ApiAssertions.IsThai(value.ToString()));
            return thai ? null : $"no Thai message: {Excerpt(text)}";
        }
        catch (JsonException)
        {
            return $"a problem that is no JSON: {Excerpt(text)}";
        }
    }

    /// <summary>Why a page's answer is no refusal in Thai (null when it is one).</summary>
    private static string? PageHole(HttpResponseMessage response, int status, string text)
    {
        if (status is >= 400 and <= 499)
            return ApiAssertions.IsThai(text) ? null : $"a {status} page without Thai: {Excerpt(text)}";
        if (status is 301 or 302 or 303 or 307 or 308) return response.Headers.Location is null ? "no Location" : null;
        if (status == 200) return ValidationMessage(text) is { } message && ApiAssertions.IsThai(message)
            ? null : "200 without a Thai message on the form";
        return Excerpt(text);
    }

    /// <summary>The text of the form's validation messages (next to the fields and above the form), or null.</summary>
    private static string? ValidationMessage(string html)
    {
        var messages = ValidationMarkup().Matches(html).Select(m => Tags().Replace(m.Groups[1].Value, " ")).ToList();
        return messages.Count == 0 ? null : string.Join(" ", messages);
    }

    /// <summary>Where the pages put a refusal's message: next to a field (the validation tag helpers, the rounds
    /// page's own feedback) or above the form (a validation summary, an alert).</summary>
    private const string Messages =
        "field-validation-error|validation-summary-errors|invalid-feedback d-block|alert-danger|alert-warning";

    [GeneratedRegex("""class="[^"]*(?:""" + Messages + """)[^"]*"[^>]*>(.*?)</(?:span|ul|div)""",
        RegexOptions.Singleline)]
    private static partial Regex ValidationMarkup();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    /// <summary>The start of an answer (of a page, the text of its main part).</summary>
    private static string Excerpt(string text)
    {
        var main = text.IndexOf("<main", StringComparison.Ordinal);
        if (main >= 0) text = Tags().Replace(text[main..], " ");
        text = Regex.Replace(text, @"\s+", " ").Trim();
        return text.Length > 300 ? text[..300] : text;
    }

    /// <summary>Sends the valid sample itself: it must be accepted (a 2xx; a page's redirect, or the page shown
    /// without a validation message).</summary>
    private static async Task ProveAsync(Command command, Sample sample, BadInputSession session)
    {
        using var response = await session.SendAsync(sample.Method, sample.Address(),
            sample.IsPage ? FormOf(sample, session.Antiforgery) : JsonOf(sample));
        var text = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        var accepted = sample.IsPage
            ? status is 302 or 303 || status == 200 && ValidationMessage(text) is null
            : status is >= 200 and <= 299;
        Assert.True(accepted, $"the valid sample of {command.Route} was refused: {status} " +
                              (ValidationMessage(text) ?? Excerpt(text)));
    }

    private static HttpContent FormOf(Sample sample, string? token) => new FormUrlEncodedContent(
        sample.Form!.Append(new KeyValuePair<string, string>("__RequestVerificationToken", token ?? "")));

    private static HttpContent? JsonOf(Sample sample) => sample.Json is null ? null
        : new StringContent(sample.Json.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
}
