using System.Reflection;

namespace EPlanNacc.ArchitectureTests;

/// <summary>The assemblies of the solution, found from the Host (which references them all).</summary>
public static class Modules
{
    public static readonly string[] Names = ["Identity", "LocalAuthorityProfile", "Projects", "Reporting",
        "Evaluation"];

    public static string Schema(string module) => module switch
    {
        "LocalAuthorityProfile" => "local_authority_profile",
        _ => module.ToLowerInvariant(),
    };

    public static Assembly Host => typeof(Program).Assembly;
    public static Assembly BuildingBlocks => typeof(EPlanNacc.BuildingBlocks.Data.DbSession).Assembly;

    public static Assembly Implementation(string module) => Assembly.Load($"EPlanNacc.Modules.{module}");
    /// <summary>A module's contracts, when it has any.</summary>
    public static Assembly? Contracts(string module) =>
        File.Exists(Path.Combine(AppContext.BaseDirectory, $"EPlanNacc.Modules.{module}.Contracts.dll"))
            ? Assembly.Load($"EPlanNacc.Modules.{module}.Contracts")
            : null;

    /// <summary>The namespace of the scope contract: the one answer every module's pages and slices ask
    /// (docs/conventions.md 15), so it is not "another module" to them.</summary>
    public const string ScopeContract = "EPlanNacc.Modules.LocalAuthorityProfile.Contracts.Scope";

    /// <summary>What the Host's pages and endpoints of another module may not depend on: the whole module, except the
    /// scope contract (as full type names, which NetArchTest matches as prefixes).</summary>
    public static IEnumerable<string> TypesPagesMayNotUse(string module) =>
        module != "LocalAuthorityProfile"
            ? [$"EPlanNacc.Modules.{module}"]
            : new[] { Implementation(module), Contracts(module) }.OfType<Assembly>().SelectMany(a => a.GetTypes())
                .Where(t => t.Namespace != ScopeContract && !t.IsNested && t.FullName is not null
                    && !t.FullName.StartsWith('<'))
                .Select(t => t.FullName!);

    public static IEnumerable<Assembly> AllModuleAssemblies() =>
        Names.SelectMany(m => new[] { Implementation(m), Contracts(m) }).OfType<Assembly>();

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EPlanNacc.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("EPlanNacc.sln not found");
    }

    public static TheoryData<string> ModuleNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in Names) data.Add(name);
        return data;
    }
}
