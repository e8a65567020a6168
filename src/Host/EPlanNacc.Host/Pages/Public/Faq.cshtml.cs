using EPlanNacc.Host.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace EPlanNacc.Host.Pages.Public;

public sealed class FaqModel(IOptions<SiteOptions> site) : PageModel
{
    public IReadOnlyList<ContactPerson> Contacts => site.Value.Contacts;
    public ContactPerson? SystemContact => site.Value.Contacts.FirstOrDefault();
}
