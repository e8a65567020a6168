using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.Host.Infrastructure;
using EPlanNacc.Modules.Identity.Features.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EPlanNacc.Host.Pages.Identity;

/// <summary>บัญชีผู้ใช้งาน (NACC staff): find an account by its user name (an LAO's 7-digit code), see its state and
/// history, and reset it, issue an activation code or lift a lock: an admin any account, a provincial office those of
/// its province (the authorization step answers "not found" for the others). Each action is recorded and told by
/// email to the LAO's coordinator on file. A staff page.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class AccountsModel : AppPageModel
{
    [BindProperty(SupportsGet = true)] public string? Username { get; set; }

    public AccountDetails? Account { get; private set; }
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

    public async Task<IActionResult> OnPostActivationCodeAsync(CancellationToken ct)
    {
        // the code is shown on this very answer (no redirect): it is never shown again
        await TryAsync(async () =>
            Issued = await Sender.Send(new IssueActivationCodeCommand(Username ?? ""), ct), prefix: "");
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
        if (string.IsNullOrEmpty(Username)) return;
        try
        {
            Account = await Sender.Send(new GetAccountQuery(Username), ct);
        }
        catch (NotFoundException ex)
        {
            Missing = ex.Message;
        }
    }
}
