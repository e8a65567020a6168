namespace EPlanNacc.BuildingBlocks.Security;

/// <summary>The identity of background jobs and start-up work: admin scope, no LAO.</summary>
public sealed class SystemUser : ICurrentUser
{
    public static readonly SystemUser Instance = new();
    public bool IsAuthenticated => true;
    public Guid? UserId => null;
    public string? Username => "system";
    public UserRole? Role => UserRole.Admin;
    public string? DlaCode => null;
    public string? ProvinceCode => null;
    public bool SetupRequired => false;
    public string? IpAddress => null;
}
