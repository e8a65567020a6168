using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.Modules.Identity.Contracts;
using EPlanNacc.Modules.Identity.Features.Audit;
using EPlanNacc.Modules.Identity.Rules;
using Mediator;
using Microsoft.AspNetCore.Identity;

namespace EPlanNacc.Modules.Identity.Features.Passwords;

public sealed class CompleteAccountSetupHandler(IPublisher publisher, DbSession db, TimeProvider clock)
    : ICommandHandler<CompleteAccountSetupCommand, Guid>
{
    private static readonly PasswordHasher<string> Hasher = new();

    public async ValueTask<Guid> Handle(CompleteAccountSetupCommand command, CancellationToken ct)
    {
        var account = await db.QuerySingleOrDefaultAsync<AccountRow>(
            AccountRow.Select + " WHERE dla_code = @DlaCode FOR UPDATE", new { command.DlaCode }, ct)
            ?? throw new NotFoundException("ไม่พบบัญชีผู้ใช้งานของ อปท. นี้");
        if (!account.NeverSetUp)
            throw new ConflictException("บัญชีนี้ตั้งค่าเรียบร้อยแล้ว กรุณาเข้าสู่ระบบด้วยรหัสผ่าน");
        var problems = PasswordPolicy.Check(command.Password, account.Username);
        if (problems.Count > 0) throw new RuleViolationException(problems[0], "password");

        var now = clock.GetUtcNow();
        var stamp = Guid.NewGuid();
        await db.ExecuteAsync("""
            UPDATE identity.users
            SET password_hash = @Hash, setup_completed_at = @now, security_stamp = @Stamp, activation_code_hash = NULL,
                activation_code_expires_at = NULL, updated_at = @now
            WHERE id = @Id
            """,
            new { account.Id, Hash = Hasher.HashPassword(account.Username, command.Password), now, Stamp = stamp }, ct);
        await AccountHistory.RecordAsync(db, AuditActor.Account(account, command.IpAddress), account,
            "setup_completed", now, null, command.UserAgent, ct);
        await publisher.Publish(new AccountSessionsEndedNotification(account.Id), ct);
        return stamp;
    }
}
