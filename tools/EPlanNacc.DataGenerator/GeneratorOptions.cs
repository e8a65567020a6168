using System.Globalization;

namespace EPlanNacc.DataGenerator;

/// <summary>What to generate (docs/adr/0029-national-data-generator.md): scripts/generate's command line.</summary>
/// <param name="Laos">How many registry LAOs (in province and code order), or null for every one.</param>
/// <param name="Password">The one password of every generated account (hashed once).</param>
public sealed record GeneratorOptions(
    string Database, int Seed, IReadOnlyList<int> Years, int ProjectsPerLao, int? Laos, bool Replace,
    string Password, bool Scores = true)
{
    public const string DefaultDatabase = "eplannacc_bench";
    public const string PasswordVariable = "EPLAN_BENCH_PASSWORD";

    public const string Usage = """
        usage: scripts/generate [--database NAME] [--seed N] [--years 2569,2570] [--projects-per-lao 40] [--laos N]
                                [--password P] [--replace] [--no-scores]
          --database NAME         the database to fill (default eplannacc_bench; created and migrated when absent)
          --seed N                the seed of every random choice (default 1): one seed, byte-identical data
          --years Y1,Y2           the fiscal years (BE) to fill (default 2569,2570)
          --projects-per-lao N    the mean number of projects per LAO and fiscal year (default 40)
          --laos N                only the first N registry LAOs, in province and code order (default all 7,849)
          --password P            the password of every account (else EPLAN_BENCH_PASSWORD; required)
          --replace               empty the module tables first when the database already holds data
          --no-scores             leave the implementation scores to be calculated later
        """;

    /// <summary>The options of <paramref name="args"/>, or the reason they are refused.</summary>
    public static (GeneratorOptions? Options, string? Error) Parse(IReadOnlyList<string> args,
        string? passwordFromEnvironment)
    {
        string database = DefaultDatabase;
        int seed = 1, perLao = 40;
        int? laos = null;
        IReadOnlyList<int> years = [2569, 2570];
        bool replace = false, scores = true;
        string? password = passwordFromEnvironment;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--replace") { replace = true; continue; }
            if (name == "--no-scores") { scores = false; continue; }
            if (i + 1 >= args.Count) return (null, $"{name}: a value is missing");
            var value = args[++i];
            switch (name)
            {
                case "--database" when IsDatabaseName(value): database = value; break;
                case "--seed" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var s):
                    seed = s; break;
                case "--projects-per-lao" when Number(value) is >= 1 and <= 400 and var n: perLao = n; break;
                case "--laos" when Number(value) is >= 1 and var n: laos = n; break;
                case "--password": password = value; break;
                case "--years" when ParseYears(value) is { } y: years = y; break;
                default: return (null, $"{name} {value}: not understood");
            }
        }
        if (string.IsNullOrEmpty(password))
            return (null, $"no password: give --password or set {PasswordVariable}");
        return (new GeneratorOptions(database, seed, years, perLao, laos, replace, password, scores), null);
    }

    private static int? Number(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static IReadOnlyList<int>? ParseYears(string value)
    {
        var years = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(Number).ToList();
        if (years.Count == 0 || years.Any(y => y is not (>= 2561 and <= 2600))) return null;
        var distinct = years.Select(y => y!.Value).Distinct().Order().ToList();
        return distinct.Count == years.Count ? distinct : null;
    }

    private static bool IsDatabaseName(string value) =>
        value.Length is >= 1 and <= 63 && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
                                       && !char.IsAsciiDigit(value[0]);
}
