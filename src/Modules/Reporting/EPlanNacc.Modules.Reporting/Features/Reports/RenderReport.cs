using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.Reporting.Rendering;
using FluentValidation;
using Mediator;

namespace EPlanNacc.Modules.Reporting.Features.Reports;

/// <summary>A report's data (the API's <c>format=json</c> answer) that can say itself as a
/// <see cref="ReportDocument"/>: the one model the screen, the PDF and the Excel file are written from.</summary>
public interface IReport
{
    ReportDocument ToDocument();
}

/// <summary>A query whose answer is an <see cref="IReport"/>.</summary>
public interface IReportQuery : IMessage;

/// <summary>One of the four reports as a PDF (A4, Chromium) or an Excel workbook, printed now. The report query runs
/// with its own validation and scope.</summary>
[Allow(Caller.SignedIn)]
public sealed record RenderReportQuery(IReportQuery Report, ReportOutput Output) : IQuery<ReportFile>;

public sealed class RenderReportValidator : AbstractValidator<RenderReportQuery>
{
    public RenderReportValidator() =>
        RuleFor(x => x.Output).Must(o => o is ReportOutput.Pdf or ReportOutput.Xlsx)
            .WithMessage(ReportOutputs.FormatMessage).OverridePropertyName("format");
}

public sealed class RenderReportHandler(ISender sender, IPdfRenderer pdf, TimeProvider clock)
    : IQueryHandler<RenderReportQuery, ReportFile>
{
    public async ValueTask<ReportFile> Handle(RenderReportQuery query, CancellationToken ct)
    {
        var report = (IReport)(await sender.Send((object)query.Report, ct))!;
        var document = report.ToDocument();
        var printedAt = clock.GetUtcNow();
        return query.Output == ReportOutput.Pdf
            ? new ReportFile(await pdf.RenderAsync(document, printedAt, ct), ReportOutputs.PdfContentType,
                document.FileName + ".pdf")
            : new ReportFile(ExcelWriter.Write(document, printedAt), ExcelWriter.ContentType,
                document.FileName + ".xlsx");
    }
}
