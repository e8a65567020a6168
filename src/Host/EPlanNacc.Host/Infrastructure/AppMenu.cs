using System.Security.Claims;
using EPlanNacc.BuildingBlocks.Security;

namespace EPlanNacc.Host.Infrastructure;

/// <summary>The manual's menu at the left (หน้าแรก, โครงการ, ขั้นสูง, ออกรายงาน). An entry without a path is shown
/// as coming, never as a broken link.</summary>
public static class AppMenu
{
    public sealed record Item(string Label, string? Path, string Icon, IReadOnlyList<Item>? Children = null, string[]? Roles = null)
    {
        public bool Coming => Path is null && Children is null;
        public bool VisibleTo(ClaimsPrincipal user) => Roles is null || Roles.Contains(user.Get(AppClaims.Role));
    }

    private static readonly string[] Lao = [UserRoles.Lao];
    private static readonly string[] Staff = [UserRoles.Provincial, UserRoles.Admin];
    private static readonly string[] Admin = [UserRoles.Admin];

    public static readonly IReadOnlyList<Item> Items =
    [
        new("หน้าแรก", "/summary", "bi-house-door"),
        new("โครงการ", null, "bi-journal-text",
        [
            new("บันทึกแผน", "/projects/plan", "bi-plus-square", Roles: Lao),
            new("นำเข้าแผนจากไฟล์ Excel", "/projects/import", "bi-file-earmark-excel", Roles: Lao),
            new("บันทึกรายงานผลการดำเนินงาน", "/projects/list", "bi-clipboard-check", Roles: Lao),
            new("คัดกรองโครงการ", "/projects/screening", "bi-check2-square", Roles: Staff),
            new("รายงานโครงการทั้งหมด", "/projects/report", "bi-list-columns"),
        ]),
        new("ขั้นสูง", null, "bi-sliders",
        [
            new("ผลการประเมิน", "/evaluation", "bi-award"),
            new("ตั้งค่าการประเมิน", "/admin/evaluation-settings", "bi-gear", Roles: Admin),
        ]),
        new("ออกรายงาน", null, "bi-printer",
        [
            new("รายงานผลการดำเนินงานตามแผนฯ", "/reports/performance", "bi-file-earmark-text"),
            new("รายงานสถานะโครงการ/กิจกรรม/มาตรการ ประจำปีงบประมาณ", "/reports/status", "bi-file-earmark-text"),
            new("รายงานผลการประเมินแผนปฏิบัติการป้องกันการทุจริต", "/reports/evaluation", "bi-file-earmark-text"),
            new("รายงานผลการนำแผนไปปฏิบัติระดับจังหวัด", "/reports/province", "bi-file-earmark-bar-graph", Roles: Staff),
        ]),
    ];
}
