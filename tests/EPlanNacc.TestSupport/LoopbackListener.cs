using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace EPlanNacc.TestSupport;

/// <summary>A TCP listener on a free loopback port that counts every connection made to it and keeps the first line
/// each sent (an HTTP request line): a report that must load nothing points there, and the test asserts that no
/// one came.</summary>
public sealed class LoopbackListener : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private int _connections;

    public LoopbackListener()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptAsync();
    }

    public int Port { get; }
    public string Url(string path = "") => $"http://127.0.0.1:{Port}/{path}";

    /// <summary>Connections accepted, requests or not (a preconnect counts).</summary>
    public int Connections => Volatile.Read(ref _connections);
    public ConcurrentQueue<string> RequestLines { get; } = new();

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException
                                           or SocketException)
            {
                return;
            }
            Interlocked.Increment(ref _connections);
            _ = ReadFirstLineAsync(client);
        }
    }

    private async Task ReadFirstLineAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                timeout.CancelAfter(TimeSpan.FromSeconds(2));
                var buffer = new byte[1024];
                var read = await client.GetStream().ReadAsync(buffer, timeout.Token);
                if (read > 0)
                    RequestLines.Enqueue(System.Text.Encoding.ASCII.GetString(buffer, 0, read).Split('\n')[0].Trim());
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException)
            {
                // a connection without a request line
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }
}
