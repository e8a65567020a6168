using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using EPlanNacc.BuildingBlocks.Errors;
using Microsoft.Extensions.Options;

namespace EPlanNacc.BuildingBlocks.Security;

/// <summary>The kinds of expensive work a user's requests are counted against, each with its own limit
/// (<c>UsageLimits:*</c>, docs/adr/0022-a-printer-that-cannot-reach-out.md).</summary>
public enum Usage
{
    /// <summary>A report read, on screen, as JSON, PDF or Excel.</summary>
    Report,
    /// <summary>The summary (ข้อมูลโดยสรุป).</summary>
    Dashboard,
    /// <summary>An uploaded plan read (the preview) or imported.</summary>
    Import,
}

/// <summary>A message whose work is expensive: a user who sends it more often than the limit of its
/// <see cref="Usage"/> allows is refused (429 with Retry-After) until the limit lets it through again. Counted once
/// per request, for the message the page or endpoint sent (not for the messages its handler sends on), and only for
/// people: jobs and start-up steps are not limited.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class LimitedAttribute(Usage usage) : Attribute
{
    public Usage Usage { get; } = usage;
}

public sealed class UsageLimitOptions
{
    public const string Section = "UsageLimits";
    /// <summary>Reports one user may read per minute (on screen, JSON, PDF or Excel).</summary>
    [Range(1, 100_000)] public int ReportsPerMinute { get; set; } = 30;
    /// <summary>Summaries (ข้อมูลโดยสรุป) one user may read per minute.</summary>
    [Range(1, 100_000)] public int DashboardsPerMinute { get; set; } = 60;
    /// <summary>Uploaded plans one LAO may read or import per hour (preview and import count alike).</summary>
    [Range(1, 100_000)] public int ImportsPerHour { get; set; } = 30;

    public (int Permits, TimeSpan Window) For(Usage usage) => usage switch
    {
        Usage.Report => (ReportsPerMinute, TimeSpan.FromMinutes(1)),
        Usage.Dashboard => (DashboardsPerMinute, TimeSpan.FromMinutes(1)),
        _ => (ImportsPerHour, TimeSpan.FromHours(1)),
    };
}

/// <summary>The per-user limits of the expensive messages (<see cref="LimitedAttribute"/>): a token bucket per user
/// and kind of work, full at the start (a burst of the whole limit), refilled evenly over the window, on the
/// application's clock. A message that finds its bucket empty is refused with the time until the next token.</summary>
public sealed class UsageMeter(IOptions<UsageLimitOptions> options, TimeProvider clock)
{
    public const string Message = "ท่านเรียกดูรายงานหรือข้อมูลจำนวนมากในเวลาสั้น ๆ กรุณารอสักครู่แล้วลองใหม่อีกครั้ง";
    public const string ImportMessage = "ท่านนำเข้าไฟล์บ่อยเกินไป กรุณารอสักครู่แล้วลองใหม่อีกครั้ง";

    private readonly ConcurrentDictionary<(Guid User, Usage Usage), Bucket> _buckets = new();

    private sealed class Bucket(double tokens, DateTimeOffset at)
    {
        public double Tokens = tokens;
        public DateTimeOffset At = at;
    }

    /// <summary>Takes one token of <paramref name="usage"/> for <paramref name="user"/>, or refuses
    /// (<see cref="TryLaterException"/>, the caller's limit).</summary>
    public void Take(Guid user, Usage usage)
    {
        var (permits, window) = options.Value.For(usage);
        var now = clock.GetUtcNow();
        var bucket = _buckets.GetOrAdd((user, usage), _ => new Bucket(permits, now));
        lock (bucket)
        {
            // a clock moved backwards (tests set the day) refills nothing and takes nothing away
            var elapsed = Math.Max(0, (now - bucket.At).TotalSeconds);
            bucket.Tokens = Math.Min(permits, bucket.Tokens + elapsed * permits / window.TotalSeconds);
            bucket.At = now;
            if (bucket.Tokens >= 1)
            {
                bucket.Tokens -= 1;
                return;
            }
            var wait = TimeSpan.FromSeconds(Math.Ceiling((1 - bucket.Tokens) * window.TotalSeconds / permits));
            throw new TryLaterException(usage == Usage.Import ? ImportMessage : Message, wait, callersLimit: true);
        }
    }

    /// <summary>Forgets every bucket (the tests, between two tests).</summary>
    public void Clear() => _buckets.Clear();
}
