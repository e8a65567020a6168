using EPlanNacc.Modules.Reporting.Rendering;
using Microsoft.Extensions.Options;

namespace EPlanNacc.Modules.Reporting.Features.Batches;

/// <summary>The files of the bulk reports and the nightly province reports, under <c>Reporting:BatchFolder</c>:
/// <c>&lt;batch id&gt;/items/00001.pdf</c> while a batch runs, <c>&lt;batch id&gt;/batch.zip</c> once it is done, and
/// <c>nightly/&lt;year&gt;-r&lt;round&gt;/&lt;file&gt;</c>. The database keeps paths relative to the folder. Every file
/// is written under a temporary name and then renamed, so that a reader (or a run that resumes after a crash) never
/// sees half a file.</summary>
public sealed class ReportFileStore(IOptions<ReportingOptions> options)
{
    public string Root => Path.GetFullPath(options.Value.BatchFolder);

    public string BatchFolder(Guid batchId) => Path.Combine(Root, batchId.ToString("N"));

    public string ItemPath(Guid batchId, int seq) =>
        Path.Combine(BatchFolder(batchId), "items", $"{seq:D5}.pdf");

    /// <summary>The zip of a batch, relative to <see cref="Root"/>.</summary>
    public static string ZipFile(Guid batchId) => Path.Combine(batchId.ToString("N"), "batch.zip");

    /// <summary>A nightly province file, relative to <see cref="Root"/>.</summary>
    public static string NightlyFile(int fiscalYear, int round, string fileName) =>
        Path.Combine("nightly", $"{fiscalYear}-r{round}", fileName);

    /// <summary>The full path of a file the database names relative to <see cref="Root"/>.</summary>
    public string PathOf(string relative) => Path.Combine(Root, relative);

    public async Task WriteAsync(string path, byte[] content, CancellationToken ct)
    {
        await WriteAsync(path, (stream, token) => stream.WriteAsync(content, token).AsTask(), ct);
    }

    /// <summary>Writes a file through <paramref name="write"/> under a temporary name, then renames it.</summary>
    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite))
                await write(stream, ct);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>Removes a folder of the store and what it holds (nothing when it is absent).</summary>
    public void DeleteFolder(string path)
    {
        if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
    }
}
