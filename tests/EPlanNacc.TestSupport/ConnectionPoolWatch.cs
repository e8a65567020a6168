using System.Diagnostics.Metrics;

namespace EPlanNacc.TestSupport;

/// <summary>Npgsql's own metrics of the connection pools of this process (the application runs in the test's
/// process), pool by pool (the application's is named
/// <see cref="BuildingBlocks.ServiceCollectionExtensions.PoolName"/>): how many connections it has handed out
/// (<c>db.client.connection.count</c>, state <c>used</c>), its size (<c>db.client.connection.max</c>) and how many
/// requests wait for a connection
/// (<c>db.client.connection.npgsql.pending_requests</c>) at each <see cref="Sample"/>, and how many gave up waiting
/// (<c>db.client.connection.npgsql.timeouts</c>) since the watch started.</summary>
public sealed class ConnectionPoolWatch : IDisposable
{
    private const string Used = "db.client.connection.count";
    private const string Max = "db.client.connection.max";
    private const string Pending = "db.client.connection.npgsql.pending_requests";
    private const string Timeouts = "db.client.connection.npgsql.timeouts";

    private readonly MeterListener _listener = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (long Used, long Max, long Pending)> _now = [];

    public ConnectionPoolWatch()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Npgsql" && instrument.Name is Used or Max or Pending or Timeouts)
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>Per pool: the most connections handed out at once, its size, the most requests waiting at
    /// once.</summary>
    public Dictionary<string, (long Used, long Max, long Pending)> Peaks { get; } = [];

    /// <summary>Per pool: the requests that gave up waiting for a connection.</summary>
    public Dictionary<string, long> TimedOut { get; } = [];

    private void Add(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? pool = null;
        var used = true;
        foreach (var tag in tags)
        {
            if (tag.Key == "db.client.connection.pool.name") pool = tag.Value?.ToString();
            if (tag.Key == "db.client.connection.state") used = Equals(tag.Value, "used");
        }
        pool ??= "-";
        if (instrument.Name == Timeouts)
        {
            lock (_gate) TimedOut[pool] = TimedOut.GetValueOrDefault(pool) + value;
            return;
        }
        var now = _now.GetValueOrDefault(pool);
        _now[pool] = instrument.Name switch
        {
            Used when used => now with { Used = now.Used + value },
            Max => now with { Max = value },
            Pending => now with { Pending = now.Pending + value },
            _ => now,
        };
    }

    /// <summary>Reads the pools' figures now.</summary>
    public void Sample()
    {
        lock (_gate)
        {
            _now.Clear();
            _listener.RecordObservableInstruments();
            foreach (var (pool, now) in _now)
            {
                var peak = Peaks.GetValueOrDefault(pool);
                Peaks[pool] = (Math.Max(peak.Used, now.Used), now.Max, Math.Max(peak.Pending, now.Pending));
            }
        }
    }

    /// <summary>The figures of every pool, for a test's output.</summary>
    public override string ToString()
    {
        lock (_gate)
            return string.Join("; ", Peaks.Select(p =>
                $"pool {p.Key}: at most {p.Value.Used} of {p.Value.Max} handed out, {p.Value.Pending} waiting, " +
                $"{TimedOut.GetValueOrDefault(p.Key)} timed out"));
    }

    public void Dispose() => _listener.Dispose();
}
