using System.Security.Cryptography;

namespace EPlanNacc.Host.Infrastructure;

/// <summary>
/// The headers every answer carries (docs/adr/0023-security-headers.md): a Content-Security-Policy that admits no
/// inline script and no inline style but those of the page carrying this request's nonce, nosniff, a referrer policy,
/// no framing by another site. An answer that sets its own policy first keeps it (the email preview, framed by the
/// reminders page). Kestrel sends no Server header (Program.cs).
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "EPlanNacc.CspNonce";

    /// <summary>This request's nonce, for the few <c>&lt;style&gt;</c> elements a page must inline (the report pages'
    /// print styles).</summary>
    public static string CspNonce(this HttpContext context) =>
        context.Items[NonceKey] as string ?? throw new InvalidOperationException("UseSecurityHeaders is not in use");

    /// <summary>The policy of the application's pages and answers.</summary>
    public static string Policy(string nonce) =>
        "default-src 'self'; script-src 'self'; " +
        $"style-src 'self' 'nonce-{nonce}'; " +
        // Bootstrap draws its select arrows and check marks as data: SVG images from its stylesheet
        "img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-src 'self'; object-src 'none'; " +
        "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The API reference page (<see cref="ApiReference"/>): the site's policy, with Scalar's start-up script
    /// admitted by this request's nonce (the only inline script it has), its two stylesheets that carry no nonce
    /// admitted by their hashes (<see cref="ApiReference.StyleHashes"/>), and the <c>style</c> attributes its Vue
    /// components set (an attribute cannot carry a nonce; it runs nothing). docs/adr/0041-api-reference-and-guide.md.
    /// </summary>
    public static string ReferencePolicy(string nonce) =>
        Policy(nonce).Replace("script-src 'self'; style-src 'self' 'nonce-" + nonce + "';",
            $"script-src 'self' 'nonce-{nonce}'; " +
            $"style-src 'self' 'nonce-{nonce}' {string.Join(' ', ApiReference.StyleHashes)}; " +
            "style-src-attr 'unsafe-inline';", StringComparison.Ordinal);

    /// <summary>Hangfire's dashboard (admins only) is built with inline scripts and styles it does not let us
    /// change: it gets them, and nothing else from elsewhere.</summary>
    public const string DashboardPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>For a document framed by one of our pages (the email preview): its own inline styles, nothing to
    /// run or load, framed by this site only.</summary>
    public const string FramedDocumentPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; " +
        "frame-ancestors 'self'";

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use(async (ctx, next) =>
        {
            // hexadecimal: nothing for HTML encoding to change in the attribute (base64's + and = would be)
            var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            ctx.Items[NonceKey] = nonce;
            ctx.Response.OnStarting(() =>
            {
                var headers = ctx.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                if (!headers.ContainsKey("Content-Security-Policy"))
                {
                    headers.ContentSecurityPolicy = ctx.Request.Path.StartsWithSegments("/hangfire")
                        ? DashboardPolicy
                        : ApiReference.Serves(ctx.Request.Path) ? ReferencePolicy(nonce) : Policy(nonce);
                }
                if (!headers.ContainsKey("X-Frame-Options")) headers.XFrameOptions = "DENY";
                return Task.CompletedTask;
            });
            await next();
        });
        return app;
    }

    /// <summary>Marks an answer as a document our own pages frame (see <see cref="FramedDocumentPolicy"/>).</summary>
    public static void AllowFramingBySelf(this HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = FramedDocumentPolicy;
        response.Headers.XFrameOptions = "SAMEORIGIN";
    }
}
