using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.Modules.Projects.Contracts;
using FluentValidation;
using Mediator;

namespace EPlanNacc.Modules.Projects.Features.Projects;

/// <summary>Edits a project (<c>PUT /api/v1/projects/{id}</c>): the LAO its own; NACC staff in scope too, with a
/// <see cref="Reason"/> kept in the project's history. <see cref="Version"/> is the version the form or client read:
/// a stale one is refused (409) with what changed since. Once a round that needed the project's report has closed for
/// the LAO, the LAO can no longer move it to another dimension or fiscal year (409); staff can. Editing its name,
/// dimension, work type or budget withdraws its screening (docs/adr/0008-scores-after-the-deadline.md).</summary>
[Allow(Caller.Lao | Caller.Staff)]
public sealed record UpdateProjectCommand(
    Guid Id, int? Version,
    int? FiscalYear, string? Name, IReadOnlyList<int>? Quarters, string? WorkType, string? DimensionCode,
    string? MissionCode, string? Essence, bool? NoBudget, decimal? Budget, IReadOnlyList<string>? TargetGroups,
    string? TargetGroupOther, string? Objectives, string? Remarks, string? Reason = null)
    : ICommand<ProjectUpdated>, IProjectFields, IProjectScoped
{
    Guid IProjectScoped.ProjectId => Id;
}

/// <param name="Version">The project's version after the save (the same when nothing changed).</param>
/// <param name="ScreeningWithdrawn">True when the save sent a screened project back to "not yet screened".</param>
public sealed record ProjectUpdated(int Version, bool ScreeningWithdrawn);

public sealed class UpdateProjectValidator : ProjectFieldsValidator<UpdateProjectCommand>
{
    public UpdateProjectValidator(DimensionTrees trees, ICurrentUser user) : base(trees)
    {
        RuleFor(x => x.Version).NotNull()
            .WithMessage("กรุณาส่ง version ของข้อมูลโครงการที่อ่านไว้ เพื่อป้องกันการบันทึกทับการแก้ไขของผู้อื่น");
        RuleFor(x => x.Reason).StaffReason(user, "การแก้ไข");
    }
}

public sealed class UpdateProjectHandler(
    DbSession db, ICurrentUser user, ProjectRows rows, DimensionTrees trees, IPublisher publisher, TimeProvider clock)
    : ICommandHandler<UpdateProjectCommand, ProjectUpdated>
{
    public async ValueTask<ProjectUpdated> Handle(UpdateProjectCommand command, CancellationToken ct)
    {
        var row = await rows.ForUpdateAsync(command.Id, ct);
        await ProjectHistory.EnsureCurrentAsync(db, row.Id, command.Version!.Value, row.Version, ct);
        var tree = (await trees.ForYearAsync(command.FiscalYear!.Value, ct))!;
        var values = ProjectValues.From(command, tree.PlanPeriod);
        var moved = values.FiscalYear != row.FiscalYear || values.DimensionCode != row.DimensionCode;
        if (moved && user.Role == UserRole.Lao
            && await DeadlineLocks.OfAsync(db, row, ThaiFormat.TodayInBangkok(clock), ct) is { } locked)
            throw locked.MoveRefused();
        if (values.FiscalYear != row.FiscalYear && (row.Round6 is not null || row.Round12 is not null))
            throw new RuleViolationException("โครงการนี้รายงานผลการดำเนินงานแล้ว จึงเปลี่ยนปีงบประมาณไม่ได้",
                "fiscalYear");

        var changes = ProjectHistory.Between(row.ToValues().Fields(), values.Fields());
        if (changes.Count == 0) return new ProjectUpdated(row.Version, false);
        var withdrawn = ProjectChangeRules.WithdrawsScreening(row.Conformity, changes);
        if (withdrawn) changes = [.. changes, .. ProjectChangeRules.Withdrawal(row.Conformity, row.ConformityReason)];

        var now = clock.GetUtcNow();
        var version = await db.ExecuteScalarAsync<int>("""
            UPDATE projects.projects SET
                fiscal_year = @FiscalYear, plan_period = @PlanPeriod, name = @Name, quarters = @Quarters,
                work_type = @WorkType,
                dimension_code = @DimensionCode, mission_code = @MissionCode, essence = @Essence, no_budget = @NoBudget,
                budget = @Budget, target_groups = @TargetGroups, target_group_other = @TargetGroupOther,
                objectives = @Objectives, remarks = @Remarks, updated_at = @Now, updated_by = @By,
                version = version + 1,
                conformity = CASE WHEN @Withdrawn THEN 'unset' ELSE conformity END,
                conformity_reason = CASE WHEN @Withdrawn THEN NULL ELSE conformity_reason END,
                screened_at = CASE WHEN @Withdrawn THEN NULL ELSE screened_at END,
                screened_by = CASE WHEN @Withdrawn THEN NULL ELSE screened_by END
            WHERE id = @Id
            RETURNING version
            """,
            new
            {
                row.Id, values.FiscalYear, values.PlanPeriod, values.Name, values.Quarters, values.WorkType,
                values.DimensionCode,
                values.MissionCode, values.Essence, values.NoBudget, values.Budget, values.TargetGroups,
                values.TargetGroupOther, values.Objectives, values.Remarks, Now = now, By = ProjectHistory.Who(user),
                Withdrawn = withdrawn,
            }, ct);
        await ProjectHistory.RecordAsync(db, user, row.Id, version, ProjectChangeKinds.Updated, null, changes, now, ct,
            ProjectValues.Clean(command.Reason));
        await publisher.Publish(new ProjectResultsChangedNotification(row.DlaCode, values.FiscalYear), ct);
        if (values.FiscalYear != row.FiscalYear)
            await publisher.Publish(new ProjectResultsChangedNotification(row.DlaCode, row.FiscalYear), ct);
        return new ProjectUpdated(version, withdrawn);
    }
}
