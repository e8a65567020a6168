using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Projects.Features.Projects;

namespace EPlanNacc.Modules.Projects.Features.RoundReports;

/// <summary>Whether a project's round can be reported today, and if not, why: in full and in a few words (in Thai,
/// the few words beside the disabled button, the full reason for assistive technology and as its tooltip).</summary>
public sealed record ReportAvailability(bool CanReport, string? Reason, string? ShortReason = null);

/// <summary>The rules of round reports that take more than one <c>if</c>: who may report when, the cumulative
/// 12-month report, and what the 12-month form starts from.</summary>
public static class RoundReportRules
{
    public const string NonConformingMessage = "โครงการนี้ไม่สอดคล้องกับมิติที่กำหนด จึงไม่ต้องรายงานผลการดำเนินการ";

    /// <summary>A non-conforming project needs no report; otherwise the round must be open for the LAO today.</summary>
    public static ReportAvailability Availability(string conformity, RoundWindow window, DateOnly today)
    {
        if (!RoundCount.NeedsReport(conformity))
            return new(false, "ไม่ต้องรายงานผล (ไม่สอดคล้องกับมิติ)", "ไม่ต้องรายงาน");
        return window.PhaseOn(today) switch
        {
            RoundPhase.NotYetOpen =>
                new(false, $"ยังไม่เปิดรับรายงาน (เปิด {ThaiFormat.ShortDate(window.OpensOn)})", "ยังไม่เปิดรับ"),
            RoundPhase.Closed =>
                new(false, $"ปิดรับรายงานแล้ว (ครบกำหนด {ThaiFormat.ShortDate(window.LastDay)})", "ปิดรับแล้ว"),
            _ => new(true, null),
        };
    }

    /// <summary>The 12-month report is cumulative: a project completed at 6 months stays completed at 12; and a
    /// 6-month report cannot become "completed" under a 12-month report that says otherwise. Null when
    /// allowed.</summary>
    public static string? StatusRefusal(int round, string status, string? round6Status, string? round12Status)
    {
        if (round == 12 && round6Status == RoundReportCodes.Completed && status != RoundReportCodes.Completed)
            return "โครงการนี้รายงานว่า “ดำเนินการแล้วเสร็จ” ในรอบ 6 เดือนแล้ว รอบ 12 เดือนจึงต้องเป็น " +
                   "“ดำเนินการแล้วเสร็จ” (ย้อนสถานะไม่ได้)";
        if (round == 6 && status == RoundReportCodes.Completed && round12Status is not null
            && round12Status != RoundReportCodes.Completed)
            return "รอบ 12 เดือนรายงานสถานะอื่นไว้แล้ว จะรายงานรอบ 6 เดือนว่า “ดำเนินการแล้วเสร็จ” ไม่ได้ " +
                   "กรุณาแก้ไขรายงานรอบ 12 เดือนก่อน";
        return null;
    }

    /// <summary>The status of the 12-month form is fixed to "completed"
    /// when the project was completed at 6 months.</summary>
    public static bool StatusLocked(int round, string? round6Status) =>
        round == 12 && round6Status == RoundReportCodes.Completed;

    /// <summary>What the form starts from: the round's own report; for a first 12-month report, the 6-month one
    /// (the report is cumulative); else nothing.</summary>
    public static RoundReportDetails? Prefill(int round, RoundReportDetails? current, RoundReportDetails? round6) =>
        current ?? (round == 12 ? round6 : null);

    /// <summary>Each field of a report with its Thai label and its value as people read it, for the history.</summary>
    public static IEnumerable<(string Field, string Label, string? Value)> Fields(int round, RoundReportDetails? r)
    {
        var prefix = $"{RoundWindow.RoundNameOf(round)}: ";
        yield return ($"rounds.{round}.ordinanceBudget", prefix + "งบประมาณตามข้อบัญญัติ/เทศบัญญัติ",
            r is null ? null : ThaiFormat.Baht(r.OrdinanceBudget));
        yield return ($"rounds.{round}.budgetSpent", prefix + "การเบิกจ่าย",
            r is null ? null : ThaiFormat.Baht(r.BudgetSpent));
        yield return ($"rounds.{round}.inLocalOrdinance", prefix + "บรรจุในข้อบัญญัติ/เทศบัญญัติ/แผนการดำเนินงาน",
            r is null ? null : r.InLocalOrdinance ? "บรรจุ" : "ไม่บรรจุ");
        yield return ($"rounds.{round}.status", prefix + "สถานะการดำเนินงาน",
            r is null ? null : ProjectCodes.Statuses.Label(r.Status));
        yield return ($"rounds.{round}.notPossibleReason", prefix + "เหตุผลที่ไม่สามารถดำเนินการได้",
            r?.NotPossibleReason is null ? null : ProjectCodes.NotPossibleReasons.Label(r.NotPossibleReason));
        yield return ($"rounds.{round}.notPossibleReasonOther", prefix + "เหตุผลอื่นๆ", r?.NotPossibleReasonOther);
        yield return ($"rounds.{round}.remarks", prefix + "หมายเหตุ", r?.Remarks);
    }
}
