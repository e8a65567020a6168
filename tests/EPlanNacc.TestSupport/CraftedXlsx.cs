using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace EPlanNacc.TestSupport;

/// <summary>Workbooks written part by part in the test, as an attacker would write them: a zip of SpreadsheetML
/// parts whose every byte the test chooses (a dimension, a DOCTYPE, a thousand sheets, a part that inflates to
/// hundreds of MB, a size the zip lies about).</summary>
public static class CraftedXlsx
{
    public const string MainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRels = "http://schemas.openxmlformats.org/package/2006/relationships";

    /// <summary>One part of the zip, written by <see cref="Write"/> (so that a part of hundreds of MB is never held
    /// in memory).</summary>
    public sealed record Part(string Path, Action<Stream> Write)
    {
        public Part(string path, string content) : this(path, s => s.Write(Encoding.UTF8.GetBytes(content))) { }
    }

    /// <summary>The zip of <paramref name="parts"/>, in that order.</summary>
    public static byte[] Zip(IEnumerable<Part> parts)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var part in parts)
            {
                using var entry = zip.CreateEntry(part.Path, CompressionLevel.Optimal).Open();
                part.Write(entry);
            }
        }
        return buffer.ToArray();
    }

    /// <summary>A workbook of one sheet (or <paramref name="sheets"/> sheets, all naming the same part) whose
    /// sheetData holds <paramref name="rows"/>; <paramref name="head"/> goes before the root element of the sheet
    /// (a DOCTYPE), <paramref name="dimension"/> into its dimension element, <paramref name="sharedStrings"/> is
    /// the shared-strings part when given.</summary>
    public static byte[] Workbook(string rows, string? dimension = null, string head = "",
        Part? sharedStrings = null, int sheets = 1, IEnumerable<Part>? more = null)
    {
        var sheet = $"""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            {head}<worksheet xmlns="{MainNamespace}">{(dimension is null ? "" : $"<dimension ref=\"{dimension}\"/>")}
            <sheetData>{rows}</sheetData></worksheet>
            """;
        return Zip([.. Package(sheets, sharedStrings is not null), new Part("xl/worksheets/sheet1.xml", sheet),
            .. sharedStrings is null ? [] : new[] { sharedStrings }, .. more ?? []]);
    }

    /// <summary>The parts every workbook has: content types, the package's and the workbook's relationships and the
    /// workbook itself.</summary>
    public static IEnumerable<Part> Package(int sheets = 1, bool sharedStrings = false)
    {
        yield return new Part("[Content_Types].xml", $"""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
            <Default Extension="xml" ContentType="application/xml"/>
            <Override PartName="/xl/workbook.xml"
                ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
            <Override PartName="/xl/worksheets/sheet1.xml"
                ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
            {(sharedStrings ? SharedStringsType : "")}
            </Types>
            """);
        yield return new Part("_rels/.rels", $"""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="{PackageRels}">
            <Relationship Id="rId1" Type="{RelNamespace}/officeDocument" Target="xl/workbook.xml"/>
            </Relationships>
            """);
        var sheetList = new StringBuilder();
        for (var i = 1; i <= sheets; i++)
            sheetList.Append($"""<sheet name="แผ่นงาน{i}" sheetId="{i}" r:id="rId1"/>""");
        yield return new Part("xl/workbook.xml", $"""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="{MainNamespace}" xmlns:r="{RelNamespace}"><sheets>{sheetList}</sheets></workbook>
            """);
        yield return new Part("xl/_rels/workbook.xml.rels", $"""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="{PackageRels}">
            <Relationship Id="rId1" Type="{RelNamespace}/worksheet" Target="worksheets/sheet1.xml"/>
            {(sharedStrings ? SharedStringsRelationship : "")}
            </Relationships>
            """);
    }

    private const string SharedStringsType = """
        <Override PartName="/xl/sharedStrings.xml"
            ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
        """;

    private const string SharedStringsRelationship = $"""
        <Relationship Id="rId2" Type="{RelNamespace}/sharedStrings" Target="sharedStrings.xml"/>
        """;

    /// <summary>A row of inline-string cells from column A.</summary>
    public static string Row(int number, params string[] texts) =>
        $"<row r=\"{number}\">" + string.Concat(texts.Select((t, i) =>
            $"<c r=\"{(char)('A' + i)}{number}\" t=\"inlineStr\"><is><t>{System.Security.SecurityElement.Escape(t)}" +
            "</t></is></c>")) + "</row>";

    /// <summary>A part made of <paramref name="start"/>, then <paramref name="filler"/> until about
    /// <paramref name="bytes"/> bytes are written, then <paramref name="end"/>: hundreds of MB that deflate to a few
    /// hundred KB.</summary>
    public static Part Inflating(string path, string start, string filler, long bytes, string end) => new(path, s =>
    {
        s.Write(Encoding.UTF8.GetBytes(start));
        var repeats = Math.Max(1, 65536 / filler.Length);
        var chunk = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(filler, repeats)));
        for (long written = 0; written < bytes; written += chunk.Length) s.Write(chunk);
        s.Write(Encoding.UTF8.GetBytes(end));
    });

    /// <summary>The zip with the uncompressed size of <paramref name="entry"/> rewritten to <paramref name="size"/>,
    /// in its local header and in the central directory: a zip that lies about how much its entry inflates
    /// to.</summary>
    public static byte[] DeclareSize(byte[] zip, string entry, uint size)
    {
        var bytes = (byte[])zip.Clone();
        var end = bytes.Length - 22; // the end of central directory record (no comment)
        if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(end)) != 0x06054b50)
            throw new InvalidOperationException("no end of central directory record");
        var count = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(end + 10));
        var at = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(end + 16));
        for (var i = 0; i < count; i++)
        {
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at + 28));
            var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at + 30));
            var commentLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at + 32));
            var local = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 42));
            if (Encoding.UTF8.GetString(bytes, at + 46, nameLength) == entry)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at + 24), size);
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(local + 22), size);
                return bytes;
            }
            at += 46 + nameLength + extraLength + commentLength;
        }
        throw new InvalidOperationException($"no entry {entry}");
    }
}
