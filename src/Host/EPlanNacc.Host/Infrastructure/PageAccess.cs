using System.Security.Claims;
using EPlanNacc.BuildingBlocks.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Mvc.Filters;

namespace EPlanNacc.Host.Infrastructure;

/// <summary>Who a page is for, by the role claim of the session (<see cref="AppClaims.Role"/>, codes of
/// <see cref="UserRoles"/>). A page says it once, with <c>[Authorize(Policy = Policies.Lao)]</c> on its model; an
/// anonymous visitor gets the login page, a signed-in user of another role the /forbidden page (or, with
/// <see cref="RedirectRefusedAttribute"/>, the page meant for them). These express who a page is for; the real guard
/// stays the authorization step of the pipeline (docs/adr/0004-one-home-for-the-callers-scope.md), which checks every
/// message the page sends.</summary>
public static class Policies
{
    /// <summary>An LAO account.</summary>
    public const string Lao = nameof(Lao);

    /// <summary>NACC staff: a provincial office or central.</summary>
    public const string Staff = nameof(Staff);

    /// <summary>NACC central staff (the admins).</summary>
    public const string Admin = nameof(Admin);

    public static void AddAppPolicies(this AuthorizationOptions o)
    {
        o.AddPolicy(Lao, p => p.RequireAuthenticatedUser().RequireClaim(AppClaims.Role, UserRoles.Lao));
        o.AddPolicy(Staff, p => p.RequireAuthenticatedUser()
            .RequireClaim(AppClaims.Role, UserRoles.Provincial, UserRoles.Admin));
        o.AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireClaim(AppClaims.Role, UserRoles.Admin));
    }

    /// <summary>Whether <paramref name="policy"/> admits the user of the request.</summary>
    public static async Task<bool> AdmitsAsync(this HttpContext context, string policy) =>
        (await context.RequestServices.GetRequiredService<IAuthorizationService>().AuthorizeAsync(context.User, policy))
        .Succeeded;

    /// <summary>Whether <paramref name="policy"/> admits <paramref name="user"/>.</summary>
    public static async Task<bool> AdmitsAsync(this IAuthorizationService authorization, ClaimsPrincipal user,
        string policy) => (await authorization.AuthorizeAsync(user, policy)).Succeeded;
}

/// <summary>A signed-in user that the page's policy refuses, but <see cref="Policy"/> admits, is sent to
/// <see cref="Page"/> (the version of the page meant for them, keeping the fiscal year asked) instead of the
/// /forbidden page: an NACC officer following an LAO's link lands on the staff's page of the same matter.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class RedirectRefusedAttribute(string policy, string page) : Attribute
{
    public string Policy { get; } = policy;
    public string Page { get; } = page;
}

/// <summary>A page about one LAO that NACC staff open for an LAO of their scope (<c>?dlaCode=</c>): staff who name
/// none are sent to <see cref="Page"/>, where they choose one (the fiscal year asked is kept). An LAO's page is its
/// own. Only for reading the page (GET): a form always names its LAO.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class StaffChooseLaoOnAttribute(string page) : Attribute, IAsyncPageFilter
{
    public string Page { get; } = page;

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context,
        PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (HttpMethods.IsGet(http.Request.Method) && string.IsNullOrWhiteSpace(http.Request.Query["dlaCode"])
                                                   && await http.AdmitsAsync(Policies.Staff))
        {
            context.Result = new Microsoft.AspNetCore.Mvc.RedirectToPageResult(Page, PageRefusals.KeptValues(http));
            return;
        }
        await next();
    }
}

/// <summary>Answers a page's refusal: <see cref="RedirectRefusedAttribute"/> when one applies, else the default (the
/// login page for an anonymous visitor, the /forbidden page for a signed-in user, 401/403 on the API).</summary>
public sealed class PageRefusals : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy,
        PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && context.GetEndpoint() is { } endpoint)
        {
            foreach (var elsewhere in endpoint.Metadata.GetOrderedMetadata<RedirectRefusedAttribute>())
            {
                if (!await context.AdmitsAsync(elsewhere.Policy)) continue;
                var links = context.RequestServices.GetRequiredService<LinkGenerator>();
                context.Response.Redirect(links.GetPathByPage(elsewhere.Page, values: KeptValues(context))
                                          ?? throw new InvalidOperationException($"No page {elsewhere.Page}"));
                return;
            }
        }
        await _default.HandleAsync(next, context, policy, authorizeResult);
    }

    /// <summary>What a redirect to another version of a page keeps of the request: the fiscal year asked.</summary>
    public static object KeptValues(HttpContext context) =>
        new { fiscalYear = context.Request.Query["fiscalYear"].FirstOrDefault() is { Length: > 0 } y ? y : null };
}
