using System.Globalization;
using System.Text.Json.Serialization;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.Modules.Projects.Contracts;

namespace EPlanNacc.Modules.Projects.Features.Projects;

/// <summary>A project in the shape of docs/api.md's <c>Project</c>: <see cref="Rounds"/> has the keys "6" and "12",
/// each null until reported.</summary>
public sealed record ProjectDetails(
    Guid Id, string DlaCode, int FiscalYear, string Name, IReadOnlyList<int> Quarters, string WorkType,
    string DimensionCode, string? MissionCode, string Essence, bool NoBudget, decimal Budget,
    IReadOnlyList<string> TargetGroups, string? TargetGroupOther, string Objectives, string? Remarks,
    string Conformity, IReadOnlyDictionary<string, RoundReportDetails?> Rounds, int Version)
{
    public RoundReportDetails? Round(int round) =>
        Rounds.TryGetValue(round.ToString(CultureInfo.InvariantCulture), out var r) ? r : null;

    /// <summary>A non-conforming project needs no round report (not part of the API's JSON).</summary>
    [JsonIgnore] public bool NeedsNoReport => !RoundCount.NeedsReport(Conformity);

    /// <summary>What <see cref="RoundCount"/> counts of this project in round 6 or 12.</summary>
    public RoundEntry EntryIn(int round)
    {
        var report = Round(round);
        return new RoundEntry(Budget, Conformity, report?.Status, report?.OrdinanceBudget ?? 0m,
            report?.BudgetSpent ?? 0m, report?.NotPossibleReason);
    }

    /// <summary>The reason NACC staff gave with their screening, for
    /// the project's page (not part of the API's JSON).</summary>
    [JsonIgnore] public string? ConformityReason { get; init; }

    /// <summary>When the project entered the plan: a round that closed after it binds it (not in the API's
    /// JSON).</summary>
    [JsonIgnore] public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>What was reported for a project in one round (docs/api.md).</summary>
public sealed record RoundReportDetails(
    decimal OrdinanceBudget, decimal BudgetSpent, bool InLocalOrdinance, string Status,
    string? NotPossibleReason, string? NotPossibleReasonOther, string? Remarks, DateTimeOffset ReportedAt);

/// <summary>The fields of a project as a form, the API or a spreadsheet row gives them (anything may be missing
/// or wrong: the validator says so in Thai).</summary>
public interface IProjectFields
{
    int? FiscalYear { get; }
    string? Name { get; }
    IReadOnlyList<int>? Quarters { get; }
    string? WorkType { get; }
    string? DimensionCode { get; }
    string? MissionCode { get; }
    string? Essence { get; }
    bool? NoBudget { get; }
    decimal? Budget { get; }
    IReadOnlyList<string>? TargetGroups { get; }
    string? TargetGroupOther { get; }
    string? Objectives { get; }
    string? Remarks { get; }
}

/// <summary>The validated, cleaned values of a project as they are stored.</summary>
internal sealed record ProjectValues(
    int FiscalYear, string PlanPeriod, string Name, short[] Quarters, string WorkType, string DimensionCode,
    string? MissionCode,
    string Essence, bool NoBudget, decimal Budget, string[] TargetGroups, string? TargetGroupOther, string Objectives,
    string? Remarks)
{
    public static ProjectValues From(IProjectFields f, string planPeriod)
    {
        var noBudget = f.NoBudget == true;
        return new ProjectValues(
            f.FiscalYear!.Value, planPeriod, Clean(f.Name)!,
            f.Quarters!.Distinct().Order().Select(q => (short)q).ToArray(), f.WorkType!, f.DimensionCode!.Trim(),
            Clean(f.MissionCode), Clean(f.Essence)!, noBudget, noBudget ? 0m : f.Budget!.Value,
            ProjectCodes.TargetGroups.Codes.Where(c => f.TargetGroups?.Contains(c) == true).ToArray(),
            Clean(f.TargetGroupOther), Clean(f.Objectives)!, Clean(f.Remarks));
    }

    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Each field with its Thai label and its value as people read it, for the history of changes.</summary>
    public IEnumerable<(string Field, string Label, string? Value)> Fields()
    {
        yield return ("fiscalYear", "ปีงบประมาณ", FiscalYear.ToString(CultureInfo.InvariantCulture));
        yield return ("name", "ชื่อโครงการ", Name);
        yield return ("quarters", "ไตรมาสที่ดำเนินการ", ProjectCodes.Quarters(Quarters.Select(q => (int)q)));
        yield return ("workType", "ประเภทงาน", ProjectCodes.WorkTypes.Label(WorkType));
        yield return ("dimensionCode", "มิติ", DimensionCode);
        yield return ("missionCode", "ภารกิจ", MissionCode);
        yield return ("essence", "สาระสำคัญ", Essence);
        yield return ("budget", "งบประมาณ", NoBudget ? "ไม่ใช้งบประมาณ" : ThaiFormat.Baht(Budget));
        yield return ("targetGroups", "กลุ่มเป้าหมาย",
            TargetGroups.Length == 0 ? null : string.Join(", ", TargetGroups.Select(ProjectCodes.TargetGroups.Label)));
        yield return ("targetGroupOther", "กลุ่มเป้าหมายอื่น ๆ", TargetGroupOther);
        yield return ("objectives", "วัตถุประสงค์", Objectives);
        yield return ("remarks", "หมายเหตุ", Remarks);
    }
}

/// <summary>A flat row of a project joined with its two round reports, and the SQL that reads it.</summary>
internal class ProjectRow
{
    public Guid Id { get; init; }
    public long EntryNo { get; init; }
    public string DlaCode { get; init; } = "";
    public int FiscalYear { get; init; }
    public string PlanPeriod { get; init; } = "";
    public string Name { get; init; } = "";
    public short[] Quarters { get; init; } = [];
    public string WorkType { get; init; } = "";
    public string DimensionCode { get; init; } = "";
    public string? MissionCode { get; init; }
    public string Essence { get; init; } = "";
    public bool NoBudget { get; init; }
    public decimal Budget { get; init; }
    public string[] TargetGroups { get; init; } = [];
    public string? TargetGroupOther { get; init; }
    public string Objectives { get; init; } = "";
    public string? Remarks { get; init; }
    public string Conformity { get; init; } = ProjectConformity.Unset;
    public string? ConformityReason { get; init; }
    public int Version { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DeletedAt { get; init; }
    public string? DeletedBy { get; init; }

    public string? R6Status { get; init; }
    public decimal? R6OrdinanceBudget { get; init; }
    public decimal? R6BudgetSpent { get; init; }
    public bool? R6InLocalOrdinance { get; init; }
    public string? R6NotPossibleReason { get; init; }
    public string? R6NotPossibleReasonOther { get; init; }
    public string? R6Remarks { get; init; }
    public DateTimeOffset? R6ReportedAt { get; init; }
    public DateTimeOffset? R6FirstReportedAt { get; init; }

    public string? R12Status { get; init; }
    public decimal? R12OrdinanceBudget { get; init; }
    public decimal? R12BudgetSpent { get; init; }
    public bool? R12InLocalOrdinance { get; init; }
    public string? R12NotPossibleReason { get; init; }
    public string? R12NotPossibleReasonOther { get; init; }
    public string? R12Remarks { get; init; }
    public DateTimeOffset? R12ReportedAt { get; init; }
    public DateTimeOffset? R12FirstReportedAt { get; init; }

    /// <summary>SELECT ... FROM projects p with r6 and r12 joined; append WHERE and ORDER BY.</summary>
    public const string Select = """
        SELECT p.id, p.entry_no, p.dla_code, p.fiscal_year, p.plan_period, p.name, p.quarters, p.work_type,
               p.dimension_code, p.mission_code, p.essence, p.no_budget, p.budget, p.target_groups,
               p.target_group_other, p.objectives, p.remarks, p.conformity, p.conformity_reason, p.version,
               p.created_at, p.deleted_at, p.deleted_by,
               r6.status AS r6_status, r6.ordinance_budget AS r6_ordinance_budget, r6.budget_spent AS r6_budget_spent,
               r6.in_local_ordinance AS r6_in_local_ordinance, r6.not_possible_reason AS r6_not_possible_reason,
               r6.not_possible_reason_other AS r6_not_possible_reason_other, r6.remarks AS r6_remarks,
               r6.reported_at AS r6_reported_at, r6.first_reported_at AS r6_first_reported_at,
               r12.status AS r12_status, r12.ordinance_budget AS r12_ordinance_budget,
               r12.budget_spent AS r12_budget_spent,
               r12.in_local_ordinance AS r12_in_local_ordinance, r12.not_possible_reason AS r12_not_possible_reason,
               r12.not_possible_reason_other AS r12_not_possible_reason_other, r12.remarks AS r12_remarks,
               r12.reported_at AS r12_reported_at, r12.first_reported_at AS r12_first_reported_at
        FROM projects.projects p
        LEFT JOIN projects.round_reports r6 ON r6.project_id = p.id AND r6.round = 6
        LEFT JOIN projects.round_reports r12 ON r12.project_id = p.id AND r12.round = 12
        """;

    /// <summary>The order of every list: by dimension (1, 2, 3,
    /// 4), then in the order the projects were recorded.</summary>
    public const string OrderBy = " ORDER BY p.dla_code, string_to_array(p.dimension_code, '.')::integer[], p.entry_no";

    public RoundReportDetails? Round6 => R6Status is null ? null : new RoundReportDetails(
        R6OrdinanceBudget!.Value, R6BudgetSpent!.Value, R6InLocalOrdinance!.Value, R6Status, R6NotPossibleReason,
        R6NotPossibleReasonOther, R6Remarks, R6ReportedAt!.Value);

    public RoundReportDetails? Round12 => R12Status is null ? null : new RoundReportDetails(
        R12OrdinanceBudget!.Value, R12BudgetSpent!.Value, R12InLocalOrdinance!.Value, R12Status, R12NotPossibleReason,
        R12NotPossibleReasonOther, R12Remarks, R12ReportedAt!.Value);

    public RoundReportDetails? Round(int round) => round == 6 ? Round6 : Round12;

    public ProjectDetails ToDetails() => new(
        Id, DlaCode, FiscalYear, Name, Quarters.Select(q => (int)q).ToList(), WorkType, DimensionCode,
        MissionCode, Essence, NoBudget, Budget, TargetGroups, TargetGroupOther, Objectives, Remarks, Conformity,
        new Dictionary<string, RoundReportDetails?> { ["6"] = Round6, ["12"] = Round12 }, Version)
    {
        ConformityReason = ConformityReason,
        CreatedAt = CreatedAt,
    };

    public ProjectResultItem ToResult() => new(
        DlaCode, Id, FiscalYear, Name, DimensionCode, MissionCode, WorkType, Budget, NoBudget, Conformity,
        R6Status is null ? null : new ProjectRoundResult(R6Status, R6OrdinanceBudget!.Value, R6BudgetSpent!.Value,
            R6InLocalOrdinance!.Value, R6NotPossibleReason, R6NotPossibleReasonOther, R6Remarks, R6ReportedAt!.Value,
            R6FirstReportedAt!.Value),
        R12Status is null ? null : new ProjectRoundResult(R12Status, R12OrdinanceBudget!.Value, R12BudgetSpent!.Value,
            R12InLocalOrdinance!.Value,
            R12NotPossibleReason, R12NotPossibleReasonOther, R12Remarks, R12ReportedAt!.Value,
            R12FirstReportedAt!.Value));

    public ProjectValues ToValues() => new(
        FiscalYear, PlanPeriod, Name, Quarters, WorkType, DimensionCode, MissionCode, Essence, NoBudget,
        Budget, TargetGroups, TargetGroupOther, Objectives, Remarks);
}
