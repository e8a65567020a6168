using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts;
using EPlanNacc.Modules.Projects.Contracts;
using Mediator;

namespace EPlanNacc.Modules.Projects.Features.Projects;

/// <summary>
/// The scope of every project read and change. An LAO sees and changes only its own projects; NACC staff read the
/// LAOs of their scope (provincial: its province; admin: all) and change none (they screen). Anything outside the
/// caller's scope is "not found" (404), so a foreign id tells nothing.
/// </summary>
public sealed class ProjectAccess(DbSession db, ICurrentUser user, ISender sender)
{
    public static NotFoundException ProjectNotFound() => new("ไม่พบโครงการที่ต้องการ อาจถูกลบไปแล้ว หรือไม่ใช่โครงการของ อปท. ของท่าน");
    public static NotFoundException LaoNotFound() => new("ไม่พบ อปท. ที่ระบุ หรือ อปท. นี้ไม่อยู่ในความรับผิดชอบของท่าน");

    /// <summary>The LAO whose data the caller reads: an LAO its own (a foreign code is 404); staff the LAO they
    /// name, when in their scope.</summary>
    internal async Task<LaoInfo> ReadableLaoAsync(string? dlaCode, CancellationToken ct)
    {
        string code;
        if (user.Role == UserRole.Lao)
        {
            code = user.RequireLao();
            if (!string.IsNullOrWhiteSpace(dlaCode) && dlaCode.Trim() != code) throw LaoNotFound();
        }
        else
        {
            user.RequireStaff();
            if (string.IsNullOrWhiteSpace(dlaCode)) throw new RuleViolationException("กรุณาระบุรหัส อปท. 7 หลัก (dlaCode)", "dlaCode");
            code = dlaCode.Trim();
        }
        var lao = await sender.Send(new GetLaoQuery(code), ct);
        if (lao is null || !user.CanSeeLao(lao.DlaCode, lao.ProvinceCode)) throw LaoNotFound();
        return lao;
    }

    /// <summary>A project the caller may read (deleted ones only when asked: the history page).</summary>
    internal async Task<ProjectRow> ReadableProjectAsync(Guid id, bool includeDeleted, CancellationToken ct)
    {
        if (!user.IsAuthenticated || user.Role is null) throw new ForbiddenException("กรุณาเข้าสู่ระบบ");
        var row = await db.QuerySingleOrDefaultAsync<ProjectRow>(ProjectRow.Select + " WHERE p.id = @id", new { id }, ct);
        if (row is null || (row.DeletedAt is not null && !includeDeleted)) throw ProjectNotFound();
        if (user.Role == UserRole.Lao)
        {
            if (row.DlaCode != user.DlaCode) throw ProjectNotFound();
        }
        else
        {
            var lao = await sender.Send(new GetLaoQuery(row.DlaCode), ct);
            if (lao is null || !user.CanSeeLao(lao.DlaCode, lao.ProvinceCode)) throw ProjectNotFound();
        }
        return row;
    }

    /// <summary>The caller's own live project, locked until the change commits. Staff are refused (403): only
    /// the LAO records and reports its plan.</summary>
    internal async Task<ProjectRow> OwnProjectForUpdateAsync(Guid id, CancellationToken ct)
    {
        var dlaCode = user.RequireLao();
        return await db.QuerySingleOrDefaultAsync<ProjectRow>(
                   ProjectRow.Select + " WHERE p.id = @id AND p.dla_code = @dlaCode AND p.deleted_at IS NULL FOR UPDATE OF p",
                   new { id, dlaCode }, ct)
               ?? throw ProjectNotFound();
    }
}

/// <summary>The dimension taxonomy of each fiscal year, read once per request (an import of 500 rows asks once).</summary>
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

    public static bool IsDimension(DimensionTree tree, string? code) => tree.Dimensions.Any(d => d.Code == code?.Trim());

    /// <summary>Whether <paramref name="mission"/> is a mission or sub-mission of <paramref name="dimension"/>.</summary>
    public static bool IsMissionOf(DimensionTree tree, string? dimension, string? mission)
    {
        var d = tree.Dimensions.FirstOrDefault(x => x.Code == dimension?.Trim());
        var m = mission?.Trim();
        return d is not null && d.Children.Any(x => x.Code == m || x.Children.Any(s => s.Code == m));
    }
}
