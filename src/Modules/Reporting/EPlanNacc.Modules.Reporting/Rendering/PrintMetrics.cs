using System.Diagnostics;
using System.Diagnostics.Metrics;
using EPlanNacc.BuildingBlocks.Telemetry;

namespace EPlanNacc.Modules.Reporting.Rendering;

/// <summary>The printer's metrics (docs/adr/0032-telemetry.md): <c>eplan.pdf.print.duration</c>, the seconds
/// Chromium took to print one PDF once it had a print slot (<c>outcome=printed|failed</c>), and
/// <c>eplan.pdf.queue</c>, the PDFs waiting for a slot (<c>state=waiting</c>) and printing (<c>state=printing</c>):
/// users' PDFs and the bulk jobs' alike (<see cref="ChromiumPdfRenderer"/>). One meter for the process, as the printer
/// is one for the process.</summary>
internal static class PrintMetrics
{
    public const string MeterName = AppMeters.Prefix + "Reporting";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("eplan.pdf.print.duration",
        "s", "Time Chromium took to print one PDF, once it had a print slot",
        advice: new InstrumentAdvice<double>
        {
            HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2.5, 5, 10, 30],
        });

    private static readonly UpDownCounter<long> Queue = Meter.CreateUpDownCounter<long>("eplan.pdf.queue",
        "{pdf}", "PDFs waiting for a print slot (state=waiting) or printing (state=printing)");

    private static readonly KeyValuePair<string, object?> Waiting = new("state", "waiting");
    private static readonly KeyValuePair<string, object?> Printing = new("state", "printing");

    /// <summary>A PDF starts waiting for a slot; dispose when it has one (or gave up).</summary>
    public static IDisposable Wait()
    {
        Queue.Add(1, Waiting);
        return new Leave(() => Queue.Add(-1, Waiting));
    }

    /// <summary>A PDF starts printing; dispose when it is printed, or failed.</summary>
    public static PrintTiming Print()
    {
        Queue.Add(1, Printing);
        return new PrintTiming(Stopwatch.GetTimestamp());
    }

    public sealed class PrintTiming(long started) : IDisposable
    {
        private int _done;

        public bool Printed { get; set; }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 1) return;
            Queue.Add(-1, Printing);
            Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds,
                new KeyValuePair<string, object?>("outcome", Printed ? "printed" : "failed"));
        }
    }

    private sealed class Leave(Action leave) : IDisposable
    {
        private Action? _leave = leave;

        public void Dispose() => Interlocked.Exchange(ref _leave, null)?.Invoke();
    }
}
