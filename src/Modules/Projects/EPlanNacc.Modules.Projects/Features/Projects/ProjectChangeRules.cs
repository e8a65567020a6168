using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.BuildingBlocks.Validation;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Projects.Features.Rounds;
using FluentValidation;

namespace EPlanNacc.Modules.Projects.Features.Projects;

/// <summary>Why the LAO may no longer delete a project or move it to another dimension or fiscal year: a round that
/// needed the project's report has closed for this LAO (docs/adr/0008-scores-after-the-deadline.md). NACC staff
/// still may, with a reason kept in the project's history.</summary>
public sealed record DeadlineLock(RoundWindow ClosedRound)
{
    public const string Why =
        "โครงการนี้อยู่ในแผนก่อนครบกำหนดและต้องรายงานผลในรอบนั้น " +
        "การลบหรือย้ายโครงการหลังปิดรับรายงานจะทำให้ผลการประเมินเปลี่ยนไป";

    public const string WhoCan =
        "หากจำเป็นต้องลบหรือย้ายจริง กรุณาติดต่อสำนักงาน ป.ป.ช. ประจำจังหวัด หรือสำนักงาน ป.ป.ช. ส่วนกลาง " +
        "ซึ่งดำเนินการให้ได้โดยบันทึกเหตุผลไว้ในประวัติของโครงการ";

    /// <summary>The few words beside a disabled delete button.</summary>
    public const string ShortReason = "ลบไม่ได้: ปิดรับรายงานแล้ว";

    /// <summary>What closed when:
    /// "รอบ 6 เดือน ปีงบประมาณ พ.ศ. 2570 ปิดรับรายงานแล้ว (ครบกำหนด 30 เม.ย. 2570)".</summary>
    public string RoundClosed
    {
        get
        {
            var w = ClosedRound;
            var when = w.LastDay > w.Deadline
                ? $"ขยายเวลาให้ อปท. นี้ถึง {ThaiFormat.ShortDate(w.LastDay)} " +
                  $"จากกำหนดส่ง {ThaiFormat.ShortDate(w.Deadline)}"
                : $"ครบกำหนด {ThaiFormat.ShortDate(w.Deadline)}";
            return $"{w.RoundName} {ThaiFormat.FiscalYear(w.FiscalYear)} ปิดรับรายงานแล้ว ({when})";
        }
    }

    /// <summary>The whole reason, for the pages (beside the locked controls and as their tooltip).</summary>
    public string Reason => $"{RoundClosed} {Why} {WhoCan}";

    public ConflictException DeleteRefused() => new($"ลบโครงการนี้ไม่ได้ เพราะ{RoundClosed}", [Why, WhoCan]);

    public ConflictException MoveRefused() =>
        new($"ย้ายโครงการนี้ไปมิติอื่นหรือปีงบประมาณอื่นไม่ได้ เพราะ{RoundClosed}", [Why, WhoCan]);
}

/// <summary>The rules of what a change of a project does beyond its fields: the lock of a closed round, and the
/// screening a material edit withdraws (docs/adr/0008-scores-after-the-deadline.md).</summary>
public static class ProjectChangeRules
{
    /// <summary>The latest round that closed for the LAO while the project was in its plan (recorded on or before
    /// that round's last day for this LAO, its extension included) and needed a report (not screened
    /// non-conforming); null when no round binds it.</summary>
    public static DeadlineLock? LockOf(
        string conformity, DateOnly recordedOn, IEnumerable<RoundWindow> windows, DateOnly today) =>
        conformity == ProjectConformity.NonConforming
            ? null
            : windows.Where(w => w.PhaseOn(today) == RoundPhase.Closed && recordedOn <= w.LastDay)
                .OrderByDescending(w => w.LastDay)
                .Select(w => new DeadlineLock(w))
                .FirstOrDefault();

    /// <summary>The day of a moment in Bangkok (rounds are dated in Bangkok time).</summary>
    public static DateOnly DayInBangkok(DateTimeOffset moment) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(moment, ThaiFormat.BangkokTime).DateTime);

    /// <summary>The fields whose change withdraws a screening: what NACC staff judged (its name, dimension, work
    /// type and budget, "no budget" included). The others (essence, objectives, target groups, quarters, remarks,
    /// mission, fiscal year) leave it.</summary>
    public static readonly IReadOnlySet<string> MaterialFields = new HashSet<string>(StringComparer.Ordinal)
    {
        "name", "dimensionCode", "workType", "budget",
    };

    public const string WithdrawnNote = "ผลการคัดกรองถูกยกเลิกเพราะแก้ไขสาระสำคัญของโครงการ";

    /// <summary>Whether these changes send a screened project back to "not yet screened".</summary>
    public static bool WithdrawsScreening(string conformity, IEnumerable<ProjectFieldChange> changes) =>
        conformity != ProjectConformity.Unset && changes.Any(c => MaterialFields.Contains(c.Field));

    /// <summary>A screening and its reason as the history shows them.</summary>
    public static IEnumerable<(string Field, string Label, string? Value)> ScreeningFields(
        string conformity, string? reason)
    {
        yield return ("conformity", "ผลการคัดกรอง", ProjectCodes.Conformity.Label(conformity));
        yield return ("conformityReason", "เหตุผลการคัดกรอง", reason);
    }

    /// <summary>The history's lines of a withdrawn screening: the mark back to "not yet screened", and why.</summary>
    public static IReadOnlyList<ProjectFieldChange> Withdrawal(string conformity, string? reason) =>
        ProjectHistory.Between(ScreeningFields(conformity, reason), ScreeningFields(ProjectConformity.Unset, null))
            .Select(c => c.Field == "conformity" ? c with { New = $"{c.New} ({WithdrawnNote})" } : c)
            .ToList();
}

/// <summary>Reads the rounds a project's lock depends on.</summary>
internal static class DeadlineLocks
{
    public static async Task<DeadlineLock?> OfAsync(DbSession db, ProjectRow row, DateOnly today, CancellationToken ct)
    {
        var calendar = await RoundCalendarStore.LoadAsync(db, row.FiscalYear, [row.DlaCode], ct);
        return ProjectChangeRules.LockOf(row.Conformity, ProjectChangeRules.DayInBangkok(row.CreatedAt),
            RoundReportCodes.Rounds.Select(r => calendar.WindowFor(r, row.DlaCode)), today);
    }
}

/// <summary>The reason of a change NACC staff make to an LAO's project: required of them, optional for the
/// LAO.</summary>
internal static class StaffReasonRule
{
    public static IRuleBuilderOptions<T, string?> StaffReason<T>(
        this IRuleBuilderInitial<T, string?> rule, ICurrentUser user, string what) =>
        rule.Cascade(CascadeMode.Stop)
            .Must(reason => !user.IsStaff() || !string.IsNullOrWhiteSpace(reason))
            .WithMessage($"กรุณาระบุเหตุผลของ{what}โดยเจ้าหน้าที่ (จะแสดงในประวัติของโครงการ)")
            .OptionalText("เหตุผล");
}
