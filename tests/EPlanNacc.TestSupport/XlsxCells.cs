using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace EPlanNacc.TestSupport;

/// <summary>A cell of a workbook as the file holds it: its sheet and reference, its type (<c>t</c>: "inlineStr",
/// "s", "str", or null for a number), whether it holds a formula, whether its format carries Excel's quote prefix
/// (a text that stays text when edited), and its text.</summary>
public sealed record XlsxCell(string Sheet, string Reference, string? Type, bool HasFormula, bool QuotePrefix,
    string? Text)
{
    public bool IsNumber => Type is null or "n";
}

/// <summary>Reads every cell of a workbook from its XML, as a spreadsheet program would see it (not through a
/// library that hides types and formats).</summary>
public static partial class XlsxCells
{
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static readonly XNamespace Rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    public static IReadOnlyList<XlsxCell> Read(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        XDocument Load(string path) => XDocument.Load(zip.GetEntry(path)!.Open());
        var shared = zip.GetEntry("xl/sharedStrings.xml") is null
            ? []
            : Load("xl/sharedStrings.xml").Root!.Elements(Main + "si").Select(TextOf).ToList();
        var quoted = Load("xl/styles.xml").Root!.Element(Main + "cellXfs")!.Elements(Main + "xf")
            .Select(xf => (string?)xf.Attribute("quotePrefix") is "1" or "true").ToList();
        var rels = Load("xl/_rels/workbook.xml.rels").Root!.Elements()
            .ToDictionary(r => (string)r.Attribute("Id")!, r => (string)r.Attribute("Target")!);
        var cells = new List<XlsxCell>();
        foreach (var sheet in Load("xl/workbook.xml").Root!.Element(Main + "sheets")!.Elements(Main + "sheet"))
        {
            var target = rels[(string)sheet.Attribute(Rel + "id")!].TrimStart('/');
            var part = Load(target.StartsWith("xl/", StringComparison.Ordinal) ? target : "xl/" + target);
            foreach (var c in part.Descendants(Main + "c"))
            {
                var type = (string?)c.Attribute("t");
                var style = (int?)c.Attribute("s") ?? 0;
                var value = (string?)c.Element(Main + "v");
                var text = type switch
                {
                    "inlineStr" => TextOf(c.Element(Main + "is")!),
                    "s" => shared[int.Parse(value!, System.Globalization.CultureInfo.InvariantCulture)],
                    _ => value,
                };
                cells.Add(new XlsxCell((string)sheet.Attribute("name")!, (string)c.Attribute("r")!, type,
                    c.Element(Main + "f") is not null, style < quoted.Count && quoted[style], text));
            }
        }
        return cells;
    }

    /// <summary>The text cells a spreadsheet would take for a formula if they were edited or pasted (they begin with
    /// "=", "+", "-", "@", a tab or a carriage return) and that nothing keeps as text: no quote prefix.</summary>
    public static IReadOnlyList<XlsxCell> UnprotectedFormulaLikeText(IReadOnlyList<XlsxCell> cells) =>
        cells.Where(c => !c.IsNumber && c.Text is { Length: > 0 } t && "=+-@\t\r".Contains(t[0]) && !c.QuotePrefix)
            .ToList();

    private static string TextOf(XElement rich) =>
        Escaped().Replace(string.Concat(rich.Descendants(Main + "t")
                .Where(t => t.Parent!.Name.LocalName != "rPh").Select(t => t.Value)),
            m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString());

    [GeneratedRegex("_x([0-9A-Fa-f]{4})_")]
    private static partial Regex Escaped();
}
