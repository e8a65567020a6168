using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.Reporting.Features.Batches;
using EPlanNacc.Modules.Reporting.Features.Reports;
using EPlanNacc.Modules.Reporting.Rendering;
using Mediator;

namespace EPlanNacc.Modules.Reporting.Features.ProvinceFiles;

/// <summary>Generates one province's roll-up of a round as PDF and Excel (from one reading of its data) and keeps both
/// files in place of the previous ones, with the time they were generated. Sent by the nightly job, one job per
/// province. Returns the number of files written (2).</summary>
[Allow(Caller.Module)]
public sealed record GenerateProvinceReportFilesCommand(string ProvinceCode, int FiscalYear, int Round)
    : ICommand<int>;

public sealed class GenerateProvinceReportFilesHandler(
    DbSession db, ISender sender, IPdfRenderer pdf, ReportFileStore files, TimeProvider clock)
    : ICommandHandler<GenerateProvinceReportFilesCommand, int>
{
    public async ValueTask<int> Handle(GenerateProvinceReportFilesCommand command, CancellationToken ct)
    {
        var report = await sender.Send(
            new GetProvinceReportQuery(command.ProvinceCode, command.FiscalYear, command.Round), ct);
        var document = report.ToDocument();
        var now = clock.GetUtcNow();
        var outputs = new (string Format, byte[] Content)[]
        {
            ("pdf", await pdf.RenderAsync(document, now, ct)), ("xlsx", ExcelWriter.Write(document, now)),
        };
        foreach (var (format, content) in outputs)
        {
            var fileName = $"{document.FileName}.{format}";
            var stored = ReportFileStore.NightlyFile(command.FiscalYear, command.Round, fileName);
            await files.WriteAsync(files.PathOf(stored), content, ct);
            await db.ExecuteAsync("""
                INSERT INTO reporting.province_report_files
                    (province_code, fiscal_year, round, format, file_name, stored_file, bytes, generated_at)
                VALUES (@ProvinceCode, @FiscalYear, @Round, @format, @fileName, @stored, @bytes, @now)
                ON CONFLICT (province_code, fiscal_year, round, format) DO UPDATE
                SET file_name = excluded.file_name, stored_file = excluded.stored_file, bytes = excluded.bytes,
                    generated_at = excluded.generated_at
                """, new
            {
                command.ProvinceCode, command.FiscalYear, command.Round, format, fileName, stored,
                bytes = content.LongLength, now,
            }, ct);
        }
        return outputs.Length;
    }
}
