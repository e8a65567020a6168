using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using Xunit;

namespace EPlanNacc.TestSupport;

/// <summary>The application (the Host built beside the tests) started as a process of its own, for what one test
/// host cannot show: the application on another database (a restored backup), or its start-up in another
/// configuration. By default in the environment <c>Testing</c> with no job server (nothing runs in the background),
/// emails as files and the log at warnings, on a free loopback port; <paramref name="environment"/> adds or overrides
/// variables. Killed, with its children, when disposed.</summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _log = new();

    private HostProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>What the process wrote, standard output and error.</summary>
    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    public static HostProcess Start(IReadOnlyDictionary<string, string> environment)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
            WorkingDirectory = Path.Combine(TestDatabase.RepositoryRoot(), "src", "Host", "EPlanNacc.Host"),
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "EPlanNacc.Host.dll"));
        var variables = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["Jobs__RunServer"] = "false",
            ["Email__SmtpHost"] = "",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in environment) variables[key] = value;
        foreach (var (key, value) in variables) start.Environment[key] = value;
        var host = new HostProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"));
        host._process.OutputDataReceived += (_, e) => host.Note(e.Data);
        host._process.ErrorDataReceived += (_, e) => host.Note(e.Data);
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        return host;
    }

    private void Note(string? line)
    {
        if (line is null) return;
        lock (_log) _log.AppendLine(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200; fails with the log when the process exits first or
    /// takes longer than three minutes.</summary>
    public async Task WaitUntilReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (_process.HasExited) Assert.Fail($"The application exited with {_process.ExitCode}: {Log}");
            try
            {
                if ((await client.GetAsync("/health/ready")).IsSuccessStatusCode) return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }
            await Task.Delay(250);
        }
        Assert.Fail($"The application did not become ready: {Log}");
    }

    /// <summary>Waits for the process to end by itself (three minutes at most); its exit code.</summary>
    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    /// <summary>An API client of the process, signed in with a bearer token.</summary>
    public async Task<HttpClient> SignInAsync(string username, string password)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username, password });
        Assert.True(response.IsSuccessStatusCode,
            $"sign-in: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()} {Log}");
        var token = await response.Content.ReadFromJsonAsync<AppFixture.TokenAnswer>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    private bool _disposed;

    /// <summary>Kills the process and its children with SIGKILL (nothing of it runs its shutdown) and waits for the
    /// end; disposing it again does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
