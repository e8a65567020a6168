using EPlanNacc.Modules.Projects.Features.Projects;
using EPlanNacc.Modules.Projects.Features.Rounds;
using Npgsql;
using NpgsqlTypes;

namespace EPlanNacc.DataGenerator;

/// <summary>One table's COPY: its columns, how many rows the plan gives it and how each is written.</summary>
internal sealed record TableWriter(string Table, string Columns, Func<NationalPlan, long> Count,
    Action<NpgsqlBinaryImporter, NationalPlan, string, Progress> Write);

/// <summary>The tables the generator fills, in the order written (parents first, though no key is checked until the
/// end). Every id is a version-7 UUID of the row's moment from the seeded sequence (see <see cref="Planner"/>); the ids
/// of a project's history derive from the project's.</summary>
internal static class TableWriters
{
    public static readonly IReadOnlyList<TableWriter> All =
    [
        new("identity.users",
            "id, username, role, dla_code, province_code, display_name, email, password_hash, setup_completed_at, " +
            "last_sign_in_at, security_stamp, created_at, updated_at, must_change_password",
            p => p.Laos.Count + p.Staff.Count, Users),
        new("identity.account_events", "id, user_id, kind, actor, ip_address, detail, occurred_at",
            p => p.AccountEvents.Count, (w, p, _, progress) =>
            {
                foreach (var e in p.AccountEvents)
                {
                    w.StartRow();
                    w.Write(e.Id, NpgsqlDbType.Uuid);
                    w.Write(e.UserId, NpgsqlDbType.Uuid);
                    w.Text(e.Kind);
                    w.Text(e.Actor);
                    w.Text(e.Address);
                    w.Text(e.Detail);
                    w.Time(e.At);
                    progress.Row();
                }
            }),
        new("identity.audit_log", "id, at, actor, actor_role, actor_province, action, dla_code, detail, address",
            p => p.Audit.Count, Audit),
        new("local_authority_profile.profiles",
            "dla_code, lao_type, size, name, office_address, service_area_sq_km, population, " +
            "revenue_excluding_subsidies, subsidy_revenue, executive_name, permanent_secretary_name, " +
            "coordinator_full_name, coordinator_position, coordinator_affiliation, coordinator_phone, " +
            "coordinator_mobile, coordinator_fax, coordinator_email, website, completed_at, updated_at, updated_by, " +
            "version",
            p => p.Laos.Count, Profiles),
        new("local_authority_profile.profile_changes", "id, dla_code, changed_at, changed_by, ip_address, changes",
            p => p.Laos.Count, (w, p, _, progress) =>
            {
                foreach (var l in p.Laos)
                {
                    w.StartRow();
                    w.Write(Derive(l.UserId, 1), NpgsqlDbType.Uuid);
                    w.Text(l.Code);
                    w.Time(l.SetUpAt);
                    w.Text(l.Code);
                    w.Text(l.Address);
                    w.Json(Changes.Profile(l));
                    progress.Row();
                }
            }),
        new("projects.projects",
            "id, entry_no, dla_code, fiscal_year, plan_period, name, quarters, work_type, dimension_code, " +
            "mission_code, essence, no_budget, budget, target_groups, objectives, conformity, conformity_reason, " +
            "screened_at, screened_by, created_at, created_by, updated_at, updated_by, deleted_at, deleted_by, version",
            p => p.Projects.Count, Projects),
        new("projects.round_reports",
            "project_id, round, ordinance_budget, budget_spent, in_local_ordinance, status, not_possible_reason, " +
            "not_possible_reason_other, remarks, first_reported_at, reported_at, reported_by",
            p => p.Projects.Sum(x => (x.R6 is null ? 0 : 1) + (x.R12 is null ? 0 : 1)), RoundReports),
        new("projects.project_changes",
            "id, project_id, version, kind, round, changed_at, changed_by, ip_address, changes",
            p => p.Projects.Sum(x => (long)x.Version), ProjectChanges),
        new("projects.round_extensions", "fiscal_year, round, dla_code, until, reason, granted_at, granted_by",
            p => p.Extensions.Count, (w, p, _, progress) =>
            {
                foreach (var e in p.Extensions)
                {
                    w.StartRow();
                    w.Write(e.Year, NpgsqlDbType.Integer);
                    w.Write((short)e.Round, NpgsqlDbType.Smallint);
                    w.Text(e.DlaCode);
                    w.Write(e.Until, NpgsqlDbType.Date);
                    w.Text(e.Reason);
                    w.Time(e.GrantedAt);
                    w.Text(e.GrantedBy);
                    progress.Row();
                }
            }),
        new("projects.round_changes",
            "id, fiscal_year, round, kind, dla_code, new_until, reason, changed_at, changed_by, ip_address",
            p => p.Extensions.Count, (w, p, _, progress) =>
            {
                foreach (var e in p.Extensions)
                {
                    w.StartRow();
                    w.Write(e.ChangeId, NpgsqlDbType.Uuid);
                    w.Write(e.Year, NpgsqlDbType.Integer);
                    w.Write((short)e.Round, NpgsqlDbType.Smallint);
                    w.Text(RoundChangeKinds.ExtensionGranted);
                    w.Text(e.DlaCode);
                    w.Write(e.Until, NpgsqlDbType.Date);
                    w.Text(e.Reason);
                    w.Time(e.GrantedAt);
                    w.Text(e.GrantedBy);
                    w.Text(e.Address);
                    progress.Row();
                }
            }),
        new("evaluation.assessments",
            "dla_code, fiscal_year, assessor, published_at, published_by, entered_at, entered_by, version",
            p => p.Assessments.Count, (w, p, _, progress) =>
            {
                foreach (var a in p.Assessments)
                {
                    w.StartRow();
                    w.Text(a.DlaCode);
                    w.Write(a.Year, NpgsqlDbType.Integer);
                    w.Text(a.Assessor);
                    w.Time(a.PublishedAt);
                    w.Text(a.PublishedBy);
                    w.Time(a.EnteredAt);
                    w.Text(a.EnteredBy);
                    w.Write(1, NpgsqlDbType.Integer);
                    progress.Row();
                }
            }),
        new("evaluation.assessment_scores", "dla_code, fiscal_year, assessor, dimension_code, score",
            p => p.Assessments.Sum(a => a.Scores.Length), (w, p, _, progress) =>
            {
                foreach (var a in p.Assessments)
                    for (var i = 0; i < a.Scores.Length; i++)
                    {
                        w.StartRow();
                        w.Text(a.DlaCode);
                        w.Write(a.Year, NpgsqlDbType.Integer);
                        w.Text(a.Assessor);
                        w.Text((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
                        w.Write(a.Scores[i], NpgsqlDbType.Numeric);
                        progress.Row();
                    }
            }),
        new("evaluation.assessment_changes", "id, dla_code, fiscal_year, assessor, changed_at, changed_by, change",
            p => p.Assessments.Count, (w, p, _, progress) =>
            {
                foreach (var a in p.Assessments)
                {
                    w.StartRow();
                    w.Write(a.ChangeId, NpgsqlDbType.Uuid);
                    w.Text(a.DlaCode);
                    w.Write(a.Year, NpgsqlDbType.Integer);
                    w.Text(a.Assessor);
                    w.Time(a.EnteredAt);
                    w.Text(a.EnteredBy);
                    w.Json(Changes.Assessment(a));
                    progress.Row();
                }
            }),
    ];

    private static void Users(NpgsqlBinaryImporter w, NationalPlan plan, string hash, Progress progress)
    {
        foreach (var l in plan.Laos)
        {
            w.StartRow();
            w.Write(l.UserId, NpgsqlDbType.Uuid);
            w.Text(l.Code);
            w.Text("lao");
            w.Text(l.Code);
            w.WriteNull();
            w.Text(l.Registry.NameTh);
            w.Text(l.Email);
            w.Text(hash);
            w.Time(l.SetUpAt);
            w.Time(l.LastSignInAt);
            w.Write(l.SecurityStamp, NpgsqlDbType.Uuid);
            w.Time(l.SetUpAt.AddDays(-400));
            w.Time(l.SetUpAt);
            w.Write(false, NpgsqlDbType.Boolean);
            progress.Row();
        }
        foreach (var s in plan.Staff)
        {
            w.StartRow();
            w.Write(s.Id, NpgsqlDbType.Uuid);
            w.Text(s.Username);
            w.Text(s.Role);
            w.WriteNull();
            w.Text(s.ProvinceCode);
            w.Text(s.DisplayName);
            w.Text(s.Email);
            w.Text(hash);
            w.WriteNull();
            w.WriteNull();
            w.Write(s.SecurityStamp, NpgsqlDbType.Uuid);
            w.Time(s.CreatedAt);
            w.Time(s.CreatedAt);
            w.Write(false, NpgsqlDbType.Boolean);
            progress.Row();
        }
    }

    private static void Audit(NpgsqlBinaryImporter w, NationalPlan plan, string hash, Progress progress)
    {
        foreach (var a in plan.Audit)
        {
            w.StartRow();
            w.Write(a.Id, NpgsqlDbType.Uuid);
            w.Time(a.At);
            w.Text(a.Actor);
            w.Text(a.Role);
            w.Text(a.ActorProvince);
            w.Text(a.Action);
            w.Text(a.DlaCode);
            w.Text(a.Detail);
            w.Text(a.Address);
            progress.Row();
        }
    }

    private static void Profiles(NpgsqlBinaryImporter w, NationalPlan plan, string hash, Progress progress)
    {
        foreach (var l in plan.Laos)
        {
            w.StartRow();
            w.Text(l.Code);
            w.Text(l.Registry.LaoType);
            w.Text(l.Size);
            w.Text(l.Registry.NameTh);
            w.Text(l.OfficeAddress);
            w.Write(l.ServiceArea, NpgsqlDbType.Numeric);
            w.Write(l.Population, NpgsqlDbType.Integer);
            w.Write(l.Revenue, NpgsqlDbType.Numeric);
            w.Write(l.Subsidies, NpgsqlDbType.Numeric);
            w.Text(l.Executive);
            w.Text(l.Secretary);
            w.Text(l.Coordinator);
            w.Text(l.Position);
            w.Text(l.Affiliation);
            w.Text(l.Phone);
            w.Text(l.Mobile);
            w.Text(l.Fax);
            w.Text(l.Email);
            w.Text(l.Website);
            w.Time(l.SetUpAt);
            w.Time(l.SetUpAt);
            w.Text(l.Code);
            w.Write(1, NpgsqlDbType.Integer);
            progress.Row();
        }
    }

    private static void Projects(NpgsqlBinaryImporter w, NationalPlan plan, string hash, Progress progress)
    {
        foreach (var p in plan.Projects)
        {
            w.StartRow();
            w.Write(p.Id, NpgsqlDbType.Uuid);
            w.Write(p.EntryNo, NpgsqlDbType.Bigint);
            w.Text(p.Lao.Code);
            w.Write(p.Year, NpgsqlDbType.Integer);
            w.Text(p.PlanPeriod);
            w.Text(p.Name);
            w.Write(p.Quarters, NpgsqlDbType.Array | NpgsqlDbType.Smallint);
            w.Text(p.WorkType);
            w.Text(p.Dimension.ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.Text(p.Mission);
            w.Text(ThaiTexts.Essences[p.Essence]);
            w.Write(p.NoBudget, NpgsqlDbType.Boolean);
            w.Write(p.Budget, NpgsqlDbType.Numeric);
            w.Write(p.TargetGroups, NpgsqlDbType.Array | NpgsqlDbType.Text);
            w.Text(ThaiTexts.Objectives[p.Objective]);
            w.Text(p.Conformity);
            w.Text(p.ConformityReason);
            w.Time(p.ScreenedAt);
            w.Text(p.ScreenedBy);
            w.Time(p.CreatedAt);
            w.Text(p.Lao.Code);
            w.Time(p.DeletedAt ?? p.CreatedAt);
            w.Text(p.Lao.Code);
            w.Time(p.DeletedAt);
            w.Text(p.DeletedAt is null ? null : p.Lao.Code);
            w.Write(p.Version, NpgsqlDbType.Integer);
            progress.Row();
        }
    }

    private static void RoundReports(NpgsqlBinaryImporter w, NationalPlan plan, string hash, Progress progress)
    {
        foreach (var p in plan.Projects)
            foreach (var (round, r) in new[] { (6, p.R6), (12, p.R12) })
            {
                if (r is null) continue;
                w.StartRow();
                w.Write(p.Id, NpgsqlDbType.Uuid);
                w.Write((short)round, NpgsqlDbType.Smallint);
                w.Write(r.Ordinance, NpgsqlDbType.Numeric);
                w.Write(r.Spent, NpgsqlDbType.Numeric);
                w.Write(r.InOrdinance, NpgsqlDbType.Boolean);
                w.Text(r.Status);
                w.Text(r.Reason);
                w.Text(r.ReasonOther);
                w.Text(r.Remarks);
                w.Time(r.FirstAt);
                w.Time(r.At);
                w.Text(p.Lao.Code);
                progress.Row();
            }
    }

    /// <summary>A project's history, one row per version: created (or imported), screened, reported at 6 and at 12
    /// months, or deleted.</summary>
    private static void ProjectChanges(NpgsqlBinaryImporter w, NationalPlan plan, string hash, Progress progress)
    {
        foreach (var p in plan.Projects)
        {
            var version = 0;
            void Change(string kind, int? round, DateTimeOffset at, string by, string address, string changes)
            {
                version++;
                w.StartRow();
                w.Write(Derive(p.Id, version), NpgsqlDbType.Uuid);
                w.Write(p.Id, NpgsqlDbType.Uuid);
                w.Write(version, NpgsqlDbType.Integer);
                w.Text(kind);
                if (round is null) w.WriteNull();
                else w.Write((short)round.Value, NpgsqlDbType.Smallint);
                w.Time(at);
                w.Text(by);
                w.Text(address);
                w.Json(changes);
                progress.Row();
            }

            var lao = p.Lao;
            Change(p.Imported ? ProjectChangeKinds.Imported : ProjectChangeKinds.Created, null, p.CreatedAt, lao.Code,
                lao.Address, Changes.Created(p));
            if (p.DeletedAt is { } deleted)
                Change(ProjectChangeKinds.Deleted, null, deleted, lao.Code, lao.Address, Changes.Deleted);
            if (p.ScreenedAt is { } screened)
                Change(ProjectChangeKinds.Screened, null, screened, p.ScreenedBy!, p.ScreenedFrom!,
                    Changes.Screened(p));
            if (p.R6 is { } r6)
                Change(ProjectChangeKinds.Reported, 6, r6.At, lao.Code, lao.Address, Changes.Reported(6, r6));
            if (p.R12 is { } r12)
                Change(ProjectChangeKinds.Reported, 12, r12.At, lao.Code, lao.Address, Changes.Reported(12, r12));
        }
    }

    /// <summary>The k-th id derived from a row's id (its last byte changed): as unique as the id it comes from.</summary>
    internal static Guid Derive(Guid id, int k)
    {
        Span<byte> b = stackalloc byte[16];
        id.TryWriteBytes(b, bigEndian: true, out _);
        b[15] ^= (byte)(0x10 * k);
        return new Guid(b, bigEndian: true);
    }
}
