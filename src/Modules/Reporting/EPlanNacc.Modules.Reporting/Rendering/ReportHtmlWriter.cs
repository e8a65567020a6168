using System.Globalization;
using System.Net;
using System.Text;
using EPlanNacc.BuildingBlocks.Thai;

namespace EPlanNacc.Modules.Reporting.Rendering;

/// <summary>Writes a report as HTML: the fragment the screen shows, and the whole A4 document Chromium prints.
/// Both come from the same fragment, so the PDF shows exactly what the screen shows.</summary>
public static class ReportHtmlWriter
{
    private static string H(string? s) => WebUtility.HtmlEncode(s ?? "");

    /// <summary>The report's body: title, subject, period, tables, notes.</summary>
    public static string Fragment(ReportDocument report)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        Write(report, output);
        return output.ToString();
    }

    /// <summary>Writes <see cref="Fragment"/> to <paramref name="output"/> (the page's writer) a few thousand
    /// characters at a time: a province's report is some 170,000 characters, which as one string would be allocated
    /// on the large object heap on every request, and the collections of that heap cost more CPU than the report.
    /// </summary>
    public static void Write(ReportDocument report, TextWriter output)
    {
        var sb = new StringBuilder(FlushAt + 1024);
        sb.Append("<section class=\"report\" data-report-title=\"").Append(H(report.Title)).Append("\">");
        sb.Append("<h2 class=\"report-title\">").Append(H(report.Title)).Append("</h2>");
        sb.Append("<p class=\"report-subject\">").Append(H(report.Subject)).Append("</p>");
        sb.Append("<p class=\"report-period\">").Append(H(report.Period)).Append("</p>");
        foreach (var table in report.Tables) WriteTable(sb, table, output);
        if (report.Notes.Count > 0)
        {
            sb.Append("<ul class=\"report-notes\">");
            foreach (var note in report.Notes) sb.Append("<li>").Append(H(note)).Append("</li>");
            sb.Append("</ul>");
        }
        sb.Append("</section>");
        output.Write(sb);
    }

    /// <summary>The characters gathered before they go to the output (well under the large object heap's 85,000
    /// bytes).</summary>
    private const int FlushAt = 8 * 1024;

    private static void FlushIfFull(StringBuilder sb, TextWriter output)
    {
        if (sb.Length < FlushAt) return;
        output.Write(sb);
        sb.Clear();
    }

    private static void WriteTable(StringBuilder sb, ReportTable table, TextWriter output)
    {
        // a short table stays on one page; one of a few columns (a summary) need not stretch across it
        sb.Append("<div class=\"report-table-wrap").Append(table.Rows.Count <= 12 ? " keep" : "")
            .Append("\"><table class=\"report-table")
          .Append(table.Columns.Count <= 3 ? " narrow" : "").Append("\">");
        if (table.Caption is not null) sb.Append("<caption>").Append(H(table.Caption)).Append("</caption>");
        sb.Append("<thead>");
        if (table.Columns.Any(c => c.Group is not null))
        {
            sb.Append("<tr>");
            var i = 0;
            while (i < table.Columns.Count)
            {
                var group = table.Columns[i].Group;
                var span = 1;
                while (i +
                    span < table.Columns.Count && group is not null && table.Columns[i + span].Group == group) span++;
                if (group is null) sb.Append("<th scope=\"col\" rowspan=\"2\"").Append(WidthOf(table.Columns[i]))
                    .Append('>').Append(H(table.Columns[i].Header)).Append("</th>");
                else sb.Append("<th scope=\"colgroup\" colspan=\"").Append(span).Append("\">").Append(H(group))
                    .Append("</th>");
                i += span;
            }
            sb.Append("</tr><tr>");
            foreach (var c in table.Columns.Where(c => c.Group is not null))
                sb.Append("<th scope=\"col\"").Append(WidthOf(c)).Append('>').Append(H(c.Header)).Append("</th>");
            sb.Append("</tr>");
        }
        else
        {
            sb.Append("<tr>");
            foreach (var c in table.Columns)
                sb.Append("<th scope=\"col\"").Append(WidthOf(c)).Append('>').Append(H(c.Header)).Append("</th>");
            sb.Append("</tr>");
        }
        sb.Append("</thead><tbody>");
        if (table.Rows.Count == 0)
        {
            sb.Append("<tr><td class=\"empty\" colspan=\"").Append(table.Columns.Count).Append("\">")
              .Append(H(table.EmptyText ?? "ไม่มีข้อมูล")).Append("</td></tr>");
        }
        foreach (var row in table.Rows)
        {
            sb.Append(row.Kind switch
            {
                RowKind.Total => "<tr class=\"total\">",
                RowKind.Subtotal => "<tr class=\"subtotal\">",
                _ => "<tr>",
            });
            for (var i = 0; i < table.Columns.Count; i++)
            {
                var column = table.Columns[i];
                var value = i < row.Cells.Count ? row.Cells[i] : null;
                var text = ReportFormat.Cell(value, column.Kind);
                var css = (column.Kind, value) switch
                {
                    (CellKind.Band, _) => "band band-" + H(value as string ?? "none"),
                    // a word in a column of numbers ("ไม่ใช้งบประมาณ"): centred (not "mark": Bootstrap highlights that)
                    (_, string or bool) => column.Kind == CellKind.Text ? "" : "word",
                    (CellKind.Count or CellKind.Amount or CellKind.Score, _) or (_, int or long or decimal) => "num",
                    _ => "",
                };
                if (column.NoWrap) css = (css + " nowrap").Trim();
                var tag = i == 0 && column.Kind == CellKind.Text ? "th scope=\"row\"" : "td";
                sb.Append('<').Append(tag).Append(css.Length > 0 ? $" class=\"{css}\"" : "").Append('>').Append(H(text))
                  .Append("</").Append(tag.Split(' ')[0]).Append('>');
            }
            sb.Append("</tr>");
            FlushIfFull(sb, output);
        }
        sb.Append("</tbody></table></div>");
    }

    private static string WidthOf(ReportColumn column) =>
        column.WidthPercent is { } width ? $" class=\"w-p{Math.Clamp(width, 1, 100)}\"" : "";

    /// <summary>The classes of <see cref="WidthOf"/>: one per percent.</summary>
    private static string WidthClasses() => string.Concat(
        Enumerable.Range(1, 100).Select(n => $".report-table th.w-p{n} {{ width: {n}%; }}\n"));

    /// <summary>The styles of a report, shared by the screen and the print.</summary>
    public static readonly string Styles = WidthClasses() + """
        .report { font-family: 'Sarabun', 'TH Sarabun New', 'Garuda', 'Noto Sans Thai', sans-serif; color: #111; }
        .report-title { font-size: 1.25rem; font-weight: 700; margin: 0 0 .25rem; }
        .report-subject, .report-period { margin: 0 0 .25rem; font-size: 1rem; }
        .report-table-wrap { overflow-x: auto; margin: .75rem 0 1rem; }
        .report-table { border-collapse: collapse; width: 100%; font-size: .92rem; }
        .report-table caption {
            caption-side: top; text-align: left; font-weight: 700; color: #0b3b6f; padding: .25rem 0;
        }
        .report-table th, .report-table td { border: 1px solid #9aa7b5; padding: .25rem .45rem; vertical-align: top; }
        .report-table thead th { background: #e6eef7; text-align: center; font-weight: 700; }
        .report-table tbody th { text-align: left; font-weight: 400; }
        .report-table td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        .report-table tr.subtotal th, .report-table tr.subtotal td { background: #f3f6fa; font-weight: 700; }
        .report-table tr.total th, .report-table tr.total td { background: #dfe8f3; font-weight: 700; }
        .report-table td.empty { text-align: center; color: #555; }
        .report-table td.word { text-align: center; }
        .report-table.narrow { width: auto; min-width: 50%; }
        .report-table-wrap.keep { break-inside: avoid; }
        .report-table .nowrap { white-space: nowrap; }
        .report-table td.band { text-align: center; font-weight: 700; white-space: nowrap; }
        .band-green, .report-table tr td.band-green { color: #0f6b2f; background: #dff3e5; }
        .band-orange, .report-table tr td.band-orange { color: #8a4b00; background: #fde9cc; }
        .band-red, .report-table tr td.band-red { color: #9b1c1c; background: #f9dcdc; }
        .report-notes { font-size: .85rem; color: #333; padding-left: 1.2rem; }
        """;

    /// <summary>The HTML document Chromium prints (A4) without its report: the report styles, Sarabun, the page's size
    /// in the element <c>#page-size</c> and an empty body. The renderer loads it once per browser page and then puts
    /// each report's <see cref="Fragment"/> into the body, so that styles and fonts are loaded once.</summary>
    public static string PrintShell(string title = "", bool landscape = false) => $$"""
        <!DOCTYPE html>
        <html lang="th"><head><meta charset="utf-8"><title>{{H(title)}}</title>
        <style id="page-size">{{PageSize(landscape)}}</style>
        <style>
        html, body {
            margin: 0; padding: 0; font-size: 12pt;
            font-family: 'Sarabun', 'TH Sarabun New', 'Garuda', 'Noto Sans Thai', sans-serif;
        }
        {{Styles}}
        .report-table { font-size: 10.5pt; }
        .report-table thead { display: table-header-group; }
        .report-table tr { page-break-inside: avoid; }
        </style></head>
        <body></body></html>
        """;

    /// <summary>The rule of the page's size and orientation.</summary>
    public static string PageSize(bool landscape) => $"@page {{ size: A4 {(landscape ? "landscape" : "portrait")}; }}";

    /// <summary>The running header of each PDF page: the report's subject, fiscal year and round.</summary>
    public static string PageHeader(ReportDocument report) => $"""
        <div style="font-family: 'Sarabun', 'Garuda', sans-serif; font-size: 8.5pt; width: 100%; margin: 0 12mm;
                    display: flex; justify-content: space-between; color: #333;">
          <span>{H(report.Subject)}</span><span>{H(report.Period)}</span>
        </div>
        """;

    /// <summary>The footer of each page: "หน้า x / y" and the date of printing in the Buddhist Era.</summary>
    public static string PageFooter(DateTimeOffset printedAt) => $"""
        <div style="font-family: 'Sarabun', 'Garuda', sans-serif; font-size: 8.5pt; width: 100%; margin: 0 12mm;
                    display: flex; justify-content: space-between; color: #333;">
          <span>พิมพ์เมื่อ {H(ThaiFormat.DateTime(printedAt))} · E-PlanNACC</span>
          <span>หน้า <span class="pageNumber"></span> / <span class="totalPages"></span></span>
        </div>
        """;
}
