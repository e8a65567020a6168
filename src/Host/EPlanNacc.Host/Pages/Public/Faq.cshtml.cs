using EPlanNacc.Host.Infrastructure;
using EPlanNacc.Modules.Identity;
using EPlanNacc.Modules.Identity.Features.SignIn;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace EPlanNacc.Host.Pages.Public;

public sealed class FaqModel(IOptions<SiteOptions> site, IOptions<IdentityOptions> identity) : PageModel
{
    public string ResetLinkValidity => SignInTexts.ResetLinkValidity(identity.Value);
    public string LockoutRule => SignInTexts.LockoutRule(identity.Value);
    public bool RequireActivationCode => identity.Value.RequireActivationCode;

    public IReadOnlyList<ContactPerson> Contacts => site.Value.Contacts;
    public ContactPerson? SystemContact => site.Value.Contacts.FirstOrDefault();
}
