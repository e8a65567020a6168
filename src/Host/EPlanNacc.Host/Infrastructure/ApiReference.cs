using Scalar.AspNetCore;

namespace EPlanNacc.Host.Infrastructure;

/// <summary>The API reference page for people (docs/adr/0041-api-reference-and-guide.md): Scalar's page over
/// <c>/openapi/v1.json</c>, served by the application with Scalar's own files from its package (nothing from a CDN,
/// no fonts from elsewhere, no telemetry, no AI agent), open to anyone like the description it shows. Its one inline
/// module script (Scalar's start-up) carries this request's nonce, and so do the stylesheets Scalar's bundle adds
/// (it reads the nonce from <c>&lt;meta property="csp-nonce"&gt;</c>); <see cref="SecurityHeaders"/> gives the page
/// the site's policy with that nonce admitted for scripts too.</summary>
public static class ApiReference
{
    /// <summary>The page's address (the staff menu links it, <see cref="AppMenu"/>).</summary>
    public const string Path = "/api/reference";

    /// <summary>The stylesheets Scalar 2.19.0 inserts without the nonce, by their content's SHA-256: the toasts'
    /// (vue-sonner's, scalar.js) and the one its Vue components render. Another version of Scalar changes them: the
    /// browser test (ApiReferenceTests) then fails with the refusal, which names the new hash.</summary>
    public static readonly IReadOnlyList<string> StyleHashes =
    [
        "'sha256-l/2OpPg0d+2VLTLgwjf5mQo2CYwHDEqdj5TjbfEyVJI='",
        "'sha256-T13Uev3xCax2N28XaoAE8DOzQZKvPp7ZQVAi1iRREjo='",
    ];

    /// <summary>The page itself (<see cref="Path"/>/v1) and the two scripts of Scalar's package
    /// (<see cref="Path"/>/scalar.js, scalar.aspnetcore.js).</summary>
    public static bool Serves(PathString path) => path.StartsWithSegments(Path);

    public static IEndpointConventionBuilder MapApiReference(this IEndpointRouteBuilder app) =>
        app.MapScalarApiReference(Path, (options, http) =>
        {
            var nonce = http.CspNonce();
            options.WithTitle("E-PlanNACC API v1 (คู่มือ API สำหรับระบบเชื่อมต่อ)")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .WithNonce(nonce)
                .AddHeadContent($"""<meta property="csp-nonce" content="{nonce}" />""")
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp()
                .HideDeveloperTools() // its Share, Generate SDK and Deploy buttons lead to Scalar's services
                .AddPreferredSecuritySchemes("Bearer")
                .WithDefaultHttpClient(ScalarTarget.Shell, ScalarClient.Curl)
                .WithDocumentDownloadType(DocumentDownloadType.Json);
        }).AllowAnonymous();
}
