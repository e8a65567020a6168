using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Validation;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts.Scope;
using EPlanNacc.Modules.Reporting.Features.Completeness;
using EPlanNacc.Modules.Reporting.Rendering;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;

namespace EPlanNacc.Modules.Reporting.Features.Reports;

/// <summary>The province roll-up as the staff page shows it (<c>/reports/province</c>): the report and its HTML as
/// computed at most <see cref="ReportingOptions.ProvinceReportSeconds"/> ago, with the time they were
/// (docs/adr/0038-national-pages-read-lightly.md). Officers of a province reading its roll-up at once wait for one
/// computation, not one each. The scope is the caller's, checked at every request; the PDF, the Excel file, the API,
/// the batches and the nightly files are always computed anew (<see cref="GetProvinceReportQuery"/>).</summary>
[Allow(Caller.Staff)]
[Limited(Usage.Report)]
public sealed record GetRecentProvinceReportQuery(string? ProvinceCode, int FiscalYear, int Round)
    : IQuery<RecentProvinceReport>, IProvinceScoped;

/// <param name="Html">The report's fragment (<see cref="ReportHtmlWriter.Fragment"/>).</param>
/// <param name="At">When the figures were read.</param>
public sealed record RecentProvinceReport(ProvinceReport Report, ReportDocument Document, string Html,
    DateTimeOffset At);

public sealed class GetRecentProvinceReportValidator : AbstractValidator<GetRecentProvinceReportQuery>
{
    public GetRecentProvinceReportValidator()
    {
        RuleFor(x => x.FiscalYear).ValidFiscalYear();
        RuleFor(x => x.Round).ValidRound();
        RuleFor(x => x.ProvinceCode).ProvinceCodeOrEmpty();
    }
}

public sealed class GetRecentProvinceReportHandler(
    ISender sender, RecentFigures recent, IOptions<ReportingOptions> options)
    : IQueryHandler<GetRecentProvinceReportQuery, RecentProvinceReport>
{
    public async ValueTask<RecentProvinceReport> Handle(GetRecentProvinceReportQuery query, CancellationToken ct)
    {
        // the caller's province (its own when none is named), whoever computed the kept figures
        var province = await sender.Send(new GetProvinceInScopeQuery(query.ProvinceCode), ct);
        var (kept, at) = await recent.GetAsync(
            $"province-report:{province.Code}:{query.FiscalYear}:{query.Round}", options.Value.ProvinceReportSeconds,
            async () =>
            {
                var report = await sender.Send(
                    new GetProvinceReportQuery(province.Code, query.FiscalYear, query.Round), ct);
                var document = report.ToDocument();
                return new RecentProvinceReport(report, document, ReportHtmlWriter.Fragment(document), default);
            });
        return kept with { At = at };
    }
}
