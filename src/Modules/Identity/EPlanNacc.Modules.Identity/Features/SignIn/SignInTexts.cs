namespace EPlanNacc.Modules.Identity.Features.SignIn;

/// <summary>The Thai sentences that tell users the lockout and reset-link settings, built from the values in force
/// (<see cref="IdentityOptions"/>), never from literals: the refusal of a locked account (API and login page), the
/// rule the manual and the FAQ explain, and how long a reset link is valid; and the answer to "ลืมรหัสผ่าน", which
/// the FAQ quotes.</summary>
public static class SignInTexts
{
    /// <summary>The answer to a password-reset request: a link is sent, never a password
    /// (<see cref="Passwords.SendPasswordResetLinksHandler"/>).</summary>
    public const string ResetLinkSent = "ระบบได้ส่งลิงก์สำหรับตั้งรหัสผ่านใหม่ไปยังอีเมลแล้ว";

    public static string LockedOut(IdentityOptions o) =>
        $"บัญชีนี้ถูกระงับการเข้าสู่ระบบชั่วคราว เนื่องจากกรอกรหัสผ่านผิด {o.LockoutThreshold} ครั้งภายใน " +
        $"{o.LockoutWindowMinutes} นาที กรุณารอ {o.LockoutMinutes} นาทีแล้วลองใหม่ " +
        "หรือตั้งรหัสผ่านใหม่จากเมนูลืมรหัสผ่านเพื่อเข้าสู่ระบบได้ทันที หรือติดต่อเจ้าหน้าที่";

    public const string LockedByStaff =
        "บัญชีนี้ถูกระงับการเข้าสู่ระบบโดยเจ้าหน้าที่สำนักงาน ป.ป.ช. กรุณาติดต่อสำนักงาน ป.ป.ช. ประจำจังหวัด";

    public static string LockoutRule(IdentityOptions o) =>
        $"หากกรอกรหัสผ่านผิดติดต่อกัน {o.LockoutThreshold} ครั้งภายใน {o.LockoutWindowMinutes} นาที " +
        $"ระบบจะระงับการเข้าสู่ระบบของบัญชีนั้นชั่วคราว {o.LockoutMinutes} นาที";

    public static string ResetLinkValidity(IdentityOptions o) =>
        $"ลิงก์ใช้ได้ครั้งเดียวภายใน {o.ResetTokenMinutes} นาที";

    public static string SetupLinkValidity(IdentityOptions o) =>
        $"ลิงก์ใช้ได้ครั้งเดียวภายใน {o.AccountSetupLinkDays} วัน";
}
