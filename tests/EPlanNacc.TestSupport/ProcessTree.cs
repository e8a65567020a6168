using System.Globalization;

namespace EPlanNacc.TestSupport;

/// <summary>Processes as Linux shows them in <c>/proc</c>, for the tests of the PDF printer's Chromium: whether one
/// runs, its parent and descendants, its command line and the TCP ports it listens on.</summary>
public static class ProcessTree
{
    /// <summary>True while <paramref name="pid"/> runs (a zombie, ended but not yet reaped, does not).</summary>
    public static bool IsAlive(int pid) => Stat(pid) is { } stat && stat.State != 'Z';

    public static int? ParentOf(int pid) => Stat(pid)?.Parent;

    /// <summary>The arguments <paramref name="pid"/> was started with (empty when it is gone).</summary>
    public static IReadOnlyList<string> CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (IOException)
        {
            return [];
        }
    }

    /// <summary><paramref name="pid"/> and every process under it.</summary>
    public static IReadOnlyList<int> WithDescendants(int pid)
    {
        var parents = Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var p) ? p : 0).Where(p => p > 0)
            .Select(p => (Pid: p, Parent: ParentOf(p))).Where(p => p.Parent is not null).ToList();
        var tree = new List<int> { pid };
        for (var i = 0; i < tree.Count; i++)
            tree.AddRange(parents.Where(p => p.Parent == tree[i] && !tree.Contains(p.Pid)).Select(p => p.Pid));
        return tree;
    }

    /// <summary>The TCP ports (IPv4 and IPv6) that any of <paramref name="pids"/> listens on: their sockets (the
    /// <c>socket:[inode]</c> links of <c>/proc/pid/fd</c>) found in state LISTEN in <c>/proc/net/tcp*</c>.</summary>
    public static IReadOnlyList<int> ListeningPorts(IEnumerable<int> pids)
    {
        var inodes = new HashSet<string>();
        foreach (var pid in pids)
        {
            try
            {
                foreach (var fd in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
                {
                    var target = new FileInfo(fd).LinkTarget;
                    if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal))
                        inodes.Add(target["socket:[".Length..^1]);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // gone meanwhile
            }
        }
        return new[] { "/proc/net/tcp", "/proc/net/tcp6" }.Where(File.Exists)
            .SelectMany(f => File.ReadLines(f).Skip(1))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(c => c.Length > 9 && c[3] == "0A" && inodes.Contains(c[9]))
            .Select(c => int.Parse(c[1][(c[1].LastIndexOf(':') + 1)..], NumberStyles.HexNumber,
                CultureInfo.InvariantCulture))
            .Distinct().ToList();
    }

    /// <summary>Waits until none of <paramref name="pids"/> runs; false when some still do after
    /// <paramref name="timeout"/>.</summary>
    public static async Task<bool> AllEndAsync(IReadOnlyList<int> pids, TimeSpan timeout)
    {
        var step = TimeSpan.FromMilliseconds(100);
        for (var waited = TimeSpan.Zero; pids.Any(IsAlive); waited += step)
        {
            if (waited > timeout) return false;
            await Task.Delay(step);
        }
        return true;
    }

    /// <summary>Ends <paramref name="pids"/> at once (SIGKILL), those still running.</summary>
    public static void Kill(IEnumerable<int> pids)
    {
        foreach (var pid in pids.Where(IsAlive))
        {
            try
            {
                System.Diagnostics.Process.GetProcessById(pid).Kill();
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException
                                           or System.ComponentModel.Win32Exception)
            {
                // ended meanwhile
            }
        }
    }

    private sealed record ProcStat(char State, int Parent);

    private static ProcStat? Stat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // "pid (comm) state ppid ...": the name may hold spaces and parentheses, the last ')' ends it
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return new ProcStat(fields[0][0], int.Parse(fields[1], CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException
                                       or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
