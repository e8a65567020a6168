using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EPlanNacc.TestSupport;

/// <summary>A logger provider a test adds to the application's logging (<see cref="ILoggerFactory.AddProvider"/>):
/// while it records (<see cref="Record"/>), it keeps each line with the values of its scopes, as the JSON console
/// writes them. Its alias, <c>TestCapture</c>, gives it a level of its own in the test host's settings
/// (AppFixture).</summary>
[ProviderAlias("TestCapture")]
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    public sealed record Line(string Category, LogLevel Level, string Message,
        IReadOnlyDictionary<string, string?> Scopes);

    private readonly ConcurrentQueue<Line> _lines = new();
    private IExternalScopeProvider? _scopes;
    private volatile bool _recording;

    public IReadOnlyList<Line> Lines => [.. _lines];

    /// <summary>Keeps the lines logged until the answer is disposed.</summary>
    public IDisposable Record()
    {
        _lines.Clear();
        _recording = true;
        return new Stop(this);
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose() => _recording = false;

    private sealed class Stop(CapturedLogs logs) : IDisposable
    {
        public void Dispose() => logs._recording = false;
    }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull =>
            logs._scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logs._recording;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            if (!logs._recording) return;
            var scopes = new Dictionary<string, string?>();
            logs._scopes?.ForEachScope((scope, values) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                    foreach (var (key, value) in pairs) values[key] = value?.ToString();
            }, scopes);
            logs._lines.Enqueue(new Line(category, logLevel, formatter(state, exception), scopes));
        }
    }
}
