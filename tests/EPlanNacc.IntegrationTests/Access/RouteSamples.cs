using EPlanNacc.TestSupport;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace EPlanNacc.IntegrationTests.Access;

/// <summary>Every address the application serves, read from its route table (the endpoints of the API and the
/// Razor pages), each with a path that fills its route parameters: the suites that try every endpoint and every
/// form cover a new one without being told.</summary>
public static class RouteSamples
{
    /// <param name="Anonymous">Open to anyone (sign-in, password reset, reference data).</param>
    public sealed record ApiRoute(string Method, string Template, string Path, bool Anonymous);

    public sealed record PageRoute(string Template, string Path, PageActionDescriptor Page);

    /// <summary>Every API endpoint (<c>/api/...</c>), one row per HTTP method.</summary>
    public static IReadOnlyList<ApiRoute> ApiRoutes(AppFixture app) =>
        Endpoints(app).Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/",
                StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => new ApiRoute(m, e.RoutePattern.RawText!, PathOf(e.RoutePattern),
                    e.Metadata.GetMetadata<IAllowAnonymous>() is not null)))
            .DistinctBy(r => (r.Method, r.Template))
            .OrderBy(r => r.Template, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)
            .ToList();

    /// <summary>Every Razor page, once per address (a page with two addresses, such as the basic-data pages at
    /// /profile and /setup, appears twice).</summary>
    public static IReadOnlyList<PageRoute> PageRoutes(AppFixture app) =>
        app.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<PageActionDescriptor>()
            .Where(p => p.AttributeRouteInfo?.Template is not null)
            .Select(p => new PageRoute(p.AttributeRouteInfo!.Template!,
                PathOf(RoutePatternFactory.Parse(p.AttributeRouteInfo.Template!)), p))
            .DistinctBy(p => p.Template)
            .OrderBy(p => p.Template, StringComparer.Ordinal)
            .ToList();

    private static IEnumerable<RouteEndpoint> Endpoints(AppFixture app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

    /// <summary>A path of the route: each parameter a value of its kind (another LAO's code, a project id that does
    /// not exist, the current fiscal year), optional ones left out.</summary>
    public static string PathOf(RoutePattern pattern)
    {
        var segments = pattern.PathSegments
            .Select(s => string.Concat(s.Parts.Select(part => part switch
            {
                RoutePatternLiteralPart literal => literal.Content,
                RoutePatternSeparatorPart separator => separator.Content,
                RoutePatternParameterPart { IsOptional: true } => "",
                RoutePatternParameterPart parameter => Value(parameter.Name),
                _ => "",
            })))
            .Where(s => s.Length > 0);
        return "/" + string.Join('/', segments);
    }

    private static string Value(string parameter) => parameter switch
    {
        "id" => "0196d2a8-0000-7000-8000-000000000001",
        "fiscalYear" => "2570",
        "round" => "6",
        "dlaCode" or "username" => Samples.KhlongRi,
        "code" or "provinceCode" => "90",
        "assessor" => "self",
        _ => throw new InvalidOperationException(
            $"No sample value for the route parameter '{parameter}': add one to RouteSamples.Value"),
    };
}
