using System.Globalization;

namespace EPlanNacc.Benchmarks.Bench;

/// <summary>The arguments scripts/bench gives the load client (<c>--name value</c> pairs).</summary>
internal sealed record BenchOptions
{
    public required Uri Url { get; init; }
    /// <summary>A second address (a proxy in front of two instances on the same database): B1 runs there too.</summary>
    public Uri? SecondUrl { get; init; }
    public string? Certificate { get; init; }
    public int HostPid { get; init; }
    public double ReadyMs { get; init; }
    public double IdleRssMb { get; init; }
    public required string OwnerConnectionString { get; init; }
    public required string Password { get; init; }
    public string Output { get; init; } = "bench/results.md";
    public string Commit { get; init; } = "";
    public string DataLabel { get; init; } = "";
    public string ProfileFolder { get; init; } = ".run/chromium";
    public double WarmUpSeconds { get; init; } = 3;
    public double DurationSeconds { get; init; } = 15;
    public int FiscalYear { get; init; }
    public int Round { get; init; } = 6;
    public string Province { get; init; } = "30";
    public int PdfsAtOnce { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, 8);
    public IReadOnlySet<string> Only { get; init; } = new HashSet<string>();
    public int[] B1Clients { get; init; } = [16, 64, 256];
    public int B1Laos { get; init; } = 256;
    /// <summary>Words of the B3 pages to load (<c>--b3-pages roll-up,screening</c>); none: every page. The static
    /// file, the baseline, is always loaded.</summary>
    public IReadOnlyList<string> B3Pages { get; init; } = [];

    public bool Runs(string part) => Only.Count == 0 || Only.Contains(part);

    public static BenchOptions Parse(string[] args)
    {
        var named = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
                throw new ArgumentException($"expected --name value, got {args[i]}");
            named[args[i][2..]] = args[i + 1];
        }
        string? Get(string name) => named.GetValueOrDefault(name);
        double Number(string name, double fallback) =>
            Get(name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var defaults = new BenchOptions
        {
            Url = new Uri("https://127.0.0.1:5092"), OwnerConnectionString = "", Password = "",
        };
        return new BenchOptions
        {
            Url = new Uri(Get("url") ?? throw new ArgumentException("--url is required")),
            SecondUrl = Get("second-url") is { Length: > 0 } second ? new Uri(second) : null,
            Certificate = Get("cert"),
            HostPid = (int)Number("pid", 0),
            ReadyMs = Number("ready-ms", double.NaN),
            IdleRssMb = Number("idle-rss-mb", double.NaN),
            OwnerConnectionString = Get("owner") ?? throw new ArgumentException("--owner is required"),
            Password = Get("password") ?? throw new ArgumentException("--password is required"),
            Output = Get("out") ?? defaults.Output,
            Commit = Get("commit") ?? "",
            DataLabel = Get("data") ?? "",
            ProfileFolder = Get("profiles") ?? defaults.ProfileFolder,
            WarmUpSeconds = Number("warmup", defaults.WarmUpSeconds),
            DurationSeconds = Number("duration", defaults.DurationSeconds),
            FiscalYear = (int)Number("fiscal-year", CurrentFiscalYear()),
            Round = (int)Number("round", 6),
            Province = Get("province") ?? "30",
            PdfsAtOnce = (int)Number("pdfs-at-once", defaults.PdfsAtOnce),
            Only = (Get("only") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(),
            B1Clients = Get("b1-clients") is { } c
                ? c.Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray()
                : defaults.B1Clients,
            B1Laos = (int)Number("b1-laos", defaults.B1Laos),
            B3Pages = (Get("b3-pages") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
        };
    }

    /// <summary>Today in Bangkok.</summary>
    public static DateOnly Today() => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    /// <summary>The Buddhist Era fiscal year of today (1 October to 30 September).</summary>
    public static int CurrentFiscalYear()
    {
        var today = Today();
        return today.Year + 543 + (today.Month >= 10 ? 1 : 0);
    }
}
