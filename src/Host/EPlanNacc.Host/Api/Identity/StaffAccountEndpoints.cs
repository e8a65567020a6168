using System.Globalization;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.Modules.Identity.Features.Audit;
using EPlanNacc.Modules.Identity.Features.Provisioning;
using EPlanNacc.Modules.Identity.Features.Staff;
using Mediator;

namespace EPlanNacc.Host.Api.Identity;

public sealed record StaffAccountRequest(
    string? Username, string? FullName, string? Email, string? Role, string? ProvinceCode);
public sealed record StaffAccountUpdate(string? FullName, string? Email, string? Role, string? ProvinceCode);

/// <summary>The staff endpoints of docs/api.md Staff about accounts and the audit trail: the search of accounts in the
/// caller's scope, staff accounts (create, edit, password link, disable and enable), staff locks, the provincial
/// offices' accounts, and the audit trail. The same commands and queries as the accounts and audit pages.</summary>
public static class StaffAccountEndpoints
{
    public static void MapStaffAccountEndpoints(this RouteGroupBuilder api)
    {
        var accounts = api.MapGroup("/admin/accounts").WithTags("Staff: accounts");
        accounts.MapGet("", async (string? q, string? role, string? provinceCode, string? state, ISender sender,
                CancellationToken ct) =>
            Results.Ok((await sender.Send(new SearchAccountsQuery(q, role, provinceCode, state, PageSize: null), ct))
                .Items))
            .Produces<IReadOnlyList<AccountListItem>>().ProducesValidationProblem().ProducesProblem(403)
            .ProducesProblem(404)
            .WithName("listAccounts").WithSummary("ค้นหาบัญชีผู้ใช้ / List accounts")
            .WithDescription(
                "Accounts (LAO and staff) in the caller's scope by code or name, role, province and state " +
                         "(never_set_up, active, locked, disabled)");
        Act(accounts, "/{username}/lock", u => new LockAccountCommand(u), "lockAccount",
            "ระงับบัญชี / Lock an account", "Lock an account until staff unlock it (its sessions end)");

        var staff = api.MapGroup("/admin/staff-accounts").WithTags("Staff: accounts");
        staff.MapPost("", async (StaffAccountRequest? body, ISender sender, CancellationToken ct) =>
        {
            var username = await sender.Send(new CreateStaffAccountCommand(body?.Username, body?.FullName,
                body?.Email, body?.Role, body?.ProvinceCode), ct);
            return Results.Created($"/api/v1/admin/accounts/{Uri.EscapeDataString(username)}",
                await sender.Send(new GetAccountQuery(username), ct));
        }).Produces<AccountDetails>(201).ProducesValidationProblem().ProducesProblem(403)
          .WithName("createStaffAccount").WithSummary("สร้างบัญชีเจ้าหน้าที่ / Create a staff account")
          .WithDescription("Create a staff account (admin: admin or provincial; provincial: provincial of its " +
                       "province); the officer is emailed a link to set the password");
        staff.MapPut("/{username}", async (string username, StaffAccountUpdate? body, ISender sender,
            CancellationToken ct) =>
        {
            await sender.Send(new UpdateStaffAccountCommand(username, body?.FullName, body?.Email, body?.Role,
                body?.ProvinceCode), ct);
            return Results.NoContent();
        }).Produces(204).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404)
          .WithName("updateStaffAccount").WithSummary("แก้ไขบัญชีเจ้าหน้าที่ / Update a staff account")
          .WithDescription(
              "Edit a staff account's name, email, role and province (within the caller's role and scope)");
        Act(staff, "/{username}/setup-link", u => new SendAccountSetupLinkCommand(u), "sendStaffSetupLink",
            "ส่งลิงก์ตั้งรหัสผ่าน / Send a set-up link",
            "Email a staff account the single-use link that sets its password");
        Act(staff, "/{username}/disable", u => new DisableStaffAccountCommand(u), "disableStaffAccount",
            "ปิดการใช้งานบัญชีเจ้าหน้าที่ / Disable a staff account",
            "Disable a staff account: it cannot sign in and its sessions end");
        Act(staff, "/{username}/enable", u => new EnableStaffAccountCommand(u), "enableStaffAccount",
            "เปิดการใช้งานบัญชีเจ้าหน้าที่ / Enable a staff account", "Enable a disabled staff account again");

        api.MapPost("/admin/provincial-accounts", async (ISender sender, CancellationToken ct) =>
            Results.Ok(await sender.Send(new ProvisionProvincialAccountsCommand(), ct)))
            .WithTags("Staff: accounts").Produces<ProvincialAccountsProvisioned>().ProducesProblem(403)
            .WithName("createProvincialAccounts")
            .WithSummary("สร้างบัญชีสำนักงาน ป.ป.ช. ประจำจังหวัด / Create the provincial offices' accounts")
            .WithDescription("Create the account of every province's NACC office that has none (prov + code), " +
                         "without a password until its link is used (admin; idempotent)");

        api.MapGet("/admin/audit", async (string? from, string? to, string? actor, string? dlaCode, string? action,
                string? page, ISender sender, CancellationToken ct) =>
            Results.Ok(await sender.Send(new ListAuditEntriesQuery(Day(from, "from"), Day(to, "to"), actor, dlaCode,
                action, Page(page)), ct)))
            .WithTags("Staff: audit").Produces<AuditEntriesPage>().ProducesValidationProblem().ProducesProblem(403)
            .ProducesProblem(404)
            .WithName("listAuditEntries").WithSummary("ประวัติการใช้งาน / List audit entries")
            .WithDescription("The audit trail in the caller's scope, newest first, 50 a page (from and to: days, " +
                         "YYYY-MM-DD, Bangkok time)");
    }

    /// <summary>A POST on one account that answers 204 once its command is done.</summary>
    private static void Act(RouteGroupBuilder group, string pattern, Func<string, ICommand<Unit>> command,
        string name, string summary, string description) =>
        group.MapPost(pattern, async (string username, ISender sender, CancellationToken ct) =>
        {
            await sender.Send(command(username), ct);
            return Results.NoContent();
        }).Produces(204).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404)
            .WithName(name).WithSummary(summary).WithDescription(description);

    private static DateOnly? Day(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? null
            : DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None,
                out var day)
                ? day
                : throw new RuleViolationException("วันที่ต้องอยู่ในรูปแบบ ปปปป-ดด-วว (ค.ศ.) เช่น 2026-03-31", field);

    private static int Page(string? value) =>
        string.IsNullOrWhiteSpace(value) ? 1
            : int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page >= 1
                ? page
                : throw new RuleViolationException("หน้าต้องเป็นเลข 1 ขึ้นไป", "page");
}
