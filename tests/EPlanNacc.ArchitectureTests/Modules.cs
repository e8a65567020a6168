using System.Reflection;

namespace EPlanNacc.ArchitectureTests;

/// <summary>The assemblies of the solution, found from the Host (which references them all).</summary>
public static class Modules
{
    public static readonly string[] Names = ["Identity", "LocalAuthorityProfile", "Projects", "Reporting", "Evaluation"];

    public static string Schema(string module) => module switch
    {
        "LocalAuthorityProfile" => "local_authority_profile",
        _ => module.ToLowerInvariant(),
    };

    public static Assembly Host => typeof(Program).Assembly;
    public static Assembly BuildingBlocks => typeof(EPlanNacc.BuildingBlocks.Data.DbSession).Assembly;

    public static Assembly Implementation(string module) => Assembly.Load($"EPlanNacc.Modules.{module}");
    public static Assembly Contracts(string module) => Assembly.Load($"EPlanNacc.Modules.{module}.Contracts");

    public static IEnumerable<Assembly> AllModuleAssemblies() =>
        Names.SelectMany(m => new[] { Implementation(m), Contracts(m) });

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
