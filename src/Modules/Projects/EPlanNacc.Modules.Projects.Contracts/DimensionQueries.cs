using EPlanNacc.BuildingBlocks.Security;
using Mediator;

namespace EPlanNacc.Modules.Projects.Contracts;

/// <summary>A node of the dimension taxonomy: a dimension (มิติ, "1"), a mission (ภารกิจ, "1.1") or a
/// sub-mission ("1.1.1"), with its children in order.</summary>
public sealed record DimensionNode(string Code, string NameTh, IReadOnlyList<DimensionNode> Children);

/// <summary>The taxonomy in force in a fiscal year (BE): the plan period covering it (2561-2564, 2566-2570), or
/// the latest period begun before it. Other modules use it to name dimensions.</summary>
[Allow(Caller.Anyone)]
public sealed record GetDimensionTreeQuery(int FiscalYear) : IQuery<DimensionTree>;

public sealed record DimensionTree(string PlanPeriod, string PlanPeriodNameTh, IReadOnlyList<DimensionNode> Dimensions)
{
    public IEnumerable<DimensionNode> All()
    {
        foreach (var d in Dimensions)
        {
            yield return d;
            foreach (var m in d.Children)
            {
                yield return m;
                foreach (var s in m.Children) yield return s;
            }
        }
    }

    public string? NameOf(string code) => All().FirstOrDefault(n => n.Code == code)?.NameTh;
}
