using Microsoft.AspNetCore.Authorization;

namespace EPlanNacc.Host.Infrastructure;

/// <summary>Marks the endpoints and pages a first set-up session may use (the basic-data wizard, its reference
/// data, sign-out). Everything else answers 403 (API) or leads back to the wizard (pages).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class AllowDuringSetupAttribute : Attribute;

public static class SetupGate
{
    public const string Message = "กรุณาบันทึกข้อมูลพื้นฐานทั้ง 3 หน้าและกำหนดรหัสผ่านให้เรียบร้อยก่อนใช้งานเมนูอื่น";

    public static IApplicationBuilder UseSetupGate(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        if (ctx.User.Identity?.IsAuthenticated == true && ctx.User.IsSetupSession())
        {
            var endpoint = ctx.GetEndpoint();
            var allowed = endpoint is null
                          || endpoint.Metadata.GetMetadata<AllowDuringSetupAttribute>() is not null
                          || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            if (!allowed)
            {
                if (ctx.Request.Path.StartsWithSegments("/api"))
                {
                    await ApiProblems.Write(ctx, StatusCodes.Status403Forbidden, Message);
                }
                else
                {
                    ctx.Response.Redirect("/setup");
                }
                return;
            }
        }
        await next();
    });
}
