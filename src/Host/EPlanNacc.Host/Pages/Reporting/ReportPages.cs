using EPlanNacc.Host.Infrastructure;
using EPlanNacc.Modules.Reporting.Features.ProvinceFiles;
using EPlanNacc.Modules.Reporting.Features.Reports;
using EPlanNacc.Modules.Reporting.Rendering;
using Microsoft.AspNetCore.Authorization;

namespace EPlanNacc.Host.Pages.Reporting;

/// <summary>ออกรายงาน → รายงานผลการดำเนินงานตามแผนฯ: the plan's results in round 6 or 12, per dimension.</summary>
public sealed class PerformanceModel(TimeProvider clock) : ReportPageModel(clock)
{
    public override string Title => "รายงานผลการดำเนินงานตามแผนฯ";
    public override string Description =>
        "ผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริตจำแนกตามมิติ เลือกรายงานรอบ 6 เดือน หรือ รอบ 12 เดือน";
    public override bool HasRound => true;
    protected override IReportQuery Query(int fiscalYear, int round) =>
        new GetPerformanceReportQuery(fiscalYear, round, DlaCode);
}

/// <summary>ออกรายงาน → รายงานสถานะโครงการ/กิจกรรม/มาตรการ
/// ประจำปีงบประมาณ: every project's state at 6 and 12 months.</summary>
public sealed class StatusModel(TimeProvider clock) : ReportPageModel(clock)
{
    public override string Title => "รายงานสถานะโครงการ/กิจกรรม/มาตรการ ประจำปีงบประมาณ";
    public override string Description => "สถานะการดำเนินงานของทุกโครงการ/กิจกรรม/มาตรการ ในรอบ 6 เดือน และรอบ 12 " +
                                          "เดือน พร้อมเหตุผลกรณีไม่สามารถดำเนินการได้";
    protected override IReportQuery Query(int fiscalYear, int round) => new GetStatusReportQuery(fiscalYear, DlaCode);
}

/// <summary>ออกรายงาน → รายงานผลการประเมินแผนปฏิบัติการป้องกันการทุจริต:
/// projects and budget by dimension, with scores.</summary>
public sealed class EvaluationModel(TimeProvider clock) : ReportPageModel(clock)
{
    public override string Title => "รายงานผลการประเมินแผนปฏิบัติการป้องกันการทุจริต";
    public override string Description =>
        "จำแนกจำนวนโครงการ และงบประมาณ ตามมิติ พร้อมผลการนำแผนไปปฏิบัติทั้งสองรอบ และคะแนนการประเมิน";
    protected override IReportQuery Query(int fiscalYear, int round) =>
        new GetEvaluationReportQuery(fiscalYear, DlaCode);
}

/// <summary>ออกรายงาน → รายงานผลการนำแผนไปปฏิบัติระดับจังหวัด
/// (staff): one row per LAO with district subtotals.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class ProvinceModel(TimeProvider clock) : ReportPageModel(clock)
{
    public override string Title => "รายงานผลการนำแผนไปปฏิบัติระดับจังหวัด";
    public override string Description => "สรุปรายงานผลภาพรวมการนำแผนไปปฏิบัติระดับจังหวัด รอบ 6 เดือน หรือ รอบ 12 " +
                                          "เดือน ราย อปท. พร้อมผลรวมรายอำเภอและทั้งจังหวัด";
    public override bool HasRound => true;
    public override bool IsProvinceReport => true;
    protected override IReportQuery Query(int fiscalYear, int round) =>
        new GetProvinceReportQuery(ProvinceCode, fiscalYear, round);

    /// <summary>On screen, the roll-up computed at most a few seconds ago, with its time
    /// (<see cref="GetRecentProvinceReportQuery"/>); its PDF and Excel file are made anew.</summary>
    protected override async Task<ReportDocument> ReadAsync(int fiscalYear, int round, CancellationToken ct)
    {
        var recent = await Sender.Send(new GetRecentProvinceReportQuery(ProvinceCode, fiscalYear, round), ct);
        (ReportHtml, FiguresAt) = (recent.Html, recent.At);
        return recent.Document;
    }

    /// <summary>The PDF and Excel files the nightly job generated for the open round.</summary>
    protected override async Task<IReadOnlyList<StoredReportFile>> StoredFilesAsync(CancellationToken ct) =>
        await Sender.Send(new GetProvinceReportFilesQuery(ProvinceCode, FiscalYear!.Value, Round!.Value), ct);
}
