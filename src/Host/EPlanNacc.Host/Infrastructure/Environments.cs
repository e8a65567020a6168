using EPlanNacc.BuildingBlocks.Email;
using EPlanNacc.Modules.Identity;
using Microsoft.Extensions.Options;

namespace EPlanNacc.Host.Infrastructure;

/// <summary>
/// The two configurations, clearly apart (docs/adr/0007-activation-codes-and-two-configurations.md): Production, the
/// defaults of appsettings.json (activation codes, HTTPS, a real SMTP server, the first admin only from
/// EPLAN_ADMIN_PASSWORD and made to change it), and the demo that scripts/run starts (environment <c>Demo</c>,
/// appsettings.Demo.json: plain http on localhost, demo staff passwords, emails as .eml files, the first sign-in with
/// the code alone as in the manual), which says so in its log. Production refuses to start with a setting it cannot
/// run safely with, and names each.
/// </summary>
public static class Environments
{
    public const string Demo = "Demo";

    public static bool IsDemo(this IHostEnvironment environment) => environment.IsEnvironment(Demo);

    /// <summary>Cookies only over HTTPS in Production; elsewhere (the
    /// demo on plain http, tests) as the request came.</summary>
    public static CookieSecurePolicy CookiePolicy(IHostEnvironment environment) =>
        environment.IsProduction() ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;

    /// <summary>Production serves over HTTPS only (behind the TLS proxy, X-Forwarded-Proto; or on Kestrel's own
    /// certificate): a plain-http request is sent to the same path on the public https address (307, the method kept),
    /// never served; HSTS tells browsers to come back over HTTPS. The health checks stay reachable over http for the
    /// probes of the machine or the load balancer.</summary>
    public static WebApplication UseHttpsOnly(this WebApplication app)
    {
        var publicBase = new Uri(app.Services.GetRequiredService<IOptions<IdentityOptions>>().Value.PublicBaseUrl);
        app.Use(async (ctx, next) =>
        {
            if (ctx.Request.IsHttps || ctx.Request.Path.StartsWithSegments("/health"))
            {
                await next();
                return;
            }
            var target = new UriBuilder(publicBase)
            {
                Path = ctx.Request.PathBase + ctx.Request.Path, Query = ctx.Request.QueryString.Value,
            };
            ctx.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            ctx.Response.Headers.Location = target.Uri.AbsoluteUri;
        });
        app.UseHsts();
        return app;
    }

    /// <summary>What Production cannot run with (empty when all is well).</summary>
    public static IReadOnlyList<string> ProductionProblems(IdentityOptions identity, EmailOptions email,
        BootstrapOptions bootstrap, string? allowedHosts)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(allowedHosts) || allowedHosts.Split(';').Any(h => h.Trim() == "*"))
            problems.Add("AllowedHosts (EPLAN_ALLOWED_HOSTS) must list the host names users reach the system at " +
                         "(the host of Identity:PublicBaseUrl; several separated by ';'): '*' answers any Host.");
        if (!Uri.TryCreate(identity.PublicBaseUrl, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps)
            problems.Add("Identity:PublicBaseUrl (EPLAN_PUBLIC_BASE_URL) must be the https:// address users " +
                         "reach the system at.");
        if (string.IsNullOrWhiteSpace(email.SmtpHost))
            problems.Add("Email:SmtpHost (EPLAN_SMTP_HOST) must name the SMTP server: Production sends real " +
                         "email, never .eml files with live reset links in a folder.");
        if (bootstrap.CreateDemoProvincialOffice)
            problems.Add("Bootstrap:CreateDemoProvincialOffice is for the demo only: Production creates no account " +
                         "with a demo password.");
        return problems;
    }

    /// <summary>At start-up: Production stops with the list of what to fix; the demo warns what it relaxes.</summary>
    public static void CheckConfiguration(this WebApplication app)
    {
        var identity = app.Services.GetRequiredService<IOptions<IdentityOptions>>().Value;
        var email = app.Services.GetRequiredService<IOptions<EmailOptions>>().Value;
        var bootstrap = app.Services.GetRequiredService<IOptions<BootstrapOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("EPlanNacc.Startup");
        if (app.Environment.IsProduction())
        {
            var problems = ProductionProblems(identity, email, bootstrap, app.Configuration["AllowedHosts"]);
            if (problems.Count > 0)
                throw new InvalidOperationException("E-PlanNACC cannot start in Production: " +
                                                    string.Join(" ", problems) +
                                                    " (scripts/run starts the demo configuration instead.)");
            if (!identity.RequireActivationCode)
                logger.LogWarning("Identity:RequireActivationCode is off: an LAO account never set up can be taken " +
                                  "by anyone who knows its 7-digit code");
        }
        else if (app.Environment.IsDemo())
        {
            logger.LogWarning(
                "DEMO configuration (ASPNETCORE_ENVIRONMENT=Demo), not for real data: first sign-in with " +
                "the 7-digit code alone (activation code {Activation}), demo staff accounts '{Admin}' and " +
                "'{Provincial}' with the passwords of the README, emails {Email}, plain http on {Url}",
                identity.RequireActivationCode ? "required" : "not required", bootstrap.AdminUsername,
                bootstrap.ProvincialUsername,
                string.IsNullOrWhiteSpace(email.SmtpHost) ? "written as .eml files " +
                    $"into {Path.GetFullPath(email.PickupDirectory)}" : $"sent through {email.SmtpHost}",
                identity.PublicBaseUrl);
        }
    }
}
