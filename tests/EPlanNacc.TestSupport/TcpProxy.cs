using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace EPlanNacc.TestSupport;

/// <summary>A TCP proxy in the test process, between the application and PostgreSQL, that a test can stop: stopped,
/// it cuts every connection it carries and closes each new one at once, as a database server that goes away does;
/// resumed, it carries connections again. The application's connection string points at <see cref="Port"/>.</summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly ConcurrentDictionary<Guid, (TcpClient Client, TcpClient Server)> _open = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private volatile bool _refusing;

    public TcpProxy(string targetHost, int targetPort)
    {
        (_targetHost, _targetPort) = (targetHost, targetPort);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>How many connections the proxy carries now.</summary>
    public int OpenConnections => _open.Count;

    /// <summary>Cuts every connection and refuses new ones until <see cref="Resume"/>.</summary>
    public void Stop()
    {
        _refusing = true;
        foreach (var (id, pair) in _open)
        {
            Cut(pair);
            _open.TryRemove(id, out _);
        }
    }

    public void Resume() => _refusing = false;

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = CarryAsync(client);
        }
    }

    private async Task CarryAsync(TcpClient client)
    {
        if (_refusing)
        {
            client.Client.LingerState = new LingerOption(true, 0); // a reset, not a polite close
            client.Dispose();
            return;
        }
        var server = new TcpClient();
        try { await server.ConnectAsync(_targetHost, _targetPort, _stop.Token); }
        catch (Exception)
        {
            Cut((client, server));
            return;
        }
        var id = Guid.NewGuid();
        _open[id] = (client, server);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        var up = PumpAsync(client, server, either.Token);
        var down = PumpAsync(server, client, either.Token);
        await Task.WhenAny(up, down);
        await either.CancelAsync();
        _open.TryRemove(id, out _);
        Cut((client, server));
    }

    private static async Task PumpAsync(TcpClient from, TcpClient to, CancellationToken ct)
    {
        try
        {
            var buffer = new byte[16 * 1024];
            var source = from.GetStream();
            var target = to.GetStream();
            int read;
            while ((read = await source.ReadAsync(buffer, ct)) > 0)
                await target.WriteAsync(buffer.AsMemory(0, read), ct);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException
                                       or SocketException or InvalidOperationException)
        {
            // cut
        }
    }

    private static void Cut((TcpClient Client, TcpClient Server) pair)
    {
        foreach (var side in new[] { pair.Client, pair.Server })
        {
            try
            {
                if (side.Client.Connected) side.Client.LingerState = new LingerOption(true, 0);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // already gone
            }
            side.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Stop();
        try { await _accepting; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
