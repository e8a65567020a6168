using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Validation;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts.Scope;
using EPlanNacc.Modules.Reporting.Features.Batches;
using EPlanNacc.Modules.Reporting.Rendering;
using FluentValidation;
using Mediator;

namespace EPlanNacc.Modules.Reporting.Features.ProvinceFiles;

/// <summary>The province roll-up files the nightly job generated for a round (PDF and Excel, when there are), with
/// when: the province report page offers them for download at once, beside a freshly printed one. Staff, in scope as
/// the province report.</summary>
[Allow(Caller.Staff)]
public sealed record GetProvinceReportFilesQuery(string? ProvinceCode, int FiscalYear, int Round)
    : IQuery<IReadOnlyList<StoredReportFile>>, IProvinceScoped;

/// <param name="Format"><c>pdf</c> | <c>xlsx</c>.</param>
/// <param name="FullPath">Where it is on disk.</param>
public sealed record StoredReportFile(string Format, string FileName, long Bytes, DateTimeOffset GeneratedAt,
    string FullPath)
{
    public string ContentType => Format == "pdf" ? ReportOutputs.PdfContentType : ExcelWriter.ContentType;
}

public sealed class GetProvinceReportFilesValidator : AbstractValidator<GetProvinceReportFilesQuery>
{
    public GetProvinceReportFilesValidator()
    {
        RuleFor(x => x.FiscalYear).ValidFiscalYear();
        RuleFor(x => x.Round).ValidRound();
        RuleFor(x => x.ProvinceCode).ProvinceCodeOrEmpty();
    }
}

public sealed class GetProvinceReportFilesHandler(DbSession db, ISender sender, ReportFileStore files)
    : IQueryHandler<GetProvinceReportFilesQuery, IReadOnlyList<StoredReportFile>>
{
    private sealed record Row(string Format, string FileName, string StoredFile, long Bytes,
        DateTimeOffset GeneratedAt);

    public async ValueTask<IReadOnlyList<StoredReportFile>> Handle(GetProvinceReportFilesQuery query,
        CancellationToken ct)
    {
        var province = await sender.Send(new GetProvinceInScopeQuery(query.ProvinceCode), ct);
        var rows = await db.QueryAsync<Row>("""
            SELECT format, file_name, stored_file, bytes, generated_at FROM reporting.province_report_files
            WHERE province_code = @code AND fiscal_year = @FiscalYear AND round = @Round
            ORDER BY format
            """, new { province.Code, query.FiscalYear, query.Round }, ct);
        return rows.Select(r => new StoredReportFile(r.Format, r.FileName, r.Bytes, r.GeneratedAt,
            files.PathOf(r.StoredFile))).Where(f => File.Exists(f.FullPath)).ToList();
    }
}
