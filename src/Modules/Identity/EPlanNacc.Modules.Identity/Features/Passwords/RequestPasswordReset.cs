using System.Net;
using System.Security.Cryptography;
using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Email;
using EPlanNacc.BuildingBlocks.Jobs;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Validation;
using EPlanNacc.Modules.Identity.Contracts;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;

namespace EPlanNacc.Modules.Identity.Features.Passwords;

/// <summary>"ลืมรหัสผ่าน (สำหรับ อปท.)": the user gives the coordinator email recorded in the basic data. The request
/// only records that a link was asked for this address and queues <see cref="SendPasswordResetLinksCommand"/> after
/// the commit: the same row and the same job whether or not the address is known, so the answer says nothing and
/// takes the same time either way. The job does the rest: a single-use link valid 30 minutes for each LAO account
/// with that email, through the email outbox.</summary>
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
            """, new
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
/// many requests were handled.</summary>
[Allow(Caller.Module)]
public sealed record SendPasswordResetLinksCommand : ICommand<int>;

public sealed class SendPasswordResetLinksHandler(
    DbSession db, ISender sender, IJobScheduler jobs, TimeProvider clock, IOptions<IdentityOptions> options)
    : ICommandHandler<SendPasswordResetLinksCommand, int>
{
    public const int BatchSize = 50;

    private sealed record Request(Guid Id, string Email, string? IpAddress, DateTimeOffset RequestedAt);
    private sealed record Target(Guid Id, string Username, string? DlaCode, bool NeverSetUp);

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
        var laos = await sender.Send(new FindLaosByCoordinatorEmailQuery(request.Email), ct);
        if (laos.Count == 0) return;

        var now = clock.GetUtcNow();
        var o = options.Value;
        var targets = await db.QueryAsync<Target>("""
            SELECT id, username, dla_code, (setup_completed_at IS NULL) AS never_set_up
            FROM identity.users WHERE role = @Role AND dla_code = ANY(@Codes)
            ORDER BY dla_code
            """, new { Role = UserRoles.Lao, Codes = laos.Select(l => l.DlaCode).ToArray() }, ct);

        foreach (var target in targets)
        {
            var lao = laos.First(l => l.DlaCode == target.DlaCode);
            EmailMessage message;
            if (target.NeverSetUp)
            {
                message = ResetEmails.NotSetUp(lao, o.PublicBaseUrl);
            }
            else
            {
                var token = WebEncoders.NewToken();
                // a new link replaces any earlier one still unused
                await db.ExecuteAsync("""
                    UPDATE identity.password_reset_tokens SET used_at = @now WHERE user_id = @Id AND used_at IS NULL;
                    INSERT INTO identity.password_reset_tokens (token_hash, user_id, email, created_at, expires_at)
                    VALUES (@Hash, @Id, @Email, @now, @Expires);
                    """, new { target.Id, Hash = WebEncoders.Hash(token), request.Email, now,
                        Expires = now.AddMinutes(o.ResetTokenMinutes) }, ct);
                message = ResetEmails.Link(lao, o.PublicBaseUrl, token, o.ResetTokenMinutes);
            }
            await db.ExecuteAsync(AccountEvents.InsertSql, AccountEvents.Row(target.Id, "password_reset_requested",
                null, request.IpAddress, request.RequestedAt, detail: request.Email), ct);
            await sender.Send(new QueueEmailCommand(message), ct);
        }
    }
}

internal static class WebEncoders
{
    public static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] Hash(string token) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token));
}

internal static class ResetEmails
{
    private const string Signature = "ระบบรายงานผลและติดตามผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต (E-PlanNACC)\nสำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ (สำนักงาน ป.ป.ช.)";

    public static EmailMessage Link(LaoContact lao, string baseUrl, string token, int minutes)
    {
        var url = $"{baseUrl.TrimEnd('/')}/reset-password?token={Uri.EscapeDataString(token)}";
        var subject = "E-PlanNACC: ตั้งรหัสผ่านใหม่";
        var text = $"""
            เรียน {lao.CoordinatorFullName}

            มีการขอตั้งรหัสผ่านใหม่สำหรับบัญชีผู้ใช้งานของ {lao.NameTh} (รหัสผู้ใช้งาน {lao.DlaCode}) ในระบบ E-PlanNACC
            กรุณาเปิดลิงก์นี้เพื่อตั้งรหัสผ่านใหม่ ลิงก์ใช้ได้ครั้งเดียว ภายใน {minutes} นาที:

            {url}

            หากท่านไม่ได้ขอตั้งรหัสผ่านใหม่ ไม่ต้องดำเนินการใด ๆ รหัสผ่านเดิมยังใช้ได้ตามปกติ

            {Signature}
            """;
        var html = $"""
            <!DOCTYPE html><html lang="th"><head><meta charset="utf-8"><title>{subject}</title></head>
            <body style="font-family:Sarabun,Tahoma,sans-serif;font-size:16px;line-height:1.6">
            <p>เรียน {H(lao.CoordinatorFullName)}</p>
            <p>มีการขอตั้งรหัสผ่านใหม่สำหรับบัญชีผู้ใช้งานของ <strong>{H(lao.NameTh)}</strong> (รหัสผู้ใช้งาน {H(lao.DlaCode)}) ในระบบ E-PlanNACC</p>
            <p><a href="{H(url)}" style="display:inline-block;padding:10px 18px;background:#0b5394;color:#fff;text-decoration:none;border-radius:6px">ตั้งรหัสผ่านใหม่</a></p>
            <p>ลิงก์ใช้ได้ครั้งเดียว ภายใน {minutes} นาที หากปุ่มไม่ทำงาน ให้คัดลอกที่อยู่นี้ไปเปิดในเบราว์เซอร์:<br><span style="word-break:break-all">{H(url)}</span></p>
            <p>หากท่านไม่ได้ขอตั้งรหัสผ่านใหม่ ไม่ต้องดำเนินการใด ๆ รหัสผ่านเดิมยังใช้ได้ตามปกติ</p>
            <p style="color:#555">{H(Signature).Replace("\n", "<br>")}</p>
            </body></html>
            """;
        return new EmailMessage(lao.Email, subject, html, text, lao.CoordinatorFullName);
    }

    public static EmailMessage NotSetUp(LaoContact lao, string baseUrl)
    {
        var url = $"{baseUrl.TrimEnd('/')}/login";
        var subject = "E-PlanNACC: บัญชีผู้ใช้งานยังไม่ได้ตั้งค่า";
        var text = $"""
            เรียน {lao.CoordinatorFullName}

            บัญชีผู้ใช้งานของ {lao.NameTh} (รหัสผู้ใช้งาน {lao.DlaCode}) ยังไม่ได้ตั้งค่า จึงยังไม่มีรหัสผ่าน
            กรุณาเข้าสู่ระบบครั้งแรกด้วยรหัสตัวเลข 7 หลัก {lao.DlaCode} โดยไม่ต้องกรอกรหัสผ่าน แล้วบันทึกข้อมูลพื้นฐานและกำหนดรหัสผ่านในหน้าข้อมูลผู้ประสานงาน:

            {url}

            {Signature}
            """;
        var html = $"""
            <!DOCTYPE html><html lang="th"><head><meta charset="utf-8"><title>{subject}</title></head>
            <body style="font-family:Sarabun,Tahoma,sans-serif;font-size:16px;line-height:1.6">
            <p>เรียน {H(lao.CoordinatorFullName)}</p>
            <p>บัญชีผู้ใช้งานของ <strong>{H(lao.NameTh)}</strong> (รหัสผู้ใช้งาน {H(lao.DlaCode)}) ยังไม่ได้ตั้งค่า จึงยังไม่มีรหัสผ่าน</p>
            <p>กรุณา<a href="{H(url)}">เข้าสู่ระบบครั้งแรก</a>ด้วยรหัสตัวเลข 7 หลัก {H(lao.DlaCode)} โดยไม่ต้องกรอกรหัสผ่าน แล้วบันทึกข้อมูลพื้นฐานและกำหนดรหัสผ่านในหน้าข้อมูลผู้ประสานงาน</p>
            <p style="color:#555">{H(Signature).Replace("\n", "<br>")}</p>
            </body></html>
            """;
        return new EmailMessage(lao.Email, subject, html, text, lao.CoordinatorFullName);
    }

    private static string H(string s) => WebUtility.HtmlEncode(s);
}
