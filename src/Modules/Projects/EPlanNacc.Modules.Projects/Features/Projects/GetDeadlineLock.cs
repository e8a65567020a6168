using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Thai;
using Mediator;

namespace EPlanNacc.Modules.Projects.Features.Projects;

/// <summary>Whether the LAO that owns a project may still delete it or move it to another dimension or fiscal year
/// today: its pages disable those controls and say why, staff pages say why the LAO cannot. Same scope as reading the
/// project (docs/adr/0008-scores-after-the-deadline.md).</summary>
[Allow(Caller.SignedIn)]
public sealed record GetDeadlineLockQuery(Guid ProjectId) : IQuery<ProjectDeadline>, IProjectScoped;

/// <param name="Lock">The closed round that binds the project; null when the LAO may still delete or move it (and for
/// a deleted project).</param>
public sealed record ProjectDeadline(DeadlineLock? Lock);

public sealed class GetDeadlineLockHandler(DbSession db, ProjectRows rows, TimeProvider clock)
    : IQueryHandler<GetDeadlineLockQuery, ProjectDeadline>
{
    public async ValueTask<ProjectDeadline> Handle(GetDeadlineLockQuery query, CancellationToken ct)
    {
        var row = await rows.ReadAsync(query.ProjectId, includeDeleted: true, ct);
        return new ProjectDeadline(row.DeletedAt is not null ? null
            : await DeadlineLocks.OfAsync(db, row, ThaiFormat.TodayInBangkok(clock), ct));
    }
}
