using System.Globalization;

namespace EPlanNacc.Modules.Reporting.Features.Batches;

/// <summary>How long a running batch still needs: the files left at the pace of those done since it started.</summary>
public static class ReportBatchProgress
{
    /// <param name="processed">Files done or failed.</param>
    /// <returns>Whole seconds, or null when it cannot be told yet (no file done, no time passed) or the batch is not
    /// running.</returns>
    public static int? SecondsLeft(string status, DateTimeOffset? startedAt, DateTimeOffset now, int total,
        int processed)
    {
        if (status != ReportBatchStatuses.Running || startedAt is not { } started || processed <= 0
            || processed >= total) return null;
        var elapsed = (now - started).TotalSeconds;
        if (elapsed <= 0) return null;
        return (int)Math.Ceiling(elapsed / processed * (total - processed));
    }

    /// <summary>"เหลืออีกประมาณ M นาที S วินาที" (hours, minutes or seconds as they fit), or what the page says
    /// instead.</summary>
    public static string DescribeTimeLeft(string status, int? seconds) => status switch
    {
        ReportBatchStatuses.Queued => "รอเริ่มสร้างไฟล์",
        ReportBatchStatuses.Running when seconds is null => "กำลังประมาณเวลาที่เหลือ",
        ReportBatchStatuses.Running => $"เหลืออีกประมาณ {Duration(seconds!.Value)}",
        _ => "-",
    };

    private static string Duration(int seconds)
    {
        var n = (int s) => s.ToString(CultureInfo.InvariantCulture);
        if (seconds < 60) return $"{n(Math.Max(seconds, 1))} วินาที";
        var (hours, minutes, rest) = (seconds / 3600, seconds % 3600 / 60, seconds % 60);
        return hours > 0 ? $"{n(hours)} ชั่วโมง {n(minutes)} นาที"
            : rest == 0 ? $"{n(minutes)} นาที" : $"{n(minutes)} นาที {n(rest)} วินาที";
    }
}
