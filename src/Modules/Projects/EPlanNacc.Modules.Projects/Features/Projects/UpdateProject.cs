using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.Projects.Contracts;
using FluentValidation;
using Mediator;

namespace EPlanNacc.Modules.Projects.Features.Projects;

/// <summary>Edits one of the LAO's own projects (<c>PUT /api/v1/projects/{id}</c>). <see cref="Version"/> is the
/// version the form or client read: a stale one is refused (409) with what changed since. Returns the new version
/// (the same when nothing changed: a save without a change is no change).</summary>
[Allow(Caller.Lao)]
public sealed record UpdateProjectCommand(
    Guid Id, int? Version,
    int? FiscalYear, string? Name, IReadOnlyList<int>? Quarters, string? WorkType, string? DimensionCode, string? MissionCode,
    string? Essence, bool? NoBudget, decimal? Budget, IReadOnlyList<string>? TargetGroups, string? TargetGroupOther,
    string? Objectives, string? Remarks) : ICommand<int>, IProjectFields, IProjectScoped
{
    Guid IProjectScoped.ProjectId => Id;
}

public sealed class UpdateProjectValidator : ProjectFieldsValidator<UpdateProjectCommand>
{
    public UpdateProjectValidator(DimensionTrees trees) : base(trees)
    {
        RuleFor(x => x.Version).NotNull().WithMessage("กรุณาส่ง version ของข้อมูลโครงการที่อ่านไว้ เพื่อป้องกันการบันทึกทับการแก้ไขของผู้อื่น");
    }
}

public sealed class UpdateProjectHandler(DbSession db, ICurrentUser user, ProjectRows rows, DimensionTrees trees, IPublisher publisher, TimeProvider clock)
    : ICommandHandler<UpdateProjectCommand, int>
{
    public async ValueTask<int> Handle(UpdateProjectCommand command, CancellationToken ct)
    {
        var row = await rows.ForUpdateAsync(command.Id, ct);
        await ProjectHistory.EnsureCurrentAsync(db, row.Id, command.Version!.Value, row.Version, ct);
        var tree = (await trees.ForYearAsync(command.FiscalYear!.Value, ct))!;
        var values = ProjectValues.From(command, tree.PlanPeriod);
        if (values.FiscalYear != row.FiscalYear && (row.Round6 is not null || row.Round12 is not null))
            throw new RuleViolationException("โครงการนี้รายงานผลการดำเนินงานแล้ว จึงเปลี่ยนปีงบประมาณไม่ได้", "fiscalYear");

        var changes = ProjectHistory.Between(row.ToValues().Fields(), values.Fields());
        if (changes.Count == 0) return row.Version;

        var now = clock.GetUtcNow();
        var version = await db.ExecuteScalarAsync<int>("""
            UPDATE projects.projects SET
                fiscal_year = @FiscalYear, plan_period = @PlanPeriod, name = @Name, quarters = @Quarters, work_type = @WorkType,
                dimension_code = @DimensionCode, mission_code = @MissionCode, essence = @Essence, no_budget = @NoBudget,
                budget = @Budget, target_groups = @TargetGroups, target_group_other = @TargetGroupOther,
                objectives = @Objectives, remarks = @Remarks, updated_at = @Now, updated_by = @By, version = version + 1
            WHERE id = @Id
            RETURNING version
            """,
            new
            {
                row.Id, values.FiscalYear, values.PlanPeriod, values.Name, values.Quarters, values.WorkType, values.DimensionCode,
                values.MissionCode, values.Essence, values.NoBudget, values.Budget, values.TargetGroups, values.TargetGroupOther,
                values.Objectives, values.Remarks, Now = now, By = ProjectHistory.Who(user),
            }, ct);
        await ProjectHistory.RecordAsync(db, user, row.Id, version, ProjectChangeKinds.Updated, null, changes, now, ct);
        await publisher.Publish(new ProjectResultsChangedNotification(row.DlaCode, values.FiscalYear), ct);
        if (values.FiscalYear != row.FiscalYear)
            await publisher.Publish(new ProjectResultsChangedNotification(row.DlaCode, row.FiscalYear), ct);
        return version;
    }
}
