using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.Host.Infrastructure;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts.Scope;
using EPlanNacc.Modules.LocalAuthorityProfile.Features.Profiles;
using EPlanNacc.Modules.LocalAuthorityProfile.Features.Reference;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace EPlanNacc.Host.Pages.LocalAuthorityProfile;

/// <summary>The three pages of basic data (ข้อมูลที่ตั้ง, ข้อมูลพื้นที่และผู้บริหาร, ข้อมูลผู้ประสานงาน), one form saved
/// once from the last page. At the first sign-in (/setup) the last page also sets the password; afterwards
/// Profile (/profile) reopens the same pages to edit.</summary>
[AllowDuringSetup]
public sealed class ProfileModel : AppPageModel
{
    /// <summary>Page 1 without the province and district: they are the registry's and shown read-only.</summary>
    public sealed class LocationForm
    {
        public string? LaoType { get; set; }
        public string? Size { get; set; }
        public string? Name { get; set; }
        public string? OfficeAddress { get; set; }
    }

    public sealed class AreaForm
    {
        public decimal? ServiceAreaSqKm { get; set; }
        public decimal? Population { get; set; }
        public decimal? RevenueExcludingSubsidies { get; set; }
        public decimal? SubsidyRevenue { get; set; }
        public string? ExecutiveName { get; set; }
        public string? PermanentSecretaryName { get; set; }
    }

    public sealed class CoordinatorForm
    {
        public string? FullName { get; set; }
        public string? Position { get; set; }
        public string? Affiliation { get; set; }
        public string? Phone { get; set; }
        public string? Mobile { get; set; }
        public string? Fax { get; set; }
        public string? Email { get; set; }
        public string? Website { get; set; }
    }

    public sealed class ProfileForm
    {
        public LocationForm Location { get; set; } = new();
        public AreaForm AreaAndExecutives { get; set; } = new();
        public CoordinatorForm Coordinator { get; set; } = new();
        public string? Password { get; set; }
        public string? ConfirmPassword { get; set; }
        /// <summary>The version of the basic data the form was opened at (0 before the first save).</summary>
        public int? Version { get; set; }
    }

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
        if (!User.IsLao()) return Redirect("/staff");
        var profile = await Sender.Send(new GetMyProfileQuery(), ct);
        DlaCode = profile.DlaCode;
        Input = new ProfileForm
        {
            Location = new LocationForm
            {
                LaoType = profile.Location.LaoType,
                Size = profile.Location.Size, Name = profile.Location.Name, OfficeAddress = profile.Location.OfficeAddress,
            },
            AreaAndExecutives = new AreaForm
            {
                ServiceAreaSqKm = profile.AreaAndExecutives.ServiceAreaSqKm, Population = profile.AreaAndExecutives.Population,
                RevenueExcludingSubsidies = profile.AreaAndExecutives.RevenueExcludingSubsidies, SubsidyRevenue = profile.AreaAndExecutives.SubsidyRevenue,
                ExecutiveName = profile.AreaAndExecutives.ExecutiveName, PermanentSecretaryName = profile.AreaAndExecutives.PermanentSecretaryName,
            },
            Coordinator = new CoordinatorForm
            {
                FullName = profile.Coordinator.FullName, Position = profile.Coordinator.Position, Affiliation = profile.Coordinator.Affiliation,
                Phone = profile.Coordinator.Phone, Mobile = profile.Coordinator.Mobile, Fax = profile.Coordinator.Fax,
                Email = profile.Coordinator.Email, Website = profile.Coordinator.Website,
            },
            Version = profile.Version,
        };
        await LoadListsAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!User.IsLao()) return Redirect("/staff");
        DlaCode = User.Get(AppClaims.DlaCode) ?? "";
        // a value the form could not read (letters in a number field) is already a Thai message in ModelState
        var unreadable = ModelState.Where(kv => kv.Value?.Errors.Count > 0).Select(kv => kv.Key).ToHashSet();
        var confirmMismatch = FirstSetup && Input.Password != Input.ConfirmPassword;
        if (confirmMismatch) ModelState.AddModelError("Input.ConfirmPassword", "รหัสผ่านที่ยืนยันไม่ตรงกับรหัสผ่าน");

        var i = Input;
        var command = new SaveMyProfileCommand(
            new ProfileLocation(null, null, i.Location.LaoType, i.Location.Size, i.Location.Name, i.Location.OfficeAddress),
            new ProfileAreaAndExecutives(i.AreaAndExecutives.ServiceAreaSqKm, i.AreaAndExecutives.Population, i.AreaAndExecutives.RevenueExcludingSubsidies,
                i.AreaAndExecutives.SubsidyRevenue, i.AreaAndExecutives.ExecutiveName, i.AreaAndExecutives.PermanentSecretaryName),
            new ProfileCoordinator(i.Coordinator.FullName, i.Coordinator.Position, i.Coordinator.Affiliation, i.Coordinator.Phone, i.Coordinator.Mobile,
                i.Coordinator.Fax, i.Coordinator.Email, i.Coordinator.Website),
            i.Password, Request.Headers.UserAgent.ToString(), i.Version);

        ProfileSaved? saved = null;
        if (unreadable.Count == 0 && !confirmMismatch)
        {
            await TryAsync(async () =>
            {
                try
                {
                    saved = await Sender.Send(command, ct);
                }
                catch (ConflictException)
                {
                    // the page says who saved last; the next save is made knowingly over it
                    Input.Version = (await Sender.Send(new GetMyProfileQuery(), ct)).Version;
                    ModelState.Remove("Input.Version");
                    throw;
                }
            });
        }
        if (saved is null)
        {
            // show the first page that has an error; nothing was saved
            StartStep = ModelState.Where(kv => kv.Value?.Errors.Count > 0).Select(kv => StepOf(kv.Key)).DefaultIfEmpty(1).Min();
            Input.Password = Input.ConfirmPassword = null;
            await LoadListsAsync(ct);
            return Page();
        }

        var principal = AppClaims.WithChanges(User, AuthSchemes.Cookie,
            stamp: saved.NewSecurityStamp, setupRequired: saved.SetupCompleted ? false : null, displayName: saved.Name);
        await HttpContext.SignInAsync(AuthSchemes.Cookie, principal);
        Flash(saved.SetupCompleted
            ? "บันทึกข้อมูลพื้นฐานและกำหนดรหัสผ่านเรียบร้อยแล้ว ครั้งต่อไปให้เข้าสู่ระบบด้วยรหัสผู้ใช้งานและรหัสผ่านนี้"
            : "บันทึกข้อมูลพื้นฐานเรียบร้อยแล้ว");
        return Redirect("/summary");
    }

    public static int StepOf(string key) =>
        key.Contains(".Location.", StringComparison.Ordinal) || key.EndsWith(".Location", StringComparison.Ordinal) ? 1
        : key.Contains(".AreaAndExecutives", StringComparison.Ordinal) ? 2
        : 3;

    public bool StepHasErrors(int step) => ModelState.Any(kv => kv.Value?.Errors.Count > 0 && kv.Key.StartsWith("Input.") && StepOf(kv.Key) == step);

    private async Task LoadListsAsync(CancellationToken ct)
    {
        var place = await Sender.Send(new GetLaoInScopeQuery(null), ct);
        (ProvinceName, DistrictName) = (place.ProvinceNameTh, place.DistrictNameTh);
        LaoTypes = await Sender.Send(new ListLaoTypesQuery(), ct);
        if (!FirstSetup) History = await Sender.Send(new ListProfileChangesQuery(Limit: 20), ct);
    }
}
