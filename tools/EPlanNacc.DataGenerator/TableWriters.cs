using System.Globalization;
using EPlanNacc.Modules.Projects.Features.Projects;
using EPlanNacc.Modules.Projects.Features.Rounds;
using Npgsql;
using NpgsqlTypes;

namespace EPlanNacc.DataGenerator;

/// <summary>One table's COPY: its columns, how many rows the plan gives it and how each is written.</summary>
internal abstract class TableWriter(string table)
{
    public string Table => table;
    public abstract string Columns { get; }
    public abstract long Count(NationalPlan plan);
    public abstract void Write(NpgsqlBinaryImporter importer, NationalPlan plan, Progress progress);
}

/// <summary>A column of a table: its name, its PostgreSQL type and its value in a row (null: NULL).</summary>
internal sealed record Column<T>(string Name, NpgsqlDbType Type, Func<T, object?> Value);

/// <summary>A table whose rows are <typeparamref name="T"/>: the column list and the values of each row in one place,
/// so that they cannot disagree.</summary>
internal sealed class TableWriter<T>(string table, Func<NationalPlan, IEnumerable<T>> rows, params Column<T>[] columns)
    : TableWriter(table)
{
    public override string Columns => string.Join(", ", columns.Select(c => c.Name));

    public override long Count(NationalPlan plan) => rows(plan).LongCount();

    public override void Write(NpgsqlBinaryImporter importer, NationalPlan plan, Progress progress)
    {
        foreach (var row in rows(plan))
        {
            importer.StartRow();
            foreach (var column in columns)
            {
                if (column.Value(row) is { } value) importer.Write(value, column.Type);
                else importer.WriteNull();
            }
            progress.Row();
        }
    }
}

/// <summary>The tables the generator fills, in the order written (parents first, though no key is checked until the
/// end). Every id is a version-7 UUID of the row's moment from the seeded sequence (see <see cref="Planner"/>); the ids
/// of a project's history derive from the project's.</summary>
internal static class TableWriters
{
    private const NpgsqlDbType Uuid = NpgsqlDbType.Uuid;
    private const NpgsqlDbType Text = NpgsqlDbType.Text;
    private const NpgsqlDbType Time = NpgsqlDbType.TimestampTz;
    private const NpgsqlDbType Int = NpgsqlDbType.Integer;
    private const NpgsqlDbType Small = NpgsqlDbType.Smallint;
    private const NpgsqlDbType Money = NpgsqlDbType.Numeric;
    private const NpgsqlDbType Bool = NpgsqlDbType.Boolean;
    private const NpgsqlDbType Json = NpgsqlDbType.Jsonb;
    private const NpgsqlDbType Day = NpgsqlDbType.Date;

    private sealed record UserRow(Guid Id, string Username, string Role, string? DlaCode, string? ProvinceCode,
        string DisplayName, string Email, string PasswordHash, DateTimeOffset? SetUpAt, DateTimeOffset? LastSignInAt,
        Guid Stamp, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

    private sealed record ReportRow(ProjectPlan Project, short Round, ReportPlan Report);

    /// <summary>One version of a project; its changes are made as the row is written, never when it is
    /// counted.</summary>
    private sealed record ChangeRow(ProjectPlan Project, int Version, string Kind, short? Round, DateTimeOffset At,
        string By, string Address)
    {
        public string Changes => Kind switch
        {
            ProjectChangeKinds.Deleted => DataGenerator.Changes.Deleted,
            ProjectChangeKinds.Screened => DataGenerator.Changes.Screened(Project),
            ProjectChangeKinds.Reported => DataGenerator.Changes.Reported(Round!.Value,
                (Round == 6 ? Project.R6 : Project.R12)!),
            _ => DataGenerator.Changes.Created(Project),
        };
    }

    private sealed record ScoreRow(AssessmentPlan Assessment, string Dimension, decimal Score);

    public static readonly IReadOnlyList<TableWriter> All =
    [
        new TableWriter<UserRow>("identity.users", Users,
            new("id", Uuid, u => u.Id), new("username", Text, u => u.Username), new("role", Text, u => u.Role),
            new("dla_code", Text, u => u.DlaCode), new("province_code", Text, u => u.ProvinceCode),
            new("display_name", Text, u => u.DisplayName), new("email", Text, u => u.Email),
            new("password_hash", Text, u => u.PasswordHash),
            new("setup_completed_at", Time, u => u.SetUpAt), new("last_sign_in_at", Time, u => u.LastSignInAt),
            new("security_stamp", Uuid, u => u.Stamp), new("created_at", Time, u => u.CreatedAt),
            new("updated_at", Time, u => u.UpdatedAt), new("must_change_password", Bool, _ => false)),
        new TableWriter<AccountEventRow>("identity.account_events", p => p.AccountEvents,
            new("id", Uuid, e => e.Id), new("user_id", Uuid, e => e.UserId), new("kind", Text, e => e.Kind),
            new("actor", Text, e => e.Actor), new("ip_address", Text, e => e.Address),
            new("detail", Text, e => e.Detail), new("occurred_at", Time, e => e.At)),
        new TableWriter<AuditRow>("identity.audit_log", p => p.Audit,
            new("id", Uuid, a => a.Id), new("at", Time, a => a.At), new("actor", Text, a => a.Actor),
            new("actor_role", Text, a => a.Role), new("actor_province", Text, a => a.ActorProvince),
            new("action", Text, a => a.Action), new("dla_code", Text, a => a.DlaCode),
            new("detail", Text, a => a.Detail), new("address", Text, a => a.Address)),
        new TableWriter<LaoPlan>("local_authority_profile.profiles", p => p.Laos,
            new("dla_code", Text, l => l.Code), new("lao_type", Text, l => l.Registry.LaoType),
            new("size", Text, l => l.Size), new("name", Text, l => l.Registry.NameTh),
            new("office_address", Text, l => l.OfficeAddress), new("service_area_sq_km", Money, l => l.ServiceArea),
            new("population", Int, l => l.Population), new("revenue_excluding_subsidies", Money, l => l.Revenue),
            new("subsidy_revenue", Money, l => l.Subsidies), new("executive_name", Text, l => l.Executive),
            new("permanent_secretary_name", Text, l => l.Secretary),
            new("coordinator_full_name", Text, l => l.Coordinator),
            new("coordinator_position", Text, l => l.Position),
            new("coordinator_affiliation", Text, l => l.Affiliation), new("coordinator_phone", Text, l => l.Phone),
            new("coordinator_mobile", Text, l => l.Mobile), new("coordinator_fax", Text, l => l.Fax),
            new("coordinator_email", Text, l => l.Email), new("website", Text, l => l.Website),
            new("completed_at", Time, l => l.SetUpAt), new("updated_at", Time, l => l.SetUpAt),
            new("updated_by", Text, l => l.Code), new("version", Int, _ => 1)),
        new TableWriter<LaoPlan>("local_authority_profile.profile_changes", p => p.Laos,
            new("id", Uuid, l => Derive(l.UserId, 1)), new("dla_code", Text, l => l.Code),
            new("changed_at", Time, l => l.SetUpAt), new("changed_by", Text, l => l.Code),
            new("ip_address", Text, l => l.Address), new("changes", Json, Changes.Profile)),
        new TableWriter<ProjectPlan>("projects.projects", p => p.Projects,
            new("id", Uuid, p => p.Id), new("entry_no", NpgsqlDbType.Bigint, p => p.EntryNo),
            new("dla_code", Text, p => p.Lao.Code), new("fiscal_year", Int, p => p.Year),
            new("plan_period", Text, p => p.PlanPeriod), new("name", Text, p => p.Name),
            new("quarters", NpgsqlDbType.Array | Small, p => p.Quarters), new("work_type", Text, p => p.WorkType),
            new("dimension_code", Text, p => p.Dimension.ToString(CultureInfo.InvariantCulture)),
            new("mission_code", Text, p => p.Mission), new("essence", Text, p => ThaiTexts.Essences[p.Essence]),
            new("no_budget", Bool, p => p.NoBudget), new("budget", Money, p => p.Budget),
            new("target_groups", NpgsqlDbType.Array | Text, p => p.TargetGroups),
            new("objectives", Text, p => ThaiTexts.Objectives[p.Objective]),
            new("conformity", Text, p => p.Conformity), new("conformity_reason", Text, p => p.ConformityReason),
            new("screened_at", Time, p => p.ScreenedAt), new("screened_by", Text, p => p.ScreenedBy),
            new("created_at", Time, p => p.CreatedAt), new("created_by", Text, p => p.Lao.Code),
            new("updated_at", Time, p => p.DeletedAt ?? p.CreatedAt), new("updated_by", Text, p => p.Lao.Code),
            new("deleted_at", Time, p => p.DeletedAt),
            new("deleted_by", Text, p => p.DeletedAt is null ? null : p.Lao.Code),
            new("version", Int, p => p.Version)),
        new TableWriter<ReportRow>("projects.round_reports", RoundReports,
            new("project_id", Uuid, r => r.Project.Id), new("round", Small, r => r.Round),
            new("ordinance_budget", Money, r => r.Report.Ordinance), new("budget_spent", Money, r => r.Report.Spent),
            new("in_local_ordinance", Bool, r => r.Report.InOrdinance), new("status", Text, r => r.Report.Status),
            new("not_possible_reason", Text, r => r.Report.Reason),
            new("not_possible_reason_other", Text, r => r.Report.ReasonOther),
            new("remarks", Text, r => r.Report.Remarks), new("first_reported_at", Time, r => r.Report.FirstAt),
            new("reported_at", Time, r => r.Report.At), new("reported_by", Text, r => r.Project.Lao.Code)),
        new TableWriter<ChangeRow>("projects.project_changes", ProjectChanges,
            new("id", Uuid, c => Derive(c.Project.Id, c.Version)), new("project_id", Uuid, c => c.Project.Id),
            new("version", Int, c => c.Version), new("kind", Text, c => c.Kind), new("round", Small, c => c.Round),
            new("changed_at", Time, c => c.At), new("changed_by", Text, c => c.By),
            new("ip_address", Text, c => c.Address), new("changes", Json, c => c.Changes)),
        new TableWriter<ExtensionPlan>("projects.round_extensions", p => p.Extensions,
            new("fiscal_year", Int, e => e.Year), new("round", Small, e => (short)e.Round),
            new("dla_code", Text, e => e.DlaCode), new("until", Day, e => e.Until), new("reason", Text, e => e.Reason),
            new("granted_at", Time, e => e.GrantedAt), new("granted_by", Text, e => e.GrantedBy)),
        new TableWriter<ExtensionPlan>("projects.round_changes", p => p.Extensions,
            new("id", Uuid, e => e.ChangeId), new("fiscal_year", Int, e => e.Year),
            new("round", Small, e => (short)e.Round), new("kind", Text, _ => RoundChangeKinds.ExtensionGranted),
            new("dla_code", Text, e => e.DlaCode), new("new_until", Day, e => e.Until),
            new("reason", Text, e => e.Reason), new("changed_at", Time, e => e.GrantedAt),
            new("changed_by", Text, e => e.GrantedBy), new("ip_address", Text, e => e.Address)),
        new TableWriter<AssessmentPlan>("evaluation.assessments", p => p.Assessments,
            new("dla_code", Text, a => a.DlaCode), new("fiscal_year", Int, a => a.Year),
            new("assessor", Text, a => a.Assessor), new("published_at", Time, a => a.PublishedAt),
            new("published_by", Text, a => a.PublishedBy), new("entered_at", Time, a => a.EnteredAt),
            new("entered_by", Text, a => a.EnteredBy), new("version", Int, _ => 1)),
        new TableWriter<ScoreRow>("evaluation.assessment_scores",
            p => p.Assessments.SelectMany(a => a.Scores.Select((s, i) =>
                new ScoreRow(a, (i + 1).ToString(CultureInfo.InvariantCulture), s))),
            new("dla_code", Text, s => s.Assessment.DlaCode), new("fiscal_year", Int, s => s.Assessment.Year),
            new("assessor", Text, s => s.Assessment.Assessor), new("dimension_code", Text, s => s.Dimension),
            new("score", Money, s => s.Score)),
        new TableWriter<AssessmentPlan>("evaluation.assessment_changes", p => p.Assessments,
            new("id", Uuid, a => a.ChangeId), new("dla_code", Text, a => a.DlaCode),
            new("fiscal_year", Int, a => a.Year), new("assessor", Text, a => a.Assessor),
            new("changed_at", Time, a => a.EnteredAt), new("changed_by", Text, a => a.EnteredBy),
            new("change", Json, Changes.Assessment)),
    ];

    /// <summary>The LAOs' accounts, set up, then the staff's; all with the plan's one password hash.</summary>
    private static IEnumerable<UserRow> Users(NationalPlan plan) =>
        plan.Laos.Select(l => new UserRow(l.UserId, l.Code, "lao", l.Code, null, l.Registry.NameTh, l.Email,
                plan.PasswordHash, l.SetUpAt, l.LastSignInAt, l.SecurityStamp, l.SetUpAt.AddDays(-400), l.SetUpAt))
            .Concat(plan.Staff.Select(s => new UserRow(s.Id, s.Username, s.Role, null, s.ProvinceCode,
                s.DisplayName, s.Email, plan.PasswordHash, null, null, s.SecurityStamp, s.CreatedAt, s.CreatedAt)));

    private static IEnumerable<ReportRow> RoundReports(NationalPlan plan)
    {
        foreach (var p in plan.Projects)
        {
            if (p.R6 is { } r6) yield return new ReportRow(p, 6, r6);
            if (p.R12 is { } r12) yield return new ReportRow(p, 12, r12);
        }
    }

    /// <summary>A project's history, one row per version: created (or imported), screened, reported at 6 and at 12
    /// months, or deleted.</summary>
    private static IEnumerable<ChangeRow> ProjectChanges(NationalPlan plan)
    {
        foreach (var p in plan.Projects)
        {
            var lao = p.Lao;
            var version = 1;
            yield return new ChangeRow(p, version, p.Imported ? ProjectChangeKinds.Imported : ProjectChangeKinds.Created,
                null, p.CreatedAt, lao.Code, lao.Address);
            if (p.DeletedAt is { } deleted)
                yield return new ChangeRow(p, ++version, ProjectChangeKinds.Deleted, null, deleted, lao.Code,
                    lao.Address);
            if (p.ScreenedAt is { } screened)
                yield return new ChangeRow(p, ++version, ProjectChangeKinds.Screened, null, screened, p.ScreenedBy!,
                    p.ScreenedFrom!);
            if (p.R6 is { } r6)
                yield return new ChangeRow(p, ++version, ProjectChangeKinds.Reported, 6, r6.At, lao.Code, lao.Address);
            if (p.R12 is { } r12)
                yield return new ChangeRow(p, ++version, ProjectChangeKinds.Reported, 12, r12.At, lao.Code,
                    lao.Address);
        }
    }

    /// <summary>The k-th id derived from a row's id (its last byte changed): as unique as the id it
    /// comes from.</summary>
    internal static Guid Derive(Guid id, int k)
    {
        Span<byte> b = stackalloc byte[16];
        id.TryWriteBytes(b, bigEndian: true, out _);
        b[15] ^= (byte)(0x10 * k);
        return new Guid(b, bigEndian: true);
    }
}
