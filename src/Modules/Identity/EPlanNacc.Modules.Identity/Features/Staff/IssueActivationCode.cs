using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.Identity.Features.Emails;
using EPlanNacc.Modules.Identity.Rules;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace EPlanNacc.Modules.Identity.Features.Staff;

/// <summary>Staff issue an LAO the activation code its first sign-in needs when NACC requires one (setting
/// <c>Identity:RequireActivationCode</c>, on in Production). The code is shown once, to the issuing officer; only its
/// hash is kept, for 30 days (<c>Identity:ActivationCodeLifetimeDays</c>). A new code replaces the old. Recorded (who,
/// when, for which LAO) and the coordinator on file, if any, is told by email (without the code).</summary>
[Allow(Caller.Staff)]
public sealed record IssueActivationCodeCommand(string Username) : ICommand<ActivationCodeIssued>, IAccountScoped;

public sealed record ActivationCodeIssued(string Username, string ActivationCode, DateTimeOffset ExpiresAt);

public sealed class IssueActivationCodeHandler(DbSession db, ISender sender, ICurrentUser user, TimeProvider clock,
    IOptions<IdentityOptions> options)
    : ICommandHandler<IssueActivationCodeCommand, ActivationCodeIssued>
{
    private static readonly PasswordHasher<string> Hasher = new();

    public async ValueTask<ActivationCodeIssued> Handle(IssueActivationCodeCommand command, CancellationToken ct)
    {
        var account = await StaffAccounts.LockAsync(db, command.Username, ct);
        if (!account.NeverSetUp) throw new RuleViolationException(
            "บัญชีนี้ตั้งค่าแล้ว ไม่ต้องใช้รหัสเปิดใช้งาน (ตั้งค่าบัญชีใหม่ก่อนหากต้องการ)");
        var code = ActivationCodes.Generate();
        var now = clock.GetUtcNow();
        var expires = now.AddDays(options.Value.ActivationCodeLifetimeDays);
        await db.ExecuteAsync("""
            UPDATE identity.users
            SET activation_code_hash = @Hash, activation_code_expires_at = @expires, updated_at = @now
            WHERE id = @Id
            """,
            new
            {
                account.Id, Hash = Hasher.HashPassword(account.Username, ActivationCodes.Normalize(code)), expires, now,
            }, ct);
        var notice = await AccountNotices.SendAsync(db, sender, user, account,
            (lao, staff) => AccountEmails.ActivationCodeNotice(lao, staff, now, expires), ct);
        await AccountHistory.RecordAsync(db, user, account, "activation_code_issued", now, notice, ct);
        return new ActivationCodeIssued(account.Username, code, expires);
    }
}
