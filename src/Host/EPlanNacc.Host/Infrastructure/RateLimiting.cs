using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;

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

/// <summary>Per-address limits on the sign-in and password-reset endpoints (ASP.NET Core rate limiting).
/// Reading a page (GET) is never limited; only the tries are. The client is its address, or its IPv6 /64 network, as
/// <see cref="ClientAddresses"/> tells it (X-Forwarded-For believed from the configured proxies only).</summary>
public static class RateLimiting
{
    public const string SignIn = "sign-in";
    public const string PasswordReset = "password-reset";
    public const string Message = "มีการพยายามเข้าใช้งานจากเครื่องนี้มากเกินไป กรุณารอสักครู่แล้วลองใหม่อีกครั้ง";

    public static IServiceCollection AddAppRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        var o = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(SignIn, ctx => Partition(ctx, SignIn, o.SignInPermits, o.SignInWindowSeconds));
            limiter.AddPolicy(PasswordReset, ctx =>
                Partition(ctx, PasswordReset, o.PasswordResetPermits, o.PasswordResetWindowSeconds));
            limiter.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                    http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString();
                if (http.Request.Path.StartsWithSegments("/api"))
                {
                    await ApiProblems.Write(http, StatusCodes.Status429TooManyRequests, Message);
                }
                else
                {
                    http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                    http.Response.ContentType = "text/html; charset=utf-8";
                    await http.Response.WriteAsync($"""
                        <!DOCTYPE html><html lang="th"><head><meta charset="utf-8">
                        <meta name="viewport" content="width=device-width, initial-scale=1">
                        <title>ลองใหม่อีกครั้งภายหลัง - E-PlanNACC</title>
                        <link rel="stylesheet" href="/lib/bootstrap/css/bootstrap.min.css">
                        <link rel="stylesheet" href="/css/site.css"></head>
                        <body class="p-4"><div class="container mw-640">
                        <div class="alert alert-warning" role="alert">
                        <h1 class="h4">ลองใหม่อีกครั้งภายหลัง</h1><p>{Message}</p>
                        <a class="btn btn-primary" href="{http.Request.Path}">กลับไปหน้าเดิม</a></div></div>
                        </body></html>
                        """, ct);
                }
            };
        });
        return services;
    }

    private static RateLimitPartition<string> Partition(HttpContext ctx, string name, int permits, int windowSeconds)
    {
        if (HttpMethods.IsGet(ctx.Request.Method) || HttpMethods.IsHead(ctx.Request.Method))
            return RateLimitPartition.GetNoLimiter(name + ":read");
        var address = ClientAddresses.PartitionOf(ctx);
        return RateLimitPartition.GetFixedWindowLimiter($"{name}:{address}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromSeconds(windowSeconds),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }
}
