namespace EPlanNacc.Host.Infrastructure;

/// <summary>The manual's menu at the left (หน้าแรก, โครงการ, ขั้นสูง, ออกรายงาน). An entry without a page is shown as
/// coming, never as a broken link. An entry with a <see cref="Item.Policy"/> is shown to the users it admits (the
/// same policies the pages declare, <see cref="Policies"/>).</summary>
public static class AppMenu
{
    /// <param name="Page">the Razor page the entry opens (its address comes from the page's route)</param>
    /// <param name="Address">for an entry that opens no Razor page (the API reference, an endpoint): its address
    /// </param>
    public sealed record Item(string Label, string? Page, string Icon, IReadOnlyList<Item>? Children = null,
        string? Policy = null, string? Address = null)
    {
        public bool Coming => Page is null && Address is null && Children is null;
    }

    public static readonly IReadOnlyList<Item> Items =
    [
        new("หน้าแรก", "/Reporting/Summary", "bi-house-door"),
        new("โครงการ", null, "bi-journal-text",
        [
            new("บันทึกแผน", "/Projects/Plan", "bi-plus-square", Policy: Policies.Lao),
            new("นำเข้าแผนจากไฟล์ Excel", "/Projects/Import", "bi-file-earmark-excel", Policy: Policies.Lao),
            new("บันทึกรายงานผลการดำเนินงาน", "/Projects/List", "bi-clipboard-check", Policy: Policies.Lao),
            new("คัดกรองโครงการ", "/Projects/Screening", "bi-check2-square", Policy: Policies.Staff),
            new("คิวคัดกรองโครงการ", "/Projects/ScreeningQueue", "bi-list-check", Policy: Policies.Staff),
            new("รายงานโครงการทั้งหมด", "/Projects/AllProjects", "bi-list-columns"),
        ]),
        new("ขั้นสูง", null, "bi-sliders",
        [
            new("ผลการประเมิน", "/Evaluation/Index", "bi-award"),
            new("ตั้งค่าการประเมิน", "/Evaluation/Settings", "bi-gear", Policy: Policies.Admin),
            new("รอบการรายงานและการขยายเวลา", "/Projects/Rounds", "bi-calendar-range", Policy: Policies.Staff),
            new("แจ้งเตือนกำหนดส่งรายงาน", "/Reporting/Reminders", "bi-bell", Policy: Policies.Staff),
            new("บัญชีผู้ใช้งาน", "/Identity/Accounts", "bi-person-gear", Policy: Policies.Staff),
            new("บันทึกการใช้งาน", "/Identity/Audit", "bi-journal-check", Policy: Policies.Staff),
            // Scalar's page over /openapi/v1.json, open to anyone but offered to staff (docs/adr/0041-...)
            new("คู่มือ API (สำหรับระบบเชื่อมต่อ)", null, "bi-braces", Policy: Policies.Staff,
                Address: ApiReference.Path),
        ]),
        new("ออกรายงาน", null, "bi-printer",
        [
            new("รายงานผลการดำเนินงานตามแผนฯ", "/Reporting/Performance", "bi-file-earmark-text"),
            new("รายงานสถานะโครงการ/กิจกรรม/มาตรการ ประจำปีงบประมาณ", "/Reporting/Status", "bi-file-earmark-text"),
            new("รายงานผลการประเมินแผนปฏิบัติการป้องกันการทุจริต", "/Reporting/Evaluation", "bi-file-earmark-text"),
            new("รายงานผลการนำแผนไปปฏิบัติระดับจังหวัด", "/Reporting/Province", "bi-file-earmark-bar-graph",
                Policy: Policies.Staff),
            new("ออกรายงานแบบกลุ่ม (zip)", "/Reporting/ReportBatches", "bi-file-earmark-zip", Policy: Policies.Staff),
            new("ความครบถ้วนของการรายงานผล", "/Reporting/Completeness", "bi-clipboard-data", Policy: Policies.Staff),
        ]),
    ];
}
