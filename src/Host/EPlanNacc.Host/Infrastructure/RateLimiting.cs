using System.ComponentModel.DataAnnotations;
using EPlanNacc.Modules.Identity.Features.Instances;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace EPlanNacc.Host.Infrastructure;

public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";
    /// <summary>Sign-in tries (page and API) per client address per window.</summary>
    [Range(1, 100000)] public int SignInPermits { get; set; } = 20;
    [Range(1, 86400)] public int SignInWindowSeconds { get; set; } = 60;
    /// <summary>Forgot-password and reset-password requests per client address per window.</summary>
    [Range(1, 100000)] public int PasswordResetPermits { get; set; } = 5;
    [Range(1, 86400)] public int PasswordResetWindowSeconds { get; set; } = 600;
}

/// <summary>Per-address limits on the sign-in and password-reset endpoints, counted in the database
/// (<see cref="RequestCounter"/>: a fixed window per limit and client, one upsert per request), so that they hold
/// across every instance of the application (docs/adr/0033-several-instances.md); a limiter in memory would allow N
/// instances N times the tries. An endpoint names its limit as the framework's rate limiting would
/// (<c>[EnableRateLimiting]</c>, <c>RequireRateLimiting</c>): only the metadata is used. Reading a page (GET) is never
/// limited; only the tries are. The client is its address, or its IPv6 /64 network, as <see cref="ClientAddresses"/>
/// tells it (X-Forwarded-For believed from the configured proxies only).</summary>
public static class RateLimiting
{
    public const string SignIn = "sign-in";
    public const string PasswordReset = "password-reset";
    public const string Message = "มีการพยายามเข้าใช้งานจากเครื่องนี้มากเกินไป กรุณารอสักครู่แล้วลองใหม่อีกครั้ง";

    public static IServiceCollection AddAppRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        return services;
    }

    /// <summary>After authorization: counts a try at an endpoint that names a limit, and refuses it with 429 (and
    /// Retry-After, the rest of the window) once the client has used the window's permits.</summary>
    public static IApplicationBuilder UseAppRateLimits(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var policy = http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
        if (policy is not null && !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
        {
            var o = http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
            var (permits, windowSeconds) = policy switch
            {
                SignIn => (o.SignInPermits, o.SignInWindowSeconds),
                PasswordReset => (o.PasswordResetPermits, o.PasswordResetWindowSeconds),
                _ => throw new InvalidOperationException($"No rate limit is named '{policy}'."),
            };
            var count = await http.RequestServices.GetRequiredService<RequestCounter>()
                .CountAsync(policy, ClientAddresses.PartitionOf(http), windowSeconds, http.RequestAborted);
            if (count.Hits > permits)
            {
                await RefuseAsync(http, count.RetryAfter);
                return;
            }
        }
        await next();
    });

    private static async Task RefuseAsync(HttpContext http, TimeSpan retryAfter)
    {
        http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString();
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            await ApiProblems.Write(http, StatusCodes.Status429TooManyRequests, Message);
        }
        else
        {
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            http.Response.ContentType = "text/html; charset=utf-8";
            // the path, percent-encoded already, encoded for the attribute all the same
            var back = System.Net.WebUtility.HtmlEncode(http.Request.Path.ToUriComponent());
            await http.Response.WriteAsync($"""
                <!DOCTYPE html><html lang="th"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>ลองใหม่อีกครั้งภายหลัง - E-PlanNACC</title>
                <link rel="stylesheet" href="/lib/bootstrap/css/bootstrap.min.css">
                <link rel="stylesheet" href="/css/site.css"></head>
                <body class="p-4"><div class="container mw-640">
                <div class="alert alert-warning" role="alert">
                <h1 class="h4">ลองใหม่อีกครั้งภายหลัง</h1><p>{Message}</p>
                <a class="btn btn-primary" href="{back}">กลับไปหน้าเดิม</a></div></div>
                </body></html>
                """, http.RequestAborted);
        }
    }
}
