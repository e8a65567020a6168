using EPlanNacc.Modules.Projects.Contracts;

namespace EPlanNacc.Modules.Projects.Features.Projects;

/// <summary>The codes of docs/api.md and the manual's Thai
/// wording for each, in the order the forms show them.</summary>
public static class ProjectCodes
{
    public static readonly CodeList WorkTypes = ProjectLabels.WorkTypes;

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

    public static readonly CodeList Conformity = ProjectLabels.Conformity;

    public static readonly CodeList Statuses = ProjectLabels.Statuses;

    /// <summary>What the manual says each status means (shown under the choice on the report form).</summary>
    public static readonly CodeList StatusHelp = new()
    {
        [RoundReportCodes.InProgress] = "โครงการ/มาตรการ/กิจกรรมที่อยู่ระหว่างดำเนินการ หรือที่ยังไม่ได้ดำเนินการ " +
                                        "แต่มีแผนว่าจะดำเนินการในปีงบประมาณนี้",
        [RoundReportCodes.Completed] = "โครงการ/มาตรการ/กิจกรรมที่ดำเนินการเสร็จสิ้น " +
                                       "หรือมีการดำเนินการต่อเนื่องทั้งปีงบประมาณ",
        [RoundReportCodes.NotPossible] = "โครงการ/มาตรการ/กิจกรรมที่ไม่สามารถดำเนินการได้ภายในปีงบประมาณนี้",
    };

    public const string AwaitingReport = ProjectLabels.AwaitingReport;

    public static readonly CodeList NotPossibleReasons = ProjectLabels.NotPossibleReasons;

    public const string FirstDimensionRule = "กรณีโครงการ/กิจกรรม สอดคล้องมากกว่า 1 มิติ ให้บันทึกโครงการฯ " +
                                             "เฉพาะในมิติแรกเท่านั้น";

    public static string Quarters(IEnumerable<int> quarters) => string.Join(", ", quarters.Order());
}
