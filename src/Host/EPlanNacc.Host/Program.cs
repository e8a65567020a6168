using EPlanNacc.BuildingBlocks;
using EPlanNacc.BuildingBlocks.Mediation;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Host.Infrastructure;
using EPlanNacc.Modules.Evaluation;
using EPlanNacc.Modules.Identity;
using EPlanNacc.Modules.LocalAuthorityProfile;
using EPlanNacc.Modules.Projects;
using EPlanNacc.Modules.Reporting;

// numbers and dates are parsed and written invariantly; Thai formatting (BE years, baht) happens only at display
System.Globalization.CultureInfo.DefaultThreadCurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
System.Globalization.CultureInfo.DefaultThreadCurrentUICulture = System.Globalization.CultureInfo.InvariantCulture;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddEPlanEnvironmentVariables();
// no Server header: it only tells an attacker what runs here (docs/adr/0023-security-headers.md)
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

builder.Services.AddBuildingBlocks(builder.Configuration);
builder.Services.AddIdentityModule(builder.Configuration);
builder.Services.AddLocalAuthorityProfileModule();
builder.Services.AddProjectsModule(builder.Configuration);
builder.Services.AddEvaluationModule(builder.Configuration);
builder.Services.AddReportingModule(builder.Configuration);

builder.Services.AddMediator(options =>
{
    options.ServiceLifetime = ServiceLifetime.Scoped;
    options.PipelineBehaviors =
    [
        typeof(LoggingBehavior<,>),
        typeof(AuthorizationBehavior<,>),
        typeof(UsageLimitBehavior<,>),
        typeof(ValidationBehavior<,>),
        typeof(ReportsReadBehavior<,>),
        typeof(TransactionBehavior<,>),
    ];
});

builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<HttpCurrentUser>();
builder.Services.AddScoped<ICurrentUser, CurrentUserProxy>();
builder.Services.AddAppAuthentication(builder.Environment);
builder.Services.AddAuthorization(o => o.AddAppPolicies());
builder.Services.AddAppRateLimiting(builder.Configuration);
builder.Services.AddAppInstances(builder.Configuration);
builder.Services.AddAppJobs(builder.Configuration);
builder.Services.AddAppWeb(builder.Configuration, builder.Environment);
builder.AddAppTelemetry();
builder.Services.AddHealthChecks()
    .AddNpgSql(sp => sp.GetRequiredService<Npgsql.NpgsqlDataSource>(), name: "database", tags: ["ready"]);

var app = builder.Build();

app.CheckConfiguration();
await app.MigrateAndInitializeAsync();

app.UseAppTelemetry();
app.UseAppWeb();
app.Run();

public partial class Program;
