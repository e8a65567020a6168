namespace EPlanNacc.BuildingBlocks.Security;

/// <summary>Who may send a message (flags). Declared once per message with <see cref="AllowAttribute"/> and checked
/// by the authorization step of the pipeline, before validation
/// (docs/adr/0004-one-home-for-the-callers-scope.md).</summary>
[Flags]
public enum Caller
{
    /// <summary>An LAO account (its own data only).</summary>
    Lao = 1,

    /// <summary>An NACC provincial office (the LAOs of its province).</summary>
    Provincial = 2,

    /// <summary>NACC central staff (every LAO).</summary>
    Admin = 4,

    /// <summary>NACC staff, provincial or central.</summary>
    Staff = Provincial | Admin,

    /// <summary>Anyone signed in.</summary>
    SignedIn = Lao | Staff,

    /// <summary>Anyone, signed in or not (sign-in, password reset, reference data), or a query that applies the
    /// caller's scope itself (the scope contract).</summary>
    Anyone = 8 | SignedIn,

    /// <summary>Another module's handler, a start-up step or a background job: never a page or an endpoint (an
    /// architecture test holds the Host to it). No caller check: the message that reached the module was
    /// checked.</summary>
    Module = 16,
}

/// <summary>The callers a message accepts; anyone else signed in gets 403, and a message naming an LAO, a project, a
/// province or an account outside the caller's scope gets 404 (the markers below).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AllowAttribute(Caller callers) : Attribute
{
    public Caller Callers { get; } = callers;

    /// <summary>Also during an LAO's first set-up session (the
    /// basic-data wizard), which may send nothing else.</summary>
    public bool DuringSetup { get; init; }

    /// <summary>Also for a session that must change its password first
    /// (the first admin), which may send nothing else.</summary>
    public bool DuringPasswordChange { get; init; }
}

/// <summary>A message about one LAO. An LAO may leave <see cref="DlaCode"/> empty (its own) and gets 404 for
/// another's; staff must name one of their scope (400 when none, 404 outside it).</summary>
public interface ILaoScoped
{
    string? DlaCode { get; }
}

/// <summary>A message about one project: the LAO that owns it
/// decides the scope (404 outside it, and when absent).</summary>
public interface IProjectScoped
{
    Guid ProjectId { get; }
}

/// <summary>A message about several projects at once: all in the caller's scope, or 404 for all.</summary>
public interface IProjectsScoped
{
    IReadOnlyList<Guid>? ProjectIds { get; }
}

/// <summary>A message about one province (staff): a provincial office its own (empty means its own), an admin any
/// (must name one).</summary>
public interface IProvinceScoped
{
    string? ProvinceCode { get; }
}

/// <summary>A message about one province or, when an admin names none, the whole nation (staff): a provincial office
/// its own province (empty means its own; another is 404), an admin any province, or none for every province.</summary>
public interface IProvinceOrNationScoped
{
    string? ProvinceCode { get; }
}

/// <summary>A message about one user account: an LAO account is in scope when its LAO is, a provincial account
/// when its province is, an admin account for admins only.</summary>
public interface IAccountScoped
{
    string? Username { get; }
}

/// <summary>The one set of Thai refusals of the authorization step and the scope contract.</summary>
public static class AccessMessages
{
    public const string SignInRequired = "กรุณาเข้าสู่ระบบ";
    public const string LaoOnly = "เมนูนี้สำหรับองค์กรปกครองส่วนท้องถิ่นเท่านั้น";
    public const string StaffOnly = "เมนูนี้สำหรับเจ้าหน้าที่สำนักงาน ป.ป.ช. เท่านั้น";
    public const string AdminOnly = "เมนูนี้สำหรับผู้ดูแลระบบของสำนักงาน ป.ป.ช. ส่วนกลางเท่านั้น";
    public const string NotAllowed = "ท่านไม่มีสิทธิ์ดำเนินการนี้";
    public const string FinishSetupFirst = "กรุณาบันทึกข้อมูลพื้นฐานทั้ง 3 " +
                                           "หน้าและกำหนดรหัสผ่านให้เรียบร้อยก่อนใช้งานเมนูอื่น";
    public const string ChangePasswordFirst = "กรุณาเปลี่ยนรหัสผ่านที่ได้รับมาเป็นรหัสผ่านของท่านเองก่อนใช้งานเมนูอื่น";
    public const string LaoNotFound = "ไม่พบ อปท. ที่ระบุ หรือ อปท. นี้ไม่อยู่ในขอบเขตของท่าน";
    public const string ProjectNotFound = "ไม่พบโครงการที่ต้องการ อาจถูกลบไปแล้ว หรือไม่อยู่ในขอบเขตของท่าน";
    public const string ProvinceNotFound = "ไม่พบจังหวัดที่ระบุ หรือจังหวัดนี้ไม่อยู่ในขอบเขตของท่าน";
    public const string AccountNotFound = "ไม่พบบัญชีผู้ใช้งานที่ระบุ หรือบัญชีนี้ไม่อยู่ในขอบเขตของท่าน";
    public const string ChooseLao = "กรุณาเลือก อปท. (dlaCode)";
    public const string ChooseProvince = "กรุณาเลือกจังหวัด (provinceCode)";

    /// <summary>The 403 message for a caller whose role a message does not accept.</summary>
    public static string RoleRefusal(Caller allowed) => allowed switch
    {
        Caller.Lao => LaoOnly,
        Caller.Staff => StaffOnly,
        Caller.Admin => AdminOnly,
        _ => NotAllowed,
    };
}

public static class CallerExtensions
{
    /// <summary>The caller flag of a signed-in user's role (none for an anonymous caller).</summary>
    public static Caller? AsCaller(this ICurrentUser user) => !user.IsAuthenticated ? null : user.Role switch
    {
        UserRole.Lao => Caller.Lao,
        UserRole.Provincial => Caller.Provincial,
        UserRole.Admin => Caller.Admin,
        _ => null,
    };

    public static bool IsStaff(this ICurrentUser user) => user.Role is UserRole.Provincial or UserRole.Admin;

    /// <summary>The signed-in LAO's own code. The authorization step has already refused anyone but an LAO for a
    /// message that accepts only <see cref="Caller.Lao"/>; a call elsewhere is a programming error.</summary>
    public static string OwnDlaCode(this ICurrentUser user) =>
        user.Role == UserRole.Lao && !string.IsNullOrEmpty(user.DlaCode)
            ? user.DlaCode
            : throw new InvalidOperationException("OwnDlaCode is for messages that only an LAO may send.");
}
