namespace EPlanNacc.Modules.Projects.Contracts;

/// <summary>The Thai wording of the project codes other modules show (reports, summaries): work types, screening,
/// round statuses and the reasons of "not possible", in the order the forms show them.</summary>
public static class ProjectLabels
{
    public static readonly CodeList WorkTypes = new()
    {
        ["project"] = "โครงการ",
        ["activity"] = "กิจกรรม",
        ["measure"] = "มาตรการ",
        ["guideline"] = "แนวปฏิบัติงาน",
    };

    public static readonly CodeList Conformity = new()
    {
        [ProjectConformity.Conforming] = "สอดคล้อง",
        [ProjectConformity.NonConforming] = "ไม่สอดคล้อง (ไม่ต้องรายงานผล)",
        [ProjectConformity.Unset] = "ยังไม่คัดกรอง",
    };

    public static readonly CodeList Statuses = new()
    {
        [RoundReportCodes.InProgress] = "อยู่ระหว่างดำเนินการ",
        [RoundReportCodes.Completed] = "ดำเนินการแล้วเสร็จ",
        [RoundReportCodes.NotPossible] = "ไม่สามารถดำเนินการได้",
    };

    public static readonly CodeList NotPossibleReasons = new()
    {
        [RoundReportCodes.NoBudget] = "ไม่ได้รับงบประมาณ",
        [RoundReportCodes.PolicyChanged] = "นโยบายผู้บริหารเปลี่ยนแปลง",
        [RoundReportCodes.InsufficientStaff] = "บุคลากรไม่เพียงพอ",
        [RoundReportCodes.Other] = "อื่นๆ",
    };

    /// <summary>A project that needs a report and has none in a round.</summary>
    public const string AwaitingReport = "รอการรายงานผล";
}

/// <summary>Codes with their Thai labels, in the order the forms show them.</summary>
public sealed class CodeList : IEnumerable<KeyValuePair<string, string>>
{
    private readonly List<KeyValuePair<string, string>> _items = [];
    private readonly Dictionary<string, string> _labels = new(StringComparer.Ordinal);

    public string this[string code]
    {
        get => _labels[code];
        init { _items.Add(new(code, value)); _labels.Add(code, value); }
    }

    public IEnumerable<string> Codes => _items.Select(i => i.Key);
    public bool Contains(string? code) => code is not null && _labels.ContainsKey(code);

    /// <summary>The Thai label of a code ("-" for none, the code itself when unknown).</summary>
    public string Label(string? code) =>
        code is not null && _labels.TryGetValue(code, out var label) ? label : code ?? "-";

    /// <summary>The code whose label or code is <paramref name="text"/> (trimmed, case-insensitive), if any.</summary>
    public string? Find(string? text)
    {
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t)) return null;
        return _items.FirstOrDefault(i => string.Equals(i.Key, t, StringComparison.OrdinalIgnoreCase) ||
                                          string.Equals(i.Value, t, StringComparison.Ordinal)).Key;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _items.GetEnumerator();
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
