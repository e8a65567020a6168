using System.Collections.Concurrent;
using System.Diagnostics;
using EPlanNacc.BuildingBlocks.Data;
using Npgsql;

namespace EPlanNacc.TestSupport;

/// <summary>The statements the application runs through its data source, by the trace they ran in
/// (docs/adr/0031-a-guard-against-regressions.md). Registered on the test host's data source
/// (<see cref="IConfigureDataSource"/>): Npgsql's tracing calls it for every command it traces, with the command, so
/// that the text and a copy of the parameters are kept. Npgsql traces only while something listens to its activity
/// source: <see cref="Listen"/>, outside of which this costs nothing. A request sent with <see cref="SendAsync"/>
/// carries a trace id of its own (a <c>traceparent</c> header, which ASP.NET Core takes up), so its statements are
/// exactly those recorded under that id, whatever else runs meanwhile (Hangfire's polling, another request).</summary>
public sealed class StatementRecorder : IConfigureDataSource
{
    /// <summary>One command: its text as sent (Dapper's lists expanded) and its parameters, copied.</summary>
    public sealed record Statement(string Sql, IReadOnlyList<NpgsqlParameter> Parameters);

    private readonly ConcurrentDictionary<ActivityTraceId, ConcurrentQueue<Statement>> _byTrace = new();
    private int _listeners;

    public void Configure(NpgsqlDataSourceBuilder builder) => builder.ConfigureTracing(tracing => tracing
        .ConfigureCommandEnrichmentCallback((activity, command) =>
            Record(activity, command.CommandText, command.Parameters))
        .ConfigureBatchEnrichmentCallback((activity, batch) =>
        {
            foreach (var command in batch.BatchCommands) Record(activity, command.CommandText, command.Parameters);
        }));

    private void Record(Activity activity, string sql, System.Data.Common.DbParameterCollection parameters)
    {
        if (Volatile.Read(ref _listeners) == 0) return;
        _byTrace.GetOrAdd(activity.TraceId, _ => new ConcurrentQueue<Statement>())
            .Enqueue(new Statement(sql, [.. parameters.Cast<NpgsqlParameter>().Select(p => p.Clone())]));
    }

    /// <summary>Has Npgsql trace its commands (and so this record them) until the answer is disposed.</summary>
    public IDisposable Listen()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Npgsql" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
        };
        ActivitySource.AddActivityListener(listener);
        Interlocked.Increment(ref _listeners);
        return new Stop(() =>
        {
            Interlocked.Decrement(ref _listeners);
            listener.Dispose();
        });
    }

    /// <summary>The statements recorded under <paramref name="trace"/> (and forgets them).</summary>
    public IReadOnlyList<Statement> Take(ActivityTraceId trace) =>
        _byTrace.TryRemove(trace, out var statements) ? [.. statements] : [];

    /// <summary>Sends <paramref name="request"/> with a trace id of its own, reads the whole answer, and returns it
    /// with the statements the request ran.</summary>
    public async Task<(HttpResponseMessage Response, IReadOnlyList<Statement> Statements)> SendAsync(
        HttpClient client, HttpRequestMessage request)
    {
        var trace = ActivityTraceId.CreateRandom();
        var span = ActivitySpanId.CreateRandom();
        request.Headers.Add("traceparent", $"00-{trace.ToHexString()}-{span.ToHexString()}-01");
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return (response, Take(trace));
    }

    /// <summary>Runs <paramref name="work"/> (a job's command sent through the mediator) in a trace of its own and
    /// returns the statements it ran.</summary>
    public async Task<IReadOnlyList<Statement>> RunAsync(Func<Task> work)
    {
        using var activity = new Activity("test").SetIdFormat(ActivityIdFormat.W3C).Start();
        await work();
        return Take(activity.TraceId);
    }

    private sealed class Stop(Action stop) : IDisposable
    {
        private Action? _stop = stop;

        public void Dispose() => Interlocked.Exchange(ref _stop, null)?.Invoke();
    }
}
