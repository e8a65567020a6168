using System.Globalization;
using System.Text;

namespace EPlanNacc.Benchmarks.Bench;

/// <summary>The figures of one run and bench/results.md written from them: the run's machine, data and settings,
/// the details of each measurement, and last the table of the targets of issue 10's section 3
/// (<c>| target | measured | baseline | ratio | goal | met |</c>).</summary>
internal sealed class BenchReport(BenchOptions o)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public string Data { get; set; } = "";
    public List<LoadResult> B1 { get; } = [];
    public List<LoadResult> B1Baseline { get; } = [];
    public List<LoadResult> B1TwoInstances { get; } = [];
    public List<LoadResult> B1SaveSql { get; } = [];
    public List<double> B2 { get; } = [];
    public List<double> B2Baseline { get; } = [];
    public List<(string Path, LoadResult Result)> B3 { get; } = [];
    public List<double> B4Single { get; set; } = [];
    public List<double> B4SingleBaseline { get; set; } = [];
    public (int Files, double Seconds, int Failed, string Status)? B4Batch { get; set; }
    public (int Files, double Seconds)? B4BatchBaseline { get; set; }
    public double PeakRssMb { get; set; } = double.NaN;

    private sealed record Row(string Target, string Measured, string Baseline, string Ratio, string Goal, bool? Met);

    private static string F(double value, string format) => double.IsNaN(value) ? "n/a" : value.ToString(format, Inv);

    private static string Ratio(double measured, double baseline) =>
        double.IsNaN(measured) || double.IsNaN(baseline) || baseline == 0 ? "n/a" : F(measured / baseline, "0.00");

    private IEnumerable<Row> Rows()
    {
        var app64 = B1.FirstOrDefault(r => r.Clients == 64);
        var pg64 = B1Baseline.FirstOrDefault(r => r.Clients == 64);
        if (app64 is not null && pg64 is not null)
        {
            yield return new Row("B1 saves/s at 64 clients", F(app64.PerSecond, "0.0"), F(pg64.PerSecond, "0.0"),
                Ratio(app64.PerSecond, pg64.PerSecond), ">= 0.50 of baseline",
                app64.Errors == 0 && app64.PerSecond >= 0.5 * pg64.PerSecond);
            yield return new Row("B1 p99 at 64 clients (ms)", F(app64.P99, "0.0"), F(pg64.P99, "0.00"),
                Ratio(app64.P99, pg64.P99), "< 50 ms", app64.P99 < 50);
        }
        var app256 = B1.FirstOrDefault(r => r.Clients == 256);
        var pg256 = B1Baseline.FirstOrDefault(r => r.Clients == 256);
        if (app256 is not null)
            yield return new Row("B1 errors at 256 clients", $"{app256.Errors} of {app256.Count:N0}",
                pg256 is null ? "n/a" : $"{pg256.Errors} of {pg256.Count:N0}", "n/a", "0 (and every request answered)",
                app256.Errors == 0 && app256.Count > 0);
        if (B2.Count > 0)
        {
            var measured = BenchCommand.Median(B2) / 1000;
            var baseline = B2Baseline.Count > 0 ? BenchCommand.Median(B2Baseline) / 1000 : double.NaN;
            yield return new Row($"B2 recalculation of fiscal year {o.FiscalYear} (s)", F(measured, "0.00"),
                F(baseline, "0.00"), Ratio(measured, baseline), "<= 2x baseline and < 10 s",
                measured < 10 && !double.IsNaN(baseline) && measured <= 2 * baseline);
        }
        var statik = B3.FirstOrDefault(p => p.Path.StartsWith("/css/", StringComparison.Ordinal)).Result;
        foreach (var (_, page) in B3.Where(p => !p.Path.StartsWith("/css/", StringComparison.Ordinal)))
            yield return new Row($"B3 p95 {page.Name} (ms)", F(page.P95, "0.0"),
                statik is null ? "n/a" : F(statik.P95, "0.0"), Ratio(page.P95, statik?.P95 ?? double.NaN),
                "< 100 ms", page.Errors == 0 && page.Count > 0 && page.P95 < 100);
        if (B4Single.Count > 0)
        {
            var measured = BenchCommand.Median(B4Single);
            var baseline = BenchCommand.Median(B4SingleBaseline);
            yield return new Row("B4 one LAO's PDF (ms, median)", F(measured, "0"), F(baseline, "0"),
                Ratio(measured, baseline), "< 500 ms", measured < 500);
        }
        if (B4Batch is { } batch)
        {
            var rate = batch.Files / batch.Seconds;
            var bare = B4BatchBaseline is { } b ? b.Files / b.Seconds : double.NaN;
            yield return new Row($"B4 province {o.Province} PDFs/s ({batch.Files} files)", F(rate, "0.00"),
                F(bare, "0.00"), Ratio(rate, bare), ">= 8/s and >= 0.80 of baseline",
                batch.Failed == 0 && batch.Status == "succeeded" && rate >= 8 && rate >= 0.8 * bare);
        }
        yield return new Row("B5 peak memory of the host (MB, VmHWM)", F(PeakRssMb, "0"),
            F(o.IdleRssMb, "0") + " (idle after start)", Ratio(PeakRssMb, o.IdleRssMb), "< 600 MB",
            double.IsNaN(PeakRssMb) ? null : PeakRssMb < 600);
        yield return new Row("B5 start to /health/ready (ms)", F(o.ReadyMs, "0"), "n/a", "n/a", "< 5000 ms",
            double.IsNaN(o.ReadyMs) ? null : o.ReadyMs < 5000);
    }

    public string TargetTable()
    {
        var text = new StringBuilder();
        text.AppendLine("| target | measured | baseline | ratio | goal | met |");
        text.AppendLine("|---|---|---|---|---|---|");
        foreach (var r in Rows())
            text.AppendLine($"| {r.Target} | {r.Measured} | {r.Baseline} | {r.Ratio} | {r.Goal} | " +
                            $"{(r.Met is null ? "no (not measured)" : r.Met.Value ? "yes" : "no")} |");
        return text.ToString();
    }

    private static string LoadLine(LoadResult r) =>
        $"| {r.Name} | {r.Clients} | {r.Count:N0} | {F(r.PerSecond, "0.0")} | {F(r.P50, "0.0")} | " +
        $"{F(r.P95, "0.0")} | {F(r.P99, "0.0")} | {r.StatusText} |";

    public string Write()
    {
        var text = new StringBuilder();
        text.AppendLine("# E-PlanNACC benchmark results (scripts/bench)");
        text.AppendLine();
        text.AppendLine($"- date: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC; commit: {o.Commit}");
        text.AppendLine($"- machine: {BenchCommand.Machine()}; PostgreSQL, the host, Chromium and the load client " +
                        "all on this one machine");
        text.AppendLine($"- data: {Data}");
        text.AppendLine($"- host: Production configuration over HTTPS (self-signed certificate) at {o.Url}; " +
                        $"fiscal year {o.FiscalYear}, round {o.Round}, province {o.Province}; warm-up " +
                        $"{o.WarmUpSeconds} s, measured {o.DurationSeconds} s per load " +
                        "(docs/adr/0030-one-benchmark-command.md)");
        text.AppendLine();
        text.AppendLine("## B1 round-report saves (PUT /api/v1/projects/{id}/rounds/{round}) and pgbench's upsert");
        text.AppendLine();
        text.AppendLine("| run | clients | requests | per second | p50 ms | p95 ms | p99 ms | answers |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var r in B1.Concat(B1Baseline).Concat(B1TwoInstances).OrderBy(r => r.Clients))
            text.AppendLine(LoadLine(r));
        if (B1TwoInstances.Count == 0)
            text.AppendLine("\nTwo instances: not measured in this run (EPLAN_BENCH_SECOND_URL unset).");
        foreach (var sql in B1SaveSql)
        {
            var upsert = B1Baseline.FirstOrDefault(r => r.Clients == sql.Clients);
            text.AppendLine();
            text.AppendLine("Where the time goes: pgbench sending a save's own statements (prepared, in its " +
                            "transaction, no host: docs/adr/0042-a-save-recounts-one-round.md) at " +
                            $"{sql.Clients} clients: {F(sql.PerSecond, "0.0")}/s, p99 {F(sql.P99, "0.0")} ms" +
                            (upsert is null ? "" : $", {Ratio(sql.PerSecond, upsert.PerSecond)} of the single " +
                                                   "upsert: what the database alone allows a save through the API."));
        }
        text.AppendLine();
        text.AppendLine("## B2 recalculation of a fiscal year (ms of each run)");
        text.AppendLine();
        text.AppendLine($"- as the nightly job runs it (Hangfire job in the host): {string.Join(", ",
            B2.Select(v => F(v, "0")))}");
        text.AppendLine($"- bare SQL aggregate (GROUP BY LAO, round, dimension): {string.Join(", ",
            B2Baseline.Select(v => F(v, "0")))}");
        text.AppendLine();
        text.AppendLine("## B3 pages (HTML through HTTPS with a signed-in cookie, 16 clients)");
        text.AppendLine();
        text.AppendLine("| page | clients | requests | per second | p50 ms | p95 ms | p99 ms | answers |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var (path, r) in B3) text.AppendLine(LoadLine(r with { Name = $"{r.Name}: `{path}`" }));
        text.AppendLine();
        text.AppendLine("## B4 PDFs");
        text.AppendLine();
        text.AppendLine($"- one LAO's performance report through the API (ms, 10 in a row): " +
                        string.Join(", ", B4Single.Select(v => F(v, "0"))));
        text.AppendLine($"- the same HTML on bare Chromium (ms): " +
                        string.Join(", ", B4SingleBaseline.Select(v => F(v, "0"))));
        if (B4Batch is { } batch)
            text.AppendLine($"- province batch: {batch.Files} files ({batch.Failed} failed, {batch.Status}) in " +
                            $"{F(batch.Seconds, "0.0")} s from the request to its end");
        if (B4BatchBaseline is { } bare)
            text.AppendLine($"- bare Chromium, {o.PdfsAtOnce} pages at once: {bare.Files} files in " +
                            $"{F(bare.Seconds, "0.0")} s");
        text.AppendLine();
        text.AppendLine("## Targets (issue 10, section 3)");
        text.AppendLine();
        text.Append(TargetTable());
        return text.ToString();
    }
}
