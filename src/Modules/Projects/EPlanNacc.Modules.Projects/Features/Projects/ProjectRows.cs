using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.Modules.Projects.Contracts;
using Mediator;

namespace EPlanNacc.Modules.Projects.Features.Projects;

/// <summary>
/// Loads the project a slice works on. Whether the caller may see or change it (an LAO its own; staff read the LAOs
/// of their scope and change none: they screen) was decided before the handler runs, by the authorization step of
/// the pipeline (<see cref="IProjectScoped"/>); here an absent or deleted project is "not found" (404), with the same
/// message as one outside the caller's scope, so a foreign id tells nothing.
/// </summary>
public sealed class ProjectRows(DbSession db)
{
    public static NotFoundException ProjectNotFound() => new(AccessMessages.ProjectNotFound);

    /// <summary>A project (deleted ones only when asked: the history page).</summary>
    internal async Task<ProjectRow> ReadAsync(Guid id, bool includeDeleted, CancellationToken ct)
    {
        var row = await db.QuerySingleOrDefaultAsync<ProjectRow>(ProjectRow.Select + " WHERE p.id = @id",
            new { id }, ct);
        return row is null || (row.DeletedAt is not null && !includeDeleted) ? throw ProjectNotFound() : row;
    }

    /// <summary>A live project, locked until the change commits.</summary>
    internal async Task<ProjectRow> ForUpdateAsync(Guid id, CancellationToken ct) =>
        await db.QuerySingleOrDefaultAsync<ProjectRow>(
            ProjectRow.Select + " WHERE p.id = @id AND p.deleted_at IS NULL FOR UPDATE OF p", new { id }, ct)
        ?? throw ProjectNotFound();
}

/// <summary>The owner of each project, for the authorization step. The handler lives for one request (one scope) and
/// keeps the owners it read: a project's LAO never changes (no statement updates <c>projects.dla_code</c>, and a
/// deleted project keeps its row), so a save's answer, authorized again after the command, reads no owner twice
/// (docs/adr/0037-a-save-under-a-deadline-surge.md). An id not found is asked again.</summary>
public sealed class ListProjectOwnersHandler(DbSession db)
    : IQueryHandler<ListProjectOwnersQuery, IReadOnlyDictionary<Guid, string>>
{
    private readonly Dictionary<Guid, string> _known = [];

    public async ValueTask<IReadOnlyDictionary<Guid, string>> Handle(ListProjectOwnersQuery query,
        CancellationToken ct)
    {
        var ids = query.ProjectIds.Distinct().ToArray();
        var missing = ids.Where(id => !_known.ContainsKey(id)).ToArray();
        if (missing.Length > 0)
            foreach (var (id, dlaCode) in await db.QueryAsync<(Guid Id, string DlaCode)>(
                         "SELECT id, dla_code FROM projects.projects WHERE id = ANY(@Ids)", new { Ids = missing }, ct))
                _known[id] = dlaCode;
        return ids.Where(_known.ContainsKey).ToDictionary(id => id, id => _known[id]);
    }
}

/// <summary>The dimension taxonomy of each fiscal year, read
/// once per request (an import of 500 rows asks once).</summary>
public sealed class DimensionTrees(ISender sender)
{
    private readonly Dictionary<int, DimensionTree?> _cache = [];

    public async ValueTask<DimensionTree?> ForYearAsync(int fiscalYear, CancellationToken ct)
    {
        if (!FiscalYear.IsValid(fiscalYear)) return null;
        if (!_cache.TryGetValue(fiscalYear, out var tree))
        {
            try { tree = await sender.Send(new GetDimensionTreeQuery(fiscalYear), ct); }
            catch (NotFoundException) { tree = null; }
            _cache[fiscalYear] = tree;
        }
        return tree;
    }

    public static bool IsDimension(DimensionTree tree, string? code) =>
        tree.Dimensions.Any(d => d.Code == code?.Trim());

    /// <summary>Whether <paramref name="mission"/> is a mission or sub-mission of
    /// <paramref name="dimension"/>.</summary>
    public static bool IsMissionOf(DimensionTree tree, string? dimension, string? mission)
    {
        var d = tree.Dimensions.FirstOrDefault(x => x.Code == dimension?.Trim());
        var m = mission?.Trim();
        return d is not null && d.Children.Any(x => x.Code == m || x.Children.Any(s => s.Code == m));
    }
}
