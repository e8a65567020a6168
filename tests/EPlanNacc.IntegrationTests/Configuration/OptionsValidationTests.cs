using System.Collections;
using System.Reflection;
using EPlanNacc.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EPlanNacc.IntegrationTests.Configuration;

/// <summary>Every options class (a class with a <c>Section</c> constant) is validated when the application starts:
/// a wrong setting stops the start with its name instead of failing on the first request that reads it.</summary>
public sealed class OptionsValidationTests(AppFixture app) : IntegrationTest(app)
{
    private static IReadOnlyList<Type> OptionsClasses() =>
        AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => a.GetName().Name?.StartsWith("EPlanNacc.", StringComparison.Ordinal) == true
                        && !a.GetName().Name!.Contains("Tests", StringComparison.Ordinal)
                        && !a.GetName().Name!.Contains("TestSupport", StringComparison.Ordinal))
            .SelectMany(a => a.GetTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false }
                && t.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true })
            .ToList();

    [Fact]
    public void Every_options_class_has_its_rules_checked_at_start_up()
    {
        _ = App.Services; // the application (and its assemblies) is loaded
        var classes = OptionsClasses();
        Assert.True(classes.Count >= 7, string.Join(", ", classes.Select(c => c.Name)));

        var startup = StartupValidated();
        var missing = classes.Where(t => !startup.Contains(t)
                                         || !App.Services.GetServices(typeof(IValidateOptions<>)
                                             .MakeGenericType(t)).Any())
            .Select(t => t.FullName);
        Assert.Empty(missing);
    }

    [Theory]
    [InlineData("EmailOptions", "SmtpPort", 0)]
    [InlineData("EmailOptions", "Security", "Tls1.0")]
    [InlineData("ReportingOptions", "MaxConcurrentPdfs", 0)]
    [InlineData("ReportingOptions", "MaxPdfsPerUser", 0)]
    [InlineData("ReportingOptions", "ChromiumProfileFolder", "/tmp/a folder")]
    [InlineData("UsageLimitOptions", "ReportsPerMinute", 0)]
    [InlineData("ProjectsOptions", "MaxProjectsPerLaoYear", 0)]
    [InlineData("JobsOptions", "WorkerCount", 0)]
    [InlineData("IdentityOptions", "LockoutThreshold", 0)]
    [InlineData("BootstrapOptions", "ProvincialProvinceCode", "9")]
    [InlineData("RateLimitOptions", "SignInPermits", 0)]
    [InlineData("IdentityOptions", "SessionHours", 0)]
    [InlineData("NetworkOptions", "TrustedProxies", "10.0.0.1, proxy.example.com")]
    public void A_wrong_value_is_refused_with_the_name_of_the_setting(string type, string property, object value)
    {
        _ = App.Services;
        var options = OptionsClasses().Single(t => t.Name == type);
        var instance = Activator.CreateInstance(options)!;
        options.GetProperty(property)!.SetValue(instance, value);
        var validators = App.Services.GetServices(typeof(IValidateOptions<>).MakeGenericType(options)).ToList();
        var results = validators.Select(v =>
            (ValidateOptionsResult)v!.GetType().GetMethod("Validate")!.Invoke(v, [Options.DefaultName, instance])!);
        var failure = Assert.Single(results, r => r.Failed);
        Assert.Contains(property, failure.FailureMessage);
    }

    [Theory]
    [InlineData("None", false, false)]
    [InlineData("Auto", false, false)]
    [InlineData("StartTlsWhenAvailable", false, false)]
    [InlineData("StartTls", false, true)]
    [InlineData("SslOnConnect", false, true)]
    [InlineData("None", true, true)]
    public void An_smtp_server_without_TLS_is_used_only_when_a_setting_says_so(
        string security, bool allowPlain, bool valid)
    {
        var email = new BuildingBlocks.Email.EmailOptions
        {
            SmtpHost = "smtp.nacc.go.th", Security = security, AllowPlainSmtp = allowPlain,
        };
        var result = App.Services.GetServices<IValidateOptions<BuildingBlocks.Email.EmailOptions>>()
            .Select(v => v.Validate(Options.DefaultName, email)).ToList();
        Assert.Equal(valid, result.All(r => !r.Failed));
        if (!valid) Assert.Contains("Email:AllowPlainSmtp", string.Join(" ", result.Select(r => r.FailureMessage)));
    }

    /// <summary>The option types ValidateOnStart registered (read from the options library's own registry).</summary>
    private HashSet<Type> StartupValidated()
    {
        var type = typeof(OptionsBuilder<>)
            .Assembly.GetType("Microsoft.Extensions.Options.StartupValidatorOptions", throwOnError: true)!;
        var value = App.Services.GetRequiredService(typeof(IOptions<>).MakeGenericType(type)).GetType()
            .GetProperty("Value")!
            .GetValue(App.Services.GetRequiredService(typeof(IOptions<>).MakeGenericType(type)))!;
        var validators = (IDictionary)(type.GetProperty("_validators",
            BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)?.GetValue(value)
            ?? type.GetField("_validators", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(value))!;
        return validators.Keys.Cast<object>()
            .Select(k => (Type)k.GetType().GetField("Item1")!.GetValue(k)!).ToHashSet();
    }
}
