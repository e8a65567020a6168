using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using EPlanNacc.BuildingBlocks.Spreadsheets;

namespace EPlanNacc.Modules.Projects.Features.Import;

/// <summary>How much of an uploaded workbook is read at most. Every bound is checked while reading, so that no file
/// costs more than these, whatever it declares: parts are inflated only so far, no run of XML between two "&gt;" is
/// longer than <see cref="MaxRunBytes"/> (a tag of a million attributes costs the XML reader quadratic time), the
/// XML nodes are counted, the declared range is checked before any row, rows are kept only up to
/// <see cref="MaxRowsKept"/> (the rest are counted), and the whole reading stops after <see cref="Timeout"/>.</summary>
internal sealed record XlsxReadLimits(
    int MaxEntries, int MaxSheets, long MaxPartBytes, long MaxTotalBytes, int MaxRunBytes, int MaxNodes,
    int MaxColumns, int MaxRows, int MaxRowsKept, int MaxSharedStrings, int MaxCellChars, TimeSpan Timeout);

/// <summary>Why an uploaded workbook is not read.</summary>
internal enum XlsxRefusal
{
    /// <summary>Not a zip (or a zip that cannot be read).</summary>
    NotXlsx,
    /// <summary>The compound file of Excel 97-2003, which is also how Excel stores an .xlsx under a password.</summary>
    OldFormat,
    /// <summary>A zip whose parts are not those of a workbook, or whose XML is broken.</summary>
    Broken,
    /// <summary>A DOCTYPE (and with it any ENTITY) in a part.</summary>
    Doctype,
    TooManyParts,
    /// <summary>A part, or all of them together, inflating beyond the limits.</summary>
    Inflates,
    TooManyNodes,
    TooManySheets,
    /// <summary>The sheet's declared range beyond the limits (<see cref="XlsxRefusedException.Where"/>: the
    /// range).</summary>
    DeclaredRange,
    /// <summary>A row or a cell beyond the limits (<see cref="XlsxRefusedException.Where"/>: "แถวที่ 10,001",
    /// "เซลล์ XFD3").</summary>
    Outside,
    TooManyStrings,
    CellTooLong,
    TooSlow,
}

/// <summary>A workbook not read, and why.</summary>
internal sealed class XlsxRefusedException(XlsxRefusal reason, string? where = null)
    : Exception($"{reason} {where}".Trim())
{
    public XlsxRefusal Reason { get; } = reason;
    public string? Where { get; } = where;
}

/// <summary>A row of the sheet: its number and its cells that hold a value (text, number or true/false), by column
/// (0 = A).</summary>
internal sealed record UploadedRow(int Number, IReadOnlyDictionary<int, object> Cells);

/// <param name="Rows">The rows that hold a value, in order, at most <see cref="XlsxReadLimits.MaxRowsKept"/>.</param>
/// <param name="RowsWithValues">How many rows hold a value, including those not kept.</param>
internal sealed record UploadedSheet(IReadOnlyList<UploadedRow> Rows, int RowsWithValues);

/// <summary>
/// Reads the first sheet of an .xlsx file, streaming, within <see cref="XlsxReadLimits"/>: the zip's entries are
/// counted and their declared sizes summed before anything is inflated, each part is inflated through a counter that
/// stops at the limit (a zip may lie about sizes), the XML is read with DTDs prohibited and no resolver (no DOCTYPE,
/// no entity, nothing fetched), the sheet's declared range and every cell's position are checked against the limits,
/// empty cells are never filled in, and a timer stops the reading. Pure: no database, no state.
/// </summary>
internal static partial class XlsxSheetReader
{
    /// <summary>The first sheet of <paramref name="file"/>; an <see cref="XlsxRefusedException"/> says why it is
    /// not read.</summary>
    public static UploadedSheet ReadFirstSheet(byte[] file, XlsxReadLimits limits, CancellationToken ct = default)
    {
        using var timer = new CancellationTokenSource(limits.Timeout);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(ct, timer.Token);
        var reading = new Reading(limits, either.Token);
        try
        {
            return reading.FirstSheet(file);
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw new XlsxRefusedException(XlsxRefusal.TooSlow);
        }
        catch (InvalidDataException)
        {
            // not a zip, an unsupported compression, a corrupt deflate stream or an entry that does not end as declared
            throw new XlsxRefusedException(XlsxRefusal.NotXlsx);
        }
        catch (XmlException)
        {
            // DtdProcessing.Prohibit refuses a DOCTYPE (and with it every ENTITY); an entity never declared, a
            // character XML forbids or a tag left open is a broken part
            throw new XlsxRefusedException(reading.SawDoctype ? XlsxRefusal.Doctype : XlsxRefusal.Broken);
        }
        catch (Exception ex) when (ex is not (XlsxRefusedException or OperationCanceledException
                                       or OutOfMemoryException))
        {
            // an uploaded file is anything at all: whatever else a broken one makes the zip or XML reader throw is a
            // Thai message, never a 500
            throw new XlsxRefusedException(XlsxRefusal.NotXlsx);
        }
    }

    private sealed class Reading(XlsxReadLimits limits, CancellationToken ct)
    {
        private ZipArchive _zip = default!;
        private long _inflated;
        private int _nodes;
        private readonly byte[] _head = new byte[4096];
        private int _headLength;

        /// <summary>Whether the beginning of the part being read declares a DTD.</summary>
        public bool SawDoctype
        {
            get
            {
                var head = Encoding.UTF8.GetString(_head, 0, _headLength);
                return head.Contains("<!DOCTYPE", StringComparison.OrdinalIgnoreCase)
                       || head.Contains("<!ENTITY", StringComparison.OrdinalIgnoreCase);
            }
        }

        public UploadedSheet FirstSheet(byte[] file)
        {
            // the compound file of Excel 97-2003, which is also how Excel stores an .xlsx under a password
            if (file.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
                throw new XlsxRefusedException(XlsxRefusal.OldFormat);
            using var zip = new ZipArchive(new MemoryStream(file, writable: false), ZipArchiveMode.Read);
            _zip = zip;
            if (zip.Entries.Count > limits.MaxEntries) throw new XlsxRefusedException(XlsxRefusal.TooManyParts);
            long declared = 0;
            foreach (var entry in zip.Entries)
            {
                declared += entry.Length;
                if (entry.Length > limits.MaxPartBytes || declared > limits.MaxTotalBytes)
                    throw new XlsxRefusedException(XlsxRefusal.Inflates);
            }

            var workbook = Target("", Relationships("_rels/.rels"), "/officeDocument") ?? "xl/workbook.xml";
            var sheetId = FirstSheetId(workbook);
            var rels = Relationships(RelationshipsOf(workbook));
            if (sheetId is null || !rels.TryGetValue(sheetId, out var sheet))
                throw new XlsxRefusedException(XlsxRefusal.Broken);
            var strings = Target(workbook, rels, "/sharedStrings") is { } path ? SharedStrings(path) : [];
            return Sheet(Resolve(workbook, sheet.Target), strings);
        }

        private sealed record Relationship(string Type, string Target);

        /// <summary>The relationships of a part (none when the part has no relationships file).</summary>
        private Dictionary<string, Relationship> Relationships(string path)
        {
            var rels = new Dictionary<string, Relationship>(StringComparer.Ordinal);
            if (_zip.GetEntry(path) is null) return rels;
            using var xml = Open(path);
            while (Next(xml))
            {
                if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "Relationship") continue;
                if (xml.GetAttribute("Id") is { } id && xml.GetAttribute("Target") is { } target
                                                      && xml.GetAttribute("TargetMode") != "External")
                    rels.TryAdd(id, new Relationship(xml.GetAttribute("Type") ?? "", target));
            }
            return rels;
        }

        private static string? Target(string source, Dictionary<string, Relationship> rels, string typeSuffix) =>
            rels.Values.FirstOrDefault(r => r.Type.EndsWith(typeSuffix, StringComparison.Ordinal)) is { } r
                ? Resolve(source, r.Target) : null;

        /// <summary>The relationship id of the workbook's first sheet; more than
        /// <see cref="XlsxReadLimits.MaxSheets"/> sheets are refused.</summary>
        private string? FirstSheetId(string workbook)
        {
            using var xml = Open(workbook);
            string? first = null;
            var sheets = 0;
            while (Next(xml))
            {
                if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "sheet") continue;
                if (++sheets > limits.MaxSheets) throw new XlsxRefusedException(XlsxRefusal.TooManySheets);
                first ??= RelationshipId(xml);
            }
            return first;
        }

        private List<string> SharedStrings(string path)
        {
            var strings = new List<string>();
            using var xml = Open(path);
            Next(xml);
            while (!xml.EOF)
            {
                if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "si")
                {
                    Next(xml);
                    continue;
                }
                if (strings.Count == limits.MaxSharedStrings)
                    throw new XlsxRefusedException(XlsxRefusal.TooManyStrings);
                strings.Add(Text(xml));
            }
            return strings;
        }

        private UploadedSheet Sheet(string path, List<string> strings)
        {
            var rows = new List<UploadedRow>();
            var withValues = 0;
            var rowNumber = 0;
            using var xml = Open(path);
            while (Next(xml))
            {
                if (xml.NodeType == XmlNodeType.EndElement && xml.LocalName == "sheetData") break;
                if (xml.NodeType != XmlNodeType.Element) continue;
                if (xml.LocalName == "dimension" && xml.GetAttribute("ref") is { } range)
                {
                    var (_, _, lastColumn, lastRow) = Range(range);
                    if (lastColumn >= limits.MaxColumns || lastRow > limits.MaxRows)
                        throw new XlsxRefusedException(XlsxRefusal.DeclaredRange, range);
                }
                if (xml.LocalName != "row") continue;
                ct.ThrowIfCancellationRequested();
                var number = xml.GetAttribute("r") is { } r ? Number(r) : rowNumber + 1;
                // rows come in order (a file that repeats or reorders them is not Excel's)
                rowNumber = number > rowNumber ? number : throw new XlsxRefusedException(XlsxRefusal.Broken);
                // a row beyond the limits is refused even when empty: so are the rows a sheet can list at all
                if (rowNumber > limits.MaxRows)
                    throw new XlsxRefusedException(XlsxRefusal.Outside,
                        string.Create(CultureInfo.InvariantCulture, $"แถวที่ {rowNumber:#,##0}"));
                var cells = Cells(xml, rowNumber, strings);
                if (cells.Count == 0) continue;
                if (++withValues <= limits.MaxRowsKept) rows.Add(new UploadedRow(rowNumber, cells));
            }
            return new UploadedSheet(rows, withValues);
        }

        /// <summary>The cells of the row the reader is on that hold a value; the reader ends on the row's
        /// end.</summary>
        private Dictionary<int, object> Cells(XmlReader xml, int rowNumber, List<string> strings)
        {
            var cells = new Dictionary<int, object>();
            if (xml.IsEmptyElement) return cells;
            var depth = xml.Depth;
            var column = -1;
            while (Next(xml) && xml.Depth > depth)
            {
                if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "c") continue;
                var next = column + 1;
                if (xml.GetAttribute("r") is { } reference)
                {
                    (next, var row) = Cell(reference);
                    if (row != rowNumber || next <= column) throw new XlsxRefusedException(XlsxRefusal.Broken);
                }
                column = next;
                if (column >= limits.MaxColumns)
                    throw new XlsxRefusedException(XlsxRefusal.Outside,
                        $"เซลล์ {XlsxWriter.ColumnLetter(column)}{rowNumber}");
                if (Value(xml, strings) is { } value) cells[column] = value;
            }
            return cells;
        }

        /// <summary>The value of the cell the reader is on (<c>c</c>), or null when it holds none; the reader ends
        /// on the cell's end.</summary>
        private object? Value(XmlReader xml, List<string> strings)
        {
            var type = xml.GetAttribute("t") ?? "n";
            if (xml.IsEmptyElement) return null;
            var depth = xml.Depth;
            string? raw = null;
            string? inline = null;
            Next(xml);
            while (!xml.EOF && xml.Depth > depth)
            {
                if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "v")
                    raw = Limited(xml.ReadElementContentAsString());
                else if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "is") inline = Text(xml);
                else if (xml.NodeType == XmlNodeType.Element) Skip(xml);
                else Next(xml);
            }
            object? value = (type, raw) switch
            {
                ("inlineStr", _) => inline,
                (_, null) => null,
                ("s", _) => int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i)
                            && i < strings.Count ? strings[i] : throw new XlsxRefusedException(XlsxRefusal.Broken),
                ("b", "1") => true,
                ("b", "0") => false,
                ("n", _) when double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
                _ => Unescape(raw!),
            };
            return value is "" ? null : value;
        }

        /// <summary>The text of the rich-text element the reader is on (<c>si</c> or <c>is</c>): its runs, without
        /// the phonetic guides; the reader ends after the element.</summary>
        private string Text(XmlReader xml)
        {
            if (xml.IsEmptyElement)
            {
                Next(xml);
                return "";
            }
            var text = new StringBuilder();
            var depth = xml.Depth;
            Next(xml);
            while (!xml.EOF && xml.Depth > depth)
            {
                if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "t")
                {
                    text.Append(Limited(xml.ReadElementContentAsString()));
                    if (text.Length > limits.MaxCellChars) throw new XlsxRefusedException(XlsxRefusal.CellTooLong);
                }
                else if (xml.NodeType == XmlNodeType.Element && xml.LocalName is "rPh" or "phoneticPr") Skip(xml);
                else Next(xml);
            }
            if (xml.NodeType == XmlNodeType.EndElement) Next(xml);
            return Unescape(text.ToString());
        }

        private string Limited(string text) =>
            text.Length > limits.MaxCellChars ? throw new XlsxRefusedException(XlsxRefusal.CellTooLong) : text;

        /// <summary>Moves to the next node, counting it against <see cref="XlsxReadLimits.MaxNodes"/> (a part of a few
        /// MB can hold millions of empty elements).</summary>
        private bool Next(XmlReader xml)
        {
            if (++_nodes > limits.MaxNodes) throw new XlsxRefusedException(XlsxRefusal.TooManyNodes);
            return xml.Read();
        }

        /// <summary>Skips the element the reader is on, node by node (counted).</summary>
        private void Skip(XmlReader xml)
        {
            if (xml.IsEmptyElement)
            {
                Next(xml);
                return;
            }
            var depth = xml.Depth;
            while (Next(xml) && xml.Depth > depth) { }
            Next(xml); // past the end of the element
        }

        /// <summary>A part, inflated through <see cref="Inflating"/>, read as XML without DTDs or
        /// resolver.</summary>
        private XmlReader Open(string path)
        {
            var entry = _zip.GetEntry(path) ?? throw new XlsxRefusedException(XlsxRefusal.Broken);
            _headLength = 0;
            return XmlReader.Create(new Inflating(entry.Open(), this), new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                MaxCharactersFromEntities = 1024,
                MaxCharactersInDocument = limits.MaxPartBytes,
                IgnoreComments = true,
                IgnoreProcessingInstructions = true,
                CloseInput = true,
            });
        }

        /// <summary>Counts what the part being read inflates to against the limits of a part and of the whole file,
        /// measures the run since the last "&gt;", keeps the part's first bytes (to name a DTD), and stops the reading
        /// when the timer has run out.</summary>
        private int Inflated(int n, ref long partBytes, ref long run, ReadOnlySpan<byte> bytes)
        {
            ct.ThrowIfCancellationRequested();
            var lastTagEnd = bytes.LastIndexOf((byte)'>');
            run = lastTagEnd < 0 ? run + n : n - 1 - lastTagEnd;
            if (run > limits.MaxRunBytes) throw new XlsxRefusedException(XlsxRefusal.Broken);
            var head = Math.Min(n, _head.Length - _headLength);
            if (head > 0)
            {
                bytes[..head].CopyTo(_head.AsSpan(_headLength));
                _headLength += head;
            }
            partBytes += n;
            _inflated += n;
            if (partBytes > limits.MaxPartBytes || _inflated > limits.MaxTotalBytes)
                throw new XlsxRefusedException(XlsxRefusal.Inflates);
            return n;
        }

        private sealed class Inflating(Stream inner, Reading reading) : Stream
        {
            private long _read;
            private long _run;

            public override int Read(byte[] buffer, int offset, int count) =>
                Read(buffer.AsSpan(offset, count));

            public override int Read(Span<byte> buffer)
            {
                var n = inner.Read(buffer);
                return reading.Inflated(n, ref _read, ref _run, buffer[..n]);
            }

            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => throw new NotSupportedException();

            public override long Position
            {
                get => _read;
                set => throw new NotSupportedException();
            }

            public override void Flush() { }
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            protected override void Dispose(bool disposing)
            {
                if (disposing) inner.Dispose();
                base.Dispose(disposing);
            }
        }
    }

    /// <summary>"xl/workbook.xml" → "xl/_rels/workbook.xml.rels".</summary>
    private static string RelationshipsOf(string part)
    {
        var slash = part.LastIndexOf('/');
        return $"{part[..(slash + 1)]}_rels/{part[(slash + 1)..]}.rels";
    }

    /// <summary>A relationship's target, relative to the folder of its source part (or absolute, from the root of
    /// the package), as a zip entry name.</summary>
    private static string Resolve(string source, string target)
    {
        var parts = target.StartsWith('/')
            ? new List<string>()
            : source.Split('/').SkipLast(1).ToList();
        foreach (var segment in target.TrimStart('/').Split('/'))
        {
            if (segment == "..")
            {
                if (parts.Count > 0) parts.RemoveAt(parts.Count - 1);
            }
            else if (segment is not ("." or "")) parts.Add(segment);
        }
        return string.Join('/', parts);
    }

    /// <summary>The relationship id of a <c>sheet</c> element (<c>r:id</c>, whatever the prefix).</summary>
    private static string? RelationshipId(XmlReader xml)
    {
        string? id = null;
        for (var i = 0; i < xml.AttributeCount && id is null; i++)
        {
            xml.MoveToAttribute(i);
            if (xml.LocalName == "id" && xml.NamespaceURI.Length > 0) id = xml.Value;
        }
        xml.MoveToElement();
        return id;
    }

    private const int MaxSheetRows = 1_048_576;
    private const int MaxSheetColumns = 16_384;

    /// <summary>"B12" → (1, 12).</summary>
    private static (int Column, int Row) Cell(string reference)
    {
        var m = CellReference().Match(reference);
        if (!m.Success) throw new XlsxRefusedException(XlsxRefusal.Broken);
        return (ColumnIndex(m.Groups[1].Value), Number(m.Groups[2].Value));
    }

    /// <summary>"A1:XFD50" → (0, 1, 16383, 50); "A1" → (0, 1, 0, 1).</summary>
    private static (int FirstColumn, int FirstRow, int LastColumn, int LastRow) Range(string reference)
    {
        var parts = reference.Split(':');
        if (parts.Length > 2) throw new XlsxRefusedException(XlsxRefusal.Broken);
        var (c1, r1) = Cell(parts[0]);
        var (c2, r2) = parts.Length == 2 ? Cell(parts[1]) : (c1, r1);
        return (c1, r1, c2, r2);
    }

    private static int ColumnIndex(string letters)
    {
        var index = 0;
        foreach (var c in letters) index = index * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        return index <= MaxSheetColumns ? index - 1 : throw new XlsxRefusedException(XlsxRefusal.Broken);
    }

    /// <summary>A row number of a sheet (1 to 1,048,576).</summary>
    private static int Number(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= MaxSheetRows
            ? n : throw new XlsxRefusedException(XlsxRefusal.Broken);

    /// <summary>Excel's escape of a character XML cannot carry: "_x000D_" is a carriage return.</summary>
    private static string Unescape(string text) => text.Contains("_x", StringComparison.Ordinal)
        ? Escaped().Replace(text, m => ((char)int.Parse(m.Groups[1].Value, NumberStyles.HexNumber,
            CultureInfo.InvariantCulture)).ToString())
        : text;

    [GeneratedRegex("^([A-Za-z]{1,3})([0-9]{1,7})$")]
    private static partial Regex CellReference();
    [GeneratedRegex("_x([0-9A-Fa-f]{4})_")]
    private static partial Regex Escaped();
}
