using Microsoft.Extensions.Logging;

namespace EPlanNacc.BuildingBlocks.Telemetry;

/// <summary>A value a metric reads from the database (a queue's length), read again at most once per
/// <paramref name="lifetime"/> on the application's clock: a scrape every few seconds, or several scrapers, do not
/// each query the database. A failed read (the database away) keeps the last value and is logged once per
/// lifetime; the scrape never fails for it.</summary>
public sealed class CachedReading<T>(TimeProvider clock, TimeSpan lifetime, Func<T> read, T initial, ILogger logger)
{
    private readonly Lock _gate = new();
    private T _value = initial;
    private DateTimeOffset? _readAt;

    public T Value
    {
        get
        {
            lock (_gate)
            {
                var now = clock.GetUtcNow();
                if (_readAt is { } at && now - at < lifetime && now >= at) return _value;
                _readAt = now;
                try
                {
                    _value = read();
                }
                catch (Exception ex)
                {
                    logger.LogWarning(ex, "A metric could not be read; it keeps its last value");
                }
                return _value;
            }
        }
    }
}
