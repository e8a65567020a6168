using System.Net;
using System.Text.Json;

namespace EPlanNacc.IntegrationTests;

/// <summary>Reads RFC 7807 answers: status, Thai title, and the errors of each request field.</summary>
public static class ApiAssertions
{
    public sealed record Problem(int Status, string? Title, string? Detail,
        IReadOnlyDictionary<string, string[]> Errors, string ContentType);

    public static async Task<Problem> ReadProblemAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var contentType = response.Content.Headers.ContentType?.MediaType ?? "";
        using var doc = JsonDocument.Parse(string.IsNullOrWhiteSpace(text) ? "{}" : text);
        var root = doc.RootElement;
        var errors = new Dictionary<string, string[]>();
        if (root.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object)
            foreach (var p in e.EnumerateObject())
                errors[p.Name] = p.Value.EnumerateArray().Select(v => v.GetString() ?? "").ToArray();
        return new Problem(
            root.TryGetProperty("status", out var s) ? s.GetInt32() : (int)response.StatusCode,
            root.TryGetProperty("title", out var t) ? t.GetString() : null,
            root.TryGetProperty("detail", out var d) ? d.GetString() : null,
            errors, contentType);
    }

    public static async Task<Problem> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Equal("application/problem+json", problem.ContentType);
        Assert.True(IsThai(problem.Title), $"The title '{problem.Title}' is not Thai");
        return problem;
    }

    /// <summary>True when a text holds Thai letters (a Thai message, not an English default).</summary>
    public static bool IsThai(string? text) => text is not null && text.Any(c => c is >= '\u0E00' and <= '\u0E7F');
}
