using EPlanNacc.BuildingBlocks.Security;
using Microsoft.AspNetCore.Authorization;

namespace EPlanNacc.Host.Infrastructure;

/// <summary>Marks the endpoints and pages a first set-up session may use (the basic-data wizard, its reference
/// data, sign-out). Everything else answers 403 (API) or leads back to the wizard (pages).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class AllowDuringSetupAttribute : Attribute;

/// <summary>Marks the endpoints and pages a session that must change its password may use (the change of password,
/// sign-out). Everything else answers 403 (API) or leads to the change of password (pages).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class AllowDuringPasswordChangeAttribute : Attribute;

/// <summary>The two sessions that may do one thing only: an LAO's first set-up (the wizard) and an account whose
/// password someone else set (the first admin: change it). The authorization step of the pipeline refuses the same
/// sessions for any other message; this gate gives pages a redirect instead of an error.</summary>
public static class SetupGate
{
    public const string Message = AccessMessages.FinishSetupFirst;

    /// <summary>The name of the first set-up's address (/setup) of the basic-data pages (WebSetup.AddAppWeb).</summary>
    public const string SetupRoute = "setup";

    public static IApplicationBuilder UseSetupGate(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        if (ctx.User.Identity?.IsAuthenticated == true)
        {
            var endpoint = ctx.GetEndpoint();
            var open = endpoint is null || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            if (!open && ctx.User.IsSetupSession()
                && endpoint!.Metadata.GetMetadata<AllowDuringSetupAttribute>() is null)
            {
                await RefuseAsync(ctx, AccessMessages.FinishSetupFirst,
                    Links(ctx).GetPathByRouteValues(SetupRoute, values: null));
                return;
            }
            if (!open && ctx.User.MustChangePassword()
                && endpoint!.Metadata.GetMetadata<AllowDuringPasswordChangeAttribute>() is null)
            {
                await RefuseAsync(ctx, AccessMessages.ChangePasswordFirst,
                    Links(ctx).GetPathByPage("/Identity/ChangePassword"));
                return;
            }
        }
        await next();
    });

    private static LinkGenerator Links(HttpContext ctx) => ctx.RequestServices.GetRequiredService<LinkGenerator>();

    private static Task RefuseAsync(HttpContext ctx, string message, string? page)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
            return ApiProblems.Write(ctx, StatusCodes.Status403Forbidden, message);
        ctx.Response.Redirect(page ?? throw new InvalidOperationException("No address for a restricted session."));
        return Task.CompletedTask;
    }
}
