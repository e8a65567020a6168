using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Validation;
using EPlanNacc.Modules.Evaluation.Contracts;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts.Scope;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Reporting.Features.Reports;
using FluentValidation;
using Mediator;

namespace EPlanNacc.Modules.Reporting.Features.Completeness;

/// <summary>
/// Who has done what in one round, for one province: every LAO of the province (profile completed? plan recorded?
/// round reported, on time or late? implementation band) with a subtotal per district and the province's total.
/// Staff: a provincial office its own province (none named means its own; another answers 404), an admin any
/// (and must name it; the nation is <see cref="GetNationalCompletenessQuery"/>). <c>GET
/// /api/v1/admin/completeness?provinceCode=</c>, the page <c>/staff/completeness</c> and the staff desk.
/// </summary>
[Allow(Caller.Staff)]
[Limited(Usage.Report)]
public sealed record GetCompletenessQuery(int FiscalYear, int Round, string? ProvinceCode = null)
    : IQuery<CompletenessReport>, IReportQuery, IProvinceScoped;

/// <summary>The same figures for the whole nation, one row per province (the provinces that have LAOs in the
/// registry; Bangkok has none). NACC central only. <c>GET /api/v1/admin/completeness</c> without a province.</summary>
/// <param name="Recent">Figures computed up to a few seconds ago will do (<see cref="RecentFigures"/>): for a page
/// that shows <see cref="CompletenessReport.FiguresAt"/>. The API and the files are always computed anew.</param>
[Allow(Caller.Admin)]
[Limited(Usage.Report)]
public sealed record GetNationalCompletenessQuery(int FiscalYear, int Round, bool Recent = false)
    : IQuery<CompletenessReport>, IReportQuery;

public sealed class GetCompletenessValidator : AbstractValidator<GetCompletenessQuery>
{
    public GetCompletenessValidator()
    {
        RuleFor(x => x.FiscalYear).ValidFiscalYear();
        RuleFor(x => x.Round).ValidRound();
        RuleFor(x => x.ProvinceCode).ProvinceCodeOrEmpty();
    }
}

public sealed class GetNationalCompletenessValidator : AbstractValidator<GetNationalCompletenessQuery>
{
    public GetNationalCompletenessValidator()
    {
        RuleFor(x => x.FiscalYear).ValidFiscalYear();
        RuleFor(x => x.Round).ValidRound();
    }
}

public sealed class GetCompletenessHandler(ISender sender) : IQueryHandler<GetCompletenessQuery, CompletenessReport>
{
    public async ValueTask<CompletenessReport> Handle(GetCompletenessQuery query, CancellationToken ct)
    {
        var province = await sender.Send(new GetProvinceInScopeQuery(query.ProvinceCode), ct);
        var laos = await sender.Send(new ListLaosQuery(province.Code), ct);
        var codes = laos.Select(l => l.DlaCode).ToList();
        var facts = await CompletenessFacts.LoadAsync(sender, query.FiscalYear, query.Round, codes, ct);
        var areas = laos.GroupBy(l => (l.DistrictCode, l.DistrictNameTh))
            .Select(g => CompletenessArea.Of(g.Key.DistrictCode, g.Key.DistrictNameTh, g.Select(facts.Of).ToList()))
            .ToList();
        return new CompletenessReport(query.FiscalYear, query.Round, facts.Progress.OpensOn, facts.Progress.Deadline,
            province.Code, province.NameTh, areas, CompletenessCounts.Sum(areas.Select(a => a.Counts)));
    }
}

public sealed class GetNationalCompletenessHandler(ISender sender, RecentFigures recent, TimeProvider clock)
    : IQueryHandler<GetNationalCompletenessQuery, CompletenessReport>
{
    public async ValueTask<CompletenessReport> Handle(GetNationalCompletenessQuery query, CancellationToken ct)
    {
        if (!query.Recent)
            return await ComputeAsync(query, ct) with { FiguresAt = clock.GetUtcNow() };
        // computed once for everyone waiting: no one's cancellation may end it for the others
        var (report, at) = await recent.GetAsync($"completeness:{query.FiscalYear}:{query.Round}",
            () => ComputeAsync(query, CancellationToken.None));
        return report with { FiguresAt = at };
    }

    private async Task<CompletenessReport> ComputeAsync(GetNationalCompletenessQuery query, CancellationToken ct)
    {
        // the LAOs' places and profile flags without names (7,849 rows, no Thai sort): a row per province is what
        // the nation's page and API show, so the LAOs themselves stay out of the answer
        var laos = await sender.Send(new ListLaoPlacesQuery(), ct);
        var provinces = (await sender.Send(new ListProvinceNamesQuery(), ct)).ToDictionary(p => p.Code, p => p.NameTh);
        var facts = await CompletenessFacts.LoadAsync(sender, query.FiscalYear, query.Round, null, ct);
        var areas = laos.GroupBy(l => l.ProvinceCode).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new CompletenessArea(g.Key, provinces.GetValueOrDefault(g.Key, g.Key),
                CompletenessCounts.Of(g.Select(l => facts.Of(l.DlaCode, "", l.DistrictCode, "", l.ProfileCompleted))),
                []))
            .ToList();
        return new CompletenessReport(query.FiscalYear, query.Round, facts.Progress.OpensOn, facts.Progress.Deadline,
            null, null, areas, CompletenessCounts.Sum(areas.Select(a => a.Counts)));
    }
}

/// <summary>What the other modules say of a set of LAOs (null: the nation) in one round, one set-based contract query
/// each: the round's progress per LAO (Projects) and the implementation band per LAO (Evaluation). The LAOs
/// themselves, with their profile flag and registry place, come from LocalAuthorityProfile.</summary>
internal sealed record CompletenessFacts(RoundProgress Progress, IReadOnlyDictionary<string, LaoRoundProgress> ByLao,
    IReadOnlyDictionary<string, LaoBand> Bands)
{
    public static async Task<CompletenessFacts> LoadAsync(ISender sender, int fiscalYear, int round,
        IReadOnlyList<string>? dlaCodes, CancellationToken ct)
    {
        var progress = await sender.Send(new ListRoundProgressQuery(fiscalYear, round, dlaCodes), ct);
        var bands = await sender.Send(new ListImplementationBandsQuery(fiscalYear, round, dlaCodes), ct);
        return new CompletenessFacts(progress, progress.Laos.ToDictionary(l => l.DlaCode),
            bands.ToDictionary(b => b.DlaCode));
    }

    public LaoCompleteness Of(LaoInfo lao) =>
        Of(lao.DlaCode, lao.NameTh, lao.DistrictCode, lao.DistrictNameTh, lao.ProfileCompleted);

    public LaoCompleteness Of(string dlaCode, string nameTh, string districtCode, string districtNameTh,
        bool profileCompleted)
    {
        var progress = ByLao.GetValueOrDefault(dlaCode);
        var band = Bands.GetValueOrDefault(dlaCode);
        var state = progress?.State ?? LaoRoundState.NoPlan;
        return new LaoCompleteness(dlaCode, nameTh, districtCode, districtNameTh, profileCompleted,
            state != LaoRoundState.NoPlan, RoundTexts.Code(state),
            RoundTexts.State(state, progress?.Reported ?? 0, progress?.NeedReport ?? 0),
            progress?.NeedReport ?? 0, progress?.Reported ?? 0, progress?.FinishedAt,
            progress?.OnTime ?? false, progress?.Late ?? false, progress?.InExtension ?? false,
            Progress.Extensions.TryGetValue(dlaCode, out var until) ? until : null, band?.Score, band?.Band);
    }
}
