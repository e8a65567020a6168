namespace EPlanNacc.Modules.Identity.Features.Audit;

/// <summary>The actions of the audit trail in Thai, for the audit page and its filter: those of this module (accounts,
/// sign-ins: <c>account.</c> + an account event's kind) and those the other modules record (rounds and extensions,
/// screening, assessments, bulk reports, reminders). An action not listed shows its code.</summary>
public static class AuditLabels
{
    public static readonly IReadOnlyList<(string Action, string Label)> Known =
    [
        ("account.signed_in", "เข้าสู่ระบบ"),
        ("account.signed_out", "ออกจากระบบ"),
        ("account.sign_in_failed", "เข้าสู่ระบบไม่สำเร็จ"),
        ("account.locked_out", "ถูกระงับชั่วคราวเพราะกรอกรหัสผ่านผิดหลายครั้ง"),
        ("account.setup_sign_in", "เข้าสู่ระบบครั้งแรก (ยังไม่ได้ตั้งค่า)"),
        ("account.setup_completed", "บันทึกข้อมูลพื้นฐานและกำหนดรหัสผ่านแล้ว"),
        ("account.password_changed", "เปลี่ยนรหัสผ่าน"),
        ("account.password_reset_requested", "ขอลิงก์ตั้งรหัสผ่านใหม่"),
        ("account.password_reset", "ตั้งรหัสผ่านใหม่ด้วยลิงก์"),
        ("account.password_set", "กำหนดรหัสผ่านครั้งแรกด้วยลิงก์"),
        ("account.created", "สร้างบัญชี"),
        ("account.updated", "แก้ไขบัญชี"),
        ("account.setup_link_sent", "ส่งลิงก์กำหนดรหัสผ่าน"),
        ("account.locked", "ระงับการเข้าสู่ระบบ"),
        ("account.unlocked", "ปลดการระงับ"),
        ("account.disabled", "ปิดการใช้งานบัญชี"),
        ("account.enabled", "เปิดการใช้งานบัญชีอีกครั้ง"),
        ("account.reset", "ตั้งค่าบัญชี อปท. ใหม่"),
        ("account.activation_code_issued", "ออกรหัสเปิดใช้งาน"),
        ("lao.location_corrected", "แก้ไขจังหวัด/อำเภอของ อปท. ตามทะเบียน"),
        ("round.dates_set", "กำหนดวันเปิด-ปิดรอบการรายงาน"),
        ("extension.granted", "ขยายเวลารายงานให้ อปท."),
        ("extension.revoked", "ยกเลิกการขยายเวลา"),
        ("project.screened", "คัดกรองโครงการ"),
        ("assessment.settings_saved", "ตั้งค่าการประเมิน (คะแนนเต็มของแต่ละมิติและคะแนนรวมขั้นต่ำที่ผ่าน)"),
        ("assessment.saved", "บันทึกคะแนนการประเมิน"),
        ("assessment.published", "เผยแพร่คะแนนการประเมิน"),
        ("report_batch.started", "เริ่มสร้างรายงานชุด"),
        ("reminders.sent", "ส่งอีเมลแจ้งเตือนกำหนดส่ง"),
    ];

    private static readonly Dictionary<string, string> ByAction = Known.ToDictionary(k => k.Action, k => k.Label);

    public static string Of(string action) => ByAction.GetValueOrDefault(action, action);
}
