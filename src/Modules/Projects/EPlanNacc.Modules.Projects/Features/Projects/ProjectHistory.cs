using System.Text.Json;
using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Thai;

namespace EPlanNacc.Modules.Projects.Features.Projects;

/// <summary>One field of a change: its Thai label, and its value before and after, as people read them.</summary>
public sealed record ProjectFieldChange(string Field, string Label, string? Old, string? New);

/// <summary>The kinds of change kept in a project's history.</summary>
public static class ProjectChangeKinds
{
    public const string Created = "created";
    public const string Imported = "imported";
    public const string Updated = "updated";
    public const string Deleted = "deleted";
    public const string Screened = "screened";
    public const string Reported = "reported";

    public static string Describe(string kind, int? round) => kind switch
    {
        Created => "บันทึกโครงการ",
        Imported => "นำเข้าจากไฟล์ Excel",
        Updated => "แก้ไขรายละเอียดโครงการ",
        Deleted => "ลบโครงการ",
        Screened => "คัดกรองความสอดคล้องกับมิติ",
        Reported => "รายงานผลการดำเนินงาน" + (round is { } r ? ThaiFormat.RoundName(r) : ""),
        _ => kind,
    };
}

/// <summary>Writes a project's history (every change: who, when, from where, old and new values) and explains a
/// stale save by the changes made since the version the caller read.</summary>
internal static class ProjectHistory
{
    public static IReadOnlyList<ProjectFieldChange> Between(
        IEnumerable<(string Field, string Label, string? Value)> before,
        IEnumerable<(string Field, string Label, string? Value)> after) =>
        before.Zip(after)
            .Where(p => !string.Equals(p.First.Value, p.Second.Value, StringComparison.Ordinal))
            .Select(p => new ProjectFieldChange(p.First.Field, p.First.Label, p.First.Value, p.Second.Value))
            .ToList();

    public static IReadOnlyList<ProjectFieldChange> AllNew(
        IEnumerable<(string Field, string Label, string? Value)> after) =>
        after.Where(f => f.Value is not null)
            .Select(f => new ProjectFieldChange(f.Field, f.Label, null, f.Value)).ToList();

    /// <summary>Records one change of each given project (their versions after the change), in one statement, with
    /// the reason the caller gave (required of NACC staff who change an LAO's project).</summary>
    public static Task RecordManyAsync(DbSession db, ICurrentUser user, string kind, int? round,
        IReadOnlyList<(Guid ProjectId, int Version, IReadOnlyList<ProjectFieldChange> Changes)> entries,
        DateTimeOffset at, CancellationToken ct, string? reason = null) =>
        db.ExecuteAsync("""
            INSERT INTO projects.project_changes
                (id, project_id, version, kind, round, changed_at, changed_by, ip_address, changes, reason)
            SELECT h.id, h.project_id, h.version, @Kind, @Round, @ChangedAt, @ChangedBy, @IpAddress, h.changes::jsonb,
                   @Reason
            FROM unnest(@Ids, @ProjectIds, @Versions, @Changes) AS h(id, project_id, version, changes)
            """,
            new
            {
                Kind = kind, Round = (short?)round, ChangedAt = at, ChangedBy = Who(user), user.IpAddress,
                Reason = reason,
                Ids = entries.Select(_ => Guid.CreateVersion7()).ToArray(),
                ProjectIds = entries.Select(e => e.ProjectId).ToArray(),
                Versions = entries.Select(e => e.Version).ToArray(),
                Changes = entries.Select(e => Json(e.Changes)).ToArray(),
            }, ct);

    /// <summary>The changes as the history keeps them (a JSON array, cast to jsonb by the insert).</summary>
    public static string Json(IReadOnlyList<ProjectFieldChange> changes) => JsonSerializer.Serialize(changes);

    /// <summary>The history's insert of one change, for a statement that changes the project too: the project and
    /// its new version come from its CTE <c>bumped</c> (<c>id</c>, <c>version</c>); the rest from the parameters
    /// <c>@ChangeId</c>, <c>@Kind</c>, <c>@Round</c> (smallint), <c>@Now</c>, <c>@By</c>, <c>@IpAddress</c> and
    /// <c>@Changes</c> (<see cref="Json"/>); no reason.</summary>
    public const string InsertOneFromBumped = """
        INSERT INTO projects.project_changes
            (id, project_id, version, kind, round, changed_at, changed_by, ip_address, changes, reason)
        SELECT @ChangeId, b.id, b.version, @Kind, @Round, @Now, @By, @IpAddress, @Changes::jsonb, NULL
        FROM bumped b
        """;

    public static Task RecordAsync(DbSession db, ICurrentUser user, Guid projectId, int version,
        string kind, int? round, IReadOnlyList<ProjectFieldChange> changes, DateTimeOffset at, CancellationToken ct,
        string? reason = null) =>
        RecordManyAsync(db, user, kind, round, [(projectId, version, changes)], at, ct, reason);

    public static string Who(ICurrentUser user) => user.Username ?? "system";

    /// <summary>Refuses a save made from version <paramref name="readVersion"/> when the project is now at
    /// <paramref name="currentVersion"/>, saying who changed what since (409).</summary>
    public static async Task EnsureCurrentAsync(DbSession db, Guid projectId, int readVersion, int currentVersion,
        CancellationToken ct)
    {
        if (readVersion == currentVersion) return;
        var since = await db.QueryAsync<ChangeRow>("""
            SELECT version, kind, round, changed_at, changed_by, changes::text AS changes, reason
            FROM projects.project_changes
            WHERE project_id = @projectId AND version > @readVersion
            ORDER BY version
            """, new { projectId, readVersion }, ct);
        var details = since.Select(c => c.ToItem()).Select(Describe).ToList();
        if (details.Count == 0)
            details.Add($"ฉบับที่ท่านเปิดคือฉบับที่ {readVersion} แต่ข้อมูลปัจจุบันเป็นฉบับที่ {currentVersion}");
        throw new ConflictException(
            "ข้อมูลโครงการนี้ถูกแก้ไขหลังจากที่ท่านเปิดแบบฟอร์ม ระบบจึงยังไม่บันทึกข้อมูลของท่าน " +
            "กรุณาตรวจสอบการเปลี่ยนแปลงแล้วบันทึกอีกครั้ง", details);
    }

    /// <summary>"25 พ.ย. 2569 14:05 น. โดย 6900106 (แก้ไขรายละเอียดโครงการ): ชื่อโครงการ “ก” → “ข”", then the
    /// reason given, if any.</summary>
    public static string Describe(ProjectChangeItem c)
    {
        var fields = c.Changes.Count == 0 ? "" : ": " +
            string.Join(", ", c.Changes.Select(f => $"{f.Label} “{f.Old ?? "-"}” → “{f.New ?? "-"}”"));
        var why = c.Reason is null ? "" : $" เหตุผล: {c.Reason}";
        var what = ProjectChangeKinds.Describe(c.Kind, c.Round);
        return $"{ThaiFormat.DateTime(c.ChangedAt)} โดย {c.ChangedBy} ({what}){fields}{why}";
    }

    internal sealed class ChangeRow
    {
        public int Version { get; init; }
        public string Kind { get; init; } = "";
        public short? Round { get; init; }
        public DateTimeOffset ChangedAt { get; init; }
        public string ChangedBy { get; init; } = "";
        public string Changes { get; init; } = "[]";
        public string? Reason { get; init; }

        public ProjectChangeItem ToItem() => new(Version, Kind, Round, ChangedAt, ChangedBy,
            JsonSerializer.Deserialize<List<ProjectFieldChange>>(Changes) ?? [])
        {
            Reason = Reason,
        };
    }
}
