using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.Modules.Reporting.Features.Completeness;

namespace EPlanNacc.Host.Pages.Reporting;

/// <summary>The rows of the completeness page in the order and selection asked: the areas (provinces of the nation,
/// districts of a province) and the LAOs of a province, sorted by a column (<see cref="Sorts"/>) and filtered
/// (<see cref="Filters"/>: an LAO in that state; on the nation's page, a province with at least one). In the default
/// order the LAOs stay grouped by district, each district followed by its subtotal.</summary>
/// <param name="Grouped">The LAOs are in district order, so the page puts each district's subtotal after its
/// LAOs.</param>
public sealed record CompletenessView(
    string Sort, bool Desc, string Filter, IReadOnlyList<CompletenessArea> Areas, IReadOnlyList<LaoCompleteness> Laos,
    bool Grouped)
{
    public static class Sorts
    {
        public const string Name = "name";
        public const string Laos = "laos";
        public const string Profile = "profile";
        public const string Plan = "plan";
        public const string Reported = "reported";
        public const string Late = "late";
        public const string NotReported = "not_reported";
        public const string Green = "green";
        public const string Score = "score";
        public const string FinishedAt = "finished";
    }

    public static class Filters
    {
        public const string All = "";
        public const string NotReported = "not_reported";
        public const string Late = "late";
        public const string NoPlan = "no_plan";

        /// <summary>The filters in the order the page offers them, with their Thai labels.</summary>
        public static readonly IReadOnlyList<(string Code, string Label)> Offered =
        [
            (All, "ทั้งหมด"), (NotReported, "ยังไม่รายงาน"), (Late, "รายงานล่าช้า"), (NoPlan, "ยังไม่บันทึกแผน"),
        ];

        public static bool Keeps(string filter, LaoCompleteness lao) => filter switch
        {
            NotReported => !lao.RoundReported,
            Late => lao.Late,
            NoPlan => !lao.PlanRecorded,
            _ => true,
        };

        public static bool Keeps(string filter, CompletenessCounts area) => filter switch
        {
            NotReported => area.NotReported > 0,
            Late => area.Late > 0,
            NoPlan => area.NoPlan > 0,
            _ => true,
        };
    }

    private static readonly StringComparer Thai = StringComparer.Create(ThaiFormat.Culture, false);

    public static CompletenessView Of(CompletenessReport report, string? sort, bool desc, string? filter)
    {
        var f = Filters.Offered.Any(o => o.Code == filter) ? filter! : Filters.All;
        var s = sort?.Trim().ToLowerInvariant() ?? "";
        var areas = report.Areas.Where(a => Filters.Keeps(f, a.Counts));
        var laos = report.Laos.Where(l => Filters.Keeps(f, l));
        var areaKey = AreaKey(s);
        var laoKey = LaoKey(s);
        var sortedAreas = areaKey is not null ? Order(areas, a => areaKey(a.Counts), desc, a => a.NameTh)
            : s == Sorts.Name ? ByName(areas, desc, a => a.NameTh)
            : areas;
        var sortedLaos = laoKey is not null ? Order(laos, laoKey, desc, l => l.NameTh)
            : s == Sorts.Name ? ByName(laos, desc, l => l.NameTh)
            : laos;
        return new CompletenessView(s, desc, f, sortedAreas.ToList(), sortedLaos.ToList(),
            Grouped: laoKey is null && s != Sorts.Name);
    }

    /// <summary>Shares sort by their per cent (a large province and a small one compare), counts by their
    /// number.</summary>
    private static Func<CompletenessCounts, decimal>? AreaKey(string sort) => sort switch
    {
        Sorts.Laos => c => c.LaoCount,
        Sorts.Profile => c => c.Percent(c.ProfileCompleted) ?? 0m,
        Sorts.Plan => c => c.Percent(c.PlanRecorded) ?? 0m,
        Sorts.Reported => c => c.Percent(c.RoundReported) ?? 0m,
        Sorts.Late => c => c.Late,
        Sorts.NotReported => c => c.NotReported,
        Sorts.Green => c => c.Percent(c.Green) ?? 0m,
        _ => null,
    };

    private static Func<LaoCompleteness, decimal>? LaoKey(string sort) => sort switch
    {
        Sorts.Profile => l => l.ProfileCompleted ? 1 : 0,
        Sorts.Plan => l => l.PlanRecorded ? 1 : 0,
        Sorts.Reported => l => l.RoundReported ? 2 : l.Reported > 0 ? 1 : 0,
        Sorts.Late => l => l.Late ? 1 : 0,
        Sorts.FinishedAt => l => l.FinishedAt?.ToUnixTimeSeconds() ?? long.MaxValue,
        Sorts.Score => l => l.Score ?? -1m,
        _ => null,
    };

    /// <summary>By the key, then by Thai name; descending reverses the key.</summary>
    private static IEnumerable<T> Order<T>(IEnumerable<T> rows, Func<T, decimal> key, bool desc,
        Func<T, string> name) =>
        (desc ? rows.OrderByDescending(key) : rows.OrderBy(key)).ThenBy(name, Thai);

    private static IEnumerable<T> ByName<T>(IEnumerable<T> rows, bool desc, Func<T, string> name) =>
        desc ? rows.OrderByDescending(name, Thai) : rows.OrderBy(name, Thai);
}
