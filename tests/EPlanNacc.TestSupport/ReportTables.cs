using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using MiniExcelLibs;
using Xunit;

namespace EPlanNacc.TestSupport;

/// <summary>Reads a report's tables as people see them: from the page (the HTML fragment of
/// <c>section.report</c>), from the Excel workbook (one sheet per table after the sheet "รายงาน") and from the PDF's
/// text; and proves the three say the same.</summary>
public static partial class ReportTables
{
    /// <summary>The body rows of each table of the report on a page,
    /// as the cells' texts (an empty table has none).</summary>
    public static IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> FromHtml(string html)
    {
        var start = html.IndexOf("<section class=\"report\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "the page shows no report");
        var section = html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
        return TablePattern().Matches(section).Select(table =>
        {
            var body = table.Groups[1].Value;
            body = body[body.IndexOf("<tbody>", StringComparison.Ordinal)..];
            return (IReadOnlyList<IReadOnlyList<string>>)RowPattern().Matches(body)
                .Where(row => !row.Value.Contains("class=\"empty\"", StringComparison.Ordinal))
                .Select(row => (IReadOnlyList<string>)CellPattern().Matches(row.Groups[1].Value)
                    .Select(cell =>
                        WebUtility.HtmlDecode(TagPattern().Replace(cell.Groups[1].Value, "")).Trim()).ToList())
                .ToList();
        }).ToList();
    }

    /// <summary>The rows of each table sheet of a workbook (every
    /// sheet but the first, "รายงาน"), as cell values.</summary>
    public static IReadOnlyList<IReadOnlyList<IReadOnlyList<object?>>> FromExcel(byte[] xlsx)
    {
        using var stream = new MemoryStream(xlsx);
        var names = stream.GetSheetNames();
        Assert.Equal("รายงาน", names[0]);
        return names.Skip(1)
            .Select(name => (IReadOnlyList<IReadOnlyList<object?>>)stream.Query(useHeaderRow: true, sheetName: name)
            .Cast<IDictionary<string, object?>>().Select(row => (IReadOnlyList<object?>)row.Values.ToList())
            .Where(values => values.Any(v => v is not null))
            .ToList()).ToList();
    }

    /// <summary>A number as the report writes it ("1,234.50", "7"), or null for any other text.</summary>
    public static decimal? Number(string text) =>
        NumberPattern().IsMatch(text) ? decimal.Parse(text.Replace(",", ""), CultureInfo.InvariantCulture) : null;

    /// <summary>Every table cell of the page is in the workbook, the same number as a numeric cell or the same text;
    /// and every row's numbers stand in that order on one line of the PDF's text, its texts in the PDF too.
    /// Returns how many cells were compared.</summary>
    public static async Task<int> AssertSameAsync(string pageHtml, byte[] pdf, byte[] xlsx)
    {
        var page = FromHtml(pageHtml);
        var excel = FromExcel(xlsx);
        Assert.Equal(page.Count, excel.Count);
        var layout = await PdfTools.TextAsync(pdf, layout: true);
        var flat = Squeeze(await PdfTools.TextAsync(pdf, raw: true));
        var compared = 0;
        for (var t = 0; t < page.Count; t++)
        {
            Assert.True(page[t].Count == excel[t].Count,
                $"table {t + 1}: {page[t].Count} rows on the page, {excel[t].Count} in Excel");
            for (var r = 0; r < page[t].Count; r++)
            {
                var cells = page[t][r];
                Assert.Equal(cells.Count, excel[t][r].Count);
                for (var c = 0; c < cells.Count; c++, compared++)
                {
                    var where = $"table {t + 1}, row {r + 1}, column {c + 1} ('{cells[c]}')";
                    var value = excel[t][r][c];
                    if (Number(cells[c]) is { } n)
                    {
                        Assert.True(value is double or int or long or decimal,
                            $"{where}: Excel holds {value ?? "nothing"}, not a number");
                        Assert.True(Math.Round(Convert.ToDecimal(value, CultureInfo.InvariantCulture), 2) == n,
                            $"{where}: Excel holds {value}");
                    }
                    else if (cells[c] == "-") Assert.True(value is null or "-", $"{where}: Excel holds {value}");
                    else
                    {
                        Assert.True(Equals(value, cells[c]), $"{where}: Excel holds '{value}'");
                        Assert.True(flat.Contains(Squeeze(cells[c]), StringComparison.Ordinal),
                            $"{where}: not in the PDF's text");
                    }
                }
                var numbers = cells.Where(x => Number(x) is not null).Select(Regex.Escape).ToList();
                if (numbers.Count == 0) continue;
                var line = new Regex(string.Join(@"[^\n]*?", numbers.Select(x => $@"(?<![\d,.]){x}(?![\d,.])")));
                Assert.True(line.IsMatch(layout),
                    $"table {t + 1}, row {r + 1}: the " +
                    $"numbers {string.Join(" ", cells.Where(x => Number(x) is not null))} are not " +
                    "on one line of the PDF");
            }
        }
        return compared;
    }

    /// <summary>A text without its white space (the PDF breaks long Thai cells into lines between words).</summary>
    public static string Squeeze(string text) => WhiteSpace().Replace(text, "");

    [GeneratedRegex("<table class=\"report-table[^\"]*\">(.*?)</table>", RegexOptions.Singleline)]
    private static partial Regex TablePattern();

    [GeneratedRegex("<tr[^>]*>(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex RowPattern();

    [GeneratedRegex("<t[hd][^>]*>(.*?)</t[hd]>", RegexOptions.Singleline)]
    private static partial Regex CellPattern();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();

    /// <summary>"7", "1,234", "52,500.50": the report's numbers
    /// (never a code such as 6900106, which has no commas).</summary>
    [GeneratedRegex(@"^-?\d{1,3}(,\d{3})*(\.\d+)?$")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
