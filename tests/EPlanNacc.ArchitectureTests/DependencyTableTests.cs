using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace EPlanNacc.ArchitectureTests;

/// <summary>docs/dependencies.md keeps up with the packages (issue 9 §10): every NuGet package of
/// Directory.Packages.props and every npm package of frontend/package.json has a row with the version in use, and a
/// row whose version is not the newest served (by the machine's list or by the registry) says why.</summary>
public sealed partial class DependencyTableTests
{
    /// <summary>A row of the tables: package, version, newest in the list, newest at the registry, reason.</summary>
    [GeneratedRegex(@"^\|\s*([^|\s]+)\s*\|\s*([^|\s]+)\s*\|\s*([^|\s]+)\s*\|\s*([^|\s]+)\s*\|(.*)\|\s*$")]
    private static partial Regex Row();

    private sealed record Entry(string Version, string List, string Registry, string Reason);

    private static Dictionary<string, Entry> Table()
    {
        var rows = new Dictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(Modules.RepositoryRoot(), "docs", "dependencies.md")))
        {
            var m = Row().Match(line);
            if (!m.Success || m.Groups[1].Value is "package" || m.Groups[1].Value.StartsWith("---")) continue;
            rows[m.Groups[1].Value] = new Entry(m.Groups[2].Value, m.Groups[3].Value, m.Groups[4].Value,
                m.Groups[5].Value.Trim());
        }
        return rows;
    }

    private static IEnumerable<(string Name, string Version)> NuGetPackages() =>
        XDocument.Load(Path.Combine(Modules.RepositoryRoot(), "Directory.Packages.props"))
            .Descendants("PackageVersion")
            .Select(p => ((string)p.Attribute("Include")!, (string)p.Attribute("Version")!));

    private static IEnumerable<(string Name, string Version)> NpmPackages()
    {
        using var json = JsonDocument.Parse(
            File.ReadAllText(Path.Combine(Modules.RepositoryRoot(), "frontend", "package.json")));
        return json.RootElement.GetProperty("dependencies").EnumerateObject()
            .Select(p => (p.Name, p.Value.GetString()!)).ToList();
    }

    [Fact]
    public void Every_package_is_in_the_table_at_its_version_and_any_not_newest_says_why()
    {
        var table = Table();
        var packages = NuGetPackages().Concat(NpmPackages()).ToList();
        Assert.True(packages.Count > 30, "the packages were not found");

        var problems = new List<string>();
        foreach (var (name, version) in packages)
        {
            if (!table.TryGetValue(name, out var row)) problems.Add($"{name} has no row");
            else if (row.Version != version) problems.Add($"{name} is {version}, the table says {row.Version}");
            else if ((row.Version != row.List || row.Version != row.Registry) && row.Reason.Length == 0)
                problems.Add($"{name} {version} is not the newest served ({row.List}, {row.Registry}): say why");
        }
        // no row outlives its package
        problems.AddRange(table.Keys.Except(packages.Select(p => p.Name)).Select(n => $"{n} is not used"));
        Assert.True(problems.Count == 0, "docs/dependencies.md: " + string.Join("; ", problems));
    }
}
