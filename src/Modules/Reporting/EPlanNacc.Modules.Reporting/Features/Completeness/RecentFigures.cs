using EPlanNacc.Modules.Reporting.Rendering;
using Microsoft.Extensions.Options;

namespace EPlanNacc.Modules.Reporting.Features.Completeness;

/// <summary>Figures of the whole nation computed a few seconds ago
/// (<see cref="ReportingOptions.NationalFiguresSeconds"/>), for the staff pages that show when they were computed
/// ("ข้อมูล ณ ..."): sixteen officers reading the nation at once wait for one computation, not sixteen
/// (docs/adr/0038-national-pages-read-lightly.md). One computation per key at a time; a failed one is not kept. Per
/// instance (each host computes its own).</summary>
public sealed class RecentFigures(TimeProvider clock, IOptions<ReportingOptions> options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (DateTimeOffset At, Task<object> Value)> _entries = [];

    /// <summary>The figures of <paramref name="key"/> and when they were computed: the kept ones while younger than
    /// the setting, else those of <paramref name="compute"/> (which must not depend on the caller: the nation's
    /// figures are the same for every admin).</summary>
    public Task<(T Value, DateTimeOffset At)> GetAsync<T>(string key, Func<Task<T>> compute) =>
        GetAsync(key, options.Value.NationalFiguresSeconds, compute);

    /// <summary>As <see cref="GetAsync{T}(string, Func{Task{T}})"/>, kept <paramref name="seconds"/> (0: computed at
    /// every call).</summary>
    public async Task<(T Value, DateTimeOffset At)> GetAsync<T>(string key, int seconds, Func<Task<T>> compute)
    {
        var now = clock.GetUtcNow();
        var keep = TimeSpan.FromSeconds(seconds);
        if (keep <= TimeSpan.Zero) return (await compute(), now);
        Task<object> task;
        DateTimeOffset at;
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out var entry) || now - entry.At >= keep || entry.Value.IsFaulted
                || entry.Value.IsCanceled)
            {
                entry = (now, ComputeAsync(compute));
                _entries[key] = entry;
            }
            (at, task) = entry;
        }
        try
        {
            return ((T)await task, at);
        }
        catch
        {
            lock (_gate)
                if (_entries.TryGetValue(key, out var entry) && entry.Value == task) _entries.Remove(key);
            throw;
        }
    }

    private static async Task<object> ComputeAsync<T>(Func<Task<T>> compute) => (await compute())!;
}
