using System.Globalization;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.Evaluation.Contracts;
using EPlanNacc.Modules.Evaluation.Features.Assessments;
using EPlanNacc.Modules.Identity.Features.Staff;
using EPlanNacc.Modules.LocalAuthorityProfile.Features.Profiles;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Projects.Features.Rounds;
using EPlanNacc.Modules.Reporting.Features.Batches;
using EPlanNacc.TestSupport;
using static EPlanNacc.TestSupport.ProjectSamples;

namespace EPlanNacc.IntegrationTests.Access;

/// <summary>The world of one entry of the authorization matrix: LAO A (เกาะยอ, Songkhla) with its basic data, a project
/// reported in the open 6-month round, an extension of the 12-month round and the provincial office's assessment, every
/// one of them carrying a marker that no answer to a caller outside A's scope may carry (<see cref="Markers"/>); LAO B
/// with its basic data. What only some entries need (another LAO of A's province to lock or reset, an officer of A's
/// provincial office, a bulk report of A's province) is made when an entry asks for it.</summary>
public sealed class MatrixWorld
{
    public const string LaoA = MatrixCallers.LaoA;
    /// <summary>Another LAO of A's province (เทศบาลนครสงขลา), never set up: the account the staff actions lock, unlock,
    /// reset and give an activation code (acting on A's own account would end A's sessions).</summary>
    public const string OtherLaoOfA = "3900102";
    /// <summary>An officer of A's provincial office (without a password): the staff account the entries edit, disable,
    /// enable and send a password link (acting on prov90 itself would end its sessions).</summary>
    public const string OfficerOfA = "mx.officer90";

    public const string ProjectMarker = "MXPROJ7731";
    public const string ProfileMarker = "MXPROF7731";
    public const string CoordinatorEmail = "mx7731.coordinator@kohyo.go.th";
    public const string ExtensionMarker = "MXEXT7731";
    public const decimal Budget = 7_731_246.58m;
    public const decimal OrdinanceBudget = 6_613_579.24m;
    public const decimal Spent = 5_502_468.13m;
    public const decimal Revenue = 88_123_457.91m;
    public const decimal Subsidy = 66_123_457.19m;

    /// <summary>What of A's no answer to a caller outside A's scope may carry: its project's name, its basic data and
    /// coordinator's email, the reason of its extension, and its amounts (as JSON writes them and as pages and files
    /// do).</summary>
    public static readonly IReadOnlyList<string> Markers =
    [
        ProjectMarker, ProfileMarker, CoordinatorEmail, ExtensionMarker,
        .. new[] { Budget, OrdinanceBudget, Spent, Revenue, Subsidy }.SelectMany(a => new[]
        {
            a.ToString(CultureInfo.InvariantCulture), a.ToString("#,##0.00", CultureInfo.InvariantCulture),
        }),
    ];

    /// <summary>A's code and its name in the registry: no answer to a caller outside A's scope may carry them unless
    /// the request did.</summary>
    public static readonly IReadOnlyList<string> LaoMarkers = [LaoA, "เกาะยอ"];

    private MatrixWorld(AppFixture app) => App = app;

    public AppFixture App { get; }

    /// <summary>The markers of what this world made on demand (the bulk report of A's province: its id).</summary>
    public List<string> MadeMarkers { get; } = [];
    public int Year => App.CurrentYear;
    public Guid ProjectId { get; private set; }

    /// <summary>A's project's name (it holds <see cref="ProjectMarker"/>).</summary>
    public static string ProjectName => $"โครงการอบรมคุณธรรม {ProjectMarker}";

    public static async Task<MatrixWorld> BuildAsync(AppFixture app, MatrixCallers callers)
    {
        var world = new MatrixWorld(app);
        await callers.RestoreAccountsAsync();
        await app.SendAsync(TestUser.Lao(LaoA), ProfileOfA());
        await app.SendAsync(TestUser.Lao(MatrixCallers.LaoB), Samples.Profile(MatrixCallers.LaoB));
        await app.OpenRoundAsync(6);
        world.ProjectId = await world.NewProjectAsync();
        await app.SendAsync(TestUser.Lao(LaoA), Report(world.ProjectId, 6, ordinance: OrdinanceBudget, spent: Spent));
        await world.NewProjectAsync(); // not reported: A is one of the round's reminder recipients
        await world.GrantExtensionAsync();
        await app.SendAsync(TestUser.Provincial(), new SaveAssessmentCommand(LaoA, world.Year, Assessors.Provincial,
            [new("1", 10m), new("2", 10m), new("3", 10m), new("4", 10m)]));
        return world;
    }

    /// <summary>A's basic data, with the markers.</summary>
    public static SaveMyProfileCommand ProfileOfA() => Samples.Profile(LaoA, email: CoordinatorEmail) with
    {
        AreaAndExecutives = Samples.Area() with
        {
            RevenueExcludingSubsidies = Revenue,
            SubsidyRevenue = Subsidy,
            ExecutiveName = $"นายสมชาย {ProfileMarker}",
        },
    };

    /// <summary>A new project of A's plan (an entry that deletes one takes a new one for each caller).</summary>
    public Task<Guid> NewProjectAsync() => App.CreateProjectAsync(LaoA, App.Project(name: ProjectName, budget: Budget));

    /// <summary>The version of A's project now.</summary>
    public async Task<int> VersionAsync(Guid? id = null) =>
        (await App.GetProjectAsync(id ?? ProjectId, TestUser.Admin())).Version;

    /// <summary>The day A's extension of the 12-month round runs until (its default deadline + 30).</summary>
    public DateOnly ExtendedUntil => RoundWindow.DefaultDates(Year, 12).Deadline.AddDays(30);

    /// <summary>Gives A (again) its extension of the 12-month round, whose reason holds
    /// <see cref="ExtensionMarker"/>.</summary>
    public Task GrantExtensionAsync() => App.SendAsync(TestUser.Admin(),
        new GrantRoundExtensionCommand(Year, 12, LaoA, ExtendedUntil, $"อุทกภัย {ExtensionMarker}"));

    public Task LockOtherLaoAsync() => App.SendAsync(TestUser.Admin(), new LockAccountCommand(OtherLaoOfA));

    /// <summary>Sets the other LAO of A's province up unless it is (a staff reset puts it back to never set
    /// up).</summary>
    public async Task SetUpOtherLaoAsync()
    {
        var neverSetUp = await App.QueryAsync<bool>(
            "SELECT setup_completed_at IS NULL FROM identity.users WHERE username = @OtherLaoOfA", new { OtherLaoOfA });
        if (neverSetUp.Single()) await App.SetUpLaoAsync(OtherLaoOfA, email: "mx.other@songkhla.go.th");
    }

    private bool _officer;

    /// <summary>The officer of A's provincial office (made on the first call).</summary>
    public async Task<string> OfficerAsync()
    {
        if (_officer) return OfficerOfA;
        await App.SendAsync(TestUser.Admin(), new CreateStaffAccountCommand(OfficerOfA, "นายตรวจ สิทธิ์",
            "mx.officer90@nacc.go.th", UserRoles.Provincial, "90"));
        _officer = true;
        return OfficerOfA;
    }

    public async Task DisableOfficerAsync() =>
        await App.SendAsync(TestUser.Admin(), new DisableStaffAccountCommand(await OfficerAsync()));

    public async Task EnableOfficerAsync() =>
        await App.SendAsync(TestUser.Admin(), new EnableStaffAccountCommand(await OfficerAsync()));

    private Guid? _batch;
    private bool _printed;

    /// <summary>A bulk report of A's province (its roll-up), started by its provincial office; printed when
    /// <paramref name="printed"/> (its zip can then be downloaded). The suite holds the batches' jobs.</summary>
    public async Task<Guid> BatchAsync(bool printed = false)
    {
        if (_batch is null)
        {
            _batch = await App.SendAsync(TestUser.Provincial(),
                new CreateReportBatchCommand(ReportBatchKinds.Province, Year, 6, "90"));
            MadeMarkers.Add(_batch.Value.ToString());
        }
        if (printed && !_printed)
        {
            foreach (var job in App.HeldJobs.Kept.OfType<RunReportBatchCommand>().Where(j => j.BatchId == _batch))
                await App.SendAsync<int>(SystemUser.Instance, job);
            _printed = true;
        }
        return _batch.Value;
    }
}
