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
    /// <summary>True for a session whose password was set by someone
    /// else (the first admin), until it is changed.</summary>
    bool PasswordChangeRequired => false;
    string? IpAddress { get; }
}
