namespace EPlanNacc.ArchitectureTests;

/// <summary>The project-reference graph is the module boundary (docs/conventions.md).</summary>
public sealed class ReferenceRulesTests
{
    private static IEnumerable<string> Referenced(System.Reflection.Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(a => a.Name!)
            .Where(n => n.StartsWith("EPlanNacc.", StringComparison.Ordinal));

    [Theory]
    [MemberData(nameof(Modules.ModuleNames), MemberType = typeof(Modules))]
    public void A_module_references_only_BuildingBlocks_its_own_contracts_and_other_modules_contracts(string module)
    {
        var allowed = new HashSet<string> { "EPlanNacc.BuildingBlocks", $"EPlanNacc.Modules.{module}.Contracts" };
        foreach (var other in Modules.Names) allowed.Add($"EPlanNacc.Modules.{other}.Contracts");
        var offending = Referenced(Modules.Implementation(module)).Where(r => !allowed.Contains(r)).ToList();
        Assert.True(offending.Count == 0, $"{module} references {string.Join(", ", offending)}");
    }

    [Theory]
    [MemberData(nameof(Modules.ModuleNames), MemberType = typeof(Modules))]
    public void Contracts_reference_no_module(string module)
    {
        if (Modules.Contracts(module) is not { } contracts) return; // a module others do not ask needs none
        var offending = Referenced(contracts)
            .Where(r => r.StartsWith("EPlanNacc.Modules.", StringComparison.Ordinal)).ToList();
        Assert.True(offending.Count == 0, $"{module}.Contracts references {string.Join(", ", offending)}");
    }

    [Fact]
    public void BuildingBlocks_references_no_module() =>
        Assert.Empty(Referenced(Modules.BuildingBlocks));

    [Fact]
    public void The_host_references_every_module() =>
        Assert.All(Modules.Names, m => Assert.Contains($"EPlanNacc.Modules.{m}", Referenced(Modules.Host)));
}
