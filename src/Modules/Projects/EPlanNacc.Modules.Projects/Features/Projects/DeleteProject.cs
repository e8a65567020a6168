using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.Modules.Projects.Contracts;
using FluentValidation;
using Mediator;

namespace EPlanNacc.Modules.Projects.Features.Projects;

/// <summary>Deletes a project (<c>DELETE /api/v1/projects/{id}</c>): the LAO its own; NACC staff in scope too, with a
/// <see cref="Reason"/> kept in the project's history. It leaves the plan, its reports and every list and score, but
/// stays in the database with its history (who deleted it, when and why). With <see cref="Version"/> (the pages send
/// it) a stale delete is refused (409). Once a round that needed the project's report has closed for the LAO, the LAO
/// can no longer delete it (409); staff can (docs/adr/0008-scores-after-the-deadline.md).</summary>
[Allow(Caller.Lao | Caller.Staff)]
public sealed record DeleteProjectCommand(Guid Id, int? Version = null, string? Reason = null)
    : ICommand, IProjectScoped
{
    Guid IProjectScoped.ProjectId => Id;
}

public sealed class DeleteProjectValidator : AbstractValidator<DeleteProjectCommand>
{
    public DeleteProjectValidator(ICurrentUser user) => RuleFor(x => x.Reason).StaffReason(user, "การลบ");
}

public sealed class DeleteProjectHandler(DbSession db, ICurrentUser user, ProjectRows rows, IPublisher publisher,
    TimeProvider clock)
    : ICommandHandler<DeleteProjectCommand>
{
    public async ValueTask<Unit> Handle(DeleteProjectCommand command, CancellationToken ct)
    {
        var row = await rows.ForUpdateAsync(command.Id, ct);
        if (command.Version is { } read) await ProjectHistory.EnsureCurrentAsync(db, row.Id, read, row.Version, ct);
        if (user.Role == UserRole.Lao
            && await DeadlineLocks.OfAsync(db, row, ThaiFormat.TodayInBangkok(clock), ct) is { } locked)
            throw locked.DeleteRefused();
        var now = clock.GetUtcNow();
        var version = await db.ExecuteScalarAsync<int>("""
            UPDATE projects.projects
            SET deleted_at = @Now, deleted_by = @By, updated_at = @Now, updated_by = @By, version = version + 1
            WHERE id = @Id
            RETURNING version
            """, new { row.Id, Now = now, By = ProjectHistory.Who(user) }, ct);
        await ProjectHistory.RecordAsync(db, user, row.Id, version, ProjectChangeKinds.Deleted, null,
            [new ProjectFieldChange("deleted", "สถานะโครงการ", "อยู่ในแผน", "ลบแล้ว")], now, ct,
            ProjectValues.Clean(command.Reason));
        await publisher.Publish(new ProjectResultsChangedNotification(row.DlaCode, row.FiscalYear), ct);
        return Unit.Value;
    }
}
