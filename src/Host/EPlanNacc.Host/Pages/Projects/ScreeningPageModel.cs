using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Projects.Features.Projects;
using EPlanNacc.Modules.Projects.Features.Screening;
using Microsoft.AspNetCore.Mvc;

namespace EPlanNacc.Host.Pages.Projects;

/// <summary>A page where staff screen several projects at once (the LAO's list, the screening queue): the projects
/// chosen with the version each was read at, the mark and the reason, and their save.</summary>
public abstract class ScreeningPageModel : AppPageModel
{
    [BindProperty] public List<Guid> Selected { get; set; } = [];
    /// <summary>The version of each listed project as the screener read it (one changed since is refused).</summary>
    [BindProperty] public Dictionary<Guid, int> Versions { get; set; } = [];
    [BindProperty] public string? Screening { get; set; }
    [BindProperty] public string? Reason { get; set; }

    /// <summary>Sends the screening of the chosen projects. Saved: true, with a notice of how many changed. Refused:
    /// false, with the messages in ModelState or the stale save in <see cref="AppPageModel.Stale"/>; the page reads
    /// its projects again, with their current versions, and keeps the officer's choice.</summary>
    protected async Task<bool> TryScreenAsync(CancellationToken ct)
    {
        var changed = 0;
        var screen = new ScreenProjectsCommand(Selected, ProjectConformity.Conforms(Screening), Reason, Versions);
        // the versions read are the only 409 of a screening
        if (!await TrySaveAsync(async () => changed = await Sender.Send(screen, ct),
                isStale: () => Task.FromResult(true), prefix: ""))
            return false;
        Flash($"บันทึกผลการคัดกรอง “{ProjectCodes.Conformity.Label(Screening)}” แล้ว {changed} โครงการ");
        return true;
    }
}
