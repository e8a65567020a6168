using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.Identity.Rules;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EPlanNacc.Modules.Identity.Features.Provisioning;

/// <summary>At start-up: every LAO of the registry gets an account that has never been set up (user name = its
/// 7-digit code); the first admin is created when no admin exists (see <see cref="BootstrapOptions"/>), and in the
/// demo the demo provincial office. Idempotent; an existing account is never changed. With
/// <see cref="SkipKnownLaos"/> (the start), the LAOs' accounts are left as they are when the registry lists the LAOs it
/// listed at the last provisioning and every one of them still has its account (identity.provisioned_laos).</summary>
[Allow(Caller.Module)]
public sealed record ProvisionAccountsCommand(bool SkipKnownLaos = false) : ICommand<AccountsProvisioned>;

public sealed record AccountsProvisioned(int LaoAccountsCreated, int StaffAccountsCreated);

public sealed class ProvisionAccountsHandler(DbSession db, ISender sender, IOptions<BootstrapOptions> bootstrap,
    TimeProvider clock, ILogger<ProvisionAccountsHandler> logger)
    : ICommandHandler<ProvisionAccountsCommand, AccountsProvisioned>
{
    private static readonly PasswordHasher<string> Hasher = new();

    public async ValueTask<AccountsProvisioned> Handle(ProvisionAccountsCommand command, CancellationToken ct)
    {
        // the start asks the registry for its codes' checksum first: 7,849 LAOs read for nothing cost it a second
        var created = 0;
        if (!command.SkipKnownLaos || !await KnownAsync(await sender.Send(new GetLaoCodesChecksumQuery(), ct), ct))
        {
            var laos = await sender.Send(new ListLaosQuery(), ct);
            var codes = string.Join(',', laos.Select(l => l.DlaCode).Order(StringComparer.Ordinal));
            var checksum = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
                System.Text.Encoding.UTF8.GetBytes(codes)));
            created = await db.ExecuteAsync("""
                INSERT INTO identity.users (id, username, role, dla_code, display_name, security_stamp)
                SELECT l.id, l.code, @Role, l.code, l.name, gen_random_uuid()
                FROM unnest(@Codes, @Names, @Ids) AS l(code, name, id)
                WHERE NOT EXISTS (SELECT 1 FROM identity.users u
                                  WHERE u.dla_code = l.code OR lower(u.username) = lower(l.code))
                ON CONFLICT DO NOTHING
                """,
                new
                {
                    Role = UserRoles.Lao,
                    Codes = laos.Select(l => l.DlaCode).ToArray(),
                    Names = laos.Select(l => l.NameTh).ToArray(),
                    Ids = laos.Select(_ => Guid.CreateVersion7()).ToArray(),
                }, ct);
            await db.ExecuteAsync("""
                INSERT INTO identity.provisioned_laos (checksum, lao_count, done_at) VALUES (@checksum, @Count, @now)
                ON CONFLICT (id) DO UPDATE
                SET checksum = excluded.checksum, lao_count = excluded.lao_count, done_at = excluded.done_at
                """, new { checksum, laos.Count, now = clock.GetUtcNow() }, ct);
        }

        var o = bootstrap.Value;
        var staff = await EnsureFirstAdminAsync(o, ct);
        if (o.CreateDemoProvincialOffice)
        {
            var provinces = await sender.Send(new ListProvinceNamesQuery(), ct);
            var province = provinces.FirstOrDefault(p => p.Code == o.ProvincialProvinceCode);
            if (province is not null)
            {
                staff += await EnsureStaffAsync(o.ProvincialUsername, UserRoles.Provincial, province.Code,
                    $"สำนักงาน ป.ป.ช. ประจำจังหวัด{province.NameTh}", o.ProvincialPassword,
                    "EPLAN_PROVINCIAL_PASSWORD", false, ct);
            }
        }
        if (created > 0 || staff > 0)
            logger.LogInformation("Provisioned {Lao} LAO accounts and {Staff} staff accounts", created, staff);
        return new AccountsProvisioned(created, staff);
    }

    /// <summary>Whether the registry lists the LAOs of the last provisioning and every one still has its account.
    /// </summary>
    private Task<bool> KnownAsync(LaoCodesChecksum registry, CancellationToken ct) =>
        db.ExecuteScalarAsync<bool>("""
            SELECT EXISTS (SELECT 1 FROM identity.provisioned_laos p
                           WHERE p.checksum = @Checksum AND p.lao_count = @Count
                             AND (SELECT count(*) FROM identity.users WHERE role = @Role) >= p.lao_count)
            """, new { registry.Checksum, registry.Count, Role = UserRoles.Lao }, ct);

    /// <summary>The first NACC admin, when no admin account exists: only from the configured password (the start
    /// fails without one, or with one the password rules refuse), and outside the demo it must change it at its first
    /// sign-in.</summary>
    private async Task<int> EnsureFirstAdminAsync(BootstrapOptions o, CancellationToken ct)
    {
        var anyAdmin = await db.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM identity.users WHERE role = @Admin)", new { UserRoles.Admin }, ct);
        if (anyAdmin) return 0;
        if (string.IsNullOrEmpty(o.AdminPassword))
            throw new InvalidOperationException(
                $"No NACC admin account exists and EPLAN_ADMIN_PASSWORD is not set: set it to create the first admin " +
                $"(user name '{o.AdminUsername}'), who must change that password at the first sign-in.");
        var problems = PasswordPolicy.Check(o.AdminPassword, o.AdminUsername);
        if (problems.Count > 0)
            throw new InvalidOperationException(
                $"The password in EPLAN_ADMIN_PASSWORD is refused: {string.Join(" ", problems)}");
        return await EnsureStaffAsync(o.AdminUsername, UserRoles.Admin, null, "ผู้ดูแลระบบ สำนักงาน ป.ป.ช.",
            o.AdminPassword, "EPLAN_ADMIN_PASSWORD", o.AdminMustChangePassword, ct);
    }

    private async Task<int> EnsureStaffAsync(string username, string role, string? provinceCode, string displayName,
        string? password, string variable, bool mustChangePassword, CancellationToken ct)
    {
        var exists = await db.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM identity.users WHERE lower(username) = lower(@username))",
            new { username }, ct);
        if (exists) return 0;
        if (string.IsNullOrEmpty(password))
        {
            logger.LogWarning("Account {Username} is not created: set {Variable} to give it a password",
                username, variable);
            return 0;
        }
        var problems = PasswordPolicy.Check(password, username);
        if (problems.Count > 0)
        {
            logger.LogWarning("Account {Username} is not created: the password in {Variable} is refused ({Reason})",
                username, variable, problems[0]);
            return 0;
        }
        return await db.ExecuteAsync("""
            INSERT INTO identity.users (id, username, role, province_code, display_name, password_hash, security_stamp,
                                        must_change_password)
            VALUES (@Id, @username, @role, @provinceCode, @displayName, @Hash, @Stamp, @mustChangePassword)
            ON CONFLICT DO NOTHING
            """,
            new
            {
                Id = Guid.CreateVersion7(), username, role, provinceCode, displayName,
                Hash = Hasher.HashPassword(username, password), Stamp = Guid.NewGuid(), mustChangePassword,
            }, ct);
    }
}
