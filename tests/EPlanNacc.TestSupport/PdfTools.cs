using System.Diagnostics;

namespace EPlanNacc.TestSupport;

/// <summary>poppler-utils (installed by scripts/ensure-deps): the text of a PDF, its fonts, its pages as PNG.</summary>
public static class PdfTools
{
    /// <param name="layout">Keep the page's layout (a table row on one line).</param>
    /// <param name="raw">The text in the order it is drawn (each table cell's lines together).</param>
    public static async Task<string> TextAsync(byte[] pdf, bool layout = false, bool raw = false) =>
        await RunAsync("pdftotext", pdf, (layout ? "-layout " : raw ? "-raw " : "") + "{0} -");

    public static async Task<string> FontsAsync(byte[] pdf) => await RunAsync("pdffonts", pdf, "{0}");

    public static async Task<int> PageCountAsync(byte[] pdf)
    {
        var info = await RunAsync("pdfinfo", pdf, "{0}");
        var line = info.Split('\n').First(l => l.StartsWith("Pages:", StringComparison.Ordinal));
        return int.Parse(line["Pages:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Renders page 1 to a PNG (for a person to look at) and returns its path.</summary>
    public static async Task<string> FirstPagePngAsync(byte[] pdf, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var stem = Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path));
        await RunAsync("pdftoppm", pdf, "-png -r 80 -f 1 -l 1 -singlefile {0} " + stem);
        return stem + ".png";
    }

    private static async Task<string> RunAsync(string tool, byte[] pdf, string arguments)
    {
        var file = Path.Combine(Path.GetTempPath(), $"eplan-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            var start = new ProcessStartInfo(tool,
                string.Format(System.Globalization.CultureInfo.InvariantCulture, arguments, file))
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
            var output = await process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {error}");
            return output;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
