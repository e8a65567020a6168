using System.Globalization;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.Modules.Projects.Contracts;

namespace EPlanNacc.Modules.Reporting.Features.Reminders;

/// <summary>
/// When reminders go (a pure rule of the day, docs/adr/0017-deadline-reminders.md). An LAO that has not finished a
/// round is reminded 14, 7, 3 and 1 days before its own last day (the round's deadline, or the LAO's extension when
/// later), on those days only and only while the round is open for it; the day after the round's deadline each
/// provincial office gets the list of its LAOs still missing; staff may send at most one reminder a day per LAO and
/// round. Each reminder has a step, the key of the send log with the LAO, the fiscal year and the round.
/// </summary>
public static class ReminderSteps
{
    /// <summary>How many days before an LAO's last day it is reminded.</summary>
    public static readonly IReadOnlyList<int> DaysBefore = [14, 7, 3, 1];

    /// <summary>"14, 7, 3 และ 1 วันก่อนครบกำหนดส่งรายงาน": when the reminders go, as the emails, the staff's page and
    /// the profile page say it.</summary>
    public static readonly string DaysText =
        $"{string.Join(", ", DaysBefore.SkipLast(1))} และ {DaysBefore[^1]} วันก่อนครบกำหนดส่งรายงาน";

    /// <summary>The step of the provincial offices' lists, the day after the round's deadline.</summary>
    public const string AfterDeadline = "after-deadline";

    private const string BeforePrefix = "before-";
    private const string ManualPrefix = "manual-";

    public static string Before(int days) => $"{BeforePrefix}{days}";

    /// <summary>A send by staff: one step a day (<c>manual-2027-04-15</c>).</summary>
    public static string Manual(DateOnly day) =>
        ManualPrefix + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The step due on <paramref name="today"/> for an LAO with this window (null: none): the round is open
    /// for it and its last day is 14, 7, 3 or 1 days away.</summary>
    public static string? DueFor(RoundWindow window, DateOnly today)
    {
        if (!window.IsOpenOn(today)) return null;
        var left = window.LastDay.DayNumber - today.DayNumber;
        return DaysBefore.Contains(left) ? Before(left) : null;
    }

    /// <summary>Whether the provincial offices' lists of a round go on <paramref name="today"/>: the day after the
    /// round's deadline (extensions do not move it: the list says which LAOs have one).</summary>
    public static bool ListDueOn(RoundPeriod round, DateOnly today) => today == round.Deadline.AddDays(1);

    /// <summary>The fiscal years whose rounds may be open on a day: the current one, the one before (its 12-month
    /// round reports in October, the new year's first month) and the one after (a round set early).</summary>
    public static IReadOnlyList<int> YearsAround(DateOnly today)
    {
        var current = FiscalYear.Of(today);
        return new[] { current - 1, current, current + 1 }.Where(FiscalYear.IsValid).ToList();
    }

    /// <summary>The days of a round's automatic reminders (without extensions), in order: 14, 7, 3 and 1 days
    /// before the deadline, then the provincial offices' list the day after.</summary>
    public static IReadOnlyList<(string Step, DateOnly Day)> Schedule(RoundPeriod round) =>
    [
        .. DaysBefore.Select(d => (Before(d), round.Deadline.AddDays(-d))).Where(s => s.Item2 >= round.OpensOn),
        (AfterDeadline, round.Deadline.AddDays(1)),
    ];

    /// <summary>The step in Thai, for the staff's page.</summary>
    public static string Label(string step)
    {
        if (step == AfterDeadline) return "รายชื่อถึงสำนักงานจังหวัด (วันถัดจากวันครบกำหนด)";
        if (step.StartsWith(BeforePrefix, StringComparison.Ordinal))
            return $"{step[BeforePrefix.Length..]} วันก่อนครบกำหนด";
        if (step.StartsWith(ManualPrefix, StringComparison.Ordinal)
            && DateOnly.TryParseExact(step[ManualPrefix.Length..], "yyyy-MM-dd", CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var day))
            return $"ส่งโดยเจ้าหน้าที่ {ThaiFormat.ShortDate(day)}";
        return step;
    }
}
