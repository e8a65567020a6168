using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Host.Infrastructure;
using EPlanNacc.Modules.Identity.Features.Staff;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts.Scope;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EPlanNacc.Host.Pages.Identity;

/// <summary>A staff account's form (NACC staff): without a user name, a new account (the officer is emailed the link
/// that sets its password); with one, the account's name, email, role and province. The roles and provinces offered
/// are those of the caller's scope; the commands decide (403 for more). A staff page.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class StaffAccountModel : AppPageModel
{
    [BindProperty(SupportsGet = true)] public string? Username { get; set; }
    [BindProperty] public StaffAccountForm Input { get; set; } = new();

    public bool IsNew => string.IsNullOrWhiteSpace(Username);
    public IReadOnlyList<ProvinceChoice> Provinces { get; private set; } = [];
    public bool NotStaff { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!IsNew)
        {
            var account = await Sender.Send(new GetAccountQuery(Username!), ct);
            // an LAO account has no staff form: its name and province are the registry's
            NotStaff = !account.IsStaff;
            Input = new StaffAccountForm
            {
                Username = account.Username, FullName = account.DisplayName, Email = account.Email,
                Role = account.Role, ProvinceCode = account.ProvinceCode,
            };
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var creating = IsNew;
        var saved = creating
            ? await TryAsync(async () => Username = await Sender.Send(new CreateStaffAccountCommand(Input.Username,
                Input.FullName, Input.Email, Input.Role, Input.ProvinceCode), ct))
            : await TryAsync(async () => await Sender.Send(new UpdateStaffAccountCommand(Username!, Input.FullName,
                Input.Email, Input.Role, Input.ProvinceCode), ct));
        if (saved)
        {
            Flash(creating ? $"สร้างบัญชีแล้ว และส่งลิงก์กำหนดรหัสผ่านไปที่ {Input.Email?.Trim()} แล้ว"
                : "บันทึกการแก้ไขบัญชีแล้ว");
            return RedirectToPage("/Identity/Accounts", new { Username });
        }
        if (creating) Username = null;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Provinces = (await Sender.Send(new GetScopeChoicesQuery(), ct)).Provinces;
}

public sealed class StaffAccountForm
{
    public string? Username { get; set; }
    public string? FullName { get; set; }
    public string? Email { get; set; }
    public string? Role { get; set; } = UserRoles.Provincial;
    public string? ProvinceCode { get; set; }
}
