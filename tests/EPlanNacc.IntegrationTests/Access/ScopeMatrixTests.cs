using System.Reflection;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.Evaluation.Features.Assessments;
using EPlanNacc.Modules.Evaluation.Features.Evaluations;
using EPlanNacc.Modules.Identity.Features.Staff;
using EPlanNacc.Modules.LocalAuthorityProfile.Features.Profiles;
using EPlanNacc.Modules.LocalAuthorityProfile.Features.Registry;
using EPlanNacc.Modules.Projects.Features.Projects;
using EPlanNacc.Modules.Projects.Features.RoundReports;
using EPlanNacc.Modules.Projects.Features.Rounds;
using EPlanNacc.Modules.Projects.Features.Screening;
using EPlanNacc.Modules.Reporting.Features.Completeness;
using EPlanNacc.Modules.Reporting.Features.Dashboard;
using EPlanNacc.Modules.Reporting.Features.Desk;
using EPlanNacc.Modules.Reporting.Features.ProvinceFiles;
using EPlanNacc.Modules.Reporting.Features.Reminders;
using EPlanNacc.Modules.Reporting.Features.Reports;
using EPlanNacc.TestSupport;
using Mediator;
using static EPlanNacc.TestSupport.ProjectSamples;

namespace EPlanNacc.IntegrationTests.Access;

/// <summary>
/// Every message that names an LAO, a project, a province or an account, sent as LAO A (เกาะยอ, Songkhla), LAO B
/// (เทศบาลนครเชียงใหม่, Chiang Mai), the provincial office of A, another provincial office (Chiang Mai's) and an admin.
/// Each cell is one of: refused for the role (403 with the message's role refusal), refused for the scope (404 with
/// the one "not found" message of what it names), or let through to the handler (whatever the handler then says).
/// A scoped message without a row here fails the suite.
/// </summary>
[Trait(AnyDay.Trait, AnyDay.Value)]
public sealed class ScopeMatrixTests(AppFixture app) : IntegrationTest(app)
{
    private const string LaoA = Samples.KohYo;
    private const string LaoB = Samples.ChiangMaiCity;

    private static readonly Type[] Markers =
        [typeof(ILaoScoped), typeof(IProjectScoped), typeof(IProjectsScoped), typeof(IProvinceScoped),
            typeof(IProvinceOrNationScoped), typeof(IAccountScoped)];

    /// <summary>The things of A that the messages name.</summary>
    private sealed record World(Guid ProjectId, int Version, int Year, CreateProjectCommand Renamed);

    /// <summary>One message of each scoped type, about A (its LAO, project, province or account).</summary>
    private static readonly Dictionary<Type, Func<World, IMessage>> MessageAbout = new()
    {
        [typeof(ListProfileChangesQuery)] = _ => new ListProfileChangesQuery(LaoA),
        [typeof(GetLaoProfileQuery)] = _ => new GetLaoProfileQuery(LaoA),
        [typeof(CorrectLaoLocationCommand)] = _ =>
            new CorrectLaoLocationCommand(LaoA, "90", "9001", "ทะเบียนถูกต้องแล้ว"),
        [typeof(GetAccountQuery)] = _ => new GetAccountQuery(LaoA),
        [typeof(UnlockAccountCommand)] = _ => new UnlockAccountCommand(LaoA),
        [typeof(ResetAccountCommand)] = _ => new ResetAccountCommand(LaoA),
        [typeof(IssueActivationCodeCommand)] = _ => new IssueActivationCodeCommand(LaoA),
        [typeof(LockAccountCommand)] = _ => new LockAccountCommand(LaoA),
        // the staff account of A's province: its provincial office's
        [typeof(UpdateStaffAccountCommand)] = _ => new UpdateStaffAccountCommand("prov90",
            "สำนักงาน ป.ป.ช. ประจำจังหวัดสงขลา", null, UserRoles.Provincial, "90"),
        [typeof(SendAccountSetupLinkCommand)] = _ => new SendAccountSetupLinkCommand("prov90"),
        [typeof(DisableStaffAccountCommand)] = _ => new DisableStaffAccountCommand("prov90"),
        [typeof(EnableStaffAccountCommand)] = _ => new EnableStaffAccountCommand("prov90"),
        [typeof(ListProjectsQuery)] = w => new ListProjectsQuery(w.Year, LaoA),
        [typeof(GetProjectWorklistQuery)] = w => new GetProjectWorklistQuery(w.Year, LaoA),
        [typeof(GetProjectQuery)] = w => new GetProjectQuery(w.ProjectId),
        [typeof(ListProjectChangesQuery)] = w => new ListProjectChangesQuery(w.ProjectId),
        [typeof(GetDeadlineLockQuery)] = w => new GetDeadlineLockQuery(w.ProjectId),
        [typeof(UpdateProjectCommand)] = w => Update(w.ProjectId, w.Version, w.Renamed),
        [typeof(DeleteProjectCommand)] = w => new DeleteProjectCommand(w.ProjectId, w.Version),
        [typeof(ReportRoundResultCommand)] = w => Report(w.ProjectId, 6),
        [typeof(GetRoundReportFormQuery)] = w => new GetRoundReportFormQuery(w.ProjectId, 6),
        [typeof(ScreenProjectsCommand)] = w => new ScreenProjectsCommand([w.ProjectId], true),
        [typeof(ListLaoPlansQuery)] = w => new ListLaoPlansQuery(w.Year, "90"),
        [typeof(ListScreeningQueueQuery)] = w => new ListScreeningQueueQuery(w.Year, "90"),
        [typeof(GrantRoundExtensionCommand)] = w =>
            new GrantRoundExtensionCommand(w.Year, 12, LaoA, ExtendedUntil(w.Year), "อุทกภัย"),
        [typeof(RevokeRoundExtensionCommand)] = w => new RevokeRoundExtensionCommand(w.Year, 12, LaoA, "ส่งครบแล้ว"),
        [typeof(GetEvaluationQuery)] = w => new GetEvaluationQuery(w.Year, LaoA),
        [typeof(SaveAssessmentCommand)] = w => new SaveAssessmentCommand(LaoA, w.Year, "self",
            [new("1", 10m), new("2", 10m), new("3", 10m), new("4", 10m)]),
        [typeof(PublishAssessmentCommand)] = w => new PublishAssessmentCommand(LaoA, w.Year, "provincial"),
        [typeof(GetAssessmentQuery)] = w => new GetAssessmentQuery(LaoA, w.Year, "self"),
        [typeof(GetDashboardQuery)] = w => new GetDashboardQuery(w.Year, LaoA),
        [typeof(GetPerformanceReportQuery)] = w => new GetPerformanceReportQuery(w.Year, 6, LaoA),
        [typeof(GetStatusReportQuery)] = w => new GetStatusReportQuery(w.Year, LaoA),
        [typeof(GetEvaluationReportQuery)] = w => new GetEvaluationReportQuery(w.Year, LaoA),
        [typeof(GetProvinceReportQuery)] = w => new GetProvinceReportQuery("90", w.Year, 6),
        [typeof(GetRecentProvinceReportQuery)] = w => new GetRecentProvinceReportQuery("90", w.Year, 6),
        [typeof(GetProvinceReportFilesQuery)] = w => new GetProvinceReportFilesQuery("90", w.Year, 6),
        [typeof(GetStaffDeskQuery)] = _ => new GetStaffDeskQuery("90"),
        [typeof(GetCompletenessQuery)] = w => new GetCompletenessQuery(w.Year, 6, "90"),
        [typeof(GetReminderPreviewQuery)] = w => new GetReminderPreviewQuery(w.Year, 6, "90"),
        [typeof(ListReminderLogQuery)] = w => new ListReminderLogQuery(w.Year, 6, "90"),
        [typeof(GetRemindersSentQuery)] = w => new GetRemindersSentQuery(w.Year, 6, "90"),
        [typeof(SendRemindersCommand)] = w => new SendRemindersCommand(w.Year, 6, "90"),
    };

    /// <summary>The callers, in the order they act (A, whose change
    /// may delete what it names, after those refused).</summary>
    private static readonly (string Name, TestUser User, bool InScope)[] Callers =
    [
        ("LAO B", TestUser.Lao(LaoB), false),
        ("another provincial office", TestUser.Provincial("50", "prov50"), false),
        ("LAO A", TestUser.Lao(LaoA), true),
        ("the provincial office of A", TestUser.Provincial("90", "prov90"), true),
        ("an admin", TestUser.Admin(), true),
    ];

    public static TheoryData<string> ScopedMessages()
    {
        var data = new TheoryData<string>();
        foreach (var type in MessageAbout.Keys.OrderBy(t => t.Name)) data.Add(type.Name);
        return data;
    }

    [Fact]
    public void Every_message_that_names_an_LAO_a_project_a_province_or_an_account_has_a_row()
    {
        var scoped = new[] { "Identity", "LocalAuthorityProfile", "Projects", "Evaluation", "Reporting" }
            .SelectMany(m => Assembly.Load($"EPlanNacc.Modules.{m}").GetTypes())
            .Where(t => t.IsClass && !t.IsAbstract && Markers.Any(m => m.IsAssignableFrom(t)))
            .ToList();
        Assert.NotEmpty(scoped);
        Assert.Empty(scoped.Except(MessageAbout.Keys).Select(t => t.FullName));
    }

    [Theory]
    [MemberData(nameof(ScopedMessages))]
    public async Task Each_caller_gets_its_answer(string messageType)
    {
        var type = MessageAbout.Keys.Single(t => t.Name == messageType);
        var world = await BuildWorldAsync();
        var allowed = type.GetCustomAttribute<AllowAttribute>()!.Callers;
        var refusals = new List<string>();
        foreach (var (name, user, inScope) in Callers)
        {
            var expected = (allowed & user.AsCaller()!.Value) == 0 ? Answer.Forbidden : inScope
                ? Answer.Through : Answer.NotFound;
            var actual = await AnswerOfAsync(user, MessageAbout[type](world));
            if (actual.Answer != expected
                || (expected == Answer.Forbidden && actual.Message != AccessMessages.RoleRefusal(allowed)))
                refusals.Add($"{name}: expected {expected}, got {actual.Answer} ({actual.Message})");
        }
        Assert.Empty(refusals);
    }

    [Fact]
    public async Task A_first_set_up_session_may_only_fill_in_the_basic_data()
    {
        var setup = TestUser.Lao(LaoA, setupRequired: true);
        var refused = await Assert.ThrowsAsync<ForbiddenException>(() =>
            App.SendAsync(setup, new ListProjectsQuery(App.CurrentYear)));
        Assert.Equal(AccessMessages.FinishSetupFirst, refused.Message);
        await Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(setup, App.Project()));
        Assert.Equal(LaoA, (await App.SendAsync(setup, new GetMyProfileQuery())).DlaCode);
    }

    [Fact]
    public async Task Anonymous_callers_are_asked_to_sign_in()
    {
        var refused = await Assert.ThrowsAsync<ForbiddenException>(() =>
            App.SendAsync(TestUser.Anonymous, new GetDashboardQuery(App.CurrentYear, LaoA)));
        Assert.Equal(AccessMessages.SignInRequired, refused.Message);
    }

    private async Task<World> BuildWorldAsync()
    {
        var id = await App.CreateProjectAsync(LaoA);
        var project = await App.GetProjectAsync(id);
        await App.SendAsync(TestUser.Admin(),
            new GrantRoundExtensionCommand(App.CurrentYear, 12, LaoA, ExtendedUntil(App.CurrentYear), "อุทกภัย"));
        await App.SendAsync(TestUser.Provincial(), new SaveAssessmentCommand(LaoA, App.CurrentYear, "provincial",
            [new("1", 10m), new("2", 10m), new("3", 10m), new("4", 10m)]));
        return new World(id, project.Version, App.CurrentYear, App.Project(name: "ชื่อใหม่"));
    }

    /// <summary>A last day an extension of the year's 12-month round (at its default dates) may have.</summary>
    private static DateOnly ExtendedUntil(int year) =>
        EPlanNacc.Modules.Projects.Contracts.RoundWindow.DefaultDates(year, 12).Deadline.AddDays(30);

    private enum Answer { Through, Forbidden, NotFound }

    private static readonly HashSet<string> NotFoundMessages =
        [AccessMessages.LaoNotFound, AccessMessages.ProjectNotFound, AccessMessages.ProvinceNotFound,
            AccessMessages.AccountNotFound];

    private static readonly HashSet<string> ForbiddenMessages =
        [AccessMessages.LaoOnly, AccessMessages.StaffOnly, AccessMessages.AdminOnly, AccessMessages.NotAllowed,
         AccessMessages.SignInRequired, AccessMessages.FinishSetupFirst];

    /// <summary>What the authorization step answered: a refusal of its own, or nothing (the handler ran, and may have
    /// refused for its own reasons: a closed round, bad values, a rule of the assessor).</summary>
    private async Task<(Answer Answer, string? Message)> AnswerOfAsync(TestUser user, IMessage message)
    {
        try
        {
            await App.SendAsync<object>(user, message);
            return (Answer.Through, null);
        }
        catch (NotFoundException ex) when (NotFoundMessages.Contains(ex.Message))
        {
            return (Answer.NotFound, ex.Message);
        }
        catch (ForbiddenException ex) when (ForbiddenMessages.Contains(ex.Message))
        {
            return (Answer.Forbidden, ex.Message);
        }
        catch (AppException ex)
        {
            return (Answer.Through, ex.Message);
        }
        catch (FluentValidation.ValidationException ex)
        {
            return (Answer.Through, ex.Message);
        }
    }
}
