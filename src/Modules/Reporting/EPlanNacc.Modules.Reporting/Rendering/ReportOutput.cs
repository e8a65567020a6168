using EPlanNacc.BuildingBlocks.Errors;

namespace EPlanNacc.Modules.Reporting.Rendering;

/// <summary>What a report is asked as: <c>format=json|pdf|xlsx</c> (docs/api.md); json when none is named.</summary>
public enum ReportOutput { Json, Pdf, Xlsx }

public static class ReportOutputs
{
    public const string PdfContentType = "application/pdf";
    public const string FormatMessage = "รูปแบบรายงาน (format) ต้องเป็น json, pdf หรือ xlsx";

    /// <summary>The output a <c>format</c> value names (case-insensitive);
    /// anything else is refused in Thai (400).</summary>
    public static ReportOutput Parse(string? format) => format?.Trim().ToLowerInvariant() switch
    {
        null or "" or "json" => ReportOutput.Json,
        "pdf" => ReportOutput.Pdf,
        "xlsx" => ReportOutput.Xlsx,
        _ => throw new RuleViolationException(FormatMessage, "format"),
    };
}

/// <summary>A report as a file to download.</summary>
/// <param name="FileName">With its extension: <c>performance-6900106-2570-r6.pdf</c>.</param>
public sealed record ReportFile(byte[] Content, string ContentType, string FileName);
