using System.Text.RegularExpressions;

namespace EPlanNacc.ArchitectureTests;

/// <summary>Time is read from one place. The application reads it from the <see cref="TimeProvider"/> of DI; the tests
/// from the test host's fake clock (tests/EPlanNacc.TestSupport/TestClock.cs), so that the suite passes on any day of
/// the year (docs/conventions.md 17). A file scan finds every other reading of the wall clock: .NET's, the database
/// server's (<c>now()</c> and its kin in SQL) and, in tests, the stopwatch outside the few places listed below that
/// measure real elapsed time.</summary>
public sealed partial class ClockScanTests
{
    /// <summary>Reads of the wall clock, in C# or in SQL inside C#.</summary>
    [GeneratedRegex(@"\bDateTime(Offset)?\s*\.\s*(Now|UtcNow|Today)\b|\bTimeProvider\s*\.\s*System\b|"
        + @"\bTodayInBangkok\s*\(\s*\)|"
        + @"(?<![\w.])(now|clock_timestamp|statement_timestamp|transaction_timestamp)\s*\(\s*\)|"
        + @"(?<![\w.])(current_date|current_timestamp|localtimestamp)\b", RegexOptions.IgnoreCase)]
    private static partial Regex WallClock();

    /// <summary>A measure of real elapsed time.</summary>
    [GeneratedRegex(@"\bStopwatch\b")]
    private static partial Regex ElapsedTime();

    /// <summary>The test files that measure real elapsed time, and why: waiting up to a timeout for something that
    /// happens on its own in real time. Nothing else in the tests may.</summary>
    public static readonly IReadOnlyDictionary<string, string> RealTimeInTests = new Dictionary<string, string>
    {
        ["tests/EPlanNacc.TestSupport/TestMailbox.cs"] =
            "waits up to a timeout for an email at the in-process SMTP server",
        ["tests/EPlanNacc.IntegrationTests/Evaluation/ScoreRecalculationTests.cs"] =
            "waits up to a minute for the background recalculation, a Hangfire job on Hangfire's own clock",
        ["tests/EPlanNacc.IntegrationTests/Projects/ProjectImportTests.cs"] =
            "bounds the real time a 500-row import takes",
        ["tests/EPlanNacc.IntegrationTests/Projects/ProjectImportAttackTests.cs"] =
            "bounds the real time a crafted upload takes to be refused (and says how long it took)",
        ["tests/EPlanNacc.TestSupport/Database.cs"] =
            "Eventually: waits up to a timeout for background work (a Hangfire job) to reach a state",
        ["tests/EPlanNacc.IntegrationTests/Reporting/PdfLoadTests.cs"] =
            "measures how long requests take under load (150 PDFs at once), for the test's bounds and its figures",
        ["tests/EPlanNacc.TestSupport/HostProcess.cs"] =
            "waits up to a timeout for the application started as a process of its own to become ready",
        ["tests/EPlanNacc.IntegrationTests/Access/AuthorizationMatrixTests.cs"] =
            "prints how long each entry's cells took, for the suite's figures (asserts nothing on it)",
        ["tests/EPlanNacc.IntegrationTests/ScaleOut/TwoInstanceTests.cs"] =
            "bounds how long a session ended on one instance stays good on the other (2 s, not the 30 s cache)",
        ["tests/EPlanNacc.IntegrationTests/Identity/SignInAttackTests.cs"] =
            "compares the real time of sign-in answers: it must not tell which user names exist",
    };

    /// <summary>The files of src that may read the wall clock, and why: not a business decision.</summary>
    public static readonly IReadOnlyDictionary<string, string> WallClockInSrc = new Dictionary<string, string>
    {
        ["src/BuildingBlocks/EPlanNacc.BuildingBlocks/ServiceCollectionExtensions.cs"] =
            "registers TimeProvider.System as the application's clock, the one the test host replaces",
    };

    /// <summary>This file names what it forbids.</summary>
    private const string ThisFile = "tests/EPlanNacc.ArchitectureTests/ClockScanTests.cs";

    [Theory]
    [InlineData("var now = DateTime.UtcNow;")]
    [InlineData("var now = DateTimeOffset.Now;")]
    [InlineData("var day = DateTime.Today;")]
    [InlineData("var today = ThaiFormat.TodayInBangkok();")]
    [InlineData("services.AddSingleton(TimeProvider.System);")]
    [InlineData("UPDATE identity.users SET locked_until = now() - interval '1 second'")]
    [InlineData("WHERE expires_at > NOW()")]
    [InlineData("SELECT current_date")]
    public void The_scan_recognises_a_read_of_the_wall_clock(string line) => Assert.Matches(WallClock(), line);

    [Theory]
    [InlineData("var now = clock.GetUtcNow();")]
    [InlineData("var today = ThaiFormat.TodayInBangkok(clock);")]
    [InlineData("App.SetToday(BetweenRounds); var now = App.Clock.GetUtcNow();")]
    [InlineData("WHERE expires_at > @now AND r.updated_at = @Now")]
    [InlineData("// a comment may say DateTime.UtcNow is forbidden")]
    public void The_scan_leaves_the_applications_clock_alone(string line) => Assert.Empty(Offences(line, WallClock()));

    [Fact]
    public void No_test_reads_the_wall_clock()
    {
        var offending = Scan("tests", ".cs").Where(f => f.Path != ThisFile)
            .SelectMany(f => Offences(f.Text, WallClock()).Select(o => $"{f.Path}:{o}"))
            .ToList();
        Assert.True(offending.Count == 0,
            "read the test host's clock (AppFixture.Clock) instead: " + string.Join("; ", offending));
    }

    [Fact]
    public void Only_the_listed_tests_measure_real_elapsed_time()
    {
        var files = Scan("tests", ".cs").Where(f => f.Path != ThisFile).ToList();
        var measuring = files.Where(f => Offences(f.Text, ElapsedTime()).Any()).Select(f => f.Path).ToHashSet();
        var unlisted = measuring.Where(p => !RealTimeInTests.ContainsKey(p)).ToList();
        Assert.True(unlisted.Count == 0,
            "real elapsed time outside the list of ClockScanTests: " + string.Join(", ", unlisted));
        // the list does not outlive what it allows
        Assert.All(RealTimeInTests.Keys, p => Assert.Contains(p, measuring));
    }

    [Fact]
    public void The_application_reads_the_clock_only_through_its_TimeProvider()
    {
        var files = Scan("src", ".cs", ".cshtml", ".sql").ToList();
        var offending = files.Where(f => !WallClockInSrc.ContainsKey(f.Path))
            .SelectMany(f => Offences(f.Text, WallClock()).Select(o => $"{f.Path}:{o}"))
            .ToList();
        Assert.True(offending.Count == 0, "inject TimeProvider instead: " + string.Join("; ", offending));
        var reading = files.Where(f => Offences(f.Text, WallClock()).Any()).Select(f => f.Path).ToList();
        Assert.All(WallClockInSrc.Keys, p => Assert.Contains(p, reading));
    }

    /// <summary>The lines (number: text) that match, comments left out.</summary>
    private static IEnumerable<string> Offences(string text, Regex pattern) =>
        text.Split('\n')
            .Select((line, i) => (Number: i + 1, Code: CodeOf(line)))
            .Where(l => pattern.IsMatch(l.Code))
            .Select(l => $"{l.Number}: {l.Code.Trim()}");

    private static string CodeOf(string line)
    {
        var trimmed = line.TrimStart();
        return trimmed.StartsWith("//", StringComparison.Ordinal) || trimmed.StartsWith('*') ? "" : line;
    }

    /// <summary>The files under <paramref name="folder"/> of the repository (not obj/ or bin/), with their path from
    /// the repository root in '/' form.</summary>
    private static IEnumerable<(string Path, string Text)> Scan(string folder, params string[] extensions)
    {
        var root = Modules.RepositoryRoot();
        var files = Directory.EnumerateFiles(Path.Combine(root, folder), "*.*", SearchOption.AllDirectories)
            .Where(f => extensions.Any(e => f.EndsWith(e, StringComparison.Ordinal)))
            .Select(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(p => !p.Contains("/obj/", StringComparison.Ordinal))
            .Where(p => !p.Contains("/bin/", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(files);
        return files.Select(p => (p, File.ReadAllText(Path.Combine(root, p))));
    }
}
