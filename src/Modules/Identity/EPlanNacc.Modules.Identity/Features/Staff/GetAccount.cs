using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Security;
using Mediator;

namespace EPlanNacc.Modules.Identity.Features.Staff;

/// <summary>An account's state and its latest events (first set-up with address, resets, locks), for staff.
/// <see cref="AccountDetails.State"/> is one of <see cref="AccountStates"/>; <see cref="AccountDetails.LockedUntil"/>
/// is the end of a lock of failed sign-ins, <see cref="AccountDetails.LockedByStaff"/> a lock that lasts until staff
/// lift it.</summary>
[Allow(Caller.Staff)]
public sealed record GetAccountQuery(string Username) : IQuery<AccountDetails>, IAccountScoped;

public sealed record AccountDetails(
    string Username, string Role, string? DlaCode, string? ProvinceCode, string DisplayName, bool SetupCompleted,
    DateTimeOffset? SetupCompletedAt, DateTimeOffset? LockedUntil, DateTimeOffset? LastSignInAt,
    IReadOnlyList<AccountEventItem> Events, string State = AccountStates.Active, string? Email = null,
    bool LockedByStaff = false)
{
    public bool IsStaff => Role != UserRoles.Lao;
}

public sealed record AccountEventItem(
    string Kind, string? Actor, string? IpAddress, string? UserAgent, DateTimeOffset OccurredAt, string? Detail = null)
{
    /// <summary>The event in Thai, for the staff's account page.</summary>
    public string Label => Kind switch
    {
        "setup_sign_in" => "เข้าสู่ระบบครั้งแรก (ยังไม่ได้ตั้งค่า)",
        "setup_completed" => "บันทึกข้อมูลพื้นฐานและกำหนดรหัสผ่านแล้ว",
        "signed_in" => "เข้าสู่ระบบ",
        "signed_out" => "ออกจากระบบ",
        "sign_in_failed" => "เข้าสู่ระบบไม่สำเร็จ",
        "locked_out" => "ถูกระงับการเข้าสู่ระบบชั่วคราว",
        "unlocked" => "ปลดการระงับ",
        "account_reset" => "ตั้งค่าบัญชีใหม่ (กลับเป็นยังไม่ได้ตั้งค่า)",
        "activation_code_issued" => "ออกรหัสเปิดใช้งาน",
        "password_changed" => "เปลี่ยนรหัสผ่าน",
        "password_reset_requested" => "ขอลิงก์ตั้งรหัสผ่านใหม่",
        "password_reset" => "ตั้งรหัสผ่านใหม่ด้วยลิงก์ทางอีเมล",
        "password_set" => "กำหนดรหัสผ่านครั้งแรกด้วยลิงก์ทางอีเมล",
        "created" => "สร้างบัญชี",
        "updated" => "แก้ไขบัญชี",
        "setup_link_sent" => "ส่งลิงก์กำหนดรหัสผ่าน",
        "locked" => "ระงับการเข้าสู่ระบบโดยเจ้าหน้าที่",
        "disabled" => "ปิดการใช้งานบัญชี",
        "enabled" => "เปิดการใช้งานบัญชีอีกครั้ง",
        _ => Kind,
    };
}

public sealed class GetAccountHandler(DbSession db, TimeProvider clock) : IQueryHandler<GetAccountQuery, AccountDetails>
{
    public async ValueTask<AccountDetails> Handle(GetAccountQuery query, CancellationToken ct)
    {
        var a = await StaffAccounts.LockAsync(db, query.Username, ct);
        var now = clock.GetUtcNow();
        var (last, state) = await db.QuerySingleAsync<(DateTime?, string)>(
            $"SELECT u.last_sign_in_at, {AccountStates.Sql} FROM identity.users u WHERE u.id = @Id",
            new { a.Id, Now = now, UserRoles.Lao }, ct);
        var events = await db.QueryAsync<AccountEventItem>("""
            SELECT kind, actor, ip_address, user_agent, occurred_at, detail FROM identity.account_events
            WHERE user_id = @Id ORDER BY occurred_at DESC LIMIT 50
            """, new { a.Id }, ct);
        return new AccountDetails(a.Username, a.Role, a.DlaCode, a.ProvinceCode, a.DisplayName, !a.NeverSetUp,
            a.SetupCompletedAt, a.LockedUntil > now ? a.LockedUntil : null,
            last is null ? null : new DateTimeOffset(DateTime.SpecifyKind(last.Value, DateTimeKind.Utc)), events,
            state, a.Email, a.LockedByStaffAt is not null);
    }
}
