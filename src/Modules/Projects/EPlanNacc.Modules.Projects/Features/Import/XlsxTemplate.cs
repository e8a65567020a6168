using EPlanNacc.BuildingBlocks.Spreadsheets;

namespace EPlanNacc.Modules.Projects.Features.Import;

/// <summary>
/// The plan template as a workbook (<see cref="XlsxWriter"/>): a data sheet with bold, frozen headers and drop-down
/// lists (Excel data validation) on coded columns, and a sheet holding those lists and the instructions.
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
        var data = new XlsxSheet(DataSheetName, [Columns.Select(c => (object?)c.Header).ToList()])
        {
            Columns = Columns.Select(c => new XlsxColumn(c.Width, Wrap: true, c.ListName)).ToList(),
            HeaderHeight = 45,
            ListRows = ValidatedRows,
            ListWarning = ("ค่าไม่อยู่ในรายการ", "กรุณาเลือกจากรายการ"),
        };
        // the lists side by side, a blank column, then the instructions
        var height = Math.Max(Lists.Max(l => l.Values.Count), Instructions.Count) + 1;
        var rows = Enumerable.Range(0, height).Select(r => (IReadOnlyList<object?>)
        [
            .. Lists.Select(l => r == 0 ? l.Title : r <= l.Values.Count ? l.Values[r - 1] : null), null,
            r == 0 ? "คำอธิบายการกรอกแบบฟอร์ม" : r <= Instructions.Count ? Instructions[r - 1] : null,
        ]).ToList();
        var lists = new XlsxSheet(ListSheetName, rows)
        {
            Columns = [.. Lists.Select(_ => new XlsxColumn(40)), new XlsxColumn(8), new XlsxColumn(90)],
            FreezeHeader = false,
        };
        var names = Lists.Select((l, i) => new XlsxName(l.Name, ListSheetName, i, 2, l.Values.Count + 1)).ToList();
        return XlsxWriter.Write([data, lists], names);
    }
}
