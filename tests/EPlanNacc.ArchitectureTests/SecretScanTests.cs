using System.Text.RegularExpressions;

namespace EPlanNacc.ArchitectureTests;

/// <summary>No default password anywhere in the scripts or in the settings' connection strings (issue 9 §8): a
/// database password is generated per checkout (scripts/lib/env.sh) or given by the environment, never written in a
/// file of the repository.</summary>
public sealed partial class SecretScanTests
{
    /// <summary>A password given a literal value: <c>PASSWORD=x</c>, <c>${EPLAN_DB_PASSWORD:=x}</c>,
    /// <c>${PGPASSWORD:-x}</c>, <c>Password=x</c> in a connection string, <c>PASSWORD 'x'</c> in SQL. A value that
    /// is a variable (<c>$...</c>), a format placeholder (<c>%s</c>) or empty is not a literal.</summary>
    [GeneratedRegex(@"(?i)\w*password\w*\s*(:?=|:-)\s*[""']?(?![""'$%\s;)}]|$)|(?i)\bpassword\s+'(?![$'])")]
    private static partial Regex LiteralPassword();

    private static IEnumerable<string> Files(string root) =>
    [
        .. Directory.EnumerateFiles(Path.Combine(root, "scripts"), "*", SearchOption.AllDirectories),
        .. Directory.EnumerateFiles(Path.Combine(root, ".ci"), "*", SearchOption.AllDirectories),
        .. Directory.EnumerateFiles(Path.Combine(root, "src", "Host", "EPlanNacc.Host"), "appsettings*.json"),
    ];

    [Fact]
    public void No_script_or_setting_gives_a_password_a_literal_value()
    {
        var root = Modules.RepositoryRoot();
        var files = Files(root).ToList();
        Assert.Contains(files, f => f.EndsWith(Path.Combine("scripts", "ensure-deps"), StringComparison.Ordinal));
        var found = files
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, line, number: i + 1)))
            .Where(x => LiteralPassword().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(root, x.f)}:{x.number}: {x.line.Trim()}")
            .ToList();
        Assert.True(found.Count == 0, "Passwords with a literal value: " + string.Join(" | ", found));
    }

    [Theory]
    [InlineData(""": "${EPLAN_DB_PASSWORD:=eplan-dev-only}" """, true)]
    [InlineData("export PGPASSWORD=secret", true)]
    [InlineData("""  "Default": "Host=db;Username=eplan;Password=hunter2" """, true)]
    [InlineData("CREATE ROLE eplan LOGIN PASSWORD 'eplan'", true)]
    [InlineData("""EPLAN_DB_PASSWORD="$(cat "$root/.run/db-password")" """, false)]
    [InlineData("""PGPASSWORD="$2" psql -h 127.0.0.1""", false)]
    [InlineData("printf 'Host=%s;Password=%s' \"$1\"", false)]
    [InlineData("SELECT format('ALTER ROLE %I PASSWORD %L', :'name', :'password')", false)]
    [InlineData("CREATE ROLE x LOGIN PASSWORD '${EPLAN_DB_PASSWORD}'", false)]
    [InlineData("if [ -z \"${EPLAN_DB_PASSWORD:-}\" ]; then", false)]
    public void The_scan_tells_a_literal_from_a_variable(string line, bool literal) =>
        Assert.Equal(literal, LiteralPassword().IsMatch(line));
}
