using EPlanNacc.Modules.Projects.Contracts;

namespace EPlanNacc.Modules.Reporting.Features;

/// <summary>A dimension (มิติ) as the summaries and reports list it.</summary>
public sealed record PlanDimension(string Code, string NameTh)
{
    /// <summary>"มิติที่ 1 การสร้างสังคมที่ไม่ทนต่อการทุจริต"</summary>
    public string Label => $"มิติที่ {Code} {NameTh}".TrimEnd();
}

internal static class PlanDimensions
{
    /// <summary>Every dimension of the year's taxonomy in order, then any other dimension a project names (a
    /// taxonomy edited after the project was recorded), so that no project falls out of a table.</summary>
    public static IReadOnlyList<PlanDimension> Of(DimensionTree tree, IEnumerable<ProjectResultItem> projects)
    {
        var list = tree.Dimensions.Select(d => new PlanDimension(d.Code, d.NameTh)).ToList();
        list.AddRange(projects.Select(p => p.DimensionCode).Distinct().Where(code => list.All(d => d.Code != code)).Order()
            .Select(code => new PlanDimension(code, tree.NameOf(code) ?? "")));
        return list;
    }
}
