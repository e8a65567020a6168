using System.Reflection;
using EPlanNacc.BuildingBlocks.Security;
using Mediator;
using NetArchTest.Rules;

namespace EPlanNacc.ArchitectureTests;

/// <summary>The caller's scope has one home (docs/conventions.md 15): every message says who may send it, the rule of
/// the scope is written once, and the messages meant for modules and jobs are not sent by pages or endpoints.</summary>
public sealed class AccessRulesTests
{
    private static IEnumerable<Type> Messages() => Modules.AllModuleAssemblies().SelectMany(a => a.GetTypes())
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IMessage).IsAssignableFrom(t))
        .Where(t => !typeof(INotification).IsAssignableFrom(t)); // notifications do not pass the pipeline

    [Fact]
    public void Every_message_says_who_may_send_it()
    {
        var messages = Messages().ToList();
        Assert.True(messages.Count > 40, $"only {messages.Count} messages found");
        Assert.Empty(messages.Where(t => t.GetCustomAttribute<AllowAttribute>(inherit: false) is null)
            .Select(t => t.FullName));
    }

    [Fact]
    public void A_message_that_names_an_LAO_or_a_project_is_not_for_anyone()
    {
        Type[] markers = [typeof(ILaoScoped), typeof(IProjectScoped), typeof(IProjectsScoped), typeof(IProvinceScoped),
            typeof(IProvinceOrNationScoped), typeof(IAccountScoped)];
        var open = Messages()
            .Where(t => markers.Any(m => m.IsAssignableFrom(t)))
            .Where(t => t.GetCustomAttribute<AllowAttribute>()?.Callers is { } c
                && (c.HasFlag(Caller.Module) || c.HasFlag(Caller.Anyone)))
            .Select(t => t.FullName);
        Assert.Empty(open);
    }

    [Fact]
    public void Pages_and_endpoints_do_not_send_the_messages_meant_for_modules_and_jobs()
    {
        var internalMessages = Messages()
            .Where(t => t.GetCustomAttribute<AllowAttribute>()?.Callers == Caller.Module)
            .Select(t => t.FullName!).ToArray();
        Assert.NotEmpty(internalMessages);
        foreach (var area in new[] { "EPlanNacc.Host.Pages", "EPlanNacc.Host.Api" })
        {
            var result = Types.InAssembly(Modules.Host).That().ResideInNamespace(area)
                .ShouldNot().HaveDependencyOnAny(internalMessages).GetResult();
            Assert.True(result.IsSuccessful,
                $"{area} sends a message meant for " +
                $"modules: {string.Join(", ", (result.FailingTypes ?? []).Select(t => t.FullName))}");
        }
    }

    [Fact]
    public void The_rule_of_the_scope_is_written_once()
    {
        // "who may see which LAO" compares a role with an LAO's code or province: only the scope contract may do it
        var root = Modules.RepositoryRoot();
        var offenders = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Where(f => !f.EndsWith(Path.Combine("Features", "Scope", "CallerScope.cs"), StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f) is var text
                        && (text.Contains("CanSeeLao", StringComparison.Ordinal)
                            || text.Contains("CanSeeProvince", StringComparison.Ordinal)
                            || text.Contains("== user.ProvinceCode", StringComparison.Ordinal)
                            || text.Contains("!= user.DlaCode", StringComparison.Ordinal)
                            || text.Contains("== user.DlaCode", StringComparison.Ordinal)))
            .Select(f => Path.GetRelativePath(root, f));
        Assert.Empty(offenders);
    }
}
