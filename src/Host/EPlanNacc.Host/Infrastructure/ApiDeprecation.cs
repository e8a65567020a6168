using System.Globalization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EPlanNacc.Host.Infrastructure;

/// <summary>An endpoint of v1 that is going away (docs/adr/0041-api-reference-and-guide.md, docs/integrations.md
/// "Versioning"): deprecated since <paramref name="Since"/>, answering until <paramref name="Sunset"/> at least, and
/// described at <paramref name="Link"/> (what to use instead). Every answer of the endpoint says so in its headers
/// (<see cref="ApiDeprecations.UseApiDeprecation"/>) and the description marks its operation
/// <c>deprecated: true</c> (<see cref="DeprecatedOperations"/>).</summary>
public sealed record ApiDeprecation
{
    public ApiDeprecation(DateTimeOffset since, DateTimeOffset sunset, string link)
    {
        if (sunset < since.AddDays(ApiDeprecations.MinimumNoticeDays))
        {
            throw new ArgumentOutOfRangeException(nameof(sunset),
                $"A v1 endpoint is removed no sooner than {ApiDeprecations.MinimumNoticeDays} days after it is " +
                "deprecated (docs/integrations.md).");
        }
        Since = since;
        Sunset = sunset;
        Link = link;
    }

    public DateTimeOffset Since { get; }
    public DateTimeOffset Sunset { get; }
    public string Link { get; }

    /// <summary>RFC 9745: the moment of the deprecation as a structured-field date, <c>@</c> and Unix seconds.
    /// </summary>
    public string DeprecationHeader => "@" + Since.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>RFC 8594: the moment the endpoint may stop answering, as an HTTP date.</summary>
    public string SunsetHeader => Sunset.UtcDateTime.ToString("r", CultureInfo.InvariantCulture);

    /// <summary>RFC 9745 section 3: where people read about the deprecation.</summary>
    public string LinkHeader => $"<{Link}>; rel=\"deprecation\"; type=\"text/html\"";
}

public static class ApiDeprecations
{
    /// <summary>The shortest notice between a deprecation and the removal (docs/integrations.md, "Versioning").
    /// </summary>
    public const int MinimumNoticeDays = 180;

    /// <summary>Marks an endpoint (or a group) deprecated: see <see cref="ApiDeprecation"/>.</summary>
    public static TBuilder Deprecated<TBuilder>(this TBuilder builder, DateTimeOffset since, DateTimeOffset sunset,
        string link) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ApiDeprecation(since, sunset, link));

    /// <summary>Registers <see cref="DeprecatedOperations"/> for the v1 description.</summary>
    public static IServiceCollection AddApiDeprecations(this IServiceCollection services) =>
        services.Configure<OpenApiOptions>("v1", o => o.AddOperationTransformer<DeprecatedOperations>());

    /// <summary>After routing, before authentication: every answer of a deprecated endpoint (a refusal too) carries
    /// <c>Deprecation</c>, <c>Sunset</c> and <c>Link</c>.</summary>
    public static IApplicationBuilder UseApiDeprecation(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<ApiDeprecation>() is { } deprecation)
        {
            var headers = http.Response.Headers;
            headers["Deprecation"] = deprecation.DeprecationHeader;
            headers["Sunset"] = deprecation.SunsetHeader;
            headers.Append("Link", deprecation.LinkHeader);
        }
        return next(http);
    });
}

/// <summary>The description's <c>deprecated: true</c> follows the endpoint's <see cref="ApiDeprecation"/>, so that
/// a generated client marks the method obsolete from the same fact that sets the headers.</summary>
public sealed class DeprecatedOperations : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context,
        CancellationToken cancellationToken)
    {
        var deprecation = context.Description.ActionDescriptor.EndpointMetadata.OfType<ApiDeprecation>()
            .LastOrDefault();
        if (deprecation is not null)
        {
            operation.Deprecated = true;
            operation.Description = (operation.Description is { Length: > 0 } d ? d + "\n\n" : "") +
                $"Deprecated since {deprecation.Since:yyyy-MM-dd}; answers until {deprecation.Sunset:yyyy-MM-dd} " +
                $"at least ({deprecation.Link}).";
        }
        return Task.CompletedTask;
    }
}
