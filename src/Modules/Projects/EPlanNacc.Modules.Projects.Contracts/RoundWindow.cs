using EPlanNacc.BuildingBlocks.Thai;

namespace EPlanNacc.Modules.Projects.Contracts;

public enum RoundPhase
{
    /// <summary>Before the opening date.</summary>
    NotYetOpen,
    /// <summary>From the opening date to the deadline, both included.</summary>
    Open,
    /// <summary>After the deadline, but within this LAO's extension (its last day included).</summary>
    Extended,
    /// <summary>After the deadline (and after the extension, if any).</summary>
    Closed,
}

/// <summary>
/// When a reporting round accepts reports from one LAO: a pure rule fed by the clock (dates in Bangkok time).
/// A report is accepted from <see cref="OpensOn"/> to <see cref="Deadline"/>, or later up to the LAO's
/// <see cref="ExtensionUntil"/> when staff granted one; both last days are included.
/// </summary>
public sealed record RoundWindow(int FiscalYear, int Round, DateOnly OpensOn, DateOnly Deadline,
    DateOnly? ExtensionUntil = null)
{
    /// <summary>The domain default of a fiscal year's round: 6-month 1 to 30 April (the fiscal year's April),
    /// 12-month 1 to 31 October just after the fiscal year ends.</summary>
    public static (DateOnly OpensOn, DateOnly Deadline) DefaultDates(int fiscalYear, int round)
    {
        var ceYear = ThaiFormat.ToChristianYear(fiscalYear);
        return round switch
        {
            6 => (new DateOnly(ceYear, 4, 1), new DateOnly(ceYear, 4, 30)),
            12 => (new DateOnly(ceYear, 10, 1), new DateOnly(ceYear, 10, 31)),
            _ => throw new ArgumentOutOfRangeException(nameof(round), "round is 6 or 12"),
        };
    }

    /// <summary>The last day a report is accepted from this LAO.</summary>
    public DateOnly LastDay => ExtensionUntil is { } until && until > Deadline ? until : Deadline;

    public RoundPhase PhaseOn(DateOnly today)
    {
        if (today < OpensOn) return RoundPhase.NotYetOpen;
        if (today <= Deadline) return RoundPhase.Open;
        if (ExtensionUntil is { } until && today <= until) return RoundPhase.Extended;
        return RoundPhase.Closed;
    }

    public bool IsOpenOn(DateOnly today) => PhaseOn(today) is RoundPhase.Open or RoundPhase.Extended;

    /// <summary>รอบ 6 เดือน / รอบ 12 เดือน</summary>
    public string RoundName => RoundNameOf(Round);

    public static string RoundNameOf(int round) => ThaiFormat.RoundName(round);

    /// <summary>Says in Thai whether the round accepts reports today, and until or since when; an LAO with an
    /// extension beyond the deadline reads its own last day before the deadline passes too.</summary>
    public string DescribeOn(DateOnly today) => PhaseOn(today) switch
    {
        RoundPhase.NotYetOpen => $"{RoundName} ยังไม่เปิดรับรายงาน (เปิดรับ {ThaiFormat.ShortDate(OpensOn)} " +
                                 $"ถึง {ThaiFormat.ShortDate(Deadline)}{ExtendedText(" ")})",
        RoundPhase.Open => $"{RoundName} เปิดรับรายงานถึง {ThaiFormat.ShortDate(Deadline)}{ExtendedText(" (", ")")}",
        RoundPhase.Extended =>
            $"{RoundName} ขยายเวลารับรายงานให้ อปท. นี้ถึง {ThaiFormat.ShortDate(ExtensionUntil!.Value)}",
        _ => $"{RoundName} ปิดรับรายงานแล้ว (ครบกำหนด {ThaiFormat.ShortDate(LastDay)})",
    };

    /// <summary>"ขยายเวลาให้ อปท. นี้ถึง ..." between <paramref name="before"/> and <paramref name="after"/> when the
    /// LAO has an extension beyond the deadline; empty otherwise.</summary>
    private string ExtendedText(string before, string after = "") => LastDay > Deadline
        ? $"{before}ขยายเวลาให้ อปท. นี้ถึง {ThaiFormat.ShortDate(LastDay)}{after}"
        : "";
}
