using System.Globalization;
using System.Security.Claims;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.Identity.Features.SignIn;

namespace EPlanNacc.Host.Infrastructure;

/// <summary>The claims of a session (cookie or bearer token).</summary>
public static class AppClaims
{
    public const string UserId = "sub";
    public const string Username = "name";
    public const string Role = "role";
    public const string DlaCode = "dla_code";
    public const string ProvinceCode = "province_code";
    public const string DisplayName = "display_name";
    public const string SetupRequired = "setup_required";
    public const string PasswordChangeRequired = "password_change_required";
    public const string SecurityStamp = "stamp";
    /// <summary>The session on the server (ValidateSessionQuery) the cookie or token belongs to.</summary>
    public const string SessionId = "sid";
    /// <summary>When the session signed in (Unix seconds): it lasts at most Identity:SessionHours from then.</summary>
    public const string SignedInAt = "auth_time";

    public static ClaimsPrincipal Principal(SignedInAccount account, string scheme)
    {
        var claims = new List<Claim>
        {
            new(UserId, account.UserId.ToString()),
            new(Username, account.Username),
            new(Role, account.Role.ToCode()),
            new(DisplayName, account.DisplayName),
            new(SecurityStamp, account.SecurityStamp.ToString()),
            new(SessionId, account.SessionId.ToString()),
            new(SignedInAt, account.SignedInAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        };
        if (account.DlaCode is not null) claims.Add(new Claim(DlaCode, account.DlaCode));
        if (account.ProvinceCode is not null) claims.Add(new Claim(ProvinceCode, account.ProvinceCode));
        if (account.SetupRequired) claims.Add(new Claim(SetupRequired, "true"));
        if (account.PasswordChangeRequired) claims.Add(new Claim(PasswordChangeRequired, "true"));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, Username, Role));
    }

    /// <summary>The session's claims with a new stamp, setup state or name; a new stamp also ends the obligation to
    /// change the password (the password was just set by its owner).</summary>
    public static ClaimsPrincipal WithChanges(ClaimsPrincipal principal, string scheme, Guid? stamp = null,
        bool? setupRequired = null, string? displayName = null)
    {
        var claims = principal.Claims.Where(c =>
            !(stamp is not null && c.Type is SecurityStamp or PasswordChangeRequired) &&
            !(setupRequired is not null && c.Type == SetupRequired) &&
            !(displayName is not null && c.Type == DisplayName)).ToList();
        if (stamp is not null) claims.Add(new Claim(SecurityStamp, stamp.Value.ToString()));
        if (setupRequired == true) claims.Add(new Claim(SetupRequired, "true"));
        if (displayName is not null) claims.Add(new Claim(DisplayName, displayName));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, Username, Role));
    }

    public static string? Get(this ClaimsPrincipal principal, string type) => principal.FindFirst(type)?.Value;
    public static bool IsSetupSession(this ClaimsPrincipal principal) => principal.Get(SetupRequired) == "true";

    /// <summary>The session's id on the server (none for a session issued before sessions were kept).</summary>
    public static Guid? SessionOf(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.Get(SessionId), out var id) ? id : null;

    /// <summary>When the session signed in (none for a session issued before this was kept).</summary>
    public static DateTimeOffset? SignedInAtOf(this ClaimsPrincipal principal) =>
        long.TryParse(principal.Get(SignedInAt), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
    public static bool MustChangePassword(this ClaimsPrincipal principal) =>
        principal.Get(PasswordChangeRequired) == "true";

    /// <summary>The session of an LAO account (<see cref="UserRoles.Lao"/>).</summary>
    public static bool IsLao(this ClaimsPrincipal principal) => principal.Get(Role) == UserRoles.Lao;

    /// <summary>The session of NACC staff: a provincial office or an admin.</summary>
    public static bool IsStaff(this ClaimsPrincipal principal) =>
        principal.Get(Role) is UserRoles.Provincial or UserRoles.Admin;

    /// <summary>The session of an NACC central admin (<see cref="UserRoles.Admin"/>).</summary>
    public static bool IsAdmin(this ClaimsPrincipal principal) => principal.Get(Role) == UserRoles.Admin;
}

/// <summary><see cref="ICurrentUser"/> from the request's claims.</summary>
public sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;
    public bool IsAuthenticated => Principal?.Identity?.IsAuthenticated == true;
    public Guid? UserId => Guid.TryParse(Principal?.Get(AppClaims.UserId), out var id) && IsAuthenticated ? id : null;
    public string? Username => IsAuthenticated ? Principal?.Get(AppClaims.Username) : null;
    public UserRole? Role => IsAuthenticated ? UserRoles.Parse(Principal?.Get(AppClaims.Role)) : null;
    public string? DlaCode => IsAuthenticated ? Principal?.Get(AppClaims.DlaCode) : null;
    public string? ProvinceCode => IsAuthenticated ? Principal?.Get(AppClaims.ProvinceCode) : null;
    public bool SetupRequired => IsAuthenticated && Principal!.IsSetupSession();
    public bool PasswordChangeRequired => IsAuthenticated && Principal!.MustChangePassword();
    public string? IpAddress => accessor.HttpContext is { } context ? ClientAddresses.TextOf(context) : null;
}

/// <summary>Lets background work (start-up, Hangfire jobs) act as the system user inside a scope.</summary>
public sealed class CurrentUserProxy(HttpCurrentUser http) : ICurrentUser
{
    private static readonly AsyncLocal<ICurrentUser?> Override = new();

    public static IDisposable RunAs(ICurrentUser user)
    {
        var previous = Override.Value;
        Override.Value = user;
        return new Restore(previous);
    }

    private ICurrentUser Current => Override.Value ?? http;
    public bool IsAuthenticated => Current.IsAuthenticated;
    public Guid? UserId => Current.UserId;
    public string? Username => Current.Username;
    public UserRole? Role => Current.Role;
    public string? DlaCode => Current.DlaCode;
    public string? ProvinceCode => Current.ProvinceCode;
    public bool SetupRequired => Current.SetupRequired;
    public bool PasswordChangeRequired => Current.PasswordChangeRequired;
    public string? IpAddress => Current.IpAddress;

    private sealed class Restore(ICurrentUser? previous) : IDisposable
    {
        public void Dispose() => Override.Value = previous;
    }
}
