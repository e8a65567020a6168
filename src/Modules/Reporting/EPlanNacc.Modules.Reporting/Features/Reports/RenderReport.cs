using EPlanNacc.BuildingBlocks.Data;
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
public interface IReportQuery : IMessage, EPlanNacc.BuildingBlocks.Data.IReadsReports;

/// <summary>One of the four reports as a PDF (A4, Chromium) or an Excel workbook, printed now. The report query runs
/// with its own validation and scope. A PDF takes its place in the print queue first (<see cref="PdfPrintQueue"/>:
/// 429 or 503 at once when there is none), and its data read, gives the database connection back before it waits for
/// Chromium: a thousand PDFs waiting hold no connection (docs/adr/0022-a-printer-that-cannot-reach-out.md).</summary>
[Allow(Caller.SignedIn)]
[Limited(Usage.Report)]
public sealed record RenderReportQuery(IReportQuery Report, ReportOutput Output) : IQuery<ReportFile>,
    EPlanNacc.BuildingBlocks.Data.IReadsReports;

public sealed class RenderReportValidator : AbstractValidator<RenderReportQuery>
{
    public RenderReportValidator() =>
        RuleFor(x => x.Output).Must(o => o is ReportOutput.Pdf or ReportOutput.Xlsx)
            .WithMessage(ReportOutputs.FormatMessage).OverridePropertyName("format");
}

public sealed class RenderReportHandler(
    ISender sender, IPdfRenderer pdf, PdfPrintQueue queue, DbSession db, ICurrentUser user, TimeProvider clock)
    : IQueryHandler<RenderReportQuery, ReportFile>
{
    public async ValueTask<ReportFile> Handle(RenderReportQuery query, CancellationToken ct)
    {
        using var place = query.Output == ReportOutput.Pdf
            ? queue.Admit(user.AsCaller() is null ? null : user.UserId) : null;
        var report = (IReport)(await sender.Send((object)query.Report, ct))!;
        var document = report.ToDocument();
        var printedAt = clock.GetUtcNow();
        if (query.Output == ReportOutput.Xlsx)
            return new ReportFile(ExcelWriter.Write(document, printedAt), ExcelWriter.ContentType,
                document.FileName + ".xlsx");
        await db.ReleaseConnectionAsync();
        return new ReportFile(await pdf.RenderAsync(document, printedAt, ct), ReportOutputs.PdfContentType,
            document.FileName + ".pdf");
    }
}
