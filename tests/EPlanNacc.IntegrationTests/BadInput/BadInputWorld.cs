using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.Evaluation.Contracts;
using EPlanNacc.Modules.Evaluation.Features.Assessments;
using EPlanNacc.Modules.Identity.Features.Staff;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Projects.Features.Rounds;
using EPlanNacc.TestSupport;

namespace EPlanNacc.IntegrationTests.BadInput;

/// <summary>The world of one command's malformed inputs: LAO A (เกาะยอ, Songkhla) set up, with a project in the open
/// 6-month round; LAO B (เทศบาลนครเชียงใหม่, Chiang Mai) set up, with a project of its own (the other LAO's ids and
/// codes the inputs try). What only some commands need (another LAO of A's province, an officer of A's provincial
/// office, A's extension, a provincial assessment) is made when a command's sample asks for it.</summary>
public sealed class BadInputWorld
{
    public const string LaoA = Samples.KohYo;
    public const string LaoB = Samples.ChiangMaiCity;
    /// <summary>Another LAO of A's province (คลองรี), the account the staff actions lock, unlock, reset.</summary>
    public const string OtherLaoOfA = Samples.KhlongRi;
    public const string Officer = "bi.officer90";
    public const string OfficerEmail = "bi.officer90@nacc.go.th";
    public const string CoordinatorEmail = "coordinator6900106@example.go.th";
    public const string NewPassword = "bad-input-new-2569";

    private BadInputWorld(AppFixture app) => App = app;

    public AppFixture App { get; }
    public int Year => App.CurrentYear;
    public Guid ProjectId { get; private set; }
    public Guid ProjectOfB { get; private set; }

    /// <summary>A's values and the other LAO's or province's in their place, for the callers who may act on A only
    /// (the admin may act on every LAO; an anonymous sign-in to another account is simply another sign-in): A's code,
    /// A's project, A's province, the other LAO of A's province, the officer of A's province.</summary>
    public IReadOnlyDictionary<string, string> Foreign(Sender caller) => caller is Sender.Admin or Sender.Anonymous
        ? new Dictionary<string, string>()
        : new Dictionary<string, string>
        {
            [LaoA] = LaoB, [ProjectId.ToString()] = ProjectOfB.ToString(), ["90"] = "50", [OtherLaoOfA] = LaoB,
            [Officer] = "admin",
        };

    public static async Task<BadInputWorld> BuildAsync(AppFixture app)
    {
        var world = new BadInputWorld(app);
        await app.SetUpLaoAsync(LaoA, email: CoordinatorEmail);
        await app.SetUpLaoAsync(LaoB);
        await app.OpenRoundAsync(6);
        world.ProjectId = await app.CreateProjectAsync(LaoA);
        world.ProjectOfB = await app.CreateProjectAsync(LaoB);
        return world;
    }

    public Task<Guid> NewProjectAsync() => App.CreateProjectAsync(LaoA);

    public async Task<int> VersionAsync(Guid? id = null) =>
        (await App.GetProjectAsync(id ?? ProjectId, TestUser.Admin())).Version;

    /// <summary>The day A's extension of the 12-month round runs until (its default deadline + 30).</summary>
    public DateOnly ExtendedUntil => RoundWindow.DefaultDates(Year, 12).Deadline.AddDays(30);

    public Task GrantExtensionAsync() => App.SendAsync(TestUser.Admin(),
        new GrantRoundExtensionCommand(Year, 12, LaoA, ExtendedUntil, "อุทกภัย"));

    public Task SaveAssessmentAsync() => App.SendAsync(TestUser.Provincial(), new SaveAssessmentCommand(LaoA, Year,
        Assessors.Provincial, [new("1", 10m), new("2", 10m), new("3", 10m), new("4", 10m)]));

    public Task LockOtherLaoAsync() => App.SendAsync(TestUser.Admin(), new LockAccountCommand(OtherLaoOfA));

    public Task SetUpOtherLaoAsync() => App.SetUpLaoAsync(OtherLaoOfA, email: "other6900202@example.go.th");

    public async Task<string> OfficerAsync(bool disabled = false)
    {
        await App.SendAsync(TestUser.Admin(), new CreateStaffAccountCommand(Officer, "นายตรวจ สิทธิ์", OfficerEmail,
            UserRoles.Provincial, "90"));
        if (disabled) await App.SendAsync(TestUser.Admin(), new DisableStaffAccountCommand(Officer));
        return Officer;
    }

    public Task<AssessmentSettingsDetails> SettingsAsync() =>
        App.SendAsync(TestUser.Admin(), new GetAssessmentSettingsQuery(Year));
}
