using System.Security.Cryptography;
using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Email;
using EPlanNacc.BuildingBlocks.Jobs;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Validation;
using EPlanNacc.Modules.Identity.Contracts;
using EPlanNacc.Modules.Identity.Features.Audit;
using EPlanNacc.Modules.Identity.Features.Emails;
using EPlanNacc.Modules.Identity.Features.SignIn;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;

namespace EPlanNacc.Modules.Identity.Features.Passwords;

/// <summary>"ลืมรหัสผ่าน": an LAO gives the coordinator email recorded in the basic data, NACC staff the email of their
/// account. The request
/// only records that a link was asked for this address and queues <see cref="SendPasswordResetLinksCommand"/> after
/// the commit: the same row and the same job whether or not the address is known, so the answer says nothing and
/// takes the same time either way. The job does the rest: a single-use link for each account with that email,
/// through the email outbox.</summary>
[Allow(Caller.Anyone)]
public sealed record RequestPasswordResetCommand(string? Email) : ICommand<Unit>;

public sealed class RequestPasswordResetValidator : AbstractValidator<RequestPasswordResetCommand>
{
    public RequestPasswordResetValidator()
    {
        RuleFor(x => x.Email).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("กรุณากรอกอีเมลที่บันทึกไว้ในข้อมูลพื้นฐาน")
            .Must(ThaiRules.IsEmail).WithMessage("รูปแบบอีเมลไม่ถูกต้อง เช่น name@example.go.th");
    }
}

public sealed class RequestPasswordResetHandler(DbSession db, IJobScheduler jobs, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<RequestPasswordResetCommand, Unit>
{
    public async ValueTask<Unit> Handle(RequestPasswordResetCommand command, CancellationToken ct)
    {
        await db.ExecuteAsync("""
            INSERT INTO identity.password_reset_requests (id, email, ip_address, requested_at)
            VALUES (@Id, @Email, @Ip, @now)
            """,
            new
            {
                Id = Guid.CreateVersion7(), Email = command.Email!.Trim(), Ip = user.IpAddress, now = clock.GetUtcNow(),
            }, ct);
        await jobs.EnqueueAfterCommit(db, new SendPasswordResetLinksCommand());
        return Unit.Value;
    }
}

/// <summary>The job behind "ลืมรหัสผ่าน": turns the recorded requests into emails, a batch at a time (queued after each
/// request commits, and every minute by the sweep). For each address asked for, each LAO account whose coordinator
/// email it is gets a new reset link (replacing any earlier one still unused), or, never set up, an email telling it
/// to sign in with its code; the request is recorded on the account. An unknown address gets nothing. Returns how
/// many requests were handled. Staff accounts with that email get a reset link too.</summary>
[Allow(Caller.Module)]
public sealed record SendPasswordResetLinksCommand : ICommand<int>;

public sealed class SendPasswordResetLinksHandler(
    DbSession db, ISender sender, IJobScheduler jobs, TimeProvider clock, IOptions<IdentityOptions> options)
    : ICommandHandler<SendPasswordResetLinksCommand, int>
{
    public const int BatchSize = 50;

    private sealed record Request(Guid Id, string Email, string? IpAddress, DateTimeOffset RequestedAt);

    public async ValueTask<int> Handle(SendPasswordResetLinksCommand command, CancellationToken ct)
    {
        var requests = await db.QueryAsync<Request>("""
            SELECT id, email, ip_address, requested_at FROM identity.password_reset_requests
            ORDER BY requested_at LIMIT @BatchSize FOR UPDATE SKIP LOCKED
            """, new { BatchSize }, ct);
        // one link per address, however many times it was asked for in the meantime: the latest request counts
        foreach (var address in requests.GroupBy(r => r.Email.ToLowerInvariant()))
            await SendLinksAsync(address.MaxBy(r => r.RequestedAt)!, ct);
        await db.ExecuteAsync("DELETE FROM identity.password_reset_requests WHERE id = ANY(@Ids)",
            new { Ids = requests.Select(r => r.Id).ToArray() }, ct);
        if (requests.Count == BatchSize) await jobs.EnqueueAfterCommit(db, command);
        return requests.Count;
    }

    private async Task SendLinksAsync(Request request, CancellationToken ct)
    {
        await SendLaoLinksAsync(request, ct);
        await SendStaffLinksAsync(request, ct);
    }

    private async Task SendLaoLinksAsync(Request request, CancellationToken ct)
    {
        var laos = await sender.Send(new FindLaosByCoordinatorEmailQuery(request.Email), ct);
        if (laos.Count == 0) return;

        var now = clock.GetUtcNow();
        var o = options.Value;
        var targets = await db.QueryAsync<AccountRow>(AccountRow.Select + """

             WHERE role = @Role AND dla_code = ANY(@Codes)
            ORDER BY dla_code
            """, new { Role = UserRoles.Lao, Codes = laos.Select(l => l.DlaCode).ToArray() }, ct);

        foreach (var target in targets)
        {
            var lao = laos.First(l => l.DlaCode == target.DlaCode);
            EmailMessage message;
            if (target.NeverSetUp)
            {
                message = AccountEmails.NotSetUp(lao, o.PublicBaseUrl, o.RequireActivationCode);
            }
            else
            {
                var token = await ResetTokens.IssueAsync(db, target.Id, request.Email, now,
                    now.AddMinutes(o.ResetTokenMinutes), ct);
                message = AccountEmails.ResetLink(lao, o.PublicBaseUrl, token, o.ResetTokenMinutes);
            }
            await RecordAsync(request, target, ct);
            await sender.Send(new QueueEmailCommand(message), ct);
        }
    }

    /// <summary>NACC staff accounts whose own email is the address (not disabled ones): a reset link each, which
    /// also sets the first password of an account never set up.</summary>
    private async Task SendStaffLinksAsync(Request request, CancellationToken ct)
    {
        var targets = await db.QueryAsync<AccountRow>(AccountRow.Select + """

             WHERE role <> @Lao AND lower(email) = lower(@Email) AND disabled_at IS NULL
            ORDER BY username
            """, new { UserRoles.Lao, request.Email }, ct);
        var now = clock.GetUtcNow();
        var o = options.Value;
        foreach (var target in targets)
        {
            var token = await ResetTokens.IssueAsync(db, target.Id, request.Email, now,
                now.AddMinutes(o.ResetTokenMinutes), ct);
            await RecordAsync(request, target, ct);
            await sender.Send(new QueueEmailCommand(AccountEmails.StaffPasswordLink(target, request.Email,
                o.PublicBaseUrl, token, SignInTexts.ResetLinkValidity(o))), ct);
        }
    }

    private Task RecordAsync(Request request, AccountRow target, CancellationToken ct) =>
        AccountHistory.RecordAsync(db, AuditActor.Anonymous(request.IpAddress), target, "password_reset_requested",
            request.RequestedAt, request.Email, null, ct);
}

/// <summary>Single-use links that set a password (identity.password_reset_tokens): only the SHA-256 of the token is
/// kept; a new link replaces any earlier one of the account still unused.</summary>
internal static class ResetTokens
{
    public static async Task<string> IssueAsync(DbSession db, Guid userId, string email, DateTimeOffset now,
        DateTimeOffset expires, CancellationToken ct)
    {
        var token = WebEncoders.NewToken();
        await db.ExecuteAsync("""
            UPDATE identity.password_reset_tokens SET used_at = @now WHERE user_id = @userId AND used_at IS NULL;
            INSERT INTO identity.password_reset_tokens (token_hash, user_id, email, created_at, expires_at)
            VALUES (@Hash, @userId, @email, @now, @expires);
            """, new { userId, Hash = WebEncoders.Hash(token), email, now, expires }, ct);
        return token;
    }

    /// <summary>Every unused link of the account stops working (its email changed, it was disabled).</summary>
    public static Task RevokeAsync(DbSession db, Guid userId, DateTimeOffset now, CancellationToken ct) =>
        db.ExecuteAsync(
            "UPDATE identity.password_reset_tokens SET used_at = @now WHERE user_id = @userId AND used_at IS NULL",
            new { userId, now }, ct);
}

internal static class WebEncoders
{
    public static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] Hash(string token) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token));
}
