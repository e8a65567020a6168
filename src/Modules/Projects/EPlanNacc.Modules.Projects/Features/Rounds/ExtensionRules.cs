using EPlanNacc.BuildingBlocks.Thai;

namespace EPlanNacc.Modules.Projects.Features.Rounds;

/// <summary>How late an extension may run (docs/adr/0014-rounds-and-extensions.md): its last day is after the round's
/// deadline (an earlier day would change nothing) and at most <see cref="MaxDaysAfterDeadline"/> days after it, so that
/// a slip of the year or the month (2571 for 2570) is refused instead of keeping a round open for a year.</summary>
public static class ExtensionRules
{
    public const int MaxDaysAfterDeadline = 90;

    /// <summary>The latest last day an extension of a round with this deadline may have.</summary>
    public static DateOnly LatestUntil(DateOnly deadline) => deadline.AddDays(MaxDaysAfterDeadline);

    /// <summary>Why <paramref name="until"/> cannot end an extension of a round due on <paramref name="deadline"/>, in
    /// Thai; null when it can.</summary>
    public static string? RefusalOf(DateOnly until, DateOnly deadline) =>
        until <= deadline
            ? $"วันสุดท้ายของการขยายเวลาต้องอยู่หลังกำหนดส่งเดิม ({ThaiFormat.ShortDate(deadline)})"
            : until > LatestUntil(deadline)
                ? $"ขยายเวลาได้ไม่เกิน {MaxDaysAfterDeadline} วันหลังกำหนดส่งเดิม " +
                  $"({ThaiFormat.ShortDate(deadline)}) คือไม่เกินวันที่ {ThaiFormat.ShortDate(LatestUntil(deadline))}"
                : null;
}
