using EPlanNacc.BuildingBlocks.Data;

namespace EPlanNacc.Modules.Identity.Features.Instances;

/// <summary>What one request is, in a fixed window of a limit: its number, counted by every instance together, and how
/// long until the window ends.</summary>
public sealed record RequestCount(int Hits, TimeSpan RetryAfter);

/// <summary>Counts the requests of one client against one of the security limits (sign-in tries, password-reset
/// requests) in <c>identity.request_counts</c>, a fixed window at a time, with one upsert per request: the count holds
/// across every instance of the application, where a limiter in memory would allow N instances N times as many tries
/// (docs/adr/0033-several-instances.md). Windows are aligned on the application's clock; ended ones are deleted every
/// hour (<see cref="Sessions.DeleteExpiredSignInRecordsCommand"/>).</summary>
public sealed class RequestCounter(DbSession db, TimeProvider clock)
{
    public async Task<RequestCount> CountAsync(string limit, string client, int windowSeconds, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var window = TimeSpan.FromSeconds(windowSeconds);
        var start = new DateTimeOffset(now.UtcTicks - now.UtcTicks % window.Ticks, TimeSpan.Zero);
        var end = start + window;
        var hits = await db.ExecuteScalarAsync<int>("""
            INSERT INTO identity.request_counts AS c (bucket, window_start, window_end, hits)
            VALUES (@bucket, @start, @end, 1)
            ON CONFLICT (bucket, window_start) DO UPDATE SET hits = c.hits + 1
            RETURNING hits
            """, new { bucket = $"{limit}:{client}", start, end }, ct);
        return new RequestCount(hits, end - now);
    }
}
