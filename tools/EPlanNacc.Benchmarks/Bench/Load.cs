using System.Diagnostics;

namespace EPlanNacc.Benchmarks.Bench;

/// <summary>What one load run measured: the requests completed in the measured window (after the warm-up), their
/// latencies and their answers by status (0: no answer, an exception).</summary>
internal sealed record LoadResult(string Name, int Clients, double Seconds, IReadOnlyList<double> LatenciesMs,
    IReadOnlyDictionary<int, int> Statuses)
{
    public int Count => LatenciesMs.Count;
    public double PerSecond => Count / Seconds;
    public double P50 => Percentile(0.50);
    public double P95 => Percentile(0.95);
    public double P99 => Percentile(0.99);

    /// <summary>Answers that are not 2xx (and requests without an answer).</summary>
    public int Errors => Statuses.Where(s => s.Key is < 200 or >= 300).Sum(s => s.Value);

    public string StatusText => string.Join(", ", Statuses.OrderBy(s => s.Key)
        .Select(s => $"{(s.Key == 0 ? "no answer" : s.Key.ToString(Inv))}: {s.Value:N0}"));

    private static readonly IFormatProvider Inv = System.Globalization.CultureInfo.InvariantCulture;

    /// <summary>The nearest-rank percentile of the sorted latencies.</summary>
    public double Percentile(double p) =>
        LatenciesMs.Count == 0 ? double.NaN
            : LatenciesMs[Math.Clamp((int)Math.Ceiling(p * LatenciesMs.Count) - 1, 0, LatenciesMs.Count - 1)];

    public static LoadResult Of(string name, int clients, double seconds, List<double> latencies,
        Dictionary<int, int> statuses)
    {
        latencies.Sort();
        return new LoadResult(name, clients, seconds, latencies, statuses);
    }
}

/// <summary>A closed-loop load: <c>clients</c> workers each send one request after another (the next as soon as the
/// previous answered) for a warm-up, whose requests are not counted, then for the measured duration. A request is
/// a function of the worker's number that answers the HTTP status.</summary>
internal static class Load
{
    public static async Task<LoadResult> RunAsync(string name, int clients, TimeSpan warmUp, TimeSpan duration,
        Func<int, CancellationToken, Task<int>> request)
    {
        var measuring = 0; // 0 warm-up, 1 measured window, 2 stopped
        var perWorker = Enumerable.Range(0, clients).Select(_ => new List<double>(4096)).ToArray();
        var statuses = Enumerable.Range(0, clients).Select(_ => new Dictionary<int, int>()).ToArray();
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, clients).Select(worker => Task.Run(async () =>
        {
            while (Volatile.Read(ref measuring) < 2)
            {
                var counted = Volatile.Read(ref measuring) == 1;
                var started = Stopwatch.GetTimestamp();
                int status;
                try
                {
                    status = await request(worker, stop.Token);
                }
                catch (Exception) when (stop.IsCancellationRequested)
                {
                    break; // the run ended while this request was on its way: not counted
                }
                catch (Exception)
                {
                    status = 0;
                }
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                // counted only when it started and ended inside the measured window
                if (counted && Volatile.Read(ref measuring) == 1)
                {
                    perWorker[worker].Add(elapsed);
                    statuses[worker][status] = statuses[worker].GetValueOrDefault(status) + 1;
                }
            }
        })).ToArray();
        await Task.Delay(warmUp);
        var window = Stopwatch.StartNew();
        Volatile.Write(ref measuring, 1);
        await Task.Delay(duration);
        Volatile.Write(ref measuring, 2);
        var seconds = window.Elapsed.TotalSeconds;
        // the requests still on their way get a few seconds to finish, then are cut off
        stop.CancelAfter(TimeSpan.FromSeconds(10));
        await Task.WhenAll(workers);
        var all = perWorker.SelectMany(l => l).ToList();
        var byStatus = new Dictionary<int, int>();
        foreach (var (status, count) in statuses.SelectMany(s => s))
            byStatus[status] = byStatus.GetValueOrDefault(status) + count;
        return LoadResult.Of(name, clients, seconds, all, byStatus);
    }
}
