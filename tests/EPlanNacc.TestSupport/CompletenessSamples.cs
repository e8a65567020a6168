using EPlanNacc.Modules.Evaluation.Features.Scores;
using EPlanNacc.Modules.LocalAuthorityProfile.Features.Profiles;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Projects.Features.Rounds;
using EPlanNacc.Modules.Projects.Features.Screening;
using static EPlanNacc.TestSupport.ProjectSamples;

namespace EPlanNacc.TestSupport;

/// <summary>
/// A known round for the completeness figures: the 6-month round of the current fiscal year at its default dates,
/// six LAOs in two provinces, and the clock left 20 days after the deadline (the round closed).
/// <code>
/// LAO (province, district)     profile  plan                  round 6                             band
/// A  KohYo (90, 9001)          yes      2 projects, unscreened both completed on day 10: on time  green 100
/// B  KhlongRi (90, 9002)       yes      2 projects            1 in progress on day 10: partial    orange 25
/// C  ThungWang (90, 9001)      yes      1 non-conforming      nothing to report: on time          none
/// D  KhuKhut (90, 9002)        no       none                  -                                   none
/// E  ChiangMaiCity (50, 5001)  yes      1 project             extension to deadline + 15, completed
///                                                             on deadline + 10: on time, in extension green 100
/// F  MaeHia (50, 5001)         yes      1 project             extension to deadline + 15, not possible
///                                                             on deadline + 10, extension then revoked: late  red 0
/// </code>
/// Songkhla (141 LAOs): profile 3, plan 3, reported 2 (on time 2, late 0). Chiang Mai (211 LAOs): profile 2, plan 2,
/// reported 2 (on time 1, late 1), 1 extension in force. The nation (7,849 LAOs): profile 5, plan 5, reported 4
/// (on time 3, late 1).
/// </summary>
public static class CompletenessSamples
{
    public const string A = Samples.KohYo;
    public const string B = Samples.KhlongRi;
    /// <summary>องค์การบริหารส่วนตำบลทุ่งหวัง, อำเภอเมืองสงขลา (9001).</summary>
    public const string C = "6900107";
    /// <summary>องค์การบริหารส่วนตำบลคูขุด, อำเภอสทิงพระ (9002).</summary>
    public const string D = "6900203";
    public const string E = Samples.ChiangMaiCity;
    /// <summary>เทศบาลเมืองแม่เหียะ, อำเภอเมืองเชียงใหม่ (5001).</summary>
    public const string F = "4500103";

    public const int SongkhlaLaos = 141;
    public const int ChiangMaiLaos = 211;
    public const int NationLaos = 7_849;

    /// <summary>The round's dates (the domain default of the current fiscal year).</summary>
    public static (DateOnly OpensOn, DateOnly Deadline) Dates(AppFixture app) =>
        RoundWindow.DefaultDates(app.CurrentYear, 6);

    public static async Task RecordKnownRoundAsync(this AppFixture app)
    {
        var year = app.CurrentYear;
        var (opensOn, deadline) = Dates(app);
        await app.SetRoundDatesAsync(6, opensOn, deadline);
        foreach (var lao in new[] { A, B, E }) await app.SetUpLaoAsync(lao);
        await SetUpAsync(app, C, new("90", "9001", "sao", "small", "องค์การบริหารส่วนตำบลทุ่งหวัง",
            "ตำบลทุ่งหวัง อำเภอเมืองสงขลา จังหวัดสงขลา 90000"));
        await SetUpAsync(app, F, new("50", "5001", "town_municipality", "medium", "เทศบาลเมืองแม่เหียะ",
            "ตำบลแม่เหียะ อำเภอเมืองเชียงใหม่ จังหวัดเชียงใหม่ 50100"));
        var a = await PlanAsync(app, A, 2);
        var b = await PlanAsync(app, B, 2);
        var c = await PlanAsync(app, C, 1);
        var e = await PlanAsync(app, E, 1);
        var f = await PlanAsync(app, F, 1);
        await app.SendAsync(TestUser.Provincial(),
            new ScreenProjectsCommand([c[0]], false, "ไม่เกี่ยวกับการป้องกันการทุจริต"));

        app.SetToday(opensOn.AddDays(9));
        await app.SendAsync(TestUser.Lao(A), Report(a[0], 6));
        await app.SendAsync(TestUser.Lao(A), Report(a[1], 6));
        await app.SendAsync(TestUser.Lao(B), Report(b[0], 6, "in_progress"));

        foreach (var lao in new[] { E, F })
            await app.SendAsync(TestUser.Admin(),
                new GrantRoundExtensionCommand(year, 6, lao, deadline.AddDays(15), "อุทกภัยในพื้นที่"));
        app.SetToday(deadline.AddDays(10));
        await app.SendAsync(TestUser.Lao(E), Report(e[0], 6));
        await app.SendAsync(TestUser.Lao(F), Report(f[0], 6, "not_possible", 0m, 0m, reason: "no_budget"));
        await app.SendAsync(TestUser.Admin(), new RevokeRoundExtensionCommand(year, 6, F));

        app.SetToday(deadline.AddDays(20));
        foreach (var lao in new[] { A, B, C, E, F })
            await app.SendAsync(TestUser.Admin(), new RecalculateLaoScoresCommand(lao, year));
    }

    /// <summary>The first set-up of an LAO that <see cref="Samples"/> has no location for.</summary>
    private static Task SetUpAsync(AppFixture app, string dlaCode, ProfileLocation location) =>
        app.SendAsync(TestUser.Lao(dlaCode, setupRequired: true),
            Samples.Profile(dlaCode) with { Location = location });

    private static async Task<Guid[]> PlanAsync(AppFixture app, string dlaCode, int count)
    {
        var ids = new List<Guid>();
        for (var i = 1; i <= count; i++)
            ids.Add(await app.CreateProjectAsync(dlaCode, app.Project($"โครงการส่งเสริมคุณธรรม ที่ {i}")));
        return ids.ToArray();
    }
}
