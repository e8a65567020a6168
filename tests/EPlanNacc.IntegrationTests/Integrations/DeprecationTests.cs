using System.Net;
using System.Text.Json;
using EPlanNacc.Host.Infrastructure;
using EPlanNacc.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace EPlanNacc.IntegrationTests.Integrations;

/// <summary>The deprecation of an endpoint (docs/integrations.md, "Versioning"): no endpoint of v1 is deprecated, so
/// a small host of its own carries one, marked with <see cref="ApiDeprecations.Deprecated{TBuilder}"/> and served
/// through the same registration and middleware as the application's (<see cref="ApiDeprecations"/>): every answer
/// of it, a refusal too, carries Deprecation (RFC 9745), Sunset (RFC 8594) and the Link, its operation is
/// <c>deprecated: true</c> in the description, and the endpoint beside it has none of that.</summary>
[Trait(AnyDay.Trait, AnyDay.Value)]
public sealed class DeprecationTests
{
    private static readonly DateTimeOffset Since = new(2027, 1, 1, 0, 0, 0, TimeSpan.FromHours(7));
    private static readonly DateTimeOffset Sunset = new(2027, 7, 1, 0, 0, 0, TimeSpan.FromHours(7));

    private static async Task<WebApplication> HostAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddOpenApi("v1");
        builder.Services.AddApiDeprecations();
        var app = builder.Build();
        app.UseRouting();
        app.UseApiDeprecation();
        app.MapGet("/api/v1/old/{code}", (string code) => code == "missing" ? Results.NotFound() : Results.Ok(code))
            .WithName("readOld")
            .Deprecated(Since, Sunset, "https://eplan.example/api/reference#tag/old");
        app.MapGet("/api/v1/new", () => Results.Ok("new")).WithName("readNew");
        app.MapOpenApi("/openapi/{documentName}.json");
        await app.StartAsync();
        return app;
    }

    [Fact]
    public async Task A_deprecated_endpoints_answers_carry_the_three_headers_and_the_others_none()
    {
        await using var app = await HostAsync();
        using var client = app.GetTestClient();

        foreach (var (path, status) in new[] { ("/api/v1/old/a", HttpStatusCode.OK),
                     ("/api/v1/old/missing", HttpStatusCode.NotFound) })
        {
            var answer = await client.GetAsync(path);
            Assert.Equal(status, answer.StatusCode);
            Assert.Equal("@1798736400", Assert.Single(answer.Headers.GetValues("Deprecation")));
            Assert.Equal("Wed, 30 Jun 2027 17:00:00 GMT", Assert.Single(answer.Headers.GetValues("Sunset")));
            Assert.Equal("<https://eplan.example/api/reference#tag/old>; rel=\"deprecation\"; type=\"text/html\"",
                Assert.Single(answer.Headers.GetValues("Link")));
        }
        var current = await client.GetAsync("/api/v1/new");
        Assert.False(current.Headers.Contains("Deprecation"));
        Assert.False(current.Headers.Contains("Sunset"));
        Assert.False(current.Headers.Contains("Link"));
    }

    [Fact]
    public async Task The_description_marks_the_deprecated_operation_and_only_it()
    {
        await using var app = await HostAsync();
        using var client = app.GetTestClient();
        using var doc = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var paths = doc.RootElement.GetProperty("paths");

        var old = paths.GetProperty("/api/v1/old/{code}").GetProperty("get");
        Assert.True(old.GetProperty("deprecated").GetBoolean());
        Assert.Contains("Deprecated since 2027-01-01; answers until 2027-07-01 at least",
            old.GetProperty("description").GetString());
        Assert.False(paths.GetProperty("/api/v1/new").GetProperty("get").TryGetProperty("deprecated", out _));
    }

    [Fact]
    public void A_sunset_sooner_than_the_promised_notice_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new ApiDeprecation(Since, Since.AddDays(ApiDeprecations.MinimumNoticeDays - 1), "/api/reference"));
        Assert.Equal(Since.AddDays(180),
            new ApiDeprecation(Since, Since.AddDays(ApiDeprecations.MinimumNoticeDays), "/api/reference").Sunset);
    }
}
