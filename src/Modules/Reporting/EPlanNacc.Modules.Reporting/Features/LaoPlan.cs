using EPlanNacc.Modules.Evaluation.Contracts;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts.Scope;
using EPlanNacc.Modules.Projects.Contracts;
using Mediator;

namespace EPlanNacc.Modules.Reporting.Features;

/// <summary>A dimension (มิติ) as the summaries and reports list it.</summary>
public sealed record PlanDimension(string Code, string NameTh);

/// <summary>One LAO's plan for a fiscal year as the summary and the LAO reports read it, through the other modules'
/// contracts: the LAO (in the caller's scope, by the scope contract), its live projects with both rounds'
/// results, the year's dimension taxonomy and the implementation scores last calculated.</summary>
internal sealed record LaoPlan(
    LaoInfo Lao, int FiscalYear, IReadOnlyList<ProjectResultItem> Projects, DimensionTree Tree,
    IReadOnlyList<ImplementationScoreItem> Scores)
{
    public static async Task<LaoPlan> LoadAsync(ISender sender, string? dlaCode, int fiscalYear, CancellationToken ct)
    {
        var lao = await sender.Send(new GetLaoInScopeQuery(dlaCode), ct);
        return new LaoPlan(lao, fiscalYear,
            await sender.Send(new ListProjectResultsQuery(fiscalYear, lao.DlaCode), ct),
            await sender.Send(new GetDimensionTreeQuery(fiscalYear), ct),
            await sender.Send(new GetImplementationScoresQuery(fiscalYear, [lao.DlaCode]), ct));
    }

    /// <summary>Every dimension of the year's taxonomy in order, then any other dimension a project names (a
    /// taxonomy edited after the project was recorded), so that no project falls out of a table.</summary>
    public IReadOnlyList<PlanDimension> Dimensions
    {
        get
        {
            var list = Tree.Dimensions.Select(d => new PlanDimension(d.Code, d.NameTh)).ToList();
            list.AddRange(Projects.Select(p => p.DimensionCode).Distinct()
                .Where(code => list.All(d => d.Code != code)).Order()
                .Select(code => new PlanDimension(code, Tree.NameOf(code) ?? "")));
            return list;
        }
    }

    public IReadOnlyList<ProjectResultItem> In(string dimensionCode) =>
        Projects.Where(p => p.DimensionCode == dimensionCode).ToList();

    /// <summary>The stored score of a round, for a dimension or (null) the whole plan.</summary>
    public ImplementationScoreItem? Score(int round, string? dimensionCode) =>
        Scores.FirstOrDefault(s => s.Round == round && s.DimensionCode == dimensionCode);

    /// <summary>When the scores were calculated (null: never, no project counted yet).</summary>
    public DateTimeOffset? CalculatedAt => Scores.Count == 0 ? null : Scores.Max(s => s.CalculatedAt);

    public string Place => ReportPlaces.Describe(Lao);
}
