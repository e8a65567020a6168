using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Thai;
using FluentValidation;

namespace EPlanNacc.Modules.Projects.Features.Import;

/// <summary>One row of an uploaded plan: its row number in the sheet, the project's name, and every reason it
/// cannot be saved (in Thai; none when it can).</summary>
public sealed record ImportRowResult(int RowNumber, string? Name, IReadOnlyList<string> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>An uploaded plan as read from its file: why it cannot be read (in Thai), or its rows (cells keyed by the
/// normalized header of their column, numbered as in the sheet).</summary>
internal sealed record ProjectSheet(string? FileError,
    IReadOnlyList<(int RowNumber, IReadOnlyDictionary<string, object?> Cells)> Rows)
{
    /// <summary>Reads the first sheet of <paramref name="file"/> within <see cref="ProjectImportLimits.Xlsx"/>: no
    /// database, so that the import reads before it opens a transaction or takes a lock.</summary>
    public static ProjectSheet Read(byte[] file, CancellationToken ct)
    {
        UploadedSheet sheet;
        try
        {
            sheet = XlsxSheetReader.ReadFirstSheet(file, ProjectImportLimits.Xlsx, ct);
        }
        catch (XlsxRefusedException refused)
        {
            return Refused(ProjectImportLimits.Refused(refused));
        }
        var headerRow = sheet.Rows.FirstOrDefault(r => r.Number == 1);
        var headerByColumn = (headerRow?.Cells ?? new Dictionary<int, object>())
            .Where(kv => ProjectSheetColumns.AsText(kv.Value) is not null)
            .ToDictionary(kv => kv.Key, kv => ProjectSheetColumns.Normalize(ProjectSheetColumns.AsText(kv.Value)!));
        if (headerByColumn.Count == 0)
            return Refused("ไม่พบหัวตารางในแถวแรกของไฟล์ กรุณาใช้แบบฟอร์มที่ดาวน์โหลดจากระบบ");
        var headers = headerByColumn.Values.ToHashSet();
        var missing = ProjectSheetColumns.Required.Where(h => !headers.Contains(ProjectSheetColumns.Normalize(h)))
            .ToList();
        if (missing.Count > 0)
            return Refused($"ไม่พบคอลัมน์ {string.Join(", ", missing.Select(ProjectSheetColumns.Normalize))} " +
                           "ในแถวแรกของไฟล์ กรุณาใช้แบบฟอร์มที่ดาวน์โหลดจากระบบ");

        var rows = sheet.Rows.Where(r => r.Number > 1).Select(r =>
        {
            var cells = new Dictionary<string, object?>();
            foreach (var (column, header) in headerByColumn)
                cells.TryAdd(header, r.Cells.TryGetValue(column, out var v) ? v : null);
            return (r.Number, (IReadOnlyDictionary<string, object?>)cells);
        }).Where(r => !ProjectSheetColumns.IsEmpty(r.Item2)).ToList();
        // rows beyond those kept are counted, not read: each of them has a value somewhere
        var count = sheet.Rows.Count < sheet.RowsWithValues ? sheet.RowsWithValues - 1 : rows.Count;
        if (count == 0) return Refused("ไม่พบข้อมูลโครงการในไฟล์ (ใต้หัวตาราง)");
        if (count > ProjectImportLimits.MaxRows) return Refused(ProjectImportLimits.TooManyRows(count));
        return new ProjectSheet(null, rows);
    }

    private static ProjectSheet Refused(string error) => new(error, []);
}

/// <summary>Checks an uploaded plan read by <see cref="ProjectSheet.Read"/>: each row with the rules of the form, the
/// names compared with the plan already recorded and with the file's other rows. Used by the preview and by the
/// import, so that what the preview shows is what the import does.</summary>
internal sealed class ProjectImportReader(DbSession db, IValidator<ProjectImportRow> validator)
{
    public sealed record Checked(string? FileError, IReadOnlyList<(ImportRowResult Result, ProjectImportRow Row)> Rows);

    public async Task<Checked> CheckAsync(ProjectSheet sheet, int fiscalYear, string dlaCode, CancellationToken ct)
    {
        if (sheet.FileError is not null) return new Checked(sheet.FileError, []);
        var existing = (await db.QueryAsync<string>(
            "SELECT lower(name) FROM projects.projects WHERE dla_code = @dlaCode AND fiscal_year = @fiscalYear " +
            "AND deleted_at IS NULL", new { dlaCode, fiscalYear }, ct)).ToHashSet();
        var firstRowOf = new Dictionary<string, int>();
        var results = new List<(ImportRowResult, ProjectImportRow)>();
        foreach (var (rowNumber, cells) in sheet.Rows)
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
}
