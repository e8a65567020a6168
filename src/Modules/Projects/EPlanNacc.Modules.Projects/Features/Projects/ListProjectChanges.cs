using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Security;
using Mediator;

namespace EPlanNacc.Modules.Projects.Features.Projects;

/// <summary>The history of one project, newest first: every change of its fields, its screening and its round
/// reports, with who, when, and each field's old and new value. Kept after the project is deleted. Same scope as
/// reading the project.</summary>
[Allow(Caller.SignedIn)]
public sealed record ListProjectChangesQuery(Guid ProjectId) : IQuery<IReadOnlyList<ProjectChangeItem>>, IProjectScoped;

/// <param name="Version">The project's version after this change.</param>
/// <param name="Round">6 or 12 for a round report.</param>
public sealed record ProjectChangeItem(int Version, string Kind, int? Round, DateTimeOffset ChangedAt, string ChangedBy,
    IReadOnlyList<ProjectFieldChange> Changes)
{
    public string Description => ProjectChangeKinds.Describe(Kind, Round);

    /// <summary>Why the change was made, as its author said (required of staff who change an LAO's project).</summary>
    public string? Reason { get; init; }
}

public sealed class ListProjectChangesHandler(DbSession db, ProjectRows projects)
    : IQueryHandler<ListProjectChangesQuery, IReadOnlyList<ProjectChangeItem>>
{
    public async ValueTask<IReadOnlyList<ProjectChangeItem>> Handle(ListProjectChangesQuery query, CancellationToken ct)
    {
        var project = await projects.ReadAsync(query.ProjectId, includeDeleted: true, ct);
        var rows = await db.QueryAsync<ProjectHistory.ChangeRow>("""
            SELECT version, kind, round, changed_at, changed_by, changes::text AS changes, reason
            FROM projects.project_changes
            WHERE project_id = @Id
            ORDER BY version DESC, changed_at DESC
            """, new { project.Id }, ct);
        return rows.Select(r => r.ToItem()).ToList();
    }
}
