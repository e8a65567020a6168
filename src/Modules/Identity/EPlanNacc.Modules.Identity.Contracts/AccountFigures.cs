using EPlanNacc.BuildingBlocks.Security;
using Mediator;

namespace EPlanNacc.Modules.Identity.Contracts;

/// <summary>The accounts of one province (LAOs by the registry, and its provincial accounts), or of the nation when
/// <see cref="ProvinceCode"/> is null, counted by state: for the staff desk. The asking module has already held the
/// province to the caller's scope (<c>GetProvinceInScopeQuery</c>).</summary>
[Allow(Caller.Module)]
public sealed record CountAccountsQuery(string? ProvinceCode) : IQuery<AccountCounts>;

/// <param name="LaoNeverSetUp">LAO accounts whose first set-up has not been done.</param>
/// <param name="LaoActive">LAO accounts set up and able to sign in.</param>
/// <param name="Locked">Accounts locked now (failed sign-ins or staff).</param>
/// <param name="StaffNeverSetUp">Staff accounts whose officer has not yet set a password.</param>
/// <param name="Disabled">Disabled staff accounts.</param>
public sealed record AccountCounts(int LaoNeverSetUp, int LaoActive, int Locked, int StaffNeverSetUp, int Disabled);
