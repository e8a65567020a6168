using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.Projects.Contracts;
using Mediator;
using Microsoft.Extensions.Options;

namespace EPlanNacc.Modules.Projects.Features.Projects;

/// <summary>บันทึกแผน: the signed-in LAO records one project of its plan (<c>POST /api/v1/projects</c>). Returns its
/// id; the project starts at version 1, not yet screened.</summary>
[Allow(Caller.Lao)]
public sealed record CreateProjectCommand(
    int? FiscalYear, string? Name, IReadOnlyList<int>? Quarters, string? WorkType, string? DimensionCode,
    string? MissionCode, string? Essence, bool? NoBudget, decimal? Budget, IReadOnlyList<string>? TargetGroups,
    string? TargetGroupOther, string? Objectives, string? Remarks) : ICommand<Guid>, IProjectFields;

public sealed class CreateProjectValidator : ProjectFieldsValidator<CreateProjectCommand>
{
    public CreateProjectValidator(DimensionTrees trees) : base(trees) { }
}

public sealed class CreateProjectHandler(DbSession db, ICurrentUser user, DimensionTrees trees, IPublisher publisher,
    TimeProvider clock, IOptions<ProjectsOptions> options)
    : ICommandHandler<CreateProjectCommand, Guid>
{
    public async ValueTask<Guid> Handle(CreateProjectCommand command, CancellationToken ct)
    {
        var dlaCode = user.OwnDlaCode();
        var tree = (await trees.ForYearAsync(command.FiscalYear!.Value, ct))!;
        var values = ProjectValues.From(command, tree.PlanPeriod);
        await ProjectCap.EnsureRoomAsync(db, dlaCode, values.FiscalYear, 1, options.Value.MaxProjectsPerLaoYear, ct);
        var id = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        await ProjectStore.InsertAsync(db, [(id, values)], dlaCode, ProjectHistory.Who(user), now, ct);
        await ProjectHistory.RecordAsync(db, user, id, 1, ProjectChangeKinds.Created, null,
            ProjectHistory.AllNew(values.Fields()), now, ct);
        await publisher.Publish(new ProjectResultsChangedNotification(dlaCode, values.FiscalYear), ct);
        return id;
    }
}

/// <summary>The INSERT of new projects, one or many in one statement
/// (the form, and an import of hundreds of rows).</summary>
internal static class ProjectStore
{
    public static Task<int> InsertAsync(DbSession db, IReadOnlyList<(Guid Id, ProjectValues Values)> projects,
        string dlaCode, string by, DateTimeOffset now, CancellationToken ct) =>
        db.ExecuteAsync("""
            INSERT INTO projects.projects (id, dla_code, fiscal_year, plan_period, name, quarters, work_type,
                dimension_code, mission_code, essence, no_budget, budget, target_groups, target_group_other, objectives,
                remarks, created_at, created_by, updated_at, updated_by, version)
            SELECT n.id, @DlaCode, n.fiscal_year, n.plan_period, n.name, string_to_array(n.quarters, ',')::smallint[],
                   n.work_type, n.dimension_code, n.mission_code, n.essence, n.no_budget, n.budget,
                   CASE WHEN n.target_groups = '' THEN '{}'::text[] ELSE string_to_array(n.target_groups, ',') END,
                   n.target_group_other, n.objectives, n.remarks, @Now, @By, @Now, @By, 1
            FROM unnest(@Ids, @FiscalYears, @PlanPeriods, @Names, @Quarters, @WorkTypes, @DimensionCodes, @MissionCodes,
                        @Essences, @NoBudgets, @Budgets, @TargetGroups, @TargetGroupOthers, @Objectives, @Remarks)
                 WITH ORDINALITY
                 AS n(id, fiscal_year, plan_period, name, quarters, work_type, dimension_code, mission_code,
                      essence, no_budget, budget, target_groups, target_group_other, objectives, remarks, ord)
            ORDER BY n.ord
            """,
            new
            {
                DlaCode = dlaCode, Now = now, By = by,
                Ids = projects.Select(p => p.Id).ToArray(),
                FiscalYears = projects.Select(p => p.Values.FiscalYear).ToArray(),
                PlanPeriods = projects.Select(p => p.Values.PlanPeriod).ToArray(),
                Names = projects.Select(p => p.Values.Name).ToArray(),
                Quarters = projects.Select(p => string.Join(',', p.Values.Quarters)).ToArray(),
                WorkTypes = projects.Select(p => p.Values.WorkType).ToArray(),
                DimensionCodes = projects.Select(p => p.Values.DimensionCode).ToArray(),
                MissionCodes = projects.Select(p => p.Values.MissionCode).ToArray(),
                Essences = projects.Select(p => p.Values.Essence).ToArray(),
                NoBudgets = projects.Select(p => p.Values.NoBudget).ToArray(),
                Budgets = projects.Select(p => p.Values.Budget).ToArray(),
                TargetGroups = projects.Select(p => string.Join(',', p.Values.TargetGroups)).ToArray(),
                TargetGroupOthers = projects.Select(p => p.Values.TargetGroupOther).ToArray(),
                Objectives = projects.Select(p => p.Values.Objectives).ToArray(),
                Remarks = projects.Select(p => p.Values.Remarks).ToArray(),
            }, ct);
}
