using System.ComponentModel.DataAnnotations;

namespace EPlanNacc.Modules.Identity;

public sealed class IdentityOptions
{
    public const string Section = "Identity";

    /// <summary>When on, an LAO's first sign-in needs an activation code issued by NACC staff as well as its
    /// 7-digit code. Off by default, as in the original system's manual.</summary>
    public bool RequireActivationCode { get; set; }
    [Range(1, 365)] public int ActivationCodeLifetimeDays { get; set; } = 30;

    [Range(1, 100)] public int LockoutThreshold { get; set; } = 5;
    [Range(1, 1440)] public int LockoutWindowMinutes { get; set; } = 15;
    [Range(1, 1440)] public int LockoutMinutes { get; set; } = 15;
    [Range(1, 1440)] public int ResetTokenMinutes { get; set; } = 30;

    /// <summary>The address users reach the system at, for links in emails.</summary>
    [Required, Url] public string PublicBaseUrl { get; set; } = "http://localhost:5080";
}

/// <summary>The accounts made at start-up: the NACC admin and the demo provincial office. Each is created only
/// when absent and only when its password is configured (EPLAN_ADMIN_PASSWORD, EPLAN_PROVINCIAL_PASSWORD);
/// a password changed later in the system is never overwritten.</summary>
public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";
    public string AdminUsername { get; set; } = "admin";
    public string? AdminPassword { get; set; }
    public string ProvincialUsername { get; set; } = "prov90";
    public string ProvincialProvinceCode { get; set; } = "90";
    public string? ProvincialPassword { get; set; }
}
