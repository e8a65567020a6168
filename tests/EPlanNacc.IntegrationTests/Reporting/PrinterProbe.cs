using System.Diagnostics;
using EPlanNacc.Modules.Reporting.Rendering;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EPlanNacc.IntegrationTests.Reporting;

/// <summary>A process of its own that holds a PDF renderer: it prints one report, writes
/// <c>chromium &lt;pid&gt;</c> (its browser's process) and waits to be killed (two minutes at most).</summary>
internal sealed class PrinterProbe : IDisposable
{
    private const string Ready = "chromium ";

    public static async Task<int> RunAsync(string profileFolder)
    {
        var renderer = new ChromiumPdfRenderer(
            Options.Create(new ReportingOptions { ChromiumProfileFolder = profileFolder }),
            NullLogger<ChromiumPdfRenderer>.Instance);
        var pdf = await renderer.RenderAsync(RenderingTests.Sample(), DateTimeOffset.UnixEpoch);
        Console.WriteLine($"{Ready}{renderer.BrowserProcessId} {pdf.Length}");
        await Task.Delay(TimeSpan.FromMinutes(2));
        await renderer.DisposeAsync();
        return 0;
    }

    private PrinterProbe(Process process) => Process = process;

    public Process Process { get; }

    /// <summary>Starts the probe (as <paramref name="user"/>, through runuser, when given) with its profiles in
    /// <paramref name="profileFolder"/>.</summary>
    public static PrinterProbe Start(string profileFolder, string? user = null)
    {
        var dotnet = Environment.ProcessPath is { } path && Path.GetFileName(path) == "dotnet" ? path : "dotnet";
        var assembly = typeof(PrinterProbe).Assembly.Location;
        var start = new ProcessStartInfo(user is null ? dotnet : "runuser")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = profileFolder,
        };
        if (user is not null)
        {
            foreach (var arg in new[] { "-u", user, "--", "env", $"HOME={profileFolder}", dotnet })
                start.ArgumentList.Add(arg);
        }
        foreach (var arg in new[] { assembly, "pdf-probe", profileFolder }) start.ArgumentList.Add(arg);
        return new PrinterProbe(Process.Start(start) ?? throw new InvalidOperationException("no probe started"));
    }

    /// <summary>The probe's browser once it has printed its report.</summary>
    public async Task<int> ChromiumAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await Process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            if (line.StartsWith(Ready, StringComparison.Ordinal))
                return int.Parse(line[Ready.Length..].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        throw new InvalidOperationException("The probe ended without printing: " +
                                            await Process.StandardError.ReadToEndAsync(timeout.Token));
    }

    public void Dispose()
    {
        if (!Process.HasExited) Process.Kill(entireProcessTree: true);
        Process.Dispose();
    }
}
