using EPlanNacc.BuildingBlocks.Security;
using Mediator;

namespace EPlanNacc.Modules.Projects.Features.Projects;

/// <summary>One project (<c>GET /api/v1/projects/{id}</c>): the LAO's own, or one of an LAO in the staff's scope;
/// 404 otherwise, and for a deleted project unless <see cref="IncludeDeleted"/> (its page keeps its history).</summary>
[Allow(Caller.SignedIn)]
public sealed record GetProjectQuery(Guid Id, bool IncludeDeleted = false) : IQuery<ProjectDetails>, IProjectScoped
{
    Guid IProjectScoped.ProjectId => Id;
}

public sealed class GetProjectHandler(ProjectRows rows) : IQueryHandler<GetProjectQuery, ProjectDetails>
{
    public async ValueTask<ProjectDetails> Handle(GetProjectQuery query, CancellationToken ct) =>
        (await rows.ReadAsync(query.Id, query.IncludeDeleted, ct)).ToDetails();
}
