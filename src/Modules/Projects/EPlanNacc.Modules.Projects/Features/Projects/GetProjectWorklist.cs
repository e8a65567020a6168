using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.BuildingBlocks.Validation;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts.Scope;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Projects.Features.RoundReports;
using EPlanNacc.Modules.Projects.Features.Rounds;
using FluentValidation;
using Mediator;

namespace EPlanNacc.Modules.Projects.Features.Projects;

/// <summary>
/// Everything the pages of the menu โครงการ show about one LAO's plan for a fiscal year: the projects sorted by
/// dimension with both rounds' reports, the count and budget per dimension, the two rounds' windows for this LAO
/// today, totals per round, and the projects deleted that year (kept in history). Same scope as
/// <see cref="ListProjectsQuery"/>; without a fiscal year, the current one.
/// </summary>
[Allow(Caller.SignedIn)]
public sealed record GetProjectWorklistQuery(int? FiscalYear = null, string? DlaCode = null)
    : IQuery<ProjectWorklist>, ILaoScoped;

public sealed record ProjectWorklist(
    string DlaCode, string LaoName, int FiscalYear, DateOnly Today, string PlanPeriodNameTh,
    RoundWindow Round6, RoundWindow Round12, IReadOnlyList<ProjectDetails> Projects,
    IReadOnlyList<DimensionTotal> ByDimension, IReadOnlyList<DeletedProjectItem> Deleted, DimensionTree Taxonomy)
{
    public RoundWindow Window(int round) => round == 6 ? Round6 : Round12;

    public ReportAvailability Availability(ProjectDetails project, int round) =>
        RoundReportRules.Availability(project.Conformity, Window(round), Today);

    /// <summary>The closed round that keeps the LAO from deleting or moving a project (null when it may).</summary>
    public DeadlineLock? LockOf(ProjectDetails project) =>
        ProjectChangeRules.LockOf(
            project.Conformity, ProjectChangeRules.DayInBangkok(project.CreatedAt), [Round6, Round12], Today);

    public RoundCount Totals(int round) => RoundCount.Of(round, Projects.Select(p => p.EntryIn(round)));

    public decimal Budget => Projects.Sum(p => p.Budget);

    public string DimensionName(string code) => Taxonomy.NameOf(code) ?? code;
}

/// <summary>The count and planned budget of one dimension's projects.</summary>
public sealed record DimensionTotal(string Code, string NameTh, int ProjectCount, decimal Budget);

/// <summary>A project deleted from the plan (it stays with its history).</summary>
public sealed record DeletedProjectItem(Guid Id, string Name, string DimensionCode, decimal Budget,
    DateTimeOffset DeletedAt, string DeletedBy);

public sealed class GetProjectWorklistValidator : AbstractValidator<GetProjectWorklistQuery>
{
    public GetProjectWorklistValidator()
    {
        RuleFor(x => x.FiscalYear).ValidFiscalYear();
        RuleFor(x => x.DlaCode).DlaCodeOrEmpty();
    }
}

public sealed class GetProjectWorklistHandler(DbSession db, ISender sender, DimensionTrees trees, TimeProvider clock)
    : IQueryHandler<GetProjectWorklistQuery, ProjectWorklist>
{
    private sealed class DeletedRow
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public string DimensionCode { get; init; } = "";
        public decimal Budget { get; init; }
        public DateTimeOffset DeletedAt { get; init; }
        public string DeletedBy { get; init; } = "";
    }

    public async ValueTask<ProjectWorklist> Handle(GetProjectWorklistQuery query, CancellationToken ct)
    {
        var lao = await sender.Send(new GetLaoInScopeQuery(query.DlaCode), ct);
        var today = ThaiFormat.TodayInBangkok(clock);
        var year = query.FiscalYear ?? FiscalYear.Of(today);
        var tree = await trees.ForYearAsync(year, ct) ?? new DimensionTree("", "", []);
        var rows = await db.QueryAsync<ProjectRow>(
            ProjectRow.Select + " WHERE p.dla_code = @DlaCode AND p.fiscal_year = @Year AND p.deleted_at IS NULL" +
                ProjectRow.OrderBy,
            new { lao.DlaCode, Year = year }, ct);
        var deleted = await db.QueryAsync<DeletedRow>("""
            SELECT id, name, dimension_code, budget, deleted_at, deleted_by FROM projects.projects
            WHERE dla_code = @DlaCode AND fiscal_year = @Year AND deleted_at IS NOT NULL
            ORDER BY deleted_at DESC
            """, new { lao.DlaCode, Year = year }, ct);
        var calendar = await RoundCalendarStore.LoadAsync(db, year, [lao.DlaCode], ct);
        var projects = rows.Select(r => r.ToDetails()).ToList();

        var byDimension = tree.Dimensions
            .Select(d => new DimensionTotal(d.Code, d.NameTh,
                projects.Count(p => p.DimensionCode == d.Code),
                projects.Where(p => p.DimensionCode == d.Code).Sum(p => p.Budget)))
            .ToList();
        return new ProjectWorklist(lao.DlaCode, lao.NameTh, year, today, tree.PlanPeriodNameTh,
            calendar.WindowFor(6, lao.DlaCode), calendar.WindowFor(12, lao.DlaCode), projects, byDimension,
            deleted.Select(d => new DeletedProjectItem(d.Id, d.Name, d.DimensionCode, d.Budget, d.DeletedAt,
                d.DeletedBy)).ToList(), tree);
    }
}
