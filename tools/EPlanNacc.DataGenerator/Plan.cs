namespace EPlanNacc.DataGenerator;

/// <summary>One round report of a project, as the LAO saved it.</summary>
internal sealed class ReportPlan
{
    public required string Status { get; init; }
    public string? Reason { get; init; }
    public string? ReasonOther { get; init; }
    public string? Remarks { get; init; }
    public bool InOrdinance { get; init; }
    public decimal Ordinance { get; init; }
    public decimal Spent { get; init; }
    public DateTimeOffset FirstAt { get; init; }
    public DateTimeOffset At { get; init; }
}

/// <summary>One project of an LAO's plan with everything that happened to it (screening, reports, deletion).</summary>
internal sealed class ProjectPlan
{
    public Guid Id { get; init; }
    public long EntryNo { get; init; }
    public required LaoPlan Lao { get; init; }
    public int Year { get; init; }
    public required string PlanPeriod { get; init; }
    public required string Name { get; init; }
    public required string WorkType { get; init; }
    public int Dimension { get; init; }
    public string? Mission { get; init; }
    public required short[] Quarters { get; init; }
    public int Essence { get; init; }
    public int Objective { get; init; }
    public bool NoBudget { get; init; }
    public decimal Budget { get; init; }
    public required string[] TargetGroups { get; init; }
    /// <summary>Created by the Excel import (one change "imported") rather than one at a time.</summary>
    public bool Imported { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public string Conformity { get; set; } = "unset";
    public string? ConformityReason { get; set; }
    public DateTimeOffset? ScreenedAt { get; set; }
    public string? ScreenedBy { get; set; }
    public string? ScreenedFrom { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    public ReportPlan? R6 { get; set; }
    public ReportPlan? R12 { get; set; }

    /// <summary>One per change: created or imported, then screened, reported at 6 and 12 months, deleted.</summary>
    public int Version => 1 + (ScreenedAt is null ? 0 : 1) + (R6 is null ? 0 : 1) + (R12 is null ? 0 : 1)
                          + (DeletedAt is null ? 0 : 1);
}

/// <summary>An LAO with its account, its basic data and its provincial office.</summary>
internal sealed class LaoPlan
{
    public required RegistryLao Registry { get; init; }
    public Guid UserId { get; init; }
    public Guid SecurityStamp { get; init; }
    public required string Size { get; init; }
    public required string OfficeAddress { get; init; }
    public decimal ServiceArea { get; init; }
    public int Population { get; init; }
    public decimal Revenue { get; init; }
    public decimal Subsidies { get; init; }
    public required string Executive { get; init; }
    public required string Secretary { get; init; }
    public required string Coordinator { get; init; }
    public required string Position { get; init; }
    public required string Affiliation { get; init; }
    public required string Phone { get; init; }
    public required string Mobile { get; init; }
    public string? Fax { get; init; }
    public required string Email { get; init; }
    public string? Website { get; init; }
    public DateTimeOffset SetUpAt { get; init; }
    public required string Address { get; init; }
    public DateTimeOffset LastSignInAt { get; set; }

    public string Code => Registry.DlaCode;
    public string Office => "prov" + Registry.ProvinceCode;
}

internal sealed record ExtensionPlan(Guid ChangeId, int Year, int Round, string DlaCode, DateOnly Until,
    string Reason, DateTimeOffset GrantedAt, string GrantedBy, string Address);

internal sealed record AssessmentPlan(Guid ChangeId, string DlaCode, int Year, string Assessor, decimal[] Scores,
    DateTimeOffset EnteredAt, string EnteredBy, DateTimeOffset? PublishedAt, string? PublishedBy);

internal sealed record AuditRow(Guid Id, DateTimeOffset At, string Actor, string Role, string? ActorProvince,
    string Action, string? DlaCode, string? Detail, string Address);

internal sealed record AccountEventRow(Guid Id, Guid UserId, string Kind, string Actor, string Address,
    string? Detail, DateTimeOffset At);

internal sealed record StaffAccount(Guid Id, string Username, string Role, string? ProvinceCode, string DisplayName,
    string Email, Guid SecurityStamp, DateTimeOffset CreatedAt);

/// <summary>Everything to write, decided before the first row is written.</summary>
internal sealed record NationalPlan(
    IReadOnlyList<LaoPlan> Laos, IReadOnlyList<StaffAccount> Staff, IReadOnlyList<ProjectPlan> Projects,
    IReadOnlyList<ExtensionPlan> Extensions, IReadOnlyList<AssessmentPlan> Assessments,
    IReadOnlyList<AuditRow> Audit, IReadOnlyList<AccountEventRow> AccountEvents)
{
    /// <summary>The one hash of every account's password.</summary>
    public string PasswordHash { get; init; } = "";
}
