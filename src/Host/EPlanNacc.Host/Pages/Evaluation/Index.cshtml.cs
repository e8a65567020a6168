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
        (Years, var year) = FiscalYearChoice.For(clock, FiscalYear);
        FiscalYear = year;
        if (IsStaff)
        {
            var choices = await Sender.Send(new GetScopeChoicesQuery(ProvinceCode), ct);
            (Provinces, ProvinceCode, Laos) = (choices.Provinces, choices.ProvinceCode, choices.Laos);
            if (string.IsNullOrWhiteSpace(DlaCode)) return;
        }
        var query = new GetEvaluationQuery(year, DlaCode);
        await TryAsync(async () => Evaluation = await Sender.Send(query, ct), prefix: "");
    }
}
