using EPlanNacc.Modules.Evaluation.Features.Scores;
using EPlanNacc.Modules.Projects.Features.Screening;
using static EPlanNacc.TestSupport.ProjectSamples;

namespace EPlanNacc.TestSupport;

/// <summary>
/// A known plan for the summary and the reports: seven projects of KohYo in the current fiscal year, both rounds open,
/// scores recalculated at once.
/// <code>
/// #  dimension  budget     round 6                                  round 12
/// 0  1          10,000     completed (10,000 / spent 8,000)         completed (10,000 / spent 10,000)
/// 1  1          20,000     in progress (20,000 / 5,000)             -
/// 2  1          30,000     not possible: no budget (0 / 0)          -
/// 3  2          40,000     completed (40,000 / 39,500.50)           -
/// 4  2          no budget  -                                        -
/// 5  3          60,000     screened non-conforming: needs no report
/// 6  4          5,000      not possible: other (5,000 / 0)          -
/// </code>
/// Round 6: 6 need a report, 5 reported (2 completed, 1 in progress, 2 not possible), 1 awaiting, spent 52,500.50,
/// score (2 + 0.5) / 6 = 41.67 orange. Round 12: 1 reported, 5 awaiting, spent 10,000, score 1 / 6 = 16.67 red.
/// </summary>
public static class ReportingSamples
{
    public static readonly (string Name, string Dimension, decimal? Budget)[] Plan =
    [
        ("โครงการอบรมส่งเสริมคุณธรรมจริยธรรมแก่บุคลากร", "1", 10_000m),
        ("กิจกรรมประกาศเจตจำนงสุจริตของผู้บริหาร", "1", 20_000m),
        ("โครงการสร้างจิตสำนึกต่อต้านการทุจริตในสถานศึกษา", "1", 30_000m),
        ("มาตรการเผยแพร่ข้อมูลการจัดซื้อจัดจ้างต่อสาธารณะ", "2", 40_000m),
        ("มาตรการจัดการเรื่องร้องเรียนการทุจริต", "2", null),
        ("โครงการปรับปรุงภูมิทัศน์สำนักงาน", "3", 60_000m),
        ("กิจกรรมส่งเสริมบทบาทสภาท้องถิ่นในการตรวจสอบ", "4", 5_000m),
    ];

    public const string OtherReason = "น้ำท่วมพื้นที่ดำเนินการ";

    /// <summary>The names of the current plan period's dimensions (2566-2570).</summary>
    public static readonly string[] DimensionNames =
    [
        "การสร้างสังคมที่ไม่ทนต่อการทุจริต", "การบริหารราชการด้วยความโปร่งใส",
        "การส่งเสริมบทบาทและการมีส่วนร่วมของภาคประชาชน",
        "การเสริมสร้างและปรับปรุงกลไกในการตรวจสอบการปฏิบัติราชการขององค์กรปกครองส่วนท้องถิ่น",
    ];

    public static async Task<Guid[]> RecordKnownPlanAsync(this AppFixture app, string dlaCode = Samples.KohYo)
    {
        await app.SetUpLaoAsync(dlaCode);
        await app.OpenRoundAsync(6);
        await app.OpenRoundAsync(12);
        var ids = new List<Guid>();
        foreach (var (name, dimension, budget) in Plan)
        {
            var project = app.Project(name, dimension, budget, mission: null, noBudget: budget is null);
            ids.Add(await app.CreateProjectAsync(dlaCode, project));
        }
        var lao = TestUser.Lao(dlaCode);
        await app.SendAsync(lao, Report(ids[0], 6, "completed", 10_000m, 8_000m));
        await app.SendAsync(lao, Report(ids[1], 6, "in_progress", 20_000m, 5_000m));
        await app.SendAsync(lao, Report(ids[2], 6, "not_possible", 0m, 0m, reason: "no_budget"));
        await app.SendAsync(lao, Report(ids[3], 6, "completed", 40_000m, 39_500.50m));
        await app.SendAsync(lao, Report(ids[6], 6, "not_possible", 5_000m, 0m, reason: "other", other: OtherReason));
        await app.SendAsync(lao, Report(ids[0], 12, "completed", 10_000m, 10_000m));
        await app.SendAsync(TestUser.Provincial(),
            new ScreenProjectsCommand([ids[5]], false, "ไม่เกี่ยวกับการป้องกันการทุจริต"));
        await app.SendAsync(TestUser.Admin(), new RecalculateLaoScoresCommand(dlaCode, app.CurrentYear));
        return ids.ToArray();
    }
}
