using EPlanNacc.Host.Infrastructure;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts.Scope;
using EPlanNacc.Modules.LocalAuthorityProfile.Features.Profiles;
using EPlanNacc.Modules.LocalAuthorityProfile.Features.Reference;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EPlanNacc.Host.Pages.LocalAuthorityProfile;

/// <summary>The three pages of basic data (ข้อมูลที่ตั้ง, ข้อมูลพื้นที่และผู้บริหาร, ข้อมูลผู้ประสานงาน), one form
/// saved once from the last page. At the first sign-in (/setup) the last page also sets the password; afterwards
/// Profile (/profile) reopens the same pages to edit. An LAO's page: NACC staff are sent to their home page.</summary>
[AllowDuringSetup]
[Authorize(Policy = Policies.Lao)]
[RedirectRefused(Policies.Staff, "/Staff/Index")]
public sealed class ProfileModel : AppPageModel
{
    [BindProperty] public ProfileForm Input { get; set; } = new();

    public bool FirstSetup => User.IsSetupSession();
    public string DlaCode { get; private set; } = "";
    public string ProvinceName { get; private set; } = "";
    public string DistrictName { get; private set; } = "";
    public IReadOnlyList<LaoTypeItem> LaoTypes { get; private set; } = [];
    public IReadOnlyList<ProfileChangeItem> History { get; private set; } = [];
    public int StartStep { get; private set; } = 1;
    public Type ClientRulesFor => typeof(SaveMyProfileCommand);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var profile = await Sender.Send(new GetMyProfileQuery(), ct);
        DlaCode = profile.DlaCode;
        Input = ProfileForm.From(profile);
        await LoadListsAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        DlaCode = User.Get(AppClaims.DlaCode) ?? "";
        // a value the form could not read (letters in a number field) is already a Thai message in ModelState
        var unreadable = ModelState.Any(kv => kv.Value?.Errors.Count > 0);
        var confirmMismatch = FirstSetup && Input.Password != Input.ConfirmPassword;
        if (confirmMismatch) ModelState.AddModelError("Input.ConfirmPassword", "รหัสผ่านที่ยืนยันไม่ตรงกับรหัสผ่าน");

        ProfileSaved? saved = null;
        var command = Input.ToCommand(Request.Headers.UserAgent.ToString());
        if (unreadable || confirmMismatch
            || !await TrySaveAsync(async () => saved = await Sender.Send(command, ct), Input,
                async () => (await Sender.Send(new GetMyProfileQuery(), ct)).Version))
        {
            // show the first page that has an error (after a stale save, the last, where it is saved again)
            StartStep = ModelState.Where(kv => kv.Value?.Errors.Count > 0).Select(kv => StepOf(kv.Key))
                .DefaultIfEmpty(Stale is null ? 1 : 3).Min();
            Input.Password = Input.ConfirmPassword = null;
            await LoadListsAsync(ct);
            return Page();
        }

        var principal = AppClaims.WithChanges(User, AuthSchemes.Cookie,
            stamp: saved!.NewSecurityStamp, setupRequired: saved.SetupCompleted ? false : null,
            displayName: saved.Name);
        await HttpContext.SignInAsync(AuthSchemes.Cookie, principal);
        Flash(saved.SetupCompleted
            ? "บันทึกข้อมูลพื้นฐานและกำหนดรหัสผ่านเรียบร้อยแล้ว ครั้งต่อไปให้เข้าสู่ระบบด้วยรหัสผู้ใช้งานและรหัสผ่านนี้"
            : "บันทึกข้อมูลพื้นฐานเรียบร้อยแล้ว");
        return RedirectToPage("/Reporting/Summary");
    }

    public static int StepOf(string key) =>
        key.Contains(".Location.", StringComparison.Ordinal) || key.EndsWith(".Location", StringComparison.Ordinal) ? 1
        : key.Contains(".AreaAndExecutives", StringComparison.Ordinal) ? 2
        : 3;

    public bool StepHasErrors(int step) =>
        ModelState.Any(kv => kv.Value?.Errors.Count > 0 && kv.Key.StartsWith("Input.") && StepOf(kv.Key) == step);

    private async Task LoadListsAsync(CancellationToken ct)
    {
        var place = await Sender.Send(new GetLaoInScopeQuery(null), ct);
        (ProvinceName, DistrictName) = (place.ProvinceNameTh, place.DistrictNameTh);
        LaoTypes = await Sender.Send(new ListLaoTypesQuery(), ct);
        if (!FirstSetup) History = await Sender.Send(new ListProfileChangesQuery(Limit: 20), ct);
    }
}
