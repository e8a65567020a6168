using System.Text.RegularExpressions;

namespace EPlanNacc.ArchitectureTests;

/// <summary>A fact the code states in several places has one definition that the others use: a file scan of
/// src/ finds the literal anywhere else.</summary>
public sealed partial class OneDefinitionTests
{
    private static readonly char Sep = Path.DirectorySeparatorChar;

    /// <summary>Every line of the C# and Razor files of src/ (not bin/ or obj/), with its path below src/.</summary>
    private static IEnumerable<(string File, int Number, string Text)> SourceLines()
    {
        var src = Path.Combine(Modules.RepositoryRoot(), "src");
        return Directory.EnumerateFiles(src, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Sep}obj{Sep}") && !f.Contains($"{Sep}bin{Sep}"))
            .SelectMany(f => File.ReadLines(f).Select((text, i) =>
                (Path.GetRelativePath(src, f).Replace(Sep, '/'), i + 1, text)));
    }

    /// <summary>No line matches <paramref name="pattern"/> but in the allowed places: a file (its path ends so),
    /// and, when given, only its lines that contain a text.</summary>
    private static void AssertOnlyIn(Regex pattern, params (string File, string? Line)[] allowed)
    {
        bool Allowed((string File, int Number, string Text) l) => allowed.Any(a =>
            l.File.EndsWith(a.File, StringComparison.Ordinal)
            && (a.Line is null || l.Text.Contains(a.Line, StringComparison.Ordinal)));
        var offending = SourceLines()
            .Where(l => pattern.IsMatch(l.Text) && !Allowed(l))
            .Select(l => $"{l.File}:{l.Number}: {l.Text.Trim()}").ToList();
        Assert.True(offending.Count == 0, $"{pattern} outside its definition:\n" + string.Join("\n", offending));
    }

    [GeneratedRegex("""["'](lao|provincial|admin)["']""")]
    private static partial Regex RoleCode();

    [Fact]
    public void Role_codes_are_written_only_in_UserRoles() =>
        AssertOnlyIn(RoleCode(), ("BuildingBlocks/Security/ICurrentUser.cs", null),
            // other facts that happen to be spelled alike: the assessor "provincial" and the admin's default user name
            ("Evaluation.Contracts/ScoreQueries.cs", "public const string Provincial = \"provincial\";"),
            ("Identity/IdentityOptions.cs", "AdminUsername { get; set; } = \"admin\";"));

    [GeneratedRegex("[0-9]+ ?(ครั้ง|นาที)")]
    private static partial Regex TimesOrMinutes();

    [Fact]
    public void Lockout_and_reset_link_numbers_come_from_the_Identity_settings() =>
        // "5 ครั้ง", "15 นาที", "30 นาที": the messages and pages take them from IdentityOptions (SignInTexts)
        AssertOnlyIn(TimesOrMinutes());

    [GeneratedRegex(@"1024 ?\* ?1024|[0-9] ?MB\b|[0-9],?[0-9]{3} แถว")]
    private static partial Regex UploadLimit();

    [Fact]
    public void The_import_limits_are_defined_once() =>
        AssertOnlyIn(UploadLimit(), ("Projects/Features/Import/ProjectImportLimits.cs", null));

    [GeneratedRegex("ปีงบประมาณต้องเป็น|รอบการรายงานต้องเป็น|รหัส อปท\\. ต้องเป็น|รหัสจังหวัดต้องเป็น")]
    private static partial Regex CodeMessage();

    [Fact]
    public void The_messages_of_a_fiscal_year_a_round_and_the_codes_are_defined_once() =>
        AssertOnlyIn(CodeMessage(), ("BuildingBlocks/Validation/CodeRules.cs", null));
}
