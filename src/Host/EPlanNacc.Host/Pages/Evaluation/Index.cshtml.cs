using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.Host.Infrastructure;
using EPlanNacc.Modules.Evaluation.Features.Evaluations;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts.Scope;
using Microsoft.AspNetCore.Mvc;

namespace EPlanNacc.Host.Pages.Evaluation;

/// <summary>ขั้นสูง → ผลการประเมิน: the evaluation of a fiscal year, dimension by dimension.</summary>
public sealed class IndexModel(TimeProvider clock) : AppPageModel
{
    [BindProperty(SupportsGet = true)] public int? FiscalYear { get; set; }
    [BindProperty(SupportsGet = true)] public string? DlaCode { get; set; }
    [BindProperty(SupportsGet = true)] public string? ProvinceCode { get; set; }

    public IReadOnlyList<int> Years { get; private set; } = [];
    public IReadOnlyList<LaoChoice> Laos { get; private set; } = [];
    public IReadOnlyList<ProvinceChoice> Provinces { get; private set; } = [];
    public EvaluationDetails? Evaluation { get; private set; }
    public bool IsStaff => User.IsStaff();
    public bool IsAdmin => User.IsAdmin();

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = ThaiFormat.TodayInBangkok(clock);
        Years = BuildingBlocks.Thai.FiscalYear.Selectable(today);
        if (FiscalYear is null || !Years.Contains(FiscalYear.Value)) FiscalYear = BuildingBlocks.Thai.FiscalYear.Of(today);
        if (IsStaff)
        {
            var choices = await Sender.Send(new GetScopeChoicesQuery(ProvinceCode), ct);
            (Provinces, ProvinceCode, Laos) = (choices.Provinces, choices.ProvinceCode, choices.Laos);
            if (string.IsNullOrWhiteSpace(DlaCode)) return;
        }
        await TryAsync(async () => Evaluation = await Sender.Send(new GetEvaluationQuery(FiscalYear.Value, IsStaff ? DlaCode : null), ct), prefix: "");
    }
}
