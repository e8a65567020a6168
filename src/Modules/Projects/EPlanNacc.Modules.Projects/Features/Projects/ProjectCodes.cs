using EPlanNacc.Modules.Projects.Contracts;

namespace EPlanNacc.Modules.Projects.Features.Projects;

/// <summary>The codes of api-v1.md and the manual's Thai wording for each, in the order the forms show them.</summary>
public static class ProjectCodes
{
    public static readonly CodeList WorkTypes = new()
    {
        ["project"] = "โครงการ",
        ["activity"] = "กิจกรรม",
        ["measure"] = "มาตรการ",
        ["guideline"] = "แนวปฏิบัติงาน",
    };

    public static readonly CodeList TargetGroups = new()
    {
        ["executives"] = "ข้าราชการการเมืองฝ่ายบริหาร",
        ["council"] = "ข้าราชการการเมืองฝ่ายสภาท้องถิ่น",
        ["staff"] = "ข้าราชการ/พนักงาน/ลูกจ้างส่วนท้องถิ่น",
        ["youth"] = "เด็กและเยาวชน",
        ["public"] = "ประชาชน/ภาคประชาสังคม",
        ["schools"] = "สถานศึกษา",
        ["government"] = "หน่วยงานภาครัฐ",
        ["state_enterprises"] = "รัฐวิสาหกิจ",
        ["private_sector"] = "ภาคธุรกิจเอกชน",
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

    /// <summary>What the manual says each status means (shown under the choice on the report form).</summary>
    public static readonly CodeList StatusHelp = new()
    {
        [RoundReportCodes.InProgress] = "โครงการ/มาตรการ/กิจกรรมที่อยู่ระหว่างดำเนินการ หรือที่ยังไม่ได้ดำเนินการ แต่มีแผนว่าจะดำเนินการในปีงบประมาณนี้",
        [RoundReportCodes.Completed] = "โครงการ/มาตรการ/กิจกรรมที่ดำเนินการเสร็จสิ้น หรือมีการดำเนินการต่อเนื่องทั้งปีงบประมาณ",
        [RoundReportCodes.NotPossible] = "โครงการ/มาตรการ/กิจกรรมที่ไม่สามารถดำเนินการได้ภายในปีงบประมาณนี้",
    };

    public const string AwaitingReport = "รอการรายงานผล";

    public static readonly CodeList NotPossibleReasons = new()
    {
        [RoundReportCodes.NoBudget] = "ไม่ได้รับงบประมาณ",
        [RoundReportCodes.PolicyChanged] = "นโยบายผู้บริหารเปลี่ยนแปลง",
        [RoundReportCodes.InsufficientStaff] = "บุคลากรไม่เพียงพอ",
        [RoundReportCodes.Other] = "อื่นๆ",
    };

    public const string FirstDimensionRule = "กรณีโครงการ/กิจกรรม สอดคล้องมากกว่า 1 มิติ ให้บันทึกโครงการฯ เฉพาะในมิติแรกเท่านั้น";

    public static string Quarters(IEnumerable<int> quarters) => string.Join(", ", quarters.Order());
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
    public string Label(string? code) => code is not null && _labels.TryGetValue(code, out var label) ? label : code ?? "-";

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
