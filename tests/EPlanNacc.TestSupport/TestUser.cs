using EPlanNacc.BuildingBlocks.Security;

namespace EPlanNacc.TestSupport;

/// <summary>Who a test acts as when it sends a command or query through the mediator.</summary>
public sealed record TestUser(
    UserRole? Role, string? Username, string? DlaCode = null, string? ProvinceCode = null, bool SetupRequired = false,
    Guid? UserId = null, string? IpAddress = "127.0.0.1", bool PasswordChangeRequired = false) : ICurrentUser
{
    public bool IsAuthenticated => Role is not null;

    public static TestUser Lao(string dlaCode, bool setupRequired = false) =>
        new(UserRole.Lao, dlaCode, dlaCode, SetupRequired: setupRequired);
    public static TestUser Provincial(string provinceCode = "90", string username = "prov90") =>
        new(UserRole.Provincial, username, ProvinceCode: provinceCode);
    public static TestUser Admin(string username = "admin") => new(UserRole.Admin, username);
    public static readonly TestUser Anonymous = new(null, null);
}
