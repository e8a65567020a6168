using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using EPlanNacc.Host.Api.Evaluation;
using EPlanNacc.Host.Api.Identity;
using EPlanNacc.Host.Api.LocalAuthorityProfile;
using EPlanNacc.Host.Api.Projects;
using EPlanNacc.Host.Api.Reporting;
using EPlanNacc.Host.Infrastructure.OpenApi;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace EPlanNacc.Host.Infrastructure;

public sealed class SiteOptions : IValidatableObject
{
    public const string Section = "Site";
    /// <summary>The people users call for help (contact page, FAQ), as in the manual; settings, not code.</summary>
    public List<ContactPerson> Contacts { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        Contacts.Where(c => string.IsNullOrWhiteSpace(c.Topic) || string.IsNullOrWhiteSpace(c.Name)
            || string.IsNullOrWhiteSpace(c.Phone))
            .Select(c =>
                new ValidationResult($"Site:Contacts: every contact needs a topic, a name and a phone ('{c.Name}')."));
}

public sealed class ContactPerson
{
    public string Topic { get; set; } = "";
    public string Name { get; set; } = "";
    public string Phone { get; set; } = "";
    public string? Email { get; set; }
}

public static class WebSetup
{
    /// <summary>EPLAN_* variables the README documents, mapped onto settings.</summary>
    public static void AddEPlanEnvironmentVariables(this ConfigurationManager configuration)
    {
        var map = new Dictionary<string, string>
        {
            ["EPLAN_ADMIN_PASSWORD"] = "Bootstrap:AdminPassword",
            ["EPLAN_PROVINCIAL_PASSWORD"] = "Bootstrap:ProvincialPassword",
            ["EPLAN_PUBLIC_BASE_URL"] = "Identity:PublicBaseUrl",
            ["EPLAN_SMTP_HOST"] = "Email:SmtpHost",
            ["EPLAN_SMTP_PORT"] = "Email:SmtpPort",
            ["EPLAN_SMTP_USER"] = "Email:SmtpUsername",
            ["EPLAN_SMTP_PASSWORD"] = "Email:SmtpPassword",
            ["EPLAN_TRUSTED_PROXIES"] = "Network:TrustedProxies",
            ["EPLAN_ALLOWED_HOSTS"] = "AllowedHosts",
            ["EPLAN_INSTANCE"] = "Instance:Name",
            ["EPLAN_DATA_PROTECTION_CERTIFICATE"] = "DataProtection:CertificatePath",
            ["EPLAN_DATA_PROTECTION_CERTIFICATE_PASSWORD"] = "DataProtection:CertificatePassword",
            ["EPLAN_REPORT_FILES"] = "Reporting:BatchFolder",
        };
        var values = new Dictionary<string, string?>();
        foreach (var (variable, key) in map)
        {
            var value = Environment.GetEnvironmentVariable(variable);
            if (!string.IsNullOrEmpty(value)) values[key] = value;
        }
        if (values.Count > 0) configuration.AddInMemoryCollection(values);
    }

    public static IServiceCollection AddAppWeb(this IServiceCollection services, IConfiguration configuration,
        IHostEnvironment environment)
    {
        services.AddOptions<SiteOptions>().Bind(configuration.GetSection(SiteOptions.Section)).ValidateDataAnnotations()
            .ValidateOnStart();
        // Thai stays Thai in the HTML (the default encoder would write every Thai letter as &#x...;)
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(
                System.Text.Unicode.UnicodeRanges.All));
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            var status = ctx.ProblemDetails.Status ?? ctx.HttpContext.Response.StatusCode;
            if (string.IsNullOrEmpty(ctx.ProblemDetails.Title) || ctx.ProblemDetails.Title.All(c => c < 128))
                ctx.ProblemDetails.Title = ApiProblems.TitleFor(status);
            ctx.ProblemDetails.Extensions.Remove("traceId");
        });
        services.AddExceptionHandler<DatabaseOutageHandler>(); // first: it only notes the outage
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        // a body says exactly what it means (docs/adr/0028-bad-input.md): numbers as numbers, no member the request
        // does not have (a misspelt "budjet" is refused, not dropped), no member twice
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            o.SerializerOptions.AllowDuplicateProperties = false;
        });
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "E-PlanNACC API";
            doc.Info.Version = "v1";
            doc.Info.Description = "The JSON API of E-PlanNACC (docs/api.md): the same commands and " +
                                   "queries as the pages. Sign in with POST /api/v1/auth/token, then send " +
                                   "Authorization: Bearer <accessToken>.";
            doc.Components ??= new Microsoft.OpenApi.OpenApiComponents();
            doc.Components.SecuritySchemes ??= new Dictionary<string, Microsoft.OpenApi.IOpenApiSecurityScheme>();
            doc.Components.SecuritySchemes["Bearer"] = new Microsoft.OpenApi.OpenApiSecurityScheme
            {
                Type = Microsoft.OpenApi.SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The accessToken of POST /api/v1/auth/token",
            };
            return Task.CompletedTask;
        }));
        services.AddApiDescription(); // Infrastructure/OpenApi: security, answers, codes, examples, tags
        services.AddApiDeprecations();
        services.AddAppClientAddresses(configuration);
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "eplan.af";
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = Environments.CookiePolicy(environment);
            // every answer says DENY already (SecurityHeaders); the form pages' SAMEORIGIN would weaken it
            o.SuppressXFrameOptionsHeader = true;
        });
        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/");
            o.Conventions.AllowAnonymousToFolder("/Public");
            o.Conventions.AllowAnonymousToPage("/Index");
            o.Conventions.AllowAnonymousToPage("/Error");
            o.Conventions.AllowAnonymousToPage("/Forbidden");
            o.Conventions.AllowAnonymousToPage("/Identity/Login");
            o.Conventions.AllowAnonymousToPage("/Identity/ForgotPassword");
            o.Conventions.AllowAnonymousToPage("/Identity/ResetPassword");
            o.Conventions.AllowAnonymousToPage("/Identity/Logout");
            // the first set-up's address of the basic-data pages; links to the page itself keep /profile
            o.Conventions.AddPageRouteModelConvention("/LocalAuthorityProfile/Profile", page => page.Selectors.Add(
                new SelectorModel
                {
                    AttributeRouteModel = new AttributeRouteModel
                    {
                        Template = "/setup", Name = SetupGate.SetupRoute, Order = 1,
                    },
                }));
            o.Conventions.ConfigureFilter(new AddressRefusals());
        }).AddMvcOptions(o =>
        {
            ThaiModelBinding.Configure(o.ModelBindingMessageProvider);
            o.ModelBinderProviders.Insert(0, new CheckboxBinderProvider());
        });
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, PageRefusals>();
        return services;
    }

    public static WebApplication UseAppWeb(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseInstanceHeader();
        app.UseSecurityHeaders();
        if (app.Environment.IsProduction()) app.UseHttpsOnly();
        app.UseExceptionHandler(
            new ExceptionHandlerOptions { ExceptionHandlingPath = "/Error", AllowStatusCode404Response = true });
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages(async ctx =>
        {
            var http = ctx.HttpContext;
            if (!http.Response.HasStarted && http.Response.ContentLength is null or 0
                && string.IsNullOrEmpty(http.Response.ContentType))
                await ApiProblems.Write(http, http.Response.StatusCode);
        }));
        app.UseWhen(ctx => !ctx.Request.Path.StartsWithSegments("/api"), pages =>
            pages.UseStatusCodePagesWithReExecute("/Error", "?code={0}"));
        app.UseStaticFiles();
        app.UseRouting();
        app.UseApiDeprecation(); // before authentication: a refusal of a deprecated endpoint says so too
        app.UseAuthentication();
        app.UseSessionValidation();
        app.UseSetupGate(); // before the pages' roles: a session that may do one thing only is sent to it
        app.UseAuthorization();
        app.UseAppRateLimits();
        app.UseAppJobsDashboard();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") })
            .AllowAnonymous();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapApiReference();

        var api = app.MapGroup("/api/v1").RequireAuthorization().DisableAntiforgery();
        api.MapAuthEndpoints();
        api.MapStaffAccountEndpoints();
        api.MapProfileEndpoints();
        api.MapReferenceEndpoints();
        api.MapDimensionReferenceEndpoints();
        api.MapProjectEndpoints();
        api.MapRoundAdminEndpoints();
        api.MapEvaluationEndpoints();
        api.MapReportingEndpoints();
        api.MapReportBatchEndpoints();
        api.MapReminderEndpoints();
        api.MapCompletenessEndpoints();

        app.MapRazorPages();
        return app;
    }
}

/// <summary>Thai messages for the values a form field cannot take (a letter in a number field, and so on).</summary>
public static class ThaiModelBinding
{
    public static void Configure(Microsoft.AspNetCore.Mvc.ModelBinding.Metadata.DefaultModelBindingMessageProvider p)
    {
        p.SetAttemptedValueIsInvalidAccessor((value, field) => $"ค่า '{value}' ไม่ถูกต้อง");
        p.SetMissingBindRequiredValueAccessor(field => "กรุณากรอกข้อมูลช่องนี้");
        p.SetMissingKeyOrValueAccessor(() => "กรุณากรอกข้อมูลช่องนี้");
        p.SetMissingRequestBodyRequiredValueAccessor(() => "กรุณาส่งข้อมูล");
        p.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"ค่า '{value}' ไม่ถูกต้อง");
        p.SetNonPropertyUnknownValueIsInvalidAccessor(() => "ค่าที่กรอกไม่ถูกต้อง");
        p.SetUnknownValueIsInvalidAccessor(field => "ค่าที่กรอกไม่ถูกต้อง");
        p.SetValueIsInvalidAccessor(value => $"ค่า '{value}' ไม่ถูกต้อง");
        p.SetValueMustBeANumberAccessor(field => "กรุณากรอกเป็นตัวเลข");
        p.SetValueMustNotBeNullAccessor(value => "กรุณากรอกข้อมูลช่องนี้");
        p.SetNonPropertyValueMustBeANumberAccessor(() => "กรุณากรอกเป็นตัวเลข");
    }
}
