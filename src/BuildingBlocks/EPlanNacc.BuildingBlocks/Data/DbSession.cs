using System.Data;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EPlanNacc.BuildingBlocks.Data;

/// <summary>
/// The unit of work of one request, job or test: one connection from the shared <see cref="NpgsqlDataSource"/>,
/// opened on first use, and at most one transaction (begun by the TransactionBehavior around a command).
/// Every Dapper call goes through here so that it joins the open transaction. A report's reads take their connection
/// from the reports' pool instead (<see cref="UseReportsAsync"/>).
/// </summary>
public sealed class DbSession(NpgsqlDataSource dataSource, ReportsDataSource reports, ILogger<DbSession> logger)
    : IAsyncDisposable, IDisposable
{
    private NpgsqlConnection? _connection;
    private bool _reports;
    private List<Func<Task>>? _afterCommit;
    private HashSet<object>? _afterCommitKeys;

    public NpgsqlTransaction? Transaction { get; private set; }

    public async ValueTask<NpgsqlConnection> GetConnectionAsync(CancellationToken ct = default)
    {
        if (_connection is null)
        {
            _connection = await (_reports ? reports.DataSource : dataSource).OpenConnectionAsync(ct);
        }
        return _connection;
    }

    /// <summary>Gives the connection back to the pool when no transaction is open (the next statement takes one
    /// again): for a request that waits long after its reads, such as a PDF waiting for a print slot, so that waiting
    /// requests never hold the pool. Inside a transaction it keeps the connection and answers false.</summary>
    public async ValueTask<bool> ReleaseConnectionAsync()
    {
        if (Transaction is not null) return false;
        if (_connection is not null) await _connection.DisposeAsync();
        _connection = null;
        return true;
    }

    /// <summary>Until the answer is disposed, the statements of this session read through the reports' pool
    /// (<see cref="IReadsReports"/>): the connection held is given back first, and again at the end. Inside a
    /// transaction, or when the session reads the reports' pool already, it changes nothing (and answers
    /// null).</summary>
    public async ValueTask<IAsyncDisposable?> UseReportsAsync()
    {
        if (_reports || Transaction is not null) return null;
        await ReleaseConnectionAsync();
        _reports = true;
        return new BackToPrimary(this);
    }

    private sealed class BackToPrimary(DbSession session) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (!await session.ReleaseConnectionAsync()) return; // a transaction the report left open: as it is
            session._reports = false;
        }
    }

    public async ValueTask BeginAsync(IsolationLevel isolation = IsolationLevel.ReadCommitted,
        CancellationToken ct = default)
    {
        if (Transaction is not null) throw new InvalidOperationException("A transaction is already open.");
        var connection = await GetConnectionAsync(ct);
        Transaction = await connection.BeginTransactionAsync(isolation, ct);
    }

    public async ValueTask CommitAsync(CancellationToken ct = default)
    {
        if (Transaction is null) return;
        await Transaction.CommitAsync(ct);
        await Transaction.DisposeAsync();
        Transaction = null;
        var actions = _afterCommit;
        _afterCommit = null;
        _afterCommitKeys = null;
        if (actions is null) return;
        foreach (var action in actions)
        {
            // the change is committed: a failed side effect must not report it as failed. What must not be lost was
            // written in the transaction as a pending row, which a recurring sweep drains (docs/conventions.md 16).
            try { await action(); }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "An action after the commit failed; the recurring sweep will catch up");
            }
        }
    }

    /// <summary>Runs <paramref name="action"/> once the open transaction commits (never if it rolls back), or at
    /// once when no transaction is open: for work that must see what the transaction wrote, such as a job. With a
    /// <paramref name="key"/>, an action whose key (compared by value) is already waiting is not added again.</summary>
    public async Task AfterCommit(Func<Task> action, object? key = null)
    {
        if (Transaction is null)
        {
            await action();
            return;
        }
        if (key is not null && !(_afterCommitKeys ??= []).Add(key)) return;
        (_afterCommit ??= []).Add(action);
    }

    /// <summary>Runs <paramref name="work"/> in a transaction, committed when it returns and rolled back when it
    /// throws; inside a transaction already open, it simply joins it.</summary>
    public async Task<T> InTransactionAsync<T>(Func<Task<T>> work, CancellationToken ct = default)
    {
        if (Transaction is not null) return await work();
        await BeginAsync(ct: ct);
        try
        {
            var result = await work();
            await CommitAsync(ct);
            return result;
        }
        catch
        {
            await RollbackAsync();
            throw;
        }
    }

    public async ValueTask RollbackAsync()
    {
        _afterCommit = null;
        _afterCommitKeys = null;
        if (Transaction is null) return;
        try { await Transaction.RollbackAsync(); }
        finally
        {
            await Transaction.DisposeAsync();
            Transaction = null;
        }
    }

    private CommandDefinition Command(string sql, object? param, CancellationToken ct) =>
        new(sql, param, Transaction, cancellationToken: ct);

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? param = null, CancellationToken ct = default)
    {
        var connection = await GetConnectionAsync(ct);
        return (await connection.QueryAsync<T>(Command(sql, param, ct))).AsList();
    }

    /// <summary>Two queries sent together (<paramref name="sql"/> holds both, separated by a semicolon): one round
    /// trip instead of two, their rows read in order.</summary>
    public async Task<(IReadOnlyList<T1> First, IReadOnlyList<T2> Second)> QueryTwoAsync<T1, T2>(string sql,
        object? param = null, CancellationToken ct = default)
    {
        var connection = await GetConnectionAsync(ct);
        await using var results = await connection.QueryMultipleAsync(Command(sql, param, ct));
        var first = (await results.ReadAsync<T1>()).AsList();
        var second = (await results.ReadAsync<T2>()).AsList();
        return (first, second);
    }

    public async Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? param = null, CancellationToken ct = default)
    {
        var connection = await GetConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<T>(Command(sql, param, ct));
    }

    public async Task<T> QuerySingleAsync<T>(string sql, object? param = null, CancellationToken ct = default)
    {
        var connection = await GetConnectionAsync(ct);
        return await connection.QuerySingleAsync<T>(Command(sql, param, ct));
    }

    public async Task<T?> QueryFirstOrDefaultAsync<T>(string sql, object? param = null, CancellationToken ct = default)
    {
        var connection = await GetConnectionAsync(ct);
        return await connection.QueryFirstOrDefaultAsync<T>(Command(sql, param, ct));
    }

    public async Task<int> ExecuteAsync(string sql, object? param = null, CancellationToken ct = default)
    {
        var connection = await GetConnectionAsync(ct);
        return await connection.ExecuteAsync(Command(sql, param, ct));
    }

    public async Task<T?> ExecuteScalarAsync<T>(string sql, object? param = null, CancellationToken ct = default)
    {
        var connection = await GetConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<T>(Command(sql, param, ct));
    }

    public void Dispose()
    {
        Transaction?.Dispose();
        Transaction = null;
        _connection?.Dispose();
        _connection = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (Transaction is not null) await RollbackAsync();
        if (_connection is not null) await _connection.DisposeAsync();
        _connection = null;
    }
}
