using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts;
using Mediator;

namespace EPlanNacc.Modules.Identity.Features.Provisioning;

/// <summary>An admin makes one account for the NACC office of every province that has LAOs in the registry, user name
/// <c>prov</c> + the province's code (<c>prov90</c>), named after the office, without a password nor an email: it
/// stays "never set up" until an admin gives it the officer's email and sends the link that sets its password
/// (<see cref="Staff.UpdateStaffAccountCommand"/>, <see cref="Staff.SendAccountSetupLinkCommand"/>). Idempotent: a
/// user name that exists is left as it is. Each account made is recorded.</summary>
[Allow(Caller.Admin)]
public sealed record ProvisionProvincialAccountsCommand : ICommand<ProvincialAccountsProvisioned>;

/// <param name="Created">The user names made now.</param>
/// <param name="Existing">How many provinces already had their account.</param>
public sealed record ProvincialAccountsProvisioned(IReadOnlyList<string> Created, int Existing);

public sealed class ProvisionProvincialAccountsHandler(DbSession db, ISender sender, ICurrentUser user,
    TimeProvider clock) : ICommandHandler<ProvisionProvincialAccountsCommand, ProvincialAccountsProvisioned>
{
    public const string UsernamePrefix = "prov";

    public async ValueTask<ProvincialAccountsProvisioned> Handle(ProvisionProvincialAccountsCommand command,
        CancellationToken ct)
    {
        var provinces = (await sender.Send(new ListLaosQuery(), ct))
            .DistinctBy(l => l.ProvinceCode).OrderBy(l => l.ProvinceCode, StringComparer.Ordinal).ToList();
        var now = clock.GetUtcNow();
        var created = await db.QueryAsync<Guid>("""
            INSERT INTO identity.users (id, username, role, province_code, display_name, security_stamp, created_at,
                                        updated_at)
            SELECT p.id, p.username, @Role, p.code, p.name, gen_random_uuid(), @now, @now
            FROM unnest(@Ids, @Usernames, @Codes, @Names) AS p(id, username, code, name)
            WHERE NOT EXISTS (SELECT 1 FROM identity.users u WHERE lower(u.username) = lower(p.username))
            ON CONFLICT DO NOTHING
            RETURNING id
            """,
            new
            {
                Role = UserRoles.Provincial, now,
                Ids = provinces.Select(_ => Guid.CreateVersion7()).ToArray(),
                Usernames = provinces.Select(p => UsernamePrefix + p.ProvinceCode).ToArray(),
                Codes = provinces.Select(p => p.ProvinceCode).ToArray(),
                Names = provinces.Select(p => $"สำนักงาน ป.ป.ช. ประจำจังหวัด{p.ProvinceNameTh}").ToArray(),
            }, ct);
        var accounts = await db.QueryAsync<AccountRow>(
            AccountRow.Select + " WHERE id = ANY(@Ids) ORDER BY username", new { Ids = created.ToArray() }, ct);
        foreach (var account in accounts)
            await AccountHistory.RecordAsync(db, user, account, "created", now,
                "สร้างบัญชีสำนักงาน ป.ป.ช. ประจำจังหวัดจากทะเบียน อปท. (ยังไม่มีอีเมล)", ct);
        return new ProvincialAccountsProvisioned(accounts.Select(a => a.Username).ToList(),
            provinces.Count - accounts.Count);
    }
}
