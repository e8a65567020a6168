using System.Globalization;
using System.Text.RegularExpressions;
using EPlanNacc.Modules.Projects.Features.Projects;

namespace EPlanNacc.Modules.Projects.Features.Import;

/// <summary>A row of the plan spreadsheet read into a project's fields (the fiscal year is the one chosen for the
/// import), with the Thai reasons a cell could not be read.</summary>
public sealed record ProjectImportRow(
    int? FiscalYear, string? Name, IReadOnlyList<int>? Quarters, string? WorkType, string? DimensionCode,
    string? MissionCode, string? Essence, bool? NoBudget, decimal? Budget, IReadOnlyList<string>? TargetGroups,
    string? TargetGroupOther, string? Objectives, string? Remarks) : IProjectFields;

public sealed class ProjectImportRowValidator(DimensionTrees trees) : ProjectFieldsValidator<ProjectImportRow>(trees);

/// <summary>The columns of the plan template (Thai headers; "*" marks a required column) and the reading of each
/// cell: codes or their Thai labels, "1,2" or "1-4" for quarters, "ใช่" for a ticked box. Pure: unit-tested.</summary>
public static partial class ProjectSheetColumns
{
    public const string No = "ลำดับ";
    public const string Name = "ชื่อโครงการ/กิจกรรม/มาตรการ/แนวปฏิบัติงาน*";
    public const string Quarters = "ไตรมาสที่ดำเนินการ* (เช่น 1,2 หรือ 1-4)";
    public const string WorkType = "ประเภทงาน*";
    public const string Dimension = "มิติ*";
    public const string Mission = "ภารกิจ/ภารกิจย่อย";
    public const string Essence = "สาระสำคัญ*";
    public const string Budget = "งบประมาณ (บาท)";
    public const string NoBudget = "ไม่ใช้งบประมาณ";
    public const string TargetPrefix = "กลุ่มเป้าหมาย: ";
    public const string TargetOther = "กลุ่มเป้าหมายอื่น ๆ";
    public const string Objectives = "วัตถุประสงค์*";
    public const string Remarks = "หมายเหตุ";
    public const string Yes = "ใช่";

    /// <summary>Every header in the order of the template, with its width in characters.</summary>
    public static IReadOnlyList<(string Header, double Width)> All { get; } =
    [
        (No, 7), (Name, 45), (Quarters, 16), (WorkType, 14), (Dimension, 30), (Mission, 40), (Essence, 45),
        (Budget, 16), (NoBudget, 12), .. ProjectCodes.TargetGroups.Select(g => (TargetPrefix + g.Value, 14d)),
        (TargetOther, 22), (Objectives, 45), (Remarks, 25),
    ];

    public static readonly string[] Required = [Name, Quarters, WorkType, Dimension, Essence, Objectives];

    /// <summary>A header as people may have retyped it: no "*", no hint in brackets, single spaces.</summary>
    public static string Normalize(string header)
    {
        var h = header.Replace("*", "", StringComparison.Ordinal);
        var bracket = h.IndexOf(" (เช่น", StringComparison.Ordinal);
        if (bracket >= 0) h = h[..bracket];
        return Spaces().Replace(h, " ").Trim();
    }

    /// <summary>Reads one row (cells keyed by header) into a project's fields for
    /// <paramref name="fiscalYear"/>.</summary>
    public static (ProjectImportRow Row, IReadOnlyList<string> Errors) Read(IReadOnlyDictionary<string, object?> cells,
        int fiscalYear)
    {
        var errors = new List<string>();
        object? Cell(string header) => cells.TryGetValue(Normalize(header), out var v) ? v : null;
        string? Text(string header) => AsText(Cell(header));

        var quarters = ReadQuarters(Cell(Quarters), out var quartersError);
        if (quartersError is not null) errors.Add(quartersError);
        var budget = ReadAmount(Cell(Budget), out var budgetError);
        if (budgetError is not null) errors.Add($"งบประมาณ: {budgetError}");
        var noBudget = ReadYes(Cell(NoBudget), out var noBudgetError);
        if (noBudgetError is not null) errors.Add($"ไม่ใช้งบประมาณ: {noBudgetError}");
        var groups = new List<string>();
        foreach (var (code, label) in ProjectCodes.TargetGroups)
        {
            var ticked = ReadYes(Cell(TargetPrefix + label), out var error);
            if (error is not null) errors.Add($"กลุ่มเป้าหมาย {label}: {error}");
            if (ticked) groups.Add(code);
        }
        var workType = Text(WorkType);
        var row = new ProjectImportRow(
            fiscalYear, Text(Name), quarters, ProjectCodes.WorkTypes.Find(workType) ?? workType,
            TaxonomyCode(Text(Dimension)), TaxonomyCode(Text(Mission)), Text(Essence), noBudget,
            noBudget && budget is null ? 0 : budget, groups, Text(TargetOther), Text(Objectives), Text(Remarks));
        return (row, errors);
    }

    public static bool IsEmpty(IReadOnlyDictionary<string, object?> cells) => cells.Values.All(v => AsText(v) is null);

    public static string? AsText(object? value) => value switch
    {
        null => null,
        string s => string.IsNullOrWhiteSpace(s) ? null : s.Trim(),
        double d => d.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()?.Trim() is { Length: > 0 } t ? t : null,
    };

    /// <summary>"1", "1,2", "1 2 3", "1-4", "ไตรมาส 1, 2" → the quarters; anything else is refused.</summary>
    public static IReadOnlyList<int>? ReadQuarters(object? value, out string? error)
    {
        error = null;
        var text = AsText(value);
        if (text is null) return null;
        text = text.Replace("ไตรมาส", "", StringComparison.Ordinal).Replace("ที่", "", StringComparison.Ordinal);
        var range = QuarterRange().Match(text);
        if (range.Success)
        {
            int from = range.Groups[1].Value[0] - '0', to = range.Groups[2].Value[0] - '0';
            if (from <= to) return Enumerable.Range(from, to - from + 1).ToList();
        }
        if (!QuarterList().IsMatch(text))
        {
            error = "ไตรมาสที่ดำเนินการต้องเป็นตัวเลข 1 ถึง 4 คั่นด้วยจุลภาค เช่น 1,2 หรือช่วง เช่น 1-4";
            return null;
        }
        return Digits().Matches(text).Select(m => int.Parse(m.Value, CultureInfo.InvariantCulture)).Distinct()
            .Order().ToList();
    }

    /// <summary>A number cell, or text such as "50,000.00" or "50000 บาท".</summary>
    public static decimal? ReadAmount(object? value, out string? error)
    {
        error = null;
        switch (value)
        {
            case null: return null;
            case double d when double.IsFinite(d) && Math.Abs(d) < 1e15: return Math.Round((decimal)d, 6);
            case decimal m: return m;
            case int or long: return Convert.ToDecimal(value, CultureInfo.InvariantCulture);
        }
        var text = AsText(value)?.Replace(",", "", StringComparison.Ordinal)
            .Replace("บาท", "", StringComparison.Ordinal).Trim();
        if (string.IsNullOrEmpty(text)) return null;
        if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount)) return amount;
        error = "ต้องเป็นตัวเลข เช่น 50000 หรือ 50,000.00";
        return null;
    }

    /// <summary>A ticked box: "ใช่", "✓", "x", "true", "1"; empty or "ไม่ใช่", "false", "0" is not ticked.</summary>
    public static bool ReadYes(object? value, out string? error)
    {
        error = null;
        if (value is bool b) return b;
        var text = AsText(value)?.ToLowerInvariant();
        switch (text)
        {
            case null or "ไม่ใช่" or "ไม่" or "false" or "0" or "no" or "-": return false;
            case Yes or "✓" or "✔" or "/" or "x" or "true" or "1" or "yes" or "y": return true;
            default:
                error = $"ใส่ “{Yes}” เมื่อต้องการเลือก หรือเว้นว่าง";
                return false;
        }
    }

    /// <summary>"1", "1.1.2", "มิติที่ 1 ...", "1.1 การสร้าง..." (a value of the template's list) → the code.</summary>
    public static string? TaxonomyCode(string? text)
    {
        if (text is null) return null;
        var m = TaxonomyPrefix().Match(text);
        return m.Success ? m.Groups[1].Value : text;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
    [GeneratedRegex(@"^\s*([1-4])\s*[-–]\s*([1-4])\s*$")]
    private static partial Regex QuarterRange();
    [GeneratedRegex(@"^[\s,;/และ0-9.]*[0-9][\s,;/และ0-9.]*$")]
    private static partial Regex QuarterList();
    [GeneratedRegex(@"[0-9]+")]
    private static partial Regex Digits();
    [GeneratedRegex(@"^\s*(?:มิติที่\s*)?([0-9]+(?:\.[0-9]+){0,2})(?:\s|$)")]
    private static partial Regex TaxonomyPrefix();
}
