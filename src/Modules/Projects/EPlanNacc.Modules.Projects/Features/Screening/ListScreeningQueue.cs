using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Validation;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts.Scope;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Projects.Features.Projects;
using FluentValidation;
using Mediator;

namespace EPlanNacc.Modules.Projects.Features.Screening;

/// <summary>
/// The screening queue of NACC staff (<c>/staff/screening</c>): every live project of a fiscal year that awaits
/// screening (never screened, or screened and then withdrawn by an edit of the LAO) across the LAOs of the caller's
/// scope: a provincial office its province, an admin the nation or the province it names. Filtered by district and
/// dimension, sorted by LAO (province, district, name) then dimension and entry, one page at a time, with each
/// plan's details, the version each row was read at (for <see cref="ScreenProjectsCommand"/>) and the choices of the
/// filters. One statement over the LAOs' codes, whatever their number (docs/adr/0016-the-staff-desk.md).
/// </summary>
[Allow(Caller.Staff)]
public sealed record ListScreeningQueueQuery(
    int FiscalYear, string? ProvinceCode = null, string? DistrictCode = null, string? DimensionCode = null,
    int Page = 1, int PageSize = ListScreeningQueueQuery.DefaultPageSize)
    : IQuery<ScreeningQueue>, IProvinceOrNationScoped
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
}

/// <param name="ProvinceCode">The province listed; null for the nation (an admin who names none).</param>
/// <param name="Page">The page shown (the last one when the one asked is past the end).</param>
/// <param name="Provinces">The provinces an admin may narrow the queue to (none for a provincial office).</param>
/// <param name="Districts">The districts of the province listed (none for the nation: choose a province
/// first).</param>
public sealed record ScreeningQueue(
    int FiscalYear, string? ProvinceCode, string? ProvinceNameTh, string? DistrictCode, string? DimensionCode,
    int Page, int PageSize, int Total, IReadOnlyList<ScreeningQueueItem> Items,
    IReadOnlyList<ProvinceChoice> Provinces, IReadOnlyList<QueueChoice> Districts,
    IReadOnlyList<QueueChoice> Dimensions)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

public sealed record QueueChoice(string Code, string NameTh);

/// <summary>A project awaiting screening, with what the screener needs to decide.</summary>
/// <param name="Withdrawn">It was screened once, and an edit of what it is about withdrew that screening.</param>
public sealed record ScreeningQueueItem(
    Guid Id, int Version, string DlaCode, string LaoNameTh, string ProvinceNameTh, string DistrictNameTh,
    string Name, string DimensionCode, string DimensionNameTh, string? MissionCode, string? MissionNameTh,
    string WorkType, IReadOnlyList<int> Quarters, bool NoBudget, decimal Budget, string Essence,
    IReadOnlyList<string> TargetGroups, string? TargetGroupOther, string Objectives, string? Remarks, bool Withdrawn);

public sealed class ListScreeningQueueValidator : AbstractValidator<ListScreeningQueueQuery>
{
    public ListScreeningQueueValidator()
    {
        RuleFor(x => x.FiscalYear).ValidFiscalYear();
        RuleFor(x => x.DistrictCode).Matches("^[0-9]{4}$").WithMessage("รหัสอำเภอต้องเป็นตัวเลข 4 หลัก")
            .When(x => !string.IsNullOrEmpty(x.DistrictCode));
        RuleFor(x => x.DimensionCode).Matches("^[0-9]{1,2}$").WithMessage("รหัสมิติไม่ถูกต้อง")
            .When(x => !string.IsNullOrEmpty(x.DimensionCode));
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1).WithMessage("หน้าที่ต้องเป็นจำนวนเต็มตั้งแต่ 1 ขึ้นไป");
        RuleFor(x => x.PageSize).InclusiveBetween(1, ListScreeningQueueQuery.MaxPageSize)
            .WithMessage($"แสดงได้หน้าละ 1 ถึง {ListScreeningQueueQuery.MaxPageSize} โครงการ");
    }
}

public sealed class ListScreeningQueueHandler(DbSession db, ISender sender)
    : IQueryHandler<ListScreeningQueueQuery, ScreeningQueue>
{
    /// <summary>The projects awaiting screening of a year among the LAOs of @Codes, in the order of the codes; the
    /// partial index of db/migrations/projects/0008_add_screening_queue_index.sql serves it.</summary>
    private const string From = """
        FROM projects.projects p
        JOIN unnest(@Codes::text[]) WITH ORDINALITY AS l(dla_code, ord) ON l.dla_code = p.dla_code
        WHERE p.fiscal_year = @FiscalYear AND p.conformity = 'unset' AND p.deleted_at IS NULL
        """;

    /// <summary>The filter of one dimension: a statement of its own, not "<c>@x IS NULL OR ...</c>", whose one
    /// prepared plan would serve both (docs/adr/0038-national-pages-read-lightly.md).</summary>
    private const string OfDimension = "\n  AND p.dimension_code = @DimensionCode";

    /// <summary>The count, the page it allows (the last one when the one asked is past the end) and that page's
    /// projects with whether an edit withdrew their screening, in one statement; an empty queue is one row of the count
    /// and nulls.</summary>
    private static string Queue(string from) => "WITH total AS (SELECT count(*)::integer AS n\n" + from + "),\n" + """
        shown AS (
            SELECT p.id, p.version, p.dla_code, p.name, p.quarters, p.work_type, p.dimension_code, p.mission_code,
                   p.essence, p.no_budget, p.budget, p.target_groups, p.target_group_other, p.objectives, p.remarks,
                   p.entry_no, l.ord
        """ + "\n" + from + "\n" + """
            ORDER BY l.ord, p.dimension_code, p.entry_no
            LIMIT @PageSize
            OFFSET (SELECT (least(@Page, greatest(1, (n + @PageSize - 1) / @PageSize)) - 1) * @PageSize FROM total)
        )
        SELECT total.n AS total, s.*,
               EXISTS (SELECT 1 FROM projects.project_changes c WHERE c.project_id = s.id AND c.kind = 'screened')
                   AS withdrawn
        FROM total LEFT JOIN shown s ON true
        ORDER BY s.ord, s.dimension_code, s.entry_no
        """;

    private static readonly string QueueOfAll = Queue(From);
    private static readonly string QueueOfDimension = Queue(From + OfDimension);

    public async ValueTask<ScreeningQueue> Handle(ListScreeningQueueQuery query, CancellationToken ct)
    {
        var province = await sender.Send(new GetProvinceOrNationInScopeQuery(query.ProvinceCode), ct);
        var inScope = await sender.Send(new ListLaosQuery(province?.Code), ct);
        var tree = await sender.Send(new GetDimensionTreeQuery(query.FiscalYear), ct);
        // a district or dimension that is not one of the choices (another province's, another plan period's)
        // filters nothing
        var district = inScope.Any(l => l.DistrictCode == query.DistrictCode) ? query.DistrictCode : null;
        var dimension = tree.Dimensions.Any(d => d.Code == query.DimensionCode) ? query.DimensionCode : null;
        var laos = inScope.Where(l => district is null || l.DistrictCode == district).ToList();
        var rows = await db.QueryAsync<QueueRow>(dimension is null ? QueueOfAll : QueueOfDimension, new
        {
            Codes = laos.Select(l => l.DlaCode).ToArray(), query.FiscalYear, DimensionCode = dimension,
            query.PageSize, query.Page,
        }, ct);
        var total = rows[0].Total;
        var pageCount = Math.Max(1, (total + query.PageSize - 1) / query.PageSize);
        var page = Math.Min(query.Page, pageCount);
        var laoOf = laos.ToDictionary(l => l.DlaCode);
        var items = rows.Where(r => r.Id != Guid.Empty).Select(r =>
        {
            var lao = laoOf[r.DlaCode];
            return new ScreeningQueueItem(r.Id, r.Version, r.DlaCode, lao.NameTh, lao.ProvinceNameTh,
                lao.DistrictNameTh, r.Name, r.DimensionCode, tree.NameOf(r.DimensionCode) ?? "", r.MissionCode,
                r.MissionCode is null ? null : tree.NameOf(r.MissionCode), r.WorkType,
                r.Quarters.Select(q => (int)q).ToList(), r.NoBudget, r.Budget, r.Essence, r.TargetGroups,
                r.TargetGroupOther, r.Objectives, r.Remarks, r.Withdrawn);
        }).ToList();
        var districts = province is null
            ? []
            : inScope.DistinctBy(l => l.DistrictCode).Select(l => new QueueChoice(l.DistrictCode, l.DistrictNameTh))
                .ToList();
        var dimensions = tree.Dimensions.Select(d => new QueueChoice(d.Code, d.NameTh)).ToList();
        var provinces = (await sender.Send(new GetScopeChoicesQuery(province?.Code, ProvincesOnly: true), ct))
            .Provinces;
        return new ScreeningQueue(query.FiscalYear, province?.Code, province?.NameTh, district, dimension, page,
            query.PageSize, total, items, provinces.Count > 1 ? provinces : [], districts, dimensions);
    }

    /// <summary>A row of the queue's one statement: the count on every row, a project's fields (their defaults, an
    /// empty id, on the one row of an empty page).</summary>
    private sealed class QueueRow : ProjectRow
    {
        public int Total { get; init; }
        public bool Withdrawn { get; init; }
    }
}
