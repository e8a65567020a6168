using EPlanNacc.Modules.Projects.Contracts;

namespace EPlanNacc.Modules.Reporting.Features;

/// <summary>The Thai wording of round results, for the pages and the reports.</summary>
public static class RoundTexts
{
    public const string NotRequired = "ไม่ต้องรายงานผล";

    /// <summary>รอบ 6 เดือน / รอบ 12 เดือน</summary>
    public static string RoundName(int round) => RoundWindow.RoundNameOf(round);

    /// <summary>What a project's state in a round reads: its status, awaiting a report, or no report needed.</summary>
    public static string Status(string state) => state switch
    {
        ProjectRoundStates.Awaiting => ProjectLabels.AwaitingReport,
        ProjectRoundStates.NotRequired => NotRequired,
        _ => ProjectLabels.Statuses.Label(state),
    };

    public static string Reason(string? reason, string? other) =>
        reason is null ? "-"
        : reason == RoundReportCodes.Other && !string.IsNullOrWhiteSpace(other)
            ? $"{ProjectLabels.NotPossibleReasons.Label(reason)}: {other}"
        : ProjectLabels.NotPossibleReasons.Label(reason);

    public static string State(LaoRoundState state, RoundFigures figures) =>
        State(state, figures.Reported, figures.NeedReport);

    /// <summary>An LAO's round in a few words: "ครบ", "บางส่วน (2/5)", "ยังไม่รายงาน"...</summary>
    public static string State(LaoRoundState state, int reported, int needReport) => state switch
    {
        LaoRoundState.NoPlan => "-",
        LaoRoundState.NotRequired => NotRequired,
        LaoRoundState.None => "ยังไม่รายงาน",
        LaoRoundState.Partial => $"บางส่วน ({reported}/{needReport})",
        _ => "ครบ",
    };

    /// <summary>The code of an LAO's round in the API answers: <c>complete</c> | <c>partial</c> | <c>none</c> |
    /// <c>not_required</c> | <c>no_plan</c>.</summary>
    public static string Code(LaoRoundState state) => state switch
    {
        LaoRoundState.NoPlan => "no_plan",
        LaoRoundState.NotRequired => "not_required",
        LaoRoundState.None => "none",
        LaoRoundState.Partial => "partial",
        _ => "complete",
    };
}
