using System.Text.RegularExpressions;
using EPlanNacc.BuildingBlocks.Security;

namespace EPlanNacc.Modules.Identity.Rules;

/// <summary>Who may make which NACC staff account (issue 8, docs/api.md Staff): an admin any (central <c>admin</c>, or
/// <c>provincial</c> of any province); a provincial office only <c>provincial</c> accounts of its own province (that
/// part is the scope contract's answer); nobody an account above its own role. LAO accounts come from the registry,
/// never from staff.</summary>
internal static partial class StaffAccountRules
{
    /// <summary>A staff user name: a letter, then letters, digits, dots, dashes or underscores, 3 to 100 in all (an
    /// LAO's user name is its 7 digits, which this never matches).</summary>
    public const string UsernamePattern = "^[A-Za-z][A-Za-z0-9._-]{2,99}$";

    public const string UsernameMessage =
        "ชื่อผู้ใช้งานต้องขึ้นต้นด้วยตัวอักษรภาษาอังกฤษ ตามด้วยตัวอักษร ตัวเลข จุด ขีด หรือขีดล่าง รวม 3-100 ตัว";
    public const string RoleMessage = "บทบาทของบัญชีเจ้าหน้าที่ต้องเป็นผู้ดูแลระบบส่วนกลาง (admin) " +
                                      "หรือสำนักงาน ป.ป.ช. ประจำจังหวัด (provincial)";
    public const string AdminOnly = "เฉพาะผู้ดูแลระบบส่วนกลางเท่านั้นที่สร้างหรือกำหนดบัญชีผู้ดูแลระบบได้";
    public const string OwnProvinceOnly =
        "ท่านสร้างหรือแก้ไขได้เฉพาะบัญชีของสำนักงาน ป.ป.ช. ประจำจังหวัดที่ท่านรับผิดชอบ";
    public const string StaffOnly = "ดำเนินการนี้ได้เฉพาะบัญชีเจ้าหน้าที่สำนักงาน ป.ป.ช. เท่านั้น";
    public const string NotYourself = "ไม่สามารถดำเนินการนี้กับบัญชีของท่านเองได้";

    public static bool IsUsername(string? username) => username is not null && Username().IsMatch(username);

    /// <summary>The staff roles an account can be given.</summary>
    public static bool IsStaffRole(string? role) => role is UserRoles.Admin or UserRoles.Provincial;

    /// <summary>The refusal (403) when <paramref name="caller"/> may not give an account <paramref name="role"/>,
    /// else null; the province of a provincial account is the scope contract's to check.</summary>
    public static string? RefusalToAssign(UserRole? caller, string role) =>
        caller switch
        {
            UserRole.Admin => null,
            UserRole.Provincial when role == UserRoles.Provincial => null,
            UserRole.Provincial => AdminOnly,
            _ => AccessMessages.StaffOnly,
        };

    [GeneratedRegex(UsernamePattern, RegexOptions.CultureInvariant)]
    private static partial Regex Username();
}
