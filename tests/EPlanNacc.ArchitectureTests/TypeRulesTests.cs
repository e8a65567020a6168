using System.Reflection;
using FluentValidation;
using Mediator;
using NetArchTest.Rules;

namespace EPlanNacc.ArchitectureTests;

/// <summary>Types keep to their module, the Host stays thin, and names follow the conventions.</summary>
public sealed class TypeRulesTests
{
    [Theory]
    [MemberData(nameof(Modules.ModuleNames), MemberType = typeof(Modules))]
    public void No_type_of_a_module_depends_on_another_modules_implementation(string module)
    {
        // every type of the other modules' implementation assemblies (their Contracts live in other assemblies)
        var foreign = Modules.Names.Where(m => m != module)
            .SelectMany(m => Modules.Implementation(m).GetTypes())
            .Select(t => t.FullName!).Where(n => !n.Contains('<')).ToArray();
        var result = Types.InAssembly(Modules.Implementation(module)).ShouldNot()
            .HaveDependencyOnAny(foreign).GetResult();
        Assert.True(result.IsSuccessful, $"{module} depends on another module's " +
            $"implementation: {string.Join(", ", (result.FailingTypes ?? []).Select(t => t.FullName))}");
    }

    [Theory]
    [MemberData(nameof(Modules.ModuleNames), MemberType = typeof(Modules))]
    public void Host_pages_and_endpoints_of_a_module_do_not_depend_on_another_module(string module)
    {
        foreach (var area in new[] { "Pages", "Api" })
        {
            var others = Modules.Names.Where(m => m != module).SelectMany(Modules.TypesPagesMayNotUse).ToArray();
            var result = Types.InAssembly(Modules.Host).That().ResideInNamespace($"EPlanNacc.Host.{area}.{module}")
                .ShouldNot().HaveDependencyOnAny(others).GetResult();
            Assert.True(result.IsSuccessful, $"Host.{area}.{module} depends on another " +
                $"module: {string.Join(", ", (result.FailingTypes ?? []).Select(t => t.FullName))}");
        }
    }

    [Fact]
    public void Host_pages_and_endpoints_do_not_use_Dapper_Npgsql_or_Hangfire()
    {
        foreach (var area in new[] { "EPlanNacc.Host.Pages", "EPlanNacc.Host.Api" })
        {
            var result = Types.InAssembly(Modules.Host).That().ResideInNamespace(area)
                .ShouldNot().HaveDependencyOnAny("Dapper", "Npgsql", "Hangfire").GetResult();
            Assert.True(result.IsSuccessful, $"{area} uses data access " +
                $"directly: {string.Join(", ", (result.FailingTypes ?? []).Select(t => t.FullName))}");
        }
    }

    [Fact]
    public void Modules_and_building_blocks_do_not_use_MVC_or_Razor()
    {
        foreach (var assembly in Modules.AllModuleAssemblies().Append(Modules.BuildingBlocks))
        {
            var result = Types.InAssembly(assembly)
                .ShouldNot().HaveDependencyOnAny("Microsoft.AspNetCore.Mvc", "Microsoft.AspNetCore.Razor").GetResult();
            Assert.True(result.IsSuccessful, $"{assembly.GetName().Name} uses " +
                $"MVC/Razor: {string.Join(", ", (result.FailingTypes ?? []).Select(t => t.FullName))}");
        }
    }

    private static IEnumerable<Type> ModuleTypes() =>
        Modules.AllModuleAssemblies().SelectMany(a => a.GetTypes()).Where(t => !t.IsNested || t.IsNestedPublic);

    private static bool Implements(Type type, Type openGeneric) =>
        type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == openGeneric);

    [Fact]
    public void Handlers_are_sealed_and_named_Handler()
    {
        var handlerInterfaces = new[]
        {
            typeof(ICommandHandler<,>), typeof(IQueryHandler<,>), typeof(IRequestHandler<,>),
            typeof(INotificationHandler<>),
        };
        var handlers = ModuleTypes().Where(t =>
            t is { IsClass: true, IsAbstract: false } && handlerInterfaces.Any(i => Implements(t, i))).ToList();
        Assert.NotEmpty(handlers);
        Assert.All(handlers, h =>
        {
            Assert.True(h.IsSealed, $"{h.FullName} is not sealed");
            Assert.True(h.Name.EndsWith("Handler", StringComparison.Ordinal), $"{h.FullName} is not named ...Handler");
            Assert.True(h.IsPublic, $"{h.FullName} is not public (the source-generated mediator must see it)");
        });
    }

    [Fact]
    public void Validators_are_sealed_and_named_Validator()
    {
        var validators = ModuleTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IValidator).IsAssignableFrom(t)).ToList();
        Assert.NotEmpty(validators);
        Assert.All(validators, v =>
        {
            Assert.True(v.IsSealed, $"{v.FullName} is not sealed");
            Assert.True(v.Name.EndsWith("Validator", StringComparison.Ordinal)
                || v.Name.StartsWith("MaxDecimals", StringComparison.Ordinal),
                $"{v.FullName} is not named ...Validator");
        });
    }

    [Fact]
    public void Messages_are_immutable_public_sealed_records_named_for_what_they_are()
    {
        var messages = ModuleTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IMessage).IsAssignableFrom(t)).ToList();
        Assert.NotEmpty(messages);
        Assert.All(messages, m =>
        {
            Assert.True(m.IsSealed && m.IsPublic, $"{m.FullName} is not public sealed");
            Assert.True(m.GetMethod("<Clone>$") is not null, $"{m.FullName} is not a record");
            var setters = m.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.SetMethod is { IsPublic: true } setter &&
                            !setter.ReturnParameter.GetRequiredCustomModifiers()
                                .Contains(typeof(System.Runtime.CompilerServices.IsExternalInit)))
                .ToList();
            Assert.True(setters.Count == 0,
                $"{m.FullName} has settable properties: {string.Join(", ", setters.Select(p => p.Name))}");
            var suffix = typeof(IBaseCommand).IsAssignableFrom(m)
                ? "Command" : typeof(IBaseQuery).IsAssignableFrom(m) ? "Query"
                : typeof(INotification).IsAssignableFrom(m) ? "Notification" : "";
            Assert.True(m.Name.EndsWith(suffix, StringComparison.Ordinal), $"{m.FullName} should end with {suffix}");
        });
    }
}
