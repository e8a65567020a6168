using EPlanNacc.Host.Infrastructure;
using EPlanNacc.Modules.Identity.Features.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EPlanNacc.Host.Pages.Identity;

/// <summary>บันทึกการใช้งาน (NACC staff): the audit trail of the caller's scope, newest first, 50 a page, filtered by
/// who, what, LAO and days (entered in BE). A provincial office sees the entries about its province's LAOs and its own
/// staff's actions (the query decides). A staff page.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class AuditModel : AppPageModel
{
    [BindProperty(SupportsGet = true), ModelBinder(typeof(BuddhistDateBinder))] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true), ModelBinder(typeof(BuddhistDateBinder))] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Actor { get; set; }
    [BindProperty(SupportsGet = true)] public string? DlaCode { get; set; }
    [BindProperty(SupportsGet = true, Name = "what")] public string? Action { get; set; }
    /// <summary>The page of entries ("page" is Razor Pages' own route value).</summary>
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public AuditEntriesPage? Entries { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return;
        // an LAO outside the caller's scope, named in the filter: a message on the filter, and 404
        await TryAsync(async () => Entries = await Sender.Send(
                new ListAuditEntriesQuery(From, To, Actor, DlaCode, Action, Math.Max(1, PageNumber)), ct), prefix: "",
            notFoundField: nameof(DlaCode));
    }
}
