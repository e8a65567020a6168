using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace EPlanNacc.Host.Infrastructure;

/// <summary>PostgreSQL out of reach (refused, cut, restarting, the pool waiting in vain): a request gets a Thai answer
/// with 503 and <c>Retry-After</c> (the API problem+json, the pages the error page), never a 500, and the pool's idle
/// connections, dead with the server's, are dropped so that the first requests after its return do not meet them
/// (docs/adr/0027-faults.md).</summary>
public static class DatabaseOutage
{
    public const string Title = "ระบบฐานข้อมูลไม่พร้อมใช้งานชั่วคราว";

    public const string Message = "ขออภัย ระบบไม่สามารถติดต่อฐานข้อมูลได้ในขณะนี้ กรุณารอสักครู่แล้วลองใหม่อีกครั้ง " +
                                  "หากท่านกำลังบันทึกข้อมูล กรุณาตรวจสอบอีกครั้งว่าข้อมูลถูกบันทึกแล้วหรือไม่";

    public const int RetryAfterSeconds = 30;

    /// <summary>Whether the error, or one it wraps, is the database being unreachable rather than a fault of the
    /// request: Npgsql's transient errors of the connection (I/O, sockets, timeouts, the pool waiting in vain) and the
    /// server's refusals of connections (SQL states 08, the server shutting down or starting 57P, too many
    /// connections 53300). A deadlock or a serialization failure, also transient for Npgsql, is not an outage.
    /// </summary>
    public static bool Is(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is PostgresException pg)
            {
                if (pg.SqlState.StartsWith("08", StringComparison.Ordinal)
                    || pg.SqlState.StartsWith("57P", StringComparison.Ordinal) || pg.SqlState == "53300") return true;
            }
            else if (e is NpgsqlException { IsTransient: true }) return true;
        }
        return false;
    }
}

/// <summary>First of the exception handlers: on an outage, clears the pool and sets <c>Retry-After</c>, then lets
/// <see cref="ApiExceptionHandler"/> or the error page answer.</summary>
public sealed class DatabaseOutageHandler(NpgsqlDataSource dataSource, ILogger<DatabaseOutageHandler> logger)
    : IExceptionHandler
{
    public ValueTask<bool> TryHandleAsync(HttpContext ctx, Exception exception, CancellationToken ct)
    {
        if (DatabaseOutage.Is(exception))
        {
            logger.LogWarning("The database is unreachable ({Error}); idle connections dropped", exception.Message);
            dataSource.Clear();
            ctx.Response.Headers.RetryAfter = DatabaseOutage.RetryAfterSeconds.ToString(
                System.Globalization.CultureInfo.InvariantCulture);
        }
        return ValueTask.FromResult(false);
    }
}
