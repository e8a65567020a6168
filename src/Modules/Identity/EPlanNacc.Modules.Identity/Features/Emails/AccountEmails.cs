using EPlanNacc.BuildingBlocks.Email;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts;

namespace EPlanNacc.Modules.Identity.Features.Emails;

/// <summary>The emails about an account, to an LAO's coordinator or to an NACC officer: the same Thai letter as text
/// and as HTML (a greeting, paragraphs, at most one button, the signature).</summary>
internal static class AccountEmails
{
    private const string IfNotYou = "หากท่านไม่ได้ร้องขอ กรุณาติดต่อสำนักงาน ป.ป.ช. ประจำจังหวัดโดยเร็ว";

    /// <summary>"ตั้งรหัสผ่านใหม่": the single-use link of a password reset.</summary>
    public static EmailMessage ResetLink(LaoContact lao, string baseUrl, string token, int minutes) => Compose(lao,
        "E-PlanNACC: ตั้งรหัสผ่านใหม่",
        new($"มีการขอตั้งรหัสผ่านใหม่สำหรับบัญชีผู้ใช้งานของ {lao.NameTh} " +
            $"(รหัสผู้ใช้งาน {lao.DlaCode}) ในระบบ E-PlanNACC"),
        new("ตั้งรหัสผ่านใหม่", ResetUrl(baseUrl, token)),
        new($"ลิงก์ใช้ได้ครั้งเดียว ภายใน {minutes} นาที"),
        new("หากท่านไม่ได้ขอตั้งรหัสผ่านใหม่ ไม่ต้องดำเนินการใด ๆ รหัสผ่านเดิมยังใช้ได้ตามปกติ"));

    /// <summary>A reset asked for an account that was never set up: how its first sign-in goes.</summary>
    public static EmailMessage NotSetUp(LaoContact lao, string baseUrl, bool activationCodeRequired) => Compose(lao,
        "E-PlanNACC: บัญชีผู้ใช้งานยังไม่ได้ตั้งค่า",
        new($"บัญชีผู้ใช้งานของ {lao.NameTh} (รหัสผู้ใช้งาน {lao.DlaCode}) ยังไม่ได้ตั้งค่า จึงยังไม่มีรหัสผ่าน"),
        new(activationCodeRequired
            ? "กรุณาขอรหัสเปิดใช้งานจากสำนักงาน ป.ป.ช. ประจำจังหวัด แล้วเข้าสู่ระบบครั้งแรกด้วยรหัสตัวเลข 7 " +
              $"หลัก {lao.DlaCode} กับรหัสเปิดใช้งานนั้น " +
              "แล้วบันทึกข้อมูลพื้นฐานและกำหนดรหัสผ่านในหน้าข้อมูลผู้ประสานงาน"
            : $"กรุณาเข้าสู่ระบบครั้งแรกด้วยรหัสตัวเลข 7 หลัก {lao.DlaCode} โดยไม่ต้องกรอกรหัสผ่าน " +
              "แล้วบันทึกข้อมูลพื้นฐานและกำหนดรหัสผ่านในหน้าข้อมูลผู้ประสานงาน"),
        new("เข้าสู่ระบบ", $"{baseUrl.TrimEnd('/')}/login"));

    /// <summary>"บัญชีของท่านถูกตั้งค่าใหม่โดย ... เมื่อ ...": to the
    /// coordinator on file when staff reset the account.</summary>
    public static EmailMessage ResetNotice(LaoContact lao, string staff, DateTimeOffset at) => Compose(lao,
        $"E-PlanNACC: บัญชีผู้ใช้งานของ {lao.NameTh} ถูกตั้งค่าใหม่",
        new($"บัญชีผู้ใช้งานของ {lao.NameTh} (รหัสผู้ใช้งาน {lao.DlaCode}) ในระบบ E-PlanNACC ถูกตั้งค่าใหม่เป็น " +
            $"“ยังไม่ได้ตั้งค่า” โดย {staff} เมื่อ {ThaiFormat.DateTime(at)}"),
        new("รหัสผ่านเดิมใช้ไม่ได้แล้ว การเข้าสู่ระบบครั้งต่อไปจะเริ่มจากการบันทึกข้อมูลพื้นฐานและกำหนดรหัสผ่านใหม่ " +
            "ข้อมูลแผนและผลการดำเนินงานของ อปท. ยังอยู่ครบ"),
        new(IfNotYou));

    /// <summary>To the coordinator on file when staff issue an activation code (the code itself is never emailed: the
    /// officer who issued it gives it to the LAO).</summary>
    public static EmailMessage ActivationCodeNotice(LaoContact lao, string staff, DateTimeOffset at,
        DateTimeOffset expires) =>
        Compose(lao,
            $"E-PlanNACC: มีการออกรหัสเปิดใช้งานสำหรับบัญชีของ {lao.NameTh}",
            new($"{staff} ได้ออกรหัสเปิดใช้งานสำหรับการเข้าสู่ระบบครั้งแรกของบัญชี {lao.NameTh} " +
                $"(รหัสผู้ใช้งาน {lao.DlaCode}) เมื่อ {ThaiFormat.DateTime(at)} " +
                $"รหัสใช้ได้ถึง {ThaiFormat.DateTime(expires)}"),
            new("ระบบไม่ส่งรหัสเปิดใช้งานทางอีเมล เจ้าหน้าที่ผู้ออกรหัสจะแจ้งรหัสแก่ผู้ประสานงานของ อปท. โดยตรง"),
            new(IfNotYou));

    /// <summary>To a new NACC staff account: its user name, and the link that sets its first password.</summary>
    public static EmailMessage StaffInvitation(AccountRow account, string email, string baseUrl, string token,
        string validity) => Compose(email, account.DisplayName,
        "E-PlanNACC: บัญชีผู้ใช้งานเจ้าหน้าที่ของท่าน",
        new($"สำนักงาน ป.ป.ช. ได้สร้างบัญชีผู้ใช้งานระบบ E-PlanNACC ให้ท่านแล้ว ชื่อผู้ใช้งาน {account.Username}"),
        new("กรุณากำหนดรหัสผ่านของท่านจากลิงก์นี้ แล้วเข้าสู่ระบบด้วยชื่อผู้ใช้งานและรหัสผ่านนั้น"),
        new("กำหนดรหัสผ่าน", ResetUrl(baseUrl, token)),
        new(validity),
        new("หากท่านไม่ได้เป็นเจ้าหน้าที่ของสำนักงาน ป.ป.ช. กรุณาเพิกเฉยต่ออีเมลนี้"));

    /// <summary>"ตั้งรหัสผ่านใหม่" for an NACC staff account (forgot password with the account's own email).</summary>
    public static EmailMessage StaffPasswordLink(AccountRow account, string email, string baseUrl, string token,
        string validity) => Compose(email, account.DisplayName,
        "E-PlanNACC: ตั้งรหัสผ่านใหม่",
        new($"มีการขอตั้งรหัสผ่านใหม่สำหรับบัญชีผู้ใช้งาน {account.Username} ในระบบ E-PlanNACC"),
        new("ตั้งรหัสผ่านใหม่", ResetUrl(baseUrl, token)),
        new(validity),
        new("หากท่านไม่ได้ขอตั้งรหัสผ่านใหม่ ไม่ต้องดำเนินการใด ๆ รหัสผ่านเดิมยังใช้ได้ตามปกติ"));

    /// <summary>To the owner of an account that failed sign-ins (or wrong current passwords) have just locked: when,
    /// from which address, until when, and how to get in at once (a reset link lifts the lock), once per
    /// lock.</summary>
    public static EmailMessage LockedOut(string email, string toName, string username, string accountName,
        DateTimeOffset at, DateTimeOffset until, string? address, IdentityOptions o) => Compose(email, toName,
        "E-PlanNACC: บัญชีผู้ใช้งานถูกระงับการเข้าสู่ระบบชั่วคราว",
        new($"บัญชีผู้ใช้งาน {username} ({accountName}) ในระบบ E-PlanNACC ถูกระงับการเข้าสู่ระบบชั่วคราวเมื่อ " +
            $"{ThaiFormat.DateTime(at)} เนื่องจากกรอกรหัสผ่านผิด {o.LockoutThreshold} ครั้งภายใน " +
            $"{o.LockoutWindowMinutes} นาที" + (address is null ? "" : $" ครั้งล่าสุดจากเครื่องหมายเลข {address}")),
        new($"ระบบจะปลดการระงับเองเมื่อ {ThaiFormat.DateTime(until)}"),
        new("หากท่านไม่ได้เป็นผู้กรอกรหัสผ่านเหล่านั้น อาจมีผู้อื่นพยายามเดารหัสผ่านของท่าน " +
            "ท่านตั้งรหัสผ่านใหม่ได้ทันทีจากหน้าลืมรหัสผ่าน ซึ่งจะปลดการระงับด้วย " +
            "หรือติดต่อสำนักงาน ป.ป.ช. ประจำจังหวัดเพื่อปลดการระงับ"),
        new("ลืมรหัสผ่าน", $"{o.PublicBaseUrl.TrimEnd('/')}/forgot-password"));

    private static string ResetUrl(string baseUrl, string token) =>
        $"{baseUrl.TrimEnd('/')}/reset-password?token={Uri.EscapeDataString(token)}";

    private static EmailMessage Compose(LaoContact to, string subject, params EmailLetter.Part[] parts) =>
        EmailLetter.Compose(to.Email, to.CoordinatorFullName, subject, parts);

    private static EmailMessage Compose(string email, string name, string subject, params EmailLetter.Part[] parts) =>
        EmailLetter.Compose(email, name, subject, parts);
}
