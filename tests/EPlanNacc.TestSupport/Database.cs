using System.Diagnostics;
using Dapper;
using Npgsql;

namespace EPlanNacc.TestSupport;

/// <summary>What a test reads or arranges in the database directly, outside the application: to see what a command
/// left, or to stage what a crash would leave.</summary>
public static class DatabaseExtensions
{
    public static async Task<IReadOnlyList<T>> QueryAsync<T>(this AppFixture app, string sql, object? param = null)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        return (await connection.QueryAsync<T>(sql, param)).AsList();
    }

    /// <summary>A query as the application's login (what it may see: its own sessions in pg_stat_activity, which the
    /// owner's login sees without their query or wait).</summary>
    public static async Task<IReadOnlyList<T>> QueryAsApplicationAsync<T>(this AppFixture app, string sql,
        object? param = null)
    {
        await using var connection = new NpgsqlConnection(app.AppConnectionString);
        return (await connection.QueryAsync<T>(sql, param)).AsList();
    }

    public static async Task<int> ExecuteAsync(this AppFixture app, string sql, object? param = null)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        return await connection.ExecuteAsync(sql, param);
    }
}

/// <summary>Waits for background work (a job) to reach a state, polling; fails with what it last saw.</summary>
public static class Eventually
{
    public static async Task<T> Async<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (watch.Elapsed > (timeout ?? TimeSpan.FromSeconds(30)))
                throw new TimeoutException($"{what}: not reached in time (last seen: {value})");
            await Task.Delay(100);
        }
    }
}
