using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.Projects.Contracts;
using Mediator;

namespace EPlanNacc.Modules.Projects.Features.Projects;

/// <summary>Deletes one of the LAO's own projects (<c>DELETE /api/v1/projects/{id}</c>): it leaves the plan, its
/// reports and every list and score, but stays in the database with its history (who deleted it and when).
/// With <see cref="Version"/> (the list page sends it) a stale delete is refused (409).</summary>
[Allow(Caller.Lao)]
public sealed record DeleteProjectCommand(Guid Id, int? Version = null) : ICommand, IProjectScoped
{
    Guid IProjectScoped.ProjectId => Id;
}

public sealed class DeleteProjectHandler(DbSession db, ICurrentUser user, ProjectRows rows, IPublisher publisher, TimeProvider clock)
    : ICommandHandler<DeleteProjectCommand>
{
    public async ValueTask<Unit> Handle(DeleteProjectCommand command, CancellationToken ct)
    {
        var row = await rows.ForUpdateAsync(command.Id, ct);
        if (command.Version is { } read) await ProjectHistory.EnsureCurrentAsync(db, row.Id, read, row.Version, ct);
        var now = clock.GetUtcNow();
        var version = await db.ExecuteScalarAsync<int>("""
            UPDATE projects.projects SET deleted_at = @Now, deleted_by = @By, updated_at = @Now, updated_by = @By, version = version + 1
            WHERE id = @Id
            RETURNING version
            """, new { row.Id, Now = now, By = ProjectHistory.Who(user) }, ct);
        await ProjectHistory.RecordAsync(db, user, row.Id, version, ProjectChangeKinds.Deleted, null,
            [new ProjectFieldChange("deleted", "สถานะโครงการ", "อยู่ในแผน", "ลบแล้ว")], now, ct);
        await publisher.Publish(new ProjectResultsChangedNotification(row.DlaCode, row.FiscalYear), ct);
        return Unit.Value;
    }
}
