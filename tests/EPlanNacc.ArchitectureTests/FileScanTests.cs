using System.Text.RegularExpressions;

namespace EPlanNacc.ArchitectureTests;

/// <summary>Ownership of data is greppable: a module's code and its migrations name only its own schema.</summary>
public sealed partial class FileScanTests
{
    private static readonly string[] Schemas = ["identity", "local_authority_profile", "projects", "evaluation",
        "reporting", "hangfire"];

    [GeneratedRegex(
        @"(?<![A-Za-z0-9_.])(identity|local_authority_profile|projects|evaluation|reporting|hangfire)\.[a-z_]+")]
    private static partial Regex SchemaReference();

    [GeneratedRegex(@"^\d{4}_[a-z0-9_]+\.sql$")]
    private static partial Regex ScriptName();

    /// <summary>A folder as it appears inside a path: "/wwwroot/lib/".</summary>
    private static string Folder(params string[] names)
    {
        var sep = Path.DirectorySeparatorChar.ToString();
        return sep + string.Join(sep, names) + sep;
    }

    /// <summary>Build output, and what running the application leaves in a <c>.run</c> folder (Chromium's profiles,
    /// with their dangling lock links; ignored by git).</summary>
    private static bool IsBuildOutput(string path) =>
        path.Contains(Folder("obj")) || path.Contains(Folder("bin")) || path.Contains(Folder(".run"));

    private const int MaxLineLength = 120;

    [Fact]
    public void Every_line_of_CSharp_code_fits_in_120_columns()
    {
        var root = Modules.RepositoryRoot();
        var files = new[] { "src", "tests" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(root, d), "*.cs", SearchOption.AllDirectories))
            .Where(f => !IsBuildOutput(f))
            .ToList();
        Assert.NotEmpty(files);
        var tooLong = files
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, line, number: i + 1)))
            .Where(x => x.line.Length > MaxLineLength)
            .Select(x => $"{Path.GetRelativePath(root, x.f)}:{x.number} ({x.line.Length} columns)")
            .ToList();
        Assert.True(tooLong.Count == 0,
            $"{tooLong.Count} lines longer than {MaxLineLength} columns (wrap them; .editorconfig says " +
            $"max_line_length): {string.Join(", ", tooLong.Take(20))}");
    }

    private static IEnumerable<string> SchemasNamedIn(string file) =>
        SchemaReference().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value).Distinct();

    [Theory]
    [MemberData(nameof(Modules.ModuleNames), MemberType = typeof(Modules))]
    public void A_modules_code_names_only_its_own_schema(string module)
    {
        var own = Modules.Schema(module);
        var files = Directory.EnumerateFiles(Path.Combine(Modules.RepositoryRoot(), "src", "Modules", module), "*.*",
            SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".sql", StringComparison.Ordinal))
            .Where(f => !IsBuildOutput(f))
            .ToList();
        Assert.NotEmpty(files);
        var offending = files.SelectMany(f =>
            SchemasNamedIn(f).Where(s => s != own).Select(s => $"{Path.GetFileName(f)} names {s}")).ToList();
        Assert.True(offending.Count == 0, string.Join("; ", offending));
    }

    [Theory]
    [MemberData(nameof(Modules.ModuleNames), MemberType = typeof(Modules))]
    public void Migration_scripts_are_named_NNNN_verb_object_and_name_only_their_schema(string module)
    {
        var schema = Modules.Schema(module);
        var dir = Path.Combine(Modules.RepositoryRoot(), "db", "migrations", schema);
        Assert.True(Directory.Exists(dir), $"db/migrations/{schema} is missing");
        foreach (var file in Directory.EnumerateFiles(dir).Where(f => !Path.GetFileName(f).StartsWith('.')))
        {
            Assert.Matches(ScriptName(), Path.GetFileName(file));
            var foreign = SchemasNamedIn(file).Where(s => s != schema).ToList();
            Assert.True(foreign.Count == 0, $"{Path.GetFileName(file)} names {string.Join(", ", foreign)}");
        }
    }

    [Theory]
    [MemberData(nameof(Modules.ModuleNames), MemberType = typeof(Modules))]
    public void Each_migration_number_is_used_once_per_schema(string module)
    {
        var dir = Path.Combine(Modules.RepositoryRoot(), "db", "migrations", Modules.Schema(module));
        var twice = Directory.EnumerateFiles(dir, "*.sql").Select(f => Path.GetFileName(f)[..4])
            .GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key);
        Assert.Empty(twice);
    }

    [Fact]
    public void Code_and_scripts_cite_only_files_inside_the_repository()
    {
        var root = Modules.RepositoryRoot();
        string[] outside = ["api-v1.md", "CONVENTIONS", "STACK-NOTES", "../shared", "/work/shared", "shared/seeds",
            "shared/domain"];
        var files = new[] { "src", "tests", "scripts", "db", "docs" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(root, d), "*", SearchOption.AllDirectories))
            .Where(f => !IsBuildOutput(f)
                        && !f.Contains(Folder("wwwroot", "lib"))
                        && !f.Contains(Folder("node_modules"))
                        && !f.EndsWith("FileScanTests.cs", StringComparison.Ordinal)
                        && Path.GetExtension(f) is ".cs" or ".cshtml" or ".sql" or ".md" or ".sh" or "" or ".json")
            .Where(f => File.ReadAllText(f) is var text && outside.Any(o => text.Contains(o, StringComparison.Ordinal)))
            .Select(f => Path.GetRelativePath(root, f));
        Assert.Empty(files);
    }

    [Fact]
    public void Only_module_schemas_have_migration_folders() =>
        Assert.All(Directory.EnumerateDirectories(Path.Combine(Modules.RepositoryRoot(), "db", "migrations")),
            d => Assert.Contains(Path.GetFileName(d), Schemas));

    [Fact]
    public void The_host_contains_no_SQL()
    {
        var files = Directory.EnumerateFiles(Path.Combine(Modules.RepositoryRoot(), "src", "Host"), "*.cs*",
            SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(f));
        var offending = files.Where(f => SchemaReference().IsMatch(File.ReadAllText(f)))
            .Select(Path.GetFileName).ToList();
        Assert.True(offending.Count == 0, "SQL in the Host: " + string.Join(", ", offending));
    }
}
