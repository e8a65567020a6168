using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Projects.Features.Projects;
using EPlanNacc.Modules.Projects.Features.RoundReports;

namespace EPlanNacc.DataGenerator;

/// <summary>The history rows (<c>changes</c> jsonb) in the shape the application writes them: a list of
/// <see cref="ProjectFieldChange"/> (Field, Label, Old, New), made with the modules' own field lists where they are
/// public (the screening's, the round reports'). To keep the load within its time (full lists made the history 1.9 GB
/// of the 2.7 GB), a project's first change keeps its name, dimension and budget rather than all twelve fields, and a
/// report its status and reason rather than its amounts too.</summary>
internal static class Changes
{
    private static readonly JsonSerializerOptions Json =
        new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Created(ProjectPlan p) => Serialize(
    [
        new("name", "ชื่อโครงการ", null, p.Name),
        new("dimensionCode", "มิติ", null, p.Dimension.ToString(CultureInfo.InvariantCulture)),
        new("budget", "งบประมาณ", null, p.NoBudget ? "ไม่ใช้งบประมาณ" : ThaiFormat.Baht(p.Budget)),
    ]);

    // a few texts, made once each: the screenings and reports of two million rows say the same few things
    private static readonly Dictionary<(string, string?), string> ScreenedTexts = [];
    private static readonly Dictionary<(int, string, string?, string?), string> ReportedTexts = [];

    public static string Screened(ProjectPlan p)
    {
        var key = (p.Conformity, p.ConformityReason);
        if (!ScreenedTexts.TryGetValue(key, out var text))
            ScreenedTexts[key] = text = Serialize(Between(
                ProjectChangeRules.ScreeningFields(ProjectConformity.Unset, null),
                ProjectChangeRules.ScreeningFields(p.Conformity, p.ConformityReason)));
        return text;
    }

    /// <summary>A report's status and reason (the amounts and remarks are left out of the history).</summary>
    public static string Reported(int round, ReportPlan r)
    {
        var key = (round, r.Status, r.Reason, r.ReasonOther);
        if (!ReportedTexts.TryGetValue(key, out var text))
            ReportedTexts[key] = text = Serialize(Between(
                RoundReportRules.Fields(round, null).Where(StatusOrReason),
                RoundReportRules.Fields(round, new RoundReportDetails(r.Ordinance, r.Spent, r.InOrdinance, r.Status,
                    r.Reason, r.ReasonOther, r.Remarks, r.At)).Where(StatusOrReason)));
        return text;
    }

    private static bool StatusOrReason((string Field, string Label, string? Value) field) =>
        field.Field.EndsWith(".status", StringComparison.Ordinal)
        || field.Field.Contains(".notPossibleReason", StringComparison.Ordinal);

    public static readonly string Deleted =
        Serialize([new ProjectFieldChange("deleted", "สถานะโครงการ", "อยู่ในแผน", "ลบแล้ว")]);

    /// <summary>The first save of the basic data: every field, from nothing.</summary>
    public static string Profile(LaoPlan l) => Serialize(new (string Field, string Label, string? Value)[]
    {
        ("location.provinceCode", "จังหวัด", l.Registry.ProvinceCode),
        ("location.districtCode", "อำเภอ", l.Registry.DistrictCode),
        ("location.laoType", "ประเภท อปท.", l.Registry.LaoType),
        ("location.size", "ขนาด", l.Size),
        ("location.name", "ชื่อ อปท.", l.Registry.NameTh),
        ("location.officeAddress", "ที่ตั้งที่ทำการ", l.OfficeAddress),
        ("areaAndExecutives.serviceAreaSqKm", "ขนาดพื้นที่ให้บริการ (ตร.กม.)",
            l.ServiceArea.ToString("0.##", CultureInfo.InvariantCulture)),
        ("areaAndExecutives.population", "ประชากรในพื้นที่", l.Population.ToString(CultureInfo.InvariantCulture)),
        ("areaAndExecutives.revenueExcludingSubsidies", "รายได้ไม่รวมเงินอุดหนุน",
            l.Revenue.ToString("0.00", CultureInfo.InvariantCulture)),
        ("areaAndExecutives.subsidyRevenue", "รายได้จากเงินอุดหนุน",
            l.Subsidies.ToString("0.00", CultureInfo.InvariantCulture)),
        ("areaAndExecutives.executiveName", "ชื่อผู้บริหารท้องถิ่น", l.Executive),
        ("areaAndExecutives.permanentSecretaryName", "ชื่อปลัดองค์กรปกครองส่วนท้องถิ่น", l.Secretary),
        ("coordinator.fullName", "ชื่อ-สกุลผู้ประสานงาน", l.Coordinator),
        ("coordinator.position", "ตำแหน่ง", l.Position),
        ("coordinator.affiliation", "สังกัด", l.Affiliation),
        ("coordinator.phone", "โทรศัพท์", l.Phone),
        ("coordinator.mobile", "โทรศัพท์เคลื่อนที่", l.Mobile),
        ("coordinator.fax", "โทรสาร", l.Fax),
        ("coordinator.email", "อีเมล", l.Email),
        ("coordinator.website", "เว็บไซต์ อปท.", l.Website),
    }.Where(f => f.Value is not null).Select(f => new ProjectFieldChange(f.Field, f.Label, null, f.Value)).ToList());

    /// <summary>An assessment's change: the scores before (none) and after, by dimension.</summary>
    public static string Assessment(AssessmentPlan a) => JsonSerializer.Serialize(new
    {
        before = new Dictionary<string, decimal>(),
        after = a.Scores.Select((s, i) => (Code: (i + 1).ToString(CultureInfo.InvariantCulture), Score: s))
            .ToDictionary(x => x.Code, x => x.Score),
    }, Json);

    private static List<ProjectFieldChange> Between(IEnumerable<(string Field, string Label, string? Value)> before,
        IEnumerable<(string Field, string Label, string? Value)> after) =>
        before.Zip(after)
            .Where(p => !string.Equals(p.First.Value, p.Second.Value, StringComparison.Ordinal))
            .Select(p => new ProjectFieldChange(p.First.Field, p.First.Label, p.First.Value, p.Second.Value))
            .ToList();

    private static string Serialize(IReadOnlyList<ProjectFieldChange> changes) =>
        JsonSerializer.Serialize(changes, Json);
}
