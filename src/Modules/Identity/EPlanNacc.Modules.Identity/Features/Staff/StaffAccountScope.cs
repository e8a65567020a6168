using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts;
using Mediator;

namespace EPlanNacc.Modules.Identity.Features.Staff;

/// <summary>Finds an account a staff member may act on: admin any; a provincial office only the LAOs of its
/// province. Outside the caller's scope the account is "not found", like an absent one.</summary>
internal static class StaffAccountScope
{
    public static async Task<AccountRow> FindAsync(DbSession db, ISender sender, ICurrentUser user, string? username, CancellationToken ct)
    {
        user.RequireStaff();
        var name = username?.Trim() ?? string.Empty;
        var account = name.Length is > 0 and <= 100
            ? await db.QuerySingleOrDefaultAsync<AccountRow>(
                AccountRow.Select + " WHERE lower(username) = lower(@name) FOR UPDATE", new { name }, ct)
            : null;
        if (account is null) throw new NotFoundException("ไม่พบบัญชีผู้ใช้งานที่ระบุ");
        if (user.Role == UserRole.Admin) return account;

        if (account.DlaCode is null) throw new NotFoundException("ไม่พบบัญชีผู้ใช้งานที่ระบุ");
        var lao = await sender.Send(new GetLaoQuery(account.DlaCode), ct);
        if (lao is null || !user.CanSeeLao(lao.DlaCode, lao.ProvinceCode)) throw new NotFoundException("ไม่พบบัญชีผู้ใช้งานที่ระบุ");
        return account;
    }
}
