using EPlanNacc.BuildingBlocks.Errors;

namespace EPlanNacc.BuildingBlocks.Security;

public enum UserRole { Lao, Provincial, Admin }

public static class UserRoles
{
    public const string Lao = "lao";
    public const string Provincial = "provincial";
    public const string Admin = "admin";

    public static string ToCode(this UserRole role) => role switch
    {
        UserRole.Lao => Lao,
        UserRole.Provincial => Provincial,
        _ => Admin,
    };

    public static UserRole? Parse(string? code) => code switch
    {
        Lao => UserRole.Lao,
        Provincial => UserRole.Provincial,
        Admin => UserRole.Admin,
        _ => null,
    };
}

/// <summary>Who is asking: read by handlers, never taken from a form field or a route value alone.</summary>
public interface ICurrentUser
{
    bool IsAuthenticated { get; }
    Guid? UserId { get; }
    string? Username { get; }
    UserRole? Role { get; }
    /// <summary>The LAO's 7-digit code, for an LAO account.</summary>
    string? DlaCode { get; }
    /// <summary>The province a provincial office covers.</summary>
    string? ProvinceCode { get; }
    /// <summary>True for the session of an LAO's first sign-in, until the basic-data wizard is saved.</summary>
    bool SetupRequired { get; }
    string? IpAddress { get; }
}

public static class CurrentUserExtensions
{
    /// <summary>The caller's own LAO; anyone else is refused.</summary>
    public static string RequireLao(this ICurrentUser user)
    {
        if (!user.IsAuthenticated) throw new ForbiddenException("กรุณาเข้าสู่ระบบ");
        if (user.Role != UserRole.Lao || string.IsNullOrEmpty(user.DlaCode))
            throw new ForbiddenException("เมนูนี้สำหรับองค์กรปกครองส่วนท้องถิ่นเท่านั้น");
        return user.DlaCode;
    }

    public static void RequireStaff(this ICurrentUser user)
    {
        if (user.Role is not (UserRole.Provincial or UserRole.Admin))
            throw new ForbiddenException("เมนูนี้สำหรับเจ้าหน้าที่สำนักงาน ป.ป.ช. เท่านั้น");
    }

    public static void RequireAdmin(this ICurrentUser user)
    {
        if (user.Role is not UserRole.Admin)
            throw new ForbiddenException("เมนูนี้สำหรับผู้ดูแลระบบของสำนักงาน ป.ป.ช. ส่วนกลางเท่านั้น");
    }

    public static bool IsStaff(this ICurrentUser user) => user.Role is UserRole.Provincial or UserRole.Admin;

    /// <summary>Whether the caller may see the data of an LAO located in <paramref name="laoProvinceCode"/>.</summary>
    public static bool CanSeeLao(this ICurrentUser user, string dlaCode, string? laoProvinceCode) => user.Role switch
    {
        UserRole.Admin => true,
        UserRole.Provincial => laoProvinceCode is not null && laoProvinceCode == user.ProvinceCode,
        UserRole.Lao => user.DlaCode == dlaCode,
        _ => false,
    };

    /// <summary>Whether the caller may see a whole province (staff only).</summary>
    public static bool CanSeeProvince(this ICurrentUser user, string provinceCode) =>
        user.Role == UserRole.Admin || (user.Role == UserRole.Provincial && user.ProvinceCode == provinceCode);
}
