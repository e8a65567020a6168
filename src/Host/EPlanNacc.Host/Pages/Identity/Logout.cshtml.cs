using EPlanNacc.Host.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EPlanNacc.Host.Pages.Identity;

[AllowDuringSetup]
[AllowDuringPasswordChange]
public sealed class LogoutModel : PageModel
{
    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? Page() : RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(AuthSchemes.Cookie);
        TempData["Success"] = "ออกจากระบบเรียบร้อยแล้ว";
        return RedirectToPage("/Identity/Login");
    }
}
