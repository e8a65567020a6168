using System.Reflection;
using EPlanNacc.Host.Infrastructure;
using EPlanNacc.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EPlanNacc.IntegrationTests.Access;

/// <summary>A route the application answers: its key (method, route and, for a page, handler) and, for a page, the
/// addresses of the versions of the page meant for other roles, where it sends a caller its policy refuses
/// (<see cref="RedirectRefusedAttribute"/>, <see cref="StaffChooseLaoOnAttribute"/>).</summary>
public sealed record RouteEntry(string Key, bool IsPage, IReadOnlySet<string> RoleRedirects);

/// <summary>Everything the running application answers, read from its own route table: every endpoint of the
/// endpoint data sources that is not a page (the API, the health checks, the OpenAPI document), as its HTTP method and
/// route pattern ("GET /api/v1/projects/{id:guid}"), and every handler of every Razor page from the page action
/// descriptors, as its HTTP method, route template and handler name ("POST /projects/{id:guid}?handler=Delete"; a page
/// without handler methods answers GET).</summary>
public static class RouteTable
{
    public static async Task<IReadOnlyList<RouteEntry>> ReadAsync(AppFixture app)
    {
        var routes = new List<RouteEntry>();
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        foreach (var endpoint in endpoints)
        {
            if (endpoint.Metadata.GetMetadata<ActionDescriptor>() is not null) continue; // a page: read below
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [HttpMethods.Get];
            routes.AddRange(methods.Select(m =>
                new RouteEntry($"{m} {Path(endpoint.RoutePattern.RawText)}", false, new HashSet<string>())));
        }

        var loader = app.Services.GetRequiredService<PageLoader>();
        var links = app.Services.GetRequiredService<LinkGenerator>();
        var pages = app.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<PageActionDescriptor>();
        foreach (var page in pages)
        {
            var route = Path(page.AttributeRouteInfo?.Template);
            var compiled = await loader.LoadAsync(page, EndpointMetadataCollection.Empty);
            var model = compiled.ModelTypeInfo ?? compiled.PageTypeInfo;
            var elsewhere = model.GetCustomAttributes<RedirectRefusedAttribute>().Select(r => r.Page)
                .Concat(model.GetCustomAttributes<StaffChooseLaoOnAttribute>().Select(s => s.Page))
                .Select(p => links.GetPathByPage(p) ?? throw new InvalidOperationException($"No page {p}"))
                .ToHashSet();
            if (compiled.HandlerMethods.Count == 0) routes.Add(new RouteEntry($"GET {route}", true, elsewhere));
            routes.AddRange(compiled.HandlerMethods.Select(h => new RouteEntry(
                $"{h.HttpMethod.ToUpperInvariant()} {route}{(h.Name is null ? "" : "?handler=" + h.Name)}", true,
                elsewhere)));
        }
        return routes.DistinctBy(r => r.Key).OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
    }

    /// <summary>A route as a path from the root, without a trailing slash ("/api/v1/projects/" → "/api/v1/projects",
    /// the page template "projects/list" → "/projects/list", the home page "" → "/").</summary>
    private static string Path(string? template) => "/" + (template ?? "").Trim('/');
}
