using System.Security.Claims;
using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.Modules.Identity;
using EPlanNacc.Modules.Identity.Contracts;
using EPlanNacc.Modules.Identity.Features.Sessions;
using EPlanNacc.Modules.Identity.Features.SignIn;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace EPlanNacc.Host.Infrastructure;

public static class AuthSchemes
{
    public const string Cookie = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string Bearer = BearerTokenDefaults.AuthenticationScheme;
    public const string Smart = "CookieOrBearer";
}

public static class AuthenticationSetup
{
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(1);

    /// <summary>Pages use a cookie (HttpOnly, SameSite=Lax, Secure under HTTPS); <c>/api</c> uses bearer tokens only
    /// (and <c>/metrics</c> asked with one: <see cref="Telemetry.UsesBearer"/>),
    /// so no cookie can act on the API from another site.</summary>
    public static IServiceCollection AddAppAuthentication(this IServiceCollection services,
        IHostEnvironment environment)
    {
        services.AddAuthentication(AuthSchemes.Smart)
            .AddPolicyScheme(AuthSchemes.Smart, "Cookie for pages, bearer for the API", o =>
                o.ForwardDefaultSelector = ctx =>
                    Telemetry.UsesBearer(ctx.Request) ? AuthSchemes.Bearer : AuthSchemes.Cookie)
            .AddCookie(AuthSchemes.Cookie, o =>
            {
                o.Cookie.Name = "eplan.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = Environments.CookiePolicy(environment);
                o.LoginPath = "/login";
                o.LogoutPath = "/logout";
                o.AccessDeniedPath = "/forbidden";
                o.ReturnUrlParameter = "returnUrl";
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
            })
            .AddBearerToken(AuthSchemes.Bearer, o => o.BearerTokenExpiration = TokenLifetime);
        services.AddMemoryCache();
        services.AddSingleton<TokenIssuer>();
        return services;
    }

    /// <summary>After authentication: a session is accepted only while it is good on the server: not ended
    /// (sign-out, a revoked token, a new sign-in in the same browser), its account unchanged (password changed or
    /// reset, account reset or locked by staff), and at most Identity:SessionHours old however busy (docs/adr/0020-
    /// sign-in-and-session-attacks.md). The age is checked on every request; the rest against the database at most
    /// every 30 seconds per session, and at once after a change made in any instance. The error page after a
    /// database outage cannot check it: it is rendered as to a visitor (not signed out).</summary>
    public static IApplicationBuilder UseSessionValidation(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        var principal = ctx.User;
        if (principal.Identity?.IsAuthenticated == true)
        {
            bool valid;
            try
            {
                valid = Guid.TryParse(principal.Get(AppClaims.UserId), out var userId)
                        && Guid.TryParse(principal.Get(AppClaims.SecurityStamp), out var stamp)
                        && principal.SessionOf() is { } session && IsYoungEnough(ctx, principal)
                        && await IsValidAsync(ctx, userId, stamp, principal.IsSetupSession(), session);
            }
            catch (Exception ex) when (DatabaseOutage.Is(ex)
                                       && ctx.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()
                                           is not null)
            {
                // the error page of a request that met a database outage: shown as to a visitor, the session kept
                ctx.User = new ClaimsPrincipal(new ClaimsIdentity());
                await next();
                return;
            }
            if (!valid)
            {
                ctx.User = new ClaimsPrincipal(new ClaimsIdentity());
                if (!ctx.Request.Path.StartsWithSegments("/api")) await ctx.SignOutAsync(AuthSchemes.Cookie);
            }
        }
        await next();
    });

    /// <summary>Whether the session signed in less than Identity:SessionHours ago.</summary>
    private static bool IsYoungEnough(HttpContext ctx, ClaimsPrincipal principal)
    {
        var hours = ctx.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.SessionHours;
        return principal.SignedInAtOf() is { } signedInAt
               && ctx.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow() - signedInAt
               < TimeSpan.FromHours(hours);
    }

    private static async Task<bool> IsValidAsync(HttpContext ctx, Guid userId, Guid stamp, bool setup, Guid session)
    {
        var cache = ctx.RequestServices.GetRequiredService<IMemoryCache>();
        var key = SessionCacheKey(userId);
        if (cache.TryGetValue(key, out (Guid Stamp, bool Setup) known) && known == (stamp, setup)
            && cache.TryGetValue(SessionIdCacheKey(session), out _)) return true;
        var valid = await ctx.RequestServices.GetRequiredService<ISender>()
            .Send(new ValidateSessionQuery(userId, stamp, setup, session), ctx.RequestAborted);
        if (valid)
        {
            cache.Set(key, (stamp, setup), SessionCacheLifetime);
            cache.Set(SessionIdCacheKey(session), true, SessionCacheLifetime);
        }
        return valid;
    }

    /// <summary>How long a checked session is trusted without asking the database again. A change of password or
    /// a staff reset in this process forgets it at once (<see cref="ForgetSessionsHandler"/>).</summary>
    public static readonly TimeSpan SessionCacheLifetime = TimeSpan.FromSeconds(30);

    public static object SessionCacheKey(Guid userId) => ("session", userId);

    /// <summary>The cache entry of one session, forgotten when it ends (<see cref="ForgetSessionsHandler"/>).</summary>
    public static object SessionIdCacheKey(Guid sessionId) => ("session-id", sessionId);
}

/// <summary>Forgets the cached sessions of an account whose security stamp changed, or one session that ended, once the
/// change commits, in this instance and in every other (<see cref="SessionChangeListener"/>): forgotten before, a
/// request in between could cache the old state again (still valid until the commit) for 30 seconds; and a change that
/// rolls back ends no session.</summary>
public sealed class ForgetSessionsHandler(IMemoryCache cache, DbSession db)
    : INotificationHandler<AccountSessionsEndedNotification>, INotificationHandler<SessionEndedNotification>
{
    public async ValueTask Handle(AccountSessionsEndedNotification notification, CancellationToken ct) =>
        await ForgetAsync(AuthenticationSetup.SessionCacheKey(notification.UserId),
            SessionChangeListener.AccountPayload(notification.UserId), ct);

    public async ValueTask Handle(SessionEndedNotification notification, CancellationToken ct) =>
        await ForgetAsync(AuthenticationSetup.SessionIdCacheKey(notification.SessionId),
            SessionChangeListener.SessionPayload(notification.SessionId), ct);

    /// <summary>Here after the commit, and on every other instance at the commit: PostgreSQL delivers a NOTIFY sent
    /// in a transaction when it commits, and never when it rolls back (<see cref="SessionChangeListener"/>).</summary>
    private async Task ForgetAsync(object key, string payload, CancellationToken ct)
    {
        await db.ExecuteAsync("SELECT pg_notify(@channel, @payload)",
            new { channel = SessionChangeListener.Channel, payload }, ct);
        await db.AfterCommit(() =>
        {
            cache.Remove(key);
            return Task.CompletedTask;
        });
    }
}

/// <summary>Issues the API's bearer tokens with the framework's bearer-token protector, so that
/// <c>AddBearerToken</c> validates them, in the answer shape of docs/api.md.</summary>
public sealed class TokenIssuer(IOptionsMonitor<BearerTokenOptions> options, TimeProvider clock)
{
    public string Issue(SignedInAccount account, out TimeSpan lifetime)
    {
        var o = options.Get(AuthSchemes.Bearer);
        lifetime = o.BearerTokenExpiration;
        var now = clock.GetUtcNow();
        var properties = new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + lifetime };
        var ticket = new AuthenticationTicket(AppClaims.Principal(account, AuthSchemes.Bearer), properties,
            AuthSchemes.Bearer);
        return o.BearerTokenProtector.Protect(ticket);
    }
}
