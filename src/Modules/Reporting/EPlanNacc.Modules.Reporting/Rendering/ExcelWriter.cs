using EPlanNacc.BuildingBlocks.Spreadsheets;

namespace EPlanNacc.Modules.Reporting.Rendering;

/// <summary>Writes a report as an Excel workbook: a first sheet with the report's title, subject, period and date
/// of printing, then one sheet per table with Thai headers; numbers are numeric cells (baht and scores as
/// decimals, counts as whole numbers), never text; text stays text (<see cref="XlsxWriter"/>).</summary>
public static class ExcelWriter
{
    public const string ContentType = XlsxWriter.ContentType;

    public static byte[] Write(ReportDocument report, DateTimeOffset printedAt)
    {
        var taken = new List<string> { SheetName("รายงาน", []) };
        var sheets = new List<XlsxSheet>
        {
            new(taken[0],
            [
                ["หัวข้อ", "รายละเอียด"], ["ชื่อรายงาน", report.Title], ["ของ", report.Subject],
                ["ช่วงเวลา", report.Period], ["พิมพ์เมื่อ", BuildingBlocks.Thai.ThaiFormat.DateTime(printedAt)],
            ]),
        };
        foreach (var table in report.Tables)
        {
            var rows = new List<IReadOnlyList<object?>> { Headers(table) };
            rows.AddRange(table.Rows.Select(row => Enumerable.Range(0, table.Columns.Count)
                .Select(i => CellValue(i < row.Cells.Count ? row.Cells[i] : null, table.Columns[i].Kind)).ToList()));
            var name = SheetName(table.SheetName, taken);
            taken.Add(name);
            sheets.Add(new XlsxSheet(name, rows));
        }
        return XlsxWriter.Write(sheets);
    }

    /// <summary>Unique column headers: a grouped column reads "group - header".</summary>
    public static IReadOnlyList<string> Headers(ReportTable table)
    {
        var seen = new HashSet<string>();
        return table.Columns.Select(c =>
        {
            var header = c.Group is null ? c.Header : $"{c.Group} - {c.Header}";
            var unique = header;
            for (var n = 2; !seen.Add(unique); n++) unique = $"{header} ({n})";
            return unique;
        }).ToList();
    }

    /// <summary>Numbers as numeric cells, text as text (as <see cref="ReportFormat.Cell"/> reads them).</summary>
    private static object? CellValue(object? value, CellKind kind) => value switch
    {
        null => null,
        string s => kind == CellKind.Band ? ReportFormat.Band(s) : s,
        bool b => b ? "ใช่" : "ไม่ใช่",
        int or long when kind == CellKind.Text =>
            Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
        _ when kind == CellKind.Count => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
        _ when kind is CellKind.Amount or CellKind.Score =>
            Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static string SheetName(string name, IEnumerable<string> taken)
    {
        var clean = new string(name.Where(c => "[]:*?/\\".IndexOf(c) < 0).ToArray()).Trim();
        if (clean.Length == 0) clean = "ตาราง";
        if (clean.Length > 31) clean = clean[..31];
        var unique = clean;
        for (var n = 2; taken.Contains(unique); n++) unique = $"{clean[..Math.Min(clean.Length, 27)]} ({n})";
        return unique;
    }
}
