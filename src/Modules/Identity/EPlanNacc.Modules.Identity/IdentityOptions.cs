using System.ComponentModel.DataAnnotations;

namespace EPlanNacc.Modules.Identity;

public sealed class IdentityOptions
{
    public const string Section = "Identity";

    /// <summary>When on, an LAO's first sign-in needs an activation code issued by NACC staff as well as its
    /// 7-digit code, so that nobody else can take an account that was never set up. On in Production; the demo turns
    /// it off (the first sign-in with the code alone, as in the original system's manual) and says so in its
    /// log.</summary>
    public bool RequireActivationCode { get; set; } = true;
    [Range(1, 365)] public int ActivationCodeLifetimeDays { get; set; } = 30;

    [Range(1, 100)] public int LockoutThreshold { get; set; } = 5;
    [Range(1, 1440)] public int LockoutWindowMinutes { get; set; } = 15;
    [Range(1, 1440)] public int LockoutMinutes { get; set; } = 15;
    [Range(1, 1440)] public int ResetTokenMinutes { get; set; } = 30;
    /// <summary>The absolute lifetime of a session: however busy, a page session ends this many hours after its
    /// sign-in (an idle one ends sooner, after 8 hours without a request; an API token after 1 hour).</summary>
    [Range(1, 168)] public int SessionHours { get; set; } = 12;
    /// <summary>How long the link emailed to a new staff account (to set its first password) works.</summary>
    [Range(1, 30)] public int AccountSetupLinkDays { get; set; } = 7;

    /// <summary>The address users reach the system at, for links in emails.</summary>
    [Required, Url] public string PublicBaseUrl { get; set; } = "http://localhost:5080";
}

/// <summary>The accounts made at start-up, each only when absent (a password changed later in the system is never
/// overwritten). The first NACC admin comes from <see cref="AdminPassword"/> (EPLAN_ADMIN_PASSWORD): with no admin
/// account and no password the start fails; outside the demo it must change that password at its first sign-in.
/// The demo provincial office (prov90) exists only where <see cref="CreateDemoProvincialOffice"/> is on (the demo
/// configuration, appsettings.Demo.json): no account is created with a demo password in Production.</summary>
public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";
    [Required, RegularExpression(Rules.StaffAccountRules.UsernamePattern)]
    public string AdminUsername { get; set; } = "admin";
    public string? AdminPassword { get; set; }
    /// <summary>The first admin must replace the password it was
    /// created with at its first sign-in (off in the demo).</summary>
    public bool AdminMustChangePassword { get; set; } = true;
    public bool CreateDemoProvincialOffice { get; set; }
    [Required, RegularExpression(Rules.StaffAccountRules.UsernamePattern)]
    public string ProvincialUsername { get; set; } = "prov90";
    [Required, RegularExpression("^[0-9]{2}$")] public string ProvincialProvinceCode { get; set; } = "90";
    public string? ProvincialPassword { get; set; }
}
