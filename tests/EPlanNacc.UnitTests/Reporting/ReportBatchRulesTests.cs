using EPlanNacc.Modules.LocalAuthorityProfile.Contracts;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Reporting.Features.Batches;
using EPlanNacc.Modules.Reporting.Features.ProvinceFiles;

namespace EPlanNacc.UnitTests.Reporting;

/// <summary>The pure rules of the bulk reports: which files a batch produces and under which names, how long it still
/// needs, and which rounds the nightly job generates the province roll-ups of.</summary>
public sealed class ReportBatchRulesTests
{
    private static LaoInfo Lao(string code, string name, string province, string provinceName) =>
        new(code, name, "sao", province, provinceName, province + "01", "เมือง", false);

    private static readonly LaoInfo[] Laos =
    [
        Lao("6900106", "อบต.เกาะยอ", "90", "สงขลา"), Lao("6900107", "อบต.พะวง", "90", "สงขลา"),
        Lao("5830101", "อบต.กะรน", "83", "ภูเก็ต"),
    ];

    [Fact]
    public void A_batch_of_an_LAO_report_has_each_provinces_roll_up_then_its_LAOs_by_province_code()
    {
        var items = ReportBatchItems.Of(ReportBatchKinds.Performance, Laos, province: null);
        Assert.Equal(
            [("83", null), ("83", "5830101"), ("90", null), ("90", "6900106"), ("90", "6900107")],
            items.Select(i => (i.ProvinceCode, i.DlaCode)));
        Assert.Equal("รายงานระดับจังหวัด จังหวัดภูเก็ต", items[0].Title);
        Assert.Equal("อบต.กะรน อำเภอเมือง จังหวัดภูเก็ต", items[1].Title);
    }

    [Fact]
    public void A_province_batch_has_only_the_roll_ups_and_a_province_without_LAOs_still_has_its_own()
    {
        Assert.Equal(["83", "90"],
            ReportBatchItems.Of(ReportBatchKinds.Province, Laos, null).Select(i => i.ProvinceCode));
        var bangkok = ReportBatchItems.Of(ReportBatchKinds.Status, [], new ProvinceName("10", "กรุงเทพมหานคร", ""));
        Assert.Equal([("10", (string?)null)], bangkok.Select(i => (i.ProvinceCode, i.DlaCode)));
    }

    [Fact]
    public void Files_are_in_a_folder_per_province_only_in_the_nations_zip()
    {
        Assert.Equal("90/performance-6900106-2569-r6.pdf",
            ReportBatchKinds.EntryName(null, "90", "performance-6900106-2569-r6.pdf"));
        Assert.Equal("status-6900106-2569.pdf", ReportBatchKinds.EntryName("90", "90", "status-6900106-2569.pdf"));
        Assert.Equal("evaluation-2569-r12-all.zip", ReportBatchKinds.ZipName("evaluation", 2569, 12, null));
        Assert.Equal("province-2569-r6-90.zip", ReportBatchKinds.ZipName("province", 2569, 6, "90"));
    }

    private static readonly DateTimeOffset Start = new(2026, 12, 1, 3, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("running", 100, 0, 60, null)] // nothing done yet: no pace to go by
    [InlineData("running", 100, 25, 0, null)] // no time has passed
    [InlineData("running", 100, 25, 50, 150)] // 2 s a file, 75 left
    [InlineData("running", 3, 2, 1, 1)] // half a second left rounds up
    [InlineData("running", 10, 10, 60, null)] // all processed: packing the zip
    [InlineData("queued", 10, 0, 60, null)]
    [InlineData("succeeded", 10, 10, 60, null)]
    public void The_time_left_is_the_files_left_at_the_pace_so_far(string status, int total, int processed,
        int secondsSinceStart, int? expected) =>
        Assert.Equal(expected, ReportBatchProgress.SecondsLeft(status, Start, Start.AddSeconds(secondsSinceStart),
            total, processed));

    [Theory]
    [InlineData("queued", null, "รอเริ่มสร้างไฟล์")]
    [InlineData("running", null, "กำลังประมาณเวลาที่เหลือ")]
    [InlineData("running", 0, "เหลืออีกประมาณ 1 วินาที")]
    [InlineData("running", 45, "เหลืออีกประมาณ 45 วินาที")]
    [InlineData("running", 120, "เหลืออีกประมาณ 2 นาที")]
    [InlineData("running", 200, "เหลืออีกประมาณ 3 นาที 20 วินาที")]
    [InlineData("running", 7_500, "เหลืออีกประมาณ 2 ชั่วโมง 5 นาที")]
    [InlineData("succeeded", null, "-")]
    public void The_time_left_reads_in_Thai(string status, int? seconds, string expected) =>
        Assert.Equal(expected, ReportBatchProgress.DescribeTimeLeft(status, seconds));

    private static RoundCalendar Calendar(int year, params RoundExtension[] extensions) => new(year,
    [
        new RoundPeriod(year, 6, new DateOnly(2027, 4, 1), new DateOnly(2027, 4, 30), false),
        new RoundPeriod(year, 12, new DateOnly(2027, 10, 1), new DateOnly(2027, 10, 31), false),
    ], extensions);

    private static RoundExtension Extension(int round, DateOnly until) =>
        new(2570, round, "6900106", until, null, Start, "admin");

    [Theory]
    [InlineData("2027-03-31", "")]
    [InlineData("2027-04-01", "2570/6")] // the opening day
    [InlineData("2027-04-30", "2570/6")] // the deadline
    [InlineData("2027-05-01", "")]
    [InlineData("2027-10-31", "2570/12")]
    public void A_round_is_open_from_its_opening_day_to_its_deadline(string day, string expected) =>
        Assert.Equal(expected, string.Join(' ', OpenRounds.On([Calendar(2570)], DateOnly.Parse(day))
            .Select(r => $"{r.FiscalYear}/{r.Round}")));

    [Fact]
    public void A_round_stays_open_while_an_LAO_may_still_report_in_it_by_an_extension()
    {
        var calendar = Calendar(2570, Extension(6, new DateOnly(2027, 5, 15)));
        Assert.Equal([6], OpenRounds.On([calendar], new DateOnly(2027, 5, 15)).Select(r => r.Round));
        Assert.Empty(OpenRounds.On([calendar], new DateOnly(2027, 5, 16)));
    }
}
