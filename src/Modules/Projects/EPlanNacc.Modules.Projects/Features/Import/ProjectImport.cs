using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Thai;
using FluentValidation;
using MiniExcelLibs;

namespace EPlanNacc.Modules.Projects.Features.Import;

/// <summary>One row of an uploaded plan: its row number in the sheet, the project's name, and every reason it
/// cannot be saved (in Thai; none when it can).</summary>
public sealed record ImportRowResult(int RowNumber, string? Name, IReadOnlyList<string> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>Reads and checks an uploaded plan: the whole file is read, each row checked with the rules of the form,
/// names compared with the plan already recorded and with the file's other rows. Used by the preview and by the
/// import, so that what the preview shows is what the import does.</summary>
internal sealed class ProjectImportReader(DbSession db, IValidator<ProjectImportRow> validator)
{
    public sealed record Checked(string? FileError, IReadOnlyList<(ImportRowResult Result, ProjectImportRow Row)> Rows);

    public async Task<Checked> CheckAsync(byte[] file, int fiscalYear, string dlaCode, CancellationToken ct)
    {
        Sheet sheet;
        try
        {
            sheet = ReadSheet(file);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // an uploaded file is anything at all: whatever the reader
            // makes of a broken one is a Thai message, never a 500
            return new Checked("อ่านไฟล์ไม่ได้ กรุณาใช้ไฟล์ Excel (.xlsx) ที่ดาวน์โหลดแบบฟอร์มจากระบบ", []);
        }
        if (sheet.Headers.Count == 0)
            return new Checked("ไม่พบหัวตารางในแถวแรกของไฟล์ กรุณาใช้แบบฟอร์มที่ดาวน์โหลดจากระบบ", []);
        var missing = ProjectSheetColumns.Required.Where(h =>
            !sheet.Headers.Contains(ProjectSheetColumns.Normalize(h))).ToList();
        if (missing.Count > 0)
            return new Checked($"ไม่พบคอลัมน์ {string.Join(", ", missing.Select(ProjectSheetColumns.Normalize))} " +
                               "ในแถวแรกของไฟล์ กรุณาใช้แบบฟอร์มที่ดาวน์โหลดจากระบบ", []);

        var rows = sheet.Rows.Where(r => !ProjectSheetColumns.IsEmpty(r.Cells)).ToList();
        if (rows.Count == 0) return new Checked("ไม่พบข้อมูลโครงการในไฟล์ (ใต้หัวตาราง)", []);
        if (rows.Count > ProjectImportLimits.MaxRows)
            return new Checked(ProjectImportLimits.TooManyRows(rows.Count), []);

        var existing = (await db.QueryAsync<string>(
            "SELECT lower(name) FROM projects.projects WHERE dla_code = @dlaCode AND fiscal_year = @fiscalYear " +
            "AND deleted_at IS NULL", new { dlaCode, fiscalYear }, ct)).ToHashSet();
        var firstRowOf = new Dictionary<string, int>();
        var results = new List<(ImportRowResult, ProjectImportRow)>();
        foreach (var (rowNumber, cells) in rows)
        {
            var (row, errors) = ProjectSheetColumns.Read(cells, fiscalYear);
            var all = errors.ToList();
            var validation = await validator.ValidateAsync(row, ct);
            all.AddRange(validation.Errors.Select(e => e.ErrorMessage).Distinct());
            var key = row.Name?.Trim().ToLowerInvariant();
            if (key is not null)
            {
                if (existing.Contains(key))
                    all.Add($"มีโครงการชื่อนี้ใน{ThaiFormat.FiscalYear(fiscalYear)}อยู่แล้ว (ไม่นำเข้าซ้ำ)");
                else if (firstRowOf.TryGetValue(key, out var first)) all.Add($"ชื่อโครงการซ้ำกับแถวที่ {first}");
                else firstRowOf[key] = rowNumber;
            }
            results.Add((new ImportRowResult(rowNumber, row.Name, all), row));
        }
        return new Checked(null, results);
    }

    private sealed record Sheet(IReadOnlySet<string> Headers,
        IReadOnlyList<(int RowNumber, IReadOnlyDictionary<string, object?> Cells)> Rows);

    /// <summary>The first sheet: its headers (row 1, normalized) and each later row's cells keyed by header.</summary>
    private static Sheet ReadSheet(byte[] file)
    {
        using var stream = new MemoryStream(file, writable: false);
        var raw = MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX)
            .Cast<IDictionary<string, object?>>()
            .ToList();
        if (raw.Count == 0) return new Sheet(new HashSet<string>(), []);
        var headerByColumn = raw[0]
            .Where(kv => ProjectSheetColumns.AsText(kv.Value) is not null)
            .ToDictionary(kv => kv.Key, kv => ProjectSheetColumns.Normalize(ProjectSheetColumns.AsText(kv.Value)!));
        var rows = raw.Skip(1).Select((r, i) =>
        {
            var cells = new Dictionary<string, object?>();
            foreach (var (column, header) in headerByColumn)
                cells.TryAdd(header, r.TryGetValue(column, out var v) ? v : null);
            return (i + 2, (IReadOnlyDictionary<string, object?>)cells);
        }).ToList();
        return new Sheet(headerByColumn.Values.ToHashSet(), rows);
    }
}
