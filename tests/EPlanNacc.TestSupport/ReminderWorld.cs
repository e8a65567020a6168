using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.Projects.Features.Rounds;
using EPlanNacc.Modules.Projects.Features.Screening;
using EPlanNacc.Modules.Reporting.Features.Reminders;
using static EPlanNacc.TestSupport.ProjectSamples;

namespace EPlanNacc.TestSupport;

/// <summary>
/// A known world for the deadline reminders: the 6-month round of fiscal year 2570, open 1 to 30 April 2027, and four
/// LAOs with a coordinator on file (every other LAO of the registry never saved its basic data: it has no plan and
/// no address). In Songkhla (90): <see cref="Finished"/> reported its one project; <see cref="NoPlan"/> recorded
/// nothing; <see cref="Extended"/> recorded nothing and has an extension to 10 May. In Chiang Mai (50):
/// <see cref="OneUnreported"/> reported one project, not <see cref="UnreportedName"/>, and one project screened
/// non-conforming needs no report.
/// </summary>
public static class ReminderWorld
{
    public const int Year = 2570;
    public const int Round = 6;
    public static readonly DateOnly Opens = new(2027, 4, 1);
    public static readonly DateOnly Deadline = new(2027, 4, 30);
    public static readonly DateOnly ExtendedUntil = new(2027, 5, 10);
    /// <summary>14 days before the deadline: the first step of the LAOs without an extension.</summary>
    public static readonly DateOnly FirstStep = new(2027, 4, 16);

    public const string Finished = Samples.KohYo;
    public const string NoPlan = Samples.KhlongRi;
    public const string OneUnreported = Samples.ChiangMaiCity;
    /// <summary>องค์การบริหารส่วนตำบลทุ่งหวัง, อำเภอเมืองสงขลา (90).</summary>
    public const string Extended = "6900107";

    public const string ReportedName = "โครงการอบรมคุณธรรมที่รายงานผลแล้ว";
    public const string UnreportedName = "โครงการเปิดช่องทางร้องเรียนการทุจริต";
    public const string ScreenedOutName = "โครงการที่ไม่สอดคล้องกับมิติ";

    public const string ProvincialEmail = "songkhla.office@nacc.example.go.th";

    public static string EmailOf(string dlaCode) => $"coordinator{dlaCode}@example.go.th";

    /// <summary>Builds the world on 1 April 2027 and leaves the clock at <paramref name="day"/>, 08:00 Bangkok (the
    /// morning job's hour).</summary>
    public static async Task BuildAsync(AppFixture app, DateOnly day)
    {
        app.SetToday(Opens, new TimeOnly(9, 0));
        await app.SetRoundDatesAsync(Round, Opens, Deadline, Year);
        foreach (var dla in new[] { Finished, NoPlan, OneUnreported })
            await app.SetUpLaoAsync(dla, email: EmailOf(dla));
        var profile = Samples.Profile(Extended, email: EmailOf(Extended));
        await app.SendAsync(TestUser.Lao(Extended, setupRequired: true), profile with
        {
            Location = profile.Location! with
            {
                Name = "องค์การบริหารส่วนตำบลทุ่งหวัง",
                OfficeAddress = "ตำบลทุ่งหวัง อำเภอเมืองสงขลา จังหวัดสงขลา 90000",
            },
        });

        await ReportAsync(app, Finished, await app.CreateProjectAsync(Finished, app.Project(fiscalYear: Year)));
        await ReportAsync(app, OneUnreported,
            await app.CreateProjectAsync(OneUnreported, app.Project(ReportedName, fiscalYear: Year)));
        await app.CreateProjectAsync(OneUnreported, app.Project(UnreportedName, fiscalYear: Year));
        var screenedOut = await app.CreateProjectAsync(OneUnreported, app.Project(ScreenedOutName, fiscalYear: Year));
        await app.SendAsync(TestUser.Admin(), new ScreenProjectsCommand([screenedOut], false, "ไม่สอดคล้องกับมิติ"));
        await app.SendAsync(TestUser.Admin(),
            new GrantRoundExtensionCommand(Year, Round, Extended, ExtendedUntil, "อุทกภัยในพื้นที่"));
        app.SetToday(day, new TimeOnly(8, 0));
    }

    private static Task ReportAsync(AppFixture app, string dlaCode, Guid projectId) =>
        app.SendAsync(TestUser.Lao(dlaCode), Report(projectId, Round));

    /// <summary>Gives the provincial office of Songkhla (prov90) an address; Chiang Mai has no provincial
    /// account.</summary>
    public static Task GiveSongkhlaOfficeAnEmailAsync(AppFixture app) =>
        app.ExecuteAsync("UPDATE identity.users SET email = @ProvincialEmail WHERE username = 'prov90'",
            new { ProvincialEmail });

    /// <summary>Runs the reminders of a day in each province of the world, as the morning job's province jobs do,
    /// one after the other; returns the emails each queued.</summary>
    public static async Task<int[]> RunDayAsync(AppFixture app, DateOnly day, params string[] provinces)
    {
        var queued = new List<int>();
        foreach (var province in provinces.Length == 0 ? ["90", "50"] : provinces)
            queued.Add(await app.SendAsync(SystemUser.Instance,
                new SendProvinceRemindersCommand(day, province)));
        return [.. queued];
    }

    /// <summary>Waits until the outbox has sent every email queued (the job after each commit sends them).</summary>
    public static Task AllSentAsync(AppFixture app) => Eventually.Async(
        async () => (await app.QueryAsync<long>(
            "SELECT count(*) FROM identity.outbound_emails WHERE sent_at IS NULL")).Single(),
        pending => pending == 0, "every queued email sent");

    public sealed class LogRow
    {
        public string Code { get; init; } = "";
        public string Step { get; init; } = "";
        public DateOnly SentOn { get; init; }
        public string[] Recipients { get; init; } = [];
    }

    public static Task<IReadOnlyList<LogRow>> LogAsync(AppFixture app) => app.QueryAsync<LogRow>("""
        SELECT coalesce(dla_code, province_code) AS code, step, sent_on, recipients
        FROM reporting.reminder_log ORDER BY sent_on, code, step
        """);
}
