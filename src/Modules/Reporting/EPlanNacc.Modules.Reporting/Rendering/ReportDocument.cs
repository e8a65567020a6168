namespace EPlanNacc.Modules.Reporting.Rendering;

/// <summary>What a cell holds, and so how it is shown (Thai formats on screen and in the PDF) and stored
/// (numeric cells in Excel).</summary>
public enum CellKind
{
    Text,
    /// <summary>A whole number: 1,234.</summary>
    Count,
    /// <summary>Baht: 1,234,567.00.</summary>
    Amount,
    /// <summary>A score 0-100 with 2 decimals: 87.50.</summary>
    Score,
    /// <summary>A score band: green, orange, red (shown in Thai, with its colour).</summary>
    Band,
}

/// <param name="Group">A header over consecutive columns of the same group.</param>
public sealed record ReportColumn(string Header, CellKind Kind = CellKind.Text, string? Group = null)
{
    /// <summary>The column's share of the table's width on screen and paper, in percent (1-100); none: as its
    /// content asks. Written as a class (<c>w-pN</c>), never as a style attribute the page's
    /// Content-Security-Policy would refuse.</summary>
    public int? WidthPercent { get; init; }
    /// <summary>Its cells keep to one line (short codes and states that would break between words).</summary>
    public bool NoWrap { get; init; }
}

public enum RowKind { Normal, Subtotal, Total }

public sealed record ReportRow(IReadOnlyList<object?> Cells, RowKind Kind = RowKind.Normal);

/// <summary>One table of a report: on screen and in the PDF a table, in Excel a sheet of its own.</summary>
/// <param name="SheetName">The Excel sheet's name (at most 31 characters).</param>
public sealed record ReportTable(string SheetName, string? Caption, IReadOnlyList<ReportColumn> Columns,
    IReadOnlyList<ReportRow> Rows)
{
    public string? EmptyText { get; init; }
}

/// <summary>A report as data: the same model is written as HTML (screen), printed by Chromium (PDF) and written as a
/// workbook (Excel), so the three cannot disagree.</summary>
/// <param name="Title">The report's name, as the manual gives it.</param>
/// <param name="Subject">Whom or what it is about: an LAO's name, or a province.</param>
/// <param name="Period">ปีงบประมาณ พ.ศ. 2570, and the round when there is one.</param>
/// <param name="FileName">The download's name without extension (ASCII).</param>
public sealed record ReportDocument(
    string Title, string Subject, string Period, IReadOnlyList<ReportTable> Tables, string FileName)
{
    /// <summary>Notes printed under the tables (how scores are computed, what a band means).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
    public bool Landscape { get; init; }
}
