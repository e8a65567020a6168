using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.Identity.Contracts;
using Mediator;

namespace EPlanNacc.Modules.Identity.Features.Staff;

/// <summary>The account a staff message names, locked until the change commits. Whether the caller may act on it
/// was decided before (the authorization step, through <see cref="GetAccountOwnerQuery"/>).</summary>
internal static class StaffAccounts
{
    public static async Task<AccountRow> LockAsync(DbSession db, string? username, CancellationToken ct)
    {
        var name = username?.Trim() ?? string.Empty;
        var account = name.Length is > 0 and <= 100
            ? await db.QuerySingleOrDefaultAsync<AccountRow>(
                AccountRow.Select + " WHERE lower(username) = lower(@name) FOR UPDATE", new { name }, ct)
            : null;
        return account ?? throw new NotFoundException(AccessMessages.AccountNotFound);
    }
}

public sealed class GetAccountOwnerHandler(DbSession db) : IQueryHandler<GetAccountOwnerQuery, AccountOwner?>
{
    public async ValueTask<AccountOwner?> Handle(GetAccountOwnerQuery query, CancellationToken ct)
    {
        var name = query.Username.Trim();
        return name.Length is 0 or > 100 ? null : await db.QuerySingleOrDefaultAsync<AccountOwner>(
            "SELECT username, role, dla_code, province_code FROM identity.users WHERE lower(username) = lower(@name)",
            new { name }, ct);
    }
}
