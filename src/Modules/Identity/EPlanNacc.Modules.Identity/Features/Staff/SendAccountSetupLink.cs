using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.Identity.Rules;
using Mediator;
using Microsoft.Extensions.Options;

namespace EPlanNacc.Modules.Identity.Features.Staff;

/// <summary>NACC staff send a staff account of their scope the link that sets its password, to the account's email:
/// a provincial account provisioned without an email once its email is set, or an invitation that ran out. Refused
/// for an account without an email, a disabled one, and LAO accounts (they have the activation code and "ลืมรหัสผ่าน").
/// The link replaces an unused earlier one. Recorded.</summary>
[Allow(Caller.Staff)]
public sealed record SendAccountSetupLinkCommand(string Username) : ICommand<Unit>, IAccountScoped;

public sealed class SendAccountSetupLinkHandler(DbSession db, ISender sender, ICurrentUser user, TimeProvider clock,
    IOptions<IdentityOptions> options) : ICommandHandler<SendAccountSetupLinkCommand, Unit>
{
    public async ValueTask<Unit> Handle(SendAccountSetupLinkCommand command, CancellationToken ct)
    {
        var account = await StaffAccounts.LockAsync(db, command.Username, ct);
        if (!account.IsStaff) throw new RuleViolationException(StaffAccountRules.StaffOnly);
        if (account.DisabledAt is not null)
            throw new RuleViolationException("บัญชีนี้ปิดการใช้งานอยู่ กรุณาเปิดใช้งานก่อนส่งลิงก์กำหนดรหัสผ่าน");
        if (string.IsNullOrWhiteSpace(account.Email))
            throw new RuleViolationException("บัญชีนี้ยังไม่มีอีเมล กรุณาแก้ไขบัญชีและระบุอีเมลของเจ้าหน้าที่ก่อน");
        var now = clock.GetUtcNow();
        var sent = await SetupLinks.SendAsync(db, sender, options.Value, account, account.Email, now, ct);
        await AccountHistory.RecordAsync(db, user, account, "setup_link_sent", now, sent, ct);
        return Unit.Value;
    }
}
