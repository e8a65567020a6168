using System.Globalization;
using EPlanNacc.BuildingBlocks.Security;
using Mediator;

namespace EPlanNacc.Modules.Evaluation.Contracts;

/// <summary>The implementation scores (ผลการนำแผนไปปฏิบัติ) of a set of LAOs for a fiscal year, both rounds, per
/// dimension and in total (<see cref="ImplementationScoreItem.DimensionCode"/> null). An LAO without rows has no
/// project that year. For other modules (Reporting): no caller scope applied, the asking module applies its
/// own.</summary>
[Allow(Caller.Module)]
public sealed record GetImplementationScoresQuery(int FiscalYear, IReadOnlyList<string> DlaCodes)
    : IQuery<IReadOnlyList<ImplementationScoreItem>>;

/// <param name="DimensionCode">The dimension, or null for the whole plan.</param>
/// <param name="ProjectCount">Every live project, screened or not.</param>
/// <param name="Budget">Their planned budget.</param>
/// <param name="ConformingCount">Projects that count (conforming, or not yet screened).</param>
/// <param name="Score">0-100 with 2 decimals; null when no project counts.</param>
/// <param name="Band"><c>green</c> | <c>orange</c> | <c>red</c>; null with the score.</param>
public sealed record ImplementationScoreItem(
    string DlaCode, int FiscalYear, int Round, string? DimensionCode, int ProjectCount, decimal Budget,
    int ConformingCount, int CompletedCount, int InProgressCount, int NotPossibleCount, int UnreportedCount,
    decimal? Score, string? Band, DateTimeOffset CalculatedAt);

/// <summary>The total implementation score and band of each LAO in one round, as last calculated: the whole nation
/// (<see cref="DlaCodes"/> null) or the given LAOs, in one statement. An LAO without a row has no score (no
/// project counts). For other modules (Reporting's completeness figures): no caller scope applied.</summary>
[Allow(Caller.Module)]
public sealed record ListImplementationBandsQuery(int FiscalYear, int Round, IReadOnlyList<string>? DlaCodes = null)
    : IQuery<IReadOnlyList<LaoBand>>;

/// <param name="Band"><c>green</c> | <c>orange</c> | <c>red</c>; null with the score.</param>
public sealed record LaoBand(string DlaCode, decimal? Score, string? Band);

/// <summary>The assessment scores of a set of LAOs for a fiscal year, per assessor and dimension, with the
/// maxima of that year. <see cref="OnlyVisibleToLao"/> keeps the offices' scores that are not yet published out
/// (what an LAO may see). No caller scope applied.</summary>
[Allow(Caller.Module)]
public sealed record GetAssessmentsQuery(int FiscalYear, IReadOnlyList<string> DlaCodes, bool OnlyVisibleToLao)
    : IQuery<AssessmentSet>;

public sealed record AssessmentSet(int FiscalYear, decimal PassingTotal,
    IReadOnlyDictionary<string, decimal> MaxByDimension, IReadOnlyList<AssessmentItem> Assessments)
{
    public decimal MaxTotal => MaxByDimension.Values.Sum();
}

/// <param name="Assessor"><c>self</c> | <c>provincial</c> | <c>central</c>.</param>
/// <param name="Version">The version of the sheet: every save adds 1.</param>
public sealed record AssessmentItem(
    string DlaCode, string Assessor, IReadOnlyDictionary<string, decimal> ScoreByDimension, DateTimeOffset? PublishedAt,
    DateTimeOffset EnteredAt, string EnteredBy, int Version = 1)
{
    public decimal Total => ScoreByDimension.Values.Sum();
}

/// <summary>The bands of the implementation score: 6-month round green ≥ 50, orange 20-49.99, red &lt; 20; 12-month
/// round green ≥ 80, orange 50-79.99, red &lt; 50.</summary>
public static class ScoreBands
{
    public const string Green = "green";
    public const string Orange = "orange";
    public const string Red = "red";

    public static (decimal Green, decimal Orange) Thresholds(int round) => round switch
    {
        6 => (50m, 20m),
        12 => (80m, 50m),
        _ => throw new ArgumentOutOfRangeException(nameof(round), "round is 6 or 12"),
    };

    public static string? Of(int round, decimal? score)
    {
        if (score is null) return null;
        var (green, orange) = Thresholds(round);
        return score >= green ? Green : score >= orange ? Orange : Red;
    }

    /// <summary>The bands of a round as the pages and the reports print them: "เขียว ตั้งแต่ 50 · ส้ม 20-49.99 ·
    /// แดง ต่ำกว่า 20".</summary>
    public static string DescribeTh(int round)
    {
        var (green, orange) = Thresholds(round);
        var decimals = ImplementationScoreFormula.Decimals;
        var belowGreen = (green - 1m / (decimal)Math.Pow(10, decimals))
            .ToString("F" + decimals, CultureInfo.InvariantCulture);
        return FormattableString.Invariant($"{NameTh(Green)} ตั้งแต่ {green:0.##} · ") +
               FormattableString.Invariant($"{NameTh(Orange)} {orange:0.##}-{belowGreen} · ") +
               FormattableString.Invariant($"{NameTh(Red)} ต่ำกว่า {orange:0.##}");
    }

    public static string NameTh(string? band) => band switch
    {
        Green => "เขียว",
        Orange => "ส้ม",
        Red => "แดง",
        _ => "ไม่มีข้อมูล",
    };
}

public static class Assessors
{
    public const string Self = "self";
    public const string Provincial = "provincial";
    public const string Central = "central";
    public static readonly IReadOnlyList<string> All = [Self, Provincial, Central];

    public static string NameTh(string assessor) => assessor switch
    {
        Self => "อปท. ประเมินตนเอง",
        Provincial => "สำนักงาน ป.ป.ช. ประจำจังหวัด",
        Central => "สำนักงาน ป.ป.ช. ส่วนกลาง",
        _ => assessor,
    };
}

/// <summary>The implementation scores of a set of LAOs in one round, rolled up by the groups the caller gives (the
/// districts of a province): each LAO's total score and band as last calculated, and per group and for all of them
/// the mean score of the LAOs that have one (<see cref="ImplementationScoreFormula.Decimals"/> decimals, a half
/// rounded away from zero) and how many LAOs fall in each band. One statement reads the LAOs' total rows (the caller
/// already holds the LAOs: no second read of the registry). No caller scope applied.</summary>
[Allow(Caller.Module)]
public sealed record GetScoreRollupQuery(int FiscalYear, int Round, IReadOnlyList<RollupMember> Laos)
    : IQuery<ScoreRollup>;

/// <summary>An LAO of a roll-up and the group it counts in.</summary>
public sealed record RollupMember(string DlaCode, string GroupCode, string GroupNameTh);

/// <param name="Laos">The total score of each LAO that has a row this round (its score null when no project counts),
/// by code; an LAO absent has no score either.</param>
/// <param name="Rows">One per group, in the order of the group codes.</param>
/// <param name="CalculatedAt">When the newest of those scores was calculated (null: none).</param>
public sealed record ScoreRollup(int FiscalYear, int Round, IReadOnlyDictionary<string, LaoBand> Laos,
    IReadOnlyList<ScoreRollupRow> Rows, ScoreRollupRow Total, DateTimeOffset? CalculatedAt);

/// <param name="Code">The group's code (null for the total).</param>
public sealed record ScoreRollupRow(
    string? Code, string? NameTh, int LaoCount, int ScoredCount, decimal? MeanScore, int Green, int Orange,
    int Red, int NoScore);
