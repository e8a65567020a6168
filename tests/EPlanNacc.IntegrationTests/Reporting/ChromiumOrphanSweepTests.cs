using System.Diagnostics;
using EPlanNacc.TestSupport;

namespace EPlanNacc.IntegrationTests.Reporting;

/// <summary>scripts/test and scripts/run end the headless Chromium that an earlier run of the same checkout left
/// orphaned (scripts/lib/chromium-orphans.sh), and nothing else: not another checkout's, not one whose parent still
/// runs, not one without <c>--headless</c>.</summary>
[Trait(AnyDay.Trait, AnyDay.Value)]
public sealed class ChromiumOrphanSweepTests
{
    private static readonly string Root = TestDatabase.RepositoryRoot();

    /// <summary>Starts Chromium through a shell that exits at once, so that its parent becomes pid 1.</summary>
    private static async Task<int> OrphanAsync(params string[] arguments)
    {
        var marker = $"--user-agent=eplan-sweep-{Guid.NewGuid():N}";
        var start = new ProcessStartInfo("bash")
        {
            ArgumentList =
            {
                "-c", $"setsid /usr/lib/chromium/chromium --no-sandbox --disable-gpu --remote-debugging-port=0 " +
                      $"{marker} {string.Join(' ', arguments)} about:blank >/dev/null 2>&1 &",
            },
            UseShellExecute = false,
        };
        using (var shell = Process.Start(start)!) await shell.WaitForExitAsync();
        var pid = await Eventually.Async(() => Task.FromResult(Find(marker)), p => p is not null, marker);
        await Eventually.Async(() => Task.FromResult(ProcessTree.ParentOf(pid!.Value)), p => p == 1,
            $"{marker} orphaned");
        return pid!.Value;
    }

    private static int? Find(string marker) =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var p) ? p : 0).Where(p => p > 0)
            .Cast<int?>()
            .FirstOrDefault(p => ProcessTree.CommandLine(p!.Value) is { Count: > 1 } arguments
                                 && arguments[0].EndsWith("chromium", StringComparison.Ordinal)
                                 && arguments.Contains(marker));

    [Fact]
    public async Task The_scripts_end_only_this_checkouts_orphaned_headless_Chromium()
    {
        var profiles = Path.Combine(AppFixture.ChromiumProfileFolder, "sweep");
        var elsewhere = Path.Combine(Path.GetTempPath(), $"eplan-sweep-{Guid.NewGuid():N}");
        var started = new List<int>();
        try
        {
            var ours = await OrphanAsync("--headless=new", $"--user-data-dir={profiles}/a");
            started.Add(ours);
            var other = await OrphanAsync("--headless=new", $"--user-data-dir={elsewhere}");
            started.Add(other);
            var windowed = await OrphanAsync("--ozone-platform=headless", $"--user-data-dir={profiles}/b");
            started.Add(windowed);
            using var child = Process.Start(new ProcessStartInfo("/usr/lib/chromium/chromium")
            {
                ArgumentList =
                {
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--remote-debugging-port=0",
                    $"--user-data-dir={profiles}/c", "about:blank",
                },
                UseShellExecute = false, RedirectStandardError = true,
            })!;
            started.Add(child.Id);
            var oursTree = ProcessTree.WithDescendants(ours);

            var sweep = Process.Start(new ProcessStartInfo("bash")
            {
                ArgumentList = { "-c", "source scripts/lib/chromium-orphans.sh && kill_orphan_chromium \"$0\"", Root },
                WorkingDirectory = Root, UseShellExecute = false, RedirectStandardOutput = true,
            })!;
            var said = await sweep.StandardOutput.ReadToEndAsync();
            await sweep.WaitForExitAsync();
            Assert.Equal(0, sweep.ExitCode);

            Assert.Contains($"pids {ours}", said);
            Assert.True(await ProcessTree.AllEndAsync(oursTree, TimeSpan.FromSeconds(10)), "this checkout's orphan");
            Assert.All(new[] { other, windowed, child.Id }, p => Assert.True(ProcessTree.IsAlive(p), $"{p} ended"));
        }
        finally
        {
            foreach (var pid in started) ProcessTree.Kill(ProcessTree.WithDescendants(pid));
            if (Directory.Exists(elsewhere)) Directory.Delete(elsewhere, recursive: true);
        }
    }
}
