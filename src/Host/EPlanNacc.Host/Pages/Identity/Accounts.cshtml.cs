using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Host.Infrastructure;
using EPlanNacc.Modules.Identity.Features;
using EPlanNacc.Modules.Identity.Features.Provisioning;
using EPlanNacc.Modules.Identity.Features.Staff;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts.Scope;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EPlanNacc.Host.Pages.Identity;

/// <summary>บัญชีผู้ใช้งาน (NACC staff): search the accounts of the caller's scope, LAO and staff, by code or name,
/// role, province and state, a page at a time; open one to see its state and history and act on it: lock, unlock,
/// reset an LAO account, issue an activation code, edit, disable or enable a staff account, send its password link.
/// An admin also makes the provincial offices' accounts. The authorization step answers "not found" for another's
/// account. Each action is recorded. A staff page.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class AccountsModel : AppPageModel
{
    [BindProperty(SupportsGet = true)] public string? Username { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Role { get; set; }
    [BindProperty(SupportsGet = true)] public string? ProvinceCode { get; set; }
    [BindProperty(SupportsGet = true)] public string? State { get; set; }
    /// <summary>The page of the search ("page" is Razor Pages' own route value).</summary>
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public AccountDetails? Account { get; private set; }
    public AccountSearchPage? Results { get; private set; }
    public IReadOnlyList<ProvinceChoice> Provinces { get; private set; } = [];
    public string? Missing { get; private set; }
    /// <summary>The activation code just issued: shown on this answer only, never again.</summary>
    public ActivationCodeIssued? Issued { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public Task<IActionResult> OnPostResetAsync(CancellationToken ct) =>
        ActAsync(new ResetAccountCommand(Username ?? ""),
            "ตั้งค่าบัญชีใหม่เรียบร้อยแล้ว: การเข้าสู่ระบบครั้งต่อไปของ อปท. จะเริ่มจากการบันทึกข้อมูลพื้นฐาน " +
            "และได้แจ้งผู้ประสานงานทางอีเมลแล้ว", ct);

    public Task<IActionResult> OnPostUnlockAsync(CancellationToken ct) =>
        ActAsync(new UnlockAccountCommand(Username ?? ""), "ปลดการระงับการเข้าสู่ระบบเรียบร้อยแล้ว", ct);

    public Task<IActionResult> OnPostLockAsync(CancellationToken ct) =>
        ActAsync(new LockAccountCommand(Username ?? ""),
            "ระงับการเข้าสู่ระบบแล้ว: บัญชีนี้เข้าสู่ระบบไม่ได้จนกว่าเจ้าหน้าที่จะปลดการระงับ", ct);

    public Task<IActionResult> OnPostDisableAsync(CancellationToken ct) =>
        ActAsync(new DisableStaffAccountCommand(Username ?? ""), "ปิดการใช้งานบัญชีแล้ว", ct);

    public Task<IActionResult> OnPostEnableAsync(CancellationToken ct) =>
        ActAsync(new EnableStaffAccountCommand(Username ?? ""), "เปิดการใช้งานบัญชีอีกครั้งแล้ว", ct);

    public Task<IActionResult> OnPostSetupLinkAsync(CancellationToken ct) =>
        ActAsync(new SendAccountSetupLinkCommand(Username ?? ""),
            "ส่งลิงก์กำหนดรหัสผ่านไปที่อีเมลของบัญชีแล้ว", ct);

    public async Task<IActionResult> OnPostActivationCodeAsync(CancellationToken ct)
    {
        // the code is shown on this very answer (no redirect): it is never shown again
        await TryAsync(async () =>
            Issued = await Sender.Send(new IssueActivationCodeCommand(Username ?? ""), ct), prefix: "");
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostProvisionAsync(CancellationToken ct)
    {
        ProvincialAccountsProvisioned? done = null;
        if (await TryAsync(async () => done = await Sender.Send(new ProvisionProvincialAccountsCommand(), ct),
                prefix: ""))
        {
            Flash(done!.Created.Count == 0
                ? $"ทุกจังหวัดมีบัญชีสำนักงาน ป.ป.ช. ประจำจังหวัดแล้ว ({done.Existing} จังหวัด)"
                : $"สร้างบัญชีสำนักงาน ป.ป.ช. ประจำจังหวัดแล้ว {done.Created.Count} บัญชี " +
                  $"(มีอยู่แล้ว {done.Existing}) กรุณาระบุอีเมลของแต่ละบัญชีแล้วส่งลิงก์กำหนดรหัสผ่าน");
            return RedirectToPage(new { Role = UserRoles.Provincial, State = AccountStates.NeverSetUp });
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task<IActionResult> ActAsync<T>(Mediator.ICommand<T> command, string done, CancellationToken ct)
    {
        if (await TryAsync(async () => await Sender.Send(command, ct), prefix: ""))
        {
            Flash(done);
            return RedirectToPage(new { Username });
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Username = Username?.Trim();
        if (string.IsNullOrEmpty(Username))
        {
            Provinces = (await Sender.Send(new GetScopeChoicesQuery(), ct)).Provinces;
            await TryAsync(async () => Results = await Sender.Send(
                new SearchAccountsQuery(Q, Role, ProvinceCode, State, Math.Max(1, PageNumber)), ct), prefix: "");
            return;
        }
        try
        {
            Account = await Sender.Send(new GetAccountQuery(Username), ct);
        }
        catch (NotFoundException ex)
        {
            // the search stays on the page; the answer is 404, as for any account outside the caller's scope
            Missing = ex.Message;
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }
}
