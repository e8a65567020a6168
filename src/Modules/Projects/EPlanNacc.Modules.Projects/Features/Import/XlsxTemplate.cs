using System.IO.Compression;
using System.Security;
using System.Text;

namespace EPlanNacc.Modules.Projects.Features.Import;

/// <summary>
/// Writes a small .xlsx workbook by hand (SpreadsheetML in a zip): a data sheet with bold, frozen headers and
/// drop-down lists (Excel data validation) on coded columns, and a sheet holding those lists and instructions.
/// MiniExcel writes data well but not data validation, which the template needs.
/// </summary>
internal sealed class XlsxTemplate
{
    public sealed record Column(string Header, double Width, string? ListName = null);

    /// <summary>A named list on the lists sheet, offered as a drop-down on its columns of the data sheet.</summary>
    public sealed record NamedList(string Name, string Title, IReadOnlyList<string> Values);

    public required string DataSheetName { get; init; }
    public required string ListSheetName { get; init; }
    public required IReadOnlyList<Column> Columns { get; init; }
    public required IReadOnlyList<NamedList> Lists { get; init; }
    public IReadOnlyList<string> Instructions { get; init; } = [];
    public int ValidatedRows { get; init; } = 2000;

    public byte[] Write()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "[Content_Types].xml", ContentTypes);
            Add(zip, "_rels/.rels", RootRels);
            Add(zip, "xl/workbook.xml", Workbook());
            Add(zip, "xl/_rels/workbook.xml.rels", WorkbookRels);
            Add(zip, "xl/styles.xml", Styles);
            Add(zip, "xl/worksheets/sheet1.xml", DataSheet());
            Add(zip, "xl/worksheets/sheet2.xml", ListSheet());
        }
        return buffer.ToArray();
    }

    private static void Add(ZipArchive zip, string path, string content)
    {
        var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
        using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(false));
        writer.Write(content);
    }

    public static string ColumnLetter(int index)
    {
        var letters = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) letters = (char)('A' + (n - 1) % 26) + letters;
        return letters;
    }

    private static string X(string text) => SecurityElement.Escape(text);

    private static string Cell(string reference, string text, int style) =>
        $"""<c r="{reference}" t="inlineStr" s="{style}"><is><t xml:space="preserve">{X(text)}</t></is></c>""";

    private string Workbook()
    {
        var names = new StringBuilder();
        for (var i = 0; i < Lists.Count; i++)
        {
            var col = ColumnLetter(i);
            var range = $"'{X(ListSheetName)}'!${col}$2:${col}${Lists[i].Values.Count + 1}";
            names.Append($"""<definedName name="{Lists[i].Name}">{range}</definedName>""");
        }
        return $"""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
                xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
            <sheets><sheet name="{X(DataSheetName)}" sheetId="1" r:id="rId1"/>
            <sheet name="{X(ListSheetName)}" sheetId="2" r:id="rId2"/></sheets>
            <definedNames>{names}</definedNames>
            </workbook>
            """;
    }

    private string DataSheet()
    {
        var cols = new StringBuilder();
        var header = new StringBuilder();
        var validations = new StringBuilder();
        var count = 0;
        for (var i = 0; i < Columns.Count; i++)
        {
            var c = Columns[i];
            var letter = ColumnLetter(i);
            var width = c.Width.ToString(System.Globalization.CultureInfo.InvariantCulture);
            cols.Append($"""<col min="{i + 1}" max="{i + 1}" width="{width}" customWidth="1" style="2"/>""");
            header.Append(Cell($"{letter}1", c.Header, 1));
            if (c.ListName is null) continue;
            count++;
            validations.Append($"""
                <dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1"
                    errorStyle="warning" errorTitle="ค่าไม่อยู่ในรายการ" error="กรุณาเลือกจากรายการ"
                    sqref="{letter}2:{letter}{ValidatedRows + 1}"><formula1>{c.ListName}</formula1></dataValidation>
                """);
        }
        return $"""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
                xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
            <sheetViews><sheetView workbookViewId="0">
            <pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>
            <sheetFormatPr defaultRowHeight="15"/>
            <cols>{cols}</cols>
            <sheetData><row r="1" ht="45" customHeight="1">{header}</row></sheetData>
            {(count == 0 ? "" : $"<dataValidations count=\"{count}\">{validations}</dataValidations>")}
            <pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>
            </worksheet>
            """;
    }

    private string ListSheet()
    {
        var rows = new StringBuilder();
        var instructionColumn = ColumnLetter(Lists.Count + 1);
        var height = Math.Max(Lists.Max(l => l.Values.Count) + 1, Instructions.Count + 1);
        for (var r = 0; r < height; r++)
        {
            rows.Append($"""<row r="{r + 1}">""");
            for (var i = 0; i < Lists.Count; i++)
            {
                var text = r == 0 ? Lists[i].Title : r <= Lists[i].Values.Count ? Lists[i].Values[r - 1] : null;
                if (text is not null) rows.Append(Cell($"{ColumnLetter(i)}{r + 1}", text, r == 0 ? 1 : 0));
            }
            var instruction = r == 0 ? "คำอธิบายการกรอกแบบฟอร์ม" : r <= Instructions.Count ? Instructions[r - 1] : null;
            if (instruction is not null) rows.Append(Cell($"{instructionColumn}{r + 1}", instruction, r == 0 ? 1 : 0));
            rows.Append("</row>");
        }
        var cols = new StringBuilder();
        for (var i = 0; i < Lists.Count; i++)
            cols.Append($"""<col min="{i + 1}" max="{i + 1}" width="40" customWidth="1"/>""");
        cols.Append($"""<col min="{Lists.Count + 2}" max="{Lists.Count + 2}" width="90" customWidth="1"/>""");
        return $"""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
            <cols>{cols}</cols>
            <sheetData>{rows}</sheetData>
            </worksheet>
            """;
    }

    private const string ContentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
        <Default Extension="xml" ContentType="application/xml"/>
        <Override PartName="/xl/workbook.xml"
            ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
        <Override PartName="/xl/worksheets/sheet1.xml"
            ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
        <Override PartName="/xl/worksheets/sheet2.xml"
            ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
        <Override PartName="/xl/styles.xml"
            ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
        </Types>
        """;

    private const string RootRels = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
        <Relationship Id="rId1"
            Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
            Target="xl/workbook.xml"/>
        </Relationships>
        """;

    private const string WorkbookRels = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
            Target="worksheets/sheet1.xml"/>
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
            Target="worksheets/sheet2.xml"/>
        <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
            Target="styles.xml"/>
        </Relationships>
        """;

    /// <summary>Style 0: normal; 1: bold header on light blue,
    /// wrapped, centred; 2: wrapped text (data columns).</summary>
    private const string Styles = """
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
        <cellXfs count="3">
        <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
        <xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1"
            applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>
        <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">
        <alignment vertical="top" wrapText="1"/></xf>
        </cellXfs>
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
        </styleSheet>
        """;
}
