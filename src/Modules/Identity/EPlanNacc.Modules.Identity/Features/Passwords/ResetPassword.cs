using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.Identity.Contracts;
using EPlanNacc.Modules.Identity.Features.Audit;
using EPlanNacc.Modules.Identity.Rules;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;

namespace EPlanNacc.Modules.Identity.Features.Passwords;

/// <summary>Sets a new password from a reset link, or the first password of a new staff account from the link of its
/// invitation. The link works once, until it expires (<see cref="IdentityOptions.ResetTokenMinutes"/>, or
/// <see cref="IdentityOptions.AccountSetupLinkDays"/> for an invitation), and never for a disabled account; every
/// session of the account ends, and a lock from failed sign-ins is lifted (not one put by staff).</summary>
[Allow(Caller.Anyone)]
public sealed record ResetPasswordCommand(string? Token, string? NewPassword) : ICommand<Unit>;

public sealed class ResetPasswordValidator : AbstractValidator<ResetPasswordCommand>
{
    public ResetPasswordValidator()
    {
        RuleFor(x => x.Token).NotEmpty().WithMessage(ResetPasswordHandler.InvalidLink);
        RuleFor(x => x.NewPassword).Custom((password, context) =>
        {
            foreach (var reason in PasswordPolicy.Check(password, null)) context.AddFailure("NewPassword", reason);
        });
    }
}

/// <summary>Whether a reset link can still be used, so the page can say so before the user types a password.</summary>
[Allow(Caller.Anyone)]
public sealed record CheckResetTokenQuery(string? Token) : IQuery<bool>;

public sealed class CheckResetTokenHandler(DbSession db, TimeProvider clock) : IQueryHandler<CheckResetTokenQuery, bool>
{
    public async ValueTask<bool> Handle(CheckResetTokenQuery query, CancellationToken ct) =>
        !string.IsNullOrEmpty(query.Token) && query.Token.Length <= 200 &&
        await db.ExecuteScalarAsync<bool>("""
            SELECT EXISTS (SELECT 1 FROM identity.password_reset_tokens t JOIN identity.users u ON u.id = t.user_id
                           WHERE t.token_hash = @Hash AND t.used_at IS NULL AND t.expires_at > @now
                             AND u.disabled_at IS NULL)
            """, new { Hash = WebEncoders.Hash(query.Token), now = clock.GetUtcNow() }, ct);
}

public sealed class ResetPasswordHandler(IPublisher publisher, DbSession db, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<ResetPasswordCommand, Unit>
{
    public const string InvalidLink = "ลิงก์ตั้งรหัสผ่านใหม่ไม่ถูกต้อง หมดอายุ หรือถูกใช้ไปแล้ว " +
                                      "กรุณาขอลิงก์ใหม่จากหน้า ลืมรหัสผ่าน (สำหรับ อปท.)";
    public const string UnlockedByLink = "ปลดการระงับชั่วคราวด้วยลิงก์ตั้งรหัสผ่านใหม่ที่ส่งทางอีเมล";
    private static readonly PasswordHasher<string> Hasher = new();

    public async ValueTask<Unit> Handle(ResetPasswordCommand command, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (command.Token!.Length > 200) throw new RuleViolationException(InvalidLink, "token");
        var userId = await db.QuerySingleOrDefaultAsync<Guid?>("""
            SELECT t.user_id
            FROM identity.password_reset_tokens t JOIN identity.users u ON u.id = t.user_id
            WHERE t.token_hash = @Hash AND t.used_at IS NULL AND t.expires_at > @now AND u.disabled_at IS NULL
            FOR UPDATE OF t, u
            """, new { Hash = WebEncoders.Hash(command.Token), now }, ct)
            ?? throw new RuleViolationException(InvalidLink, "token");
        var row = await db.QuerySingleAsync<AccountRow>(AccountRow.Select + " WHERE id = @userId", new { userId }, ct);

        var problems = PasswordPolicy.Check(command.NewPassword, row.Username);
        if (problems.Count > 0) throw new RuleViolationException(problems[0], "newPassword");

        await db.ExecuteAsync("""
            UPDATE identity.password_reset_tokens SET used_at = @now WHERE user_id = @UserId AND used_at IS NULL;
            UPDATE identity.users SET password_hash = @PasswordHash, security_stamp = @Stamp, recent_failures = '{}',
                   locked_until = NULL, must_change_password = false, updated_at = @now
            WHERE id = @UserId;
            """,
            new
            {
                UserId = row.Id, now, PasswordHash = Hasher.HashPassword(row.Username, command.NewPassword!),
                Stamp = Guid.NewGuid(),
            }, ct);
        var actor = AuditActor.Account(row, user.IpAddress);
        await AccountHistory.RecordAsync(db, actor, row, row.PasswordHash is null ? "password_set" : "password_reset",
            now, null, null, ct);
        // the owner, proven by the link, gets in at once: the lock of failed sign-ins is lifted (and recorded)
        if (row.LockedUntil > now)
            await AccountHistory.RecordAsync(db, actor, row, "unlocked", now, UnlockedByLink, null, ct);
        await publisher.Publish(new AccountSessionsEndedNotification(row.Id), ct);
        return Unit.Value;
    }
}
