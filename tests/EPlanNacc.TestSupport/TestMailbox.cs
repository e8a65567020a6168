using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace EPlanNacc.TestSupport;

/// <summary>A real SMTP server in the test process (the SmtpServer package) on a free loopback port; the
/// application sends to it through MailKit exactly as it would to a production server.</summary>
public sealed class TestMailbox : IAsyncDisposable
{
    private readonly ConcurrentQueue<MimeMessage> _messages = new();
    private readonly Availability _availability = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly SmtpServer.SmtpServer _server;
    private readonly Task _running;

    public int Port { get; }

    public TestMailbox()
    {
        Port = FreePort();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(e => e.Port(Port, false).Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var provider = new SmtpServer.ComponentModel.ServiceProvider();
        provider.Add(new Store(_messages, _availability));
        _server = new SmtpServer.SmtpServer(options, provider);
        _running = _server.StartAsync(_stop.Token);
    }

    public IReadOnlyList<MimeMessage> Messages => _messages.ToList();

    public void Clear() => _messages.Clear();

    /// <summary>Until disposed, the server refuses every message with "421 service not available", as a mail server
    /// going down answers: the sender gets an error and nothing is delivered.</summary>
    public IDisposable Refuse()
    {
        _availability.Refusing = true;
        return new Restore(_availability);
    }

    /// <summary>Until disposed, the server takes each message past the first <paramref name="after"/> it holds and
    /// never answers it, as a mail server that hangs does: the sender waits for its reply (until its own timeout, or
    /// until it dies). Once disposed, a message held so is answered "451" and not delivered.</summary>
    public IDisposable Hang(int after = 0)
    {
        _availability.HangAfter = after;
        _availability.Released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return new Restore(_availability);
    }

    /// <summary>How many messages are being held unanswered (<see cref="Hang"/>).</summary>
    public int Hanging => _availability.Hanging;

    /// <summary>Waits (polling, up to <paramref name="timeout"/>) for a message to this address.</summary>
    public async Task<MimeMessage> WaitForAsync(string to, TimeSpan? timeout = null)
    {
        // real elapsed time (the SMTP delivery is real), never the application's fake clock
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < (timeout ?? TimeSpan.FromSeconds(10)))
        {
            var found = _messages.LastOrDefault(m =>
                m.To.Mailboxes.Any(a => string.Equals(a.Address, to, StringComparison.OrdinalIgnoreCase)));
            if (found is not null) return found;
            await Task.Delay(50);
        }
        throw new TimeoutException($"No email to {to} arrived; " +
            $"received: {string.Join(", ", _messages.SelectMany(m => m.To.Mailboxes).Select(a => a.Address))}");
    }

    public IReadOnlyList<MimeMessage> To(string address) =>
        _messages.Where(m =>
            m.To.Mailboxes.Any(a => string.Equals(a.Address, address, StringComparison.OrdinalIgnoreCase))).ToList();

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _running; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }

    private sealed class Availability
    {
        public volatile bool Refusing;
        public volatile int HangAfter = -1;
        public volatile TaskCompletionSource? Released;
        public int Hanging;
    }

    private sealed class Restore(Availability availability) : IDisposable
    {
        public void Dispose()
        {
            availability.Refusing = false;
            availability.HangAfter = -1;
            availability.Released?.TrySetResult();
        }
    }

    private sealed class Store(ConcurrentQueue<MimeMessage> messages, Availability availability) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (availability.Refusing)
                return new SmtpResponse(SmtpReplyCode.ServiceUnavailable, "service not available");
            if (availability is { HangAfter: >= 0 and var after, Released: { } released } && messages.Count >= after)
            {
                Interlocked.Increment(ref availability.Hanging);
                try { await released.Task.WaitAsync(cancellationToken); }
                catch (OperationCanceledException) { }
                finally { Interlocked.Decrement(ref availability.Hanging); }
                return new SmtpResponse(SmtpReplyCode.Aborted, "local error in processing");
            }
            await using var stream = new MemoryStream(buffer.ToArray());
            messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
