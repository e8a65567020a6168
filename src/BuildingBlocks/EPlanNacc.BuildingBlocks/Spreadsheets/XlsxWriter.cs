using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace EPlanNacc.BuildingBlocks.Spreadsheets;

/// <summary>A column of a sheet: its width in characters (null: from its longest value), whether its cells wrap,
/// and the defined name of a list its data cells offer as a drop-down (Excel data validation).</summary>
public sealed record XlsxColumn(double? Width = null, bool Wrap = false, string? List = null);

/// <summary>A sheet: rows of values (text, numbers, or null for an empty cell), the first <see cref="HeaderRows"/>
/// bold and frozen.</summary>
public sealed record XlsxSheet(string Name, IReadOnlyList<IReadOnlyList<object?>> Rows)
{
    public IReadOnlyList<XlsxColumn> Columns { get; init; } = [];
    public int HeaderRows { get; init; } = 1;
    public bool FreezeHeader { get; init; } = true;
    public double? HeaderHeight { get; init; }

    /// <summary>How many rows under the header offer the columns' lists.</summary>
    public int ListRows { get; init; }

    /// <summary>The title and message of Excel's warning when a value is not in a column's list.</summary>
    public (string Title, string Message) ListWarning { get; init; } = ("", "");
}

/// <summary>A defined name of the workbook: a range of a sheet (a drop-down's list).</summary>
public sealed record XlsxName(string Name, string Sheet, int Column, int FirstRow, int LastRow);

/// <summary>
/// Writes every Excel file the system produces (the reports, the completeness figures, the import template):
/// SpreadsheetML in a zip, written by hand so that each cell is exactly what it should be. A number is a numeric
/// cell. A text is always a text cell (never a formula), and a text that a spreadsheet would read as a formula if it
/// were typed or pasted (<see cref="SpreadsheetText.LooksLikeFormula"/>) carries Excel's quote prefix, so that
/// editing the cell keeps it text (docs/adr/0025-output-stays-text.md). Characters XML cannot carry are escaped as
/// Excel escapes them (<c>_x0001_</c>), so stored text of any kind makes a valid file.
/// </summary>
public static partial class XlsxWriter
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRel = "http://schemas.openxmlformats.org/package/2006/relationships";

    public static byte[] Write(IReadOnlyList<XlsxSheet> sheets, IReadOnlyList<XlsxName>? names = null)
    {
        if (sheets.Count == 0) throw new ArgumentException("A workbook has at least one sheet.", nameof(sheets));
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "[Content_Types].xml", ContentTypes(sheets.Count));
            Add(zip, "_rels/.rels", $"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="{PackageRel}">
                <Relationship Id="rId1" Type="{Rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """);
            Add(zip, "xl/workbook.xml", Workbook(sheets, names ?? []));
            Add(zip, "xl/_rels/workbook.xml.rels", WorkbookRels(sheets.Count));
            Add(zip, "xl/styles.xml", StyleSheet);
            for (var i = 0; i < sheets.Count; i++) Add(zip, $"xl/worksheets/sheet{i + 1}.xml", Sheet(sheets[i]));
        }
        return buffer.ToArray();
    }

    private static void Add(ZipArchive zip, string path, string content)
    {
        var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
        using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(false));
        writer.Write(content);
    }

    /// <summary>0 → "A", 26 → "AA".</summary>
    public static string ColumnLetter(int index)
    {
        var letters = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) letters = (char)('A' + (n - 1) % 26) + letters;
        return letters;
    }

    private static string Workbook(IReadOnlyList<XlsxSheet> sheets, IReadOnlyList<XlsxName> names)
    {
        var list = new StringBuilder();
        for (var i = 0; i < sheets.Count; i++)
            list.Append($"""<sheet name="{Xml(sheets[i].Name)}" sheetId="{i + 1}" r:id="rId{i + 1}"/>""");
        var defined = new StringBuilder();
        foreach (var n in names)
        {
            var col = ColumnLetter(n.Column);
            var sheet = n.Sheet.Replace("'", "''", StringComparison.Ordinal);
            defined.Append($"""<definedName name="{Xml(n.Name)}">""")
                .Append(Xml($"'{sheet}'!${col}${n.FirstRow}:${col}${n.LastRow}")).Append("</definedName>");
        }
        return $"""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="{Main}" xmlns:r="{Rel}"><sheets>{list}</sheets>
            {(names.Count == 0 ? "" : $"<definedNames>{defined}</definedNames>")}</workbook>
            """;
    }

    private static string Sheet(XlsxSheet sheet)
    {
        var width = Math.Max(1, Math.Max(sheet.Columns.Count, sheet.Rows.Select(r => r.Count).DefaultIfEmpty(0).Max()));
        var xml = new StringBuilder();
        xml.Append($"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{Main}">""");
        xml.Append($"""<dimension ref="A1:{ColumnLetter(width - 1)}{Math.Max(1, sheet.Rows.Count)}"/>""");
        if (sheet.FreezeHeader && sheet.HeaderRows > 0)
            xml.Append($"""
                <sheetViews><sheetView workbookViewId="0"><pane ySplit="{sheet.HeaderRows}"
                topLeftCell="A{sheet.HeaderRows + 1}" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>
                """);
        xml.Append("<cols>");
        for (var c = 0; c < width; c++)
        {
            var column = c < sheet.Columns.Count ? sheet.Columns[c] : new XlsxColumn();
            var chars = column.Width ?? AutoWidth(sheet.Rows, c);
            xml.Append($"""<col min="{c + 1}" max="{c + 1}" width="{Number(chars)}" customWidth="1" """)
                .Append(column.Wrap ? $"""style="{Styles.Wrap}"/>""" : "/>");
        }
        xml.Append("</cols><sheetData>");
        for (var r = 0; r < sheet.Rows.Count; r++)
        {
            var header = r < sheet.HeaderRows;
            xml.Append($"""<row r="{r + 1}" """)
                .Append(header && sheet.HeaderHeight is { } h ? $"""ht="{Number(h)}" customHeight="1">""" : ">");
            var cells = sheet.Rows[r];
            for (var c = 0; c < cells.Count; c++)
            {
                var wrap = c < sheet.Columns.Count && sheet.Columns[c].Wrap;
                Cell(xml, $"{ColumnLetter(c)}{r + 1}", cells[c], header ? Styles.Header : wrap ? Styles.Wrap : 0);
            }
            xml.Append("</row>");
        }
        xml.Append("</sheetData>");
        var lists = sheet.Columns.Select((c, i) => (c.List, Index: i)).Where(c => c.List is not null).ToList();
        if (lists.Count > 0 && sheet.ListRows > 0)
        {
            xml.Append($"""<dataValidations count="{lists.Count}">""");
            foreach (var (list, index) in lists)
            {
                var col = ColumnLetter(index);
                xml.Append($"""
                    <dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1"
                        errorStyle="warning" errorTitle="{Xml(sheet.ListWarning.Title)}"
                        error="{Xml(sheet.ListWarning.Message)}"
                        sqref="{col}{sheet.HeaderRows + 1}:{col}{sheet.HeaderRows + sheet.ListRows}"><formula1>
                    """).Append(Xml(list!)).Append("</formula1></dataValidation>");
            }
            xml.Append("</dataValidations>");
        }
        xml.Append("""<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>""");
        return xml.Append("</worksheet>").ToString();
    }

    /// <summary>A column as wide as its longest value (in characters, Thai marks not counted), within reason.</summary>
    private static double AutoWidth(IReadOnlyList<IReadOnlyList<object?>> rows, int column)
    {
        var longest = rows.Where(r => column < r.Count && r[column] is not null)
            .Select(r => Text(r[column]!).Count(ch => !IsThaiMark(ch)))
            .DefaultIfEmpty(0).Max();
        return Math.Clamp(longest * 1.1 + 2, 8, 60);
    }

    private static bool IsThaiMark(char c) =>
        c is '\u0E31' or (>= '\u0E34' and <= '\u0E3A') or (>= '\u0E47' and <= '\u0E4E');

    private static void Cell(StringBuilder xml, string reference, object? value, int style)
    {
        switch (value)
        {
            case null:
                return;
            case double d when !double.IsFinite(d):
            case float f when !float.IsFinite(f):
                Cell(xml, reference, Text(value), style);
                return;
            case byte or short or int or long or float or double or decimal:
                xml.Append($"""<c r="{reference}" s="{style}"><v>""").Append(Text(value)).Append("</v></c>");
                return;
            default:
                var text = Text(value);
                if (text.Length == 0) return;
                var quoted = SpreadsheetText.LooksLikeFormula(text) ? style + Styles.QuotePrefixed : style;
                xml.Append($"""<c r="{reference}" t="inlineStr" s="{quoted}"><is><t xml:space="preserve">""")
                    .Append(Escape(text)).Append("</t></is></c>");
                return;
        }
    }

    private static string Text(object value) => value switch
    {
        string s => s,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Text for an element or an attribute: the XML escapes, and every character XML cannot carry (control
    /// characters, a carriage return XML would turn into a line feed, a lone surrogate) written as Excel writes it,
    /// <c>_x000D_</c>; a text that already reads like such an escape has its underscore escaped (<c>_x005F_</c>), so
    /// that it is read back as it was.</summary>
    private static string Escape(string text)
    {
        var escaped = LooksEscaped().Replace(text, "_x005F_");
        var sb = new StringBuilder(escaped.Length);
        for (var i = 0; i < escaped.Length; i++)
        {
            var c = escaped[i];
            if (char.IsHighSurrogate(c) && i + 1 < escaped.Length && char.IsLowSurrogate(escaped[i + 1]))
            {
                sb.Append(c).Append(escaped[++i]);
                continue;
            }
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\t' or '\n': sb.Append(c); break;
                case < ' ' or '\uFFFE' or '\uFFFF' or (>= '\uD800' and <= '\uDFFF'):
                    sb.Append("_x").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)).Append('_');
                    break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }

    private static string Xml(string text) => Escape(text);

    [GeneratedRegex("_(?=x[0-9A-Fa-f]{4}_)")]
    private static partial Regex LooksEscaped();

    private static string ContentTypes(int sheets)
    {
        var overrides = new StringBuilder();
        for (var i = 1; i <= sheets; i++)
            overrides.Append($"""
                <Override PartName="/xl/worksheets/sheet{i}.xml"
                    ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
                """);
        return $"""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
            <Default Extension="xml" ContentType="application/xml"/>
            <Override PartName="/xl/workbook.xml"
                ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
            <Override PartName="/xl/styles.xml"
                ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
            {overrides}
            </Types>
            """;
    }

    private static string WorkbookRels(int sheets)
    {
        var rels = new StringBuilder();
        for (var i = 1; i <= sheets; i++)
            rels.Append($"""
                <Relationship Id="rId{i}" Type="{Rel}/worksheet" Target="worksheets/sheet{i}.xml"/>
                """);
        return $"""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="{PackageRel}">{rels}
            <Relationship Id="rId{sheets + 1}" Type="{Rel}/styles" Target="styles.xml"/></Relationships>
            """;
    }

    /// <summary>The cell formats of <see cref="StyleSheet"/>: 0 normal, 1 a bold header on light blue (wrapped,
    /// centred), 2 wrapped text; then the same three with Excel's quote prefix (a text that stays text when
    /// edited).</summary>
    private static class Styles
    {
        public const int Header = 1;
        public const int Wrap = 2;
        public const int QuotePrefixed = 3;
    }

    private const string StyleSheet = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
        <fonts count="2">
        <font><sz val="14"/><name val="TH Sarabun New"/><family val="2"/></font>
        <font><b/><sz val="14"/><name val="TH Sarabun New"/><family val="2"/></font>
        </fonts>
        <fills count="3">
        <fill><patternFill patternType="none"/></fill>
        <fill><patternFill patternType="gray125"/></fill>
        <fill><patternFill patternType="solid"><fgColor rgb="FFDCE8F5"/><bgColor indexed="64"/></patternFill></fill>
        </fills>
        <borders count="2">
        <border><left/><right/><top/><bottom/><diagonal/></border>
        <border><left style="thin"><color rgb="FF9DB4CF"/></left><right style="thin"><color rgb="FF9DB4CF"/></right>
        <top style="thin"><color rgb="FF9DB4CF"/></top><bottom style="thin"><color rgb="FF9DB4CF"/></bottom>
        <diagonal/></border>
        </borders>
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
        <cellXfs count="6">
        <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
        <xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1"
            applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>
        <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">
        <alignment vertical="top" wrapText="1"/></xf>
        <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>
        <xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1"
            applyAlignment="1" quotePrefix="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>
        <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1" quotePrefix="1">
        <alignment vertical="top" wrapText="1"/></xf>
        </cellXfs>
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
        </styleSheet>
        """;
}

/// <summary>The one rule of text that must stay text in a spreadsheet.</summary>
public static class SpreadsheetText
{
    /// <summary>Whether a spreadsheet would take <paramref name="text"/> for a formula (or a number it computes)
    /// if it were typed or pasted into a cell: it begins with "=", "+", "-" or "@", a tab or a carriage return (OWASP's
    /// CSV/formula injection list), or their full-width forms, which some spreadsheets read alike.</summary>
    public static bool LooksLikeFormula(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '＝' or '＋' or '－' or '＠';
}
