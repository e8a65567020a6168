using System.Globalization;

namespace EPlanNacc.Modules.Projects.Features.Import;

/// <summary>The limits of an uploaded plan, defined once: the preview and the import refuse a larger file or more
/// rows with these messages, and the import page states them and sizes its request limits from them.</summary>
public static class ProjectImportLimits
{
    public const int MaxFileBytes = 2 * 1024 * 1024;
    public const int MaxRows = 2000;

    /// <summary>The largest request of the import page: the file (preview), or its Base64 copy in the confirm form
    /// (4/3 of it), with room for the other fields.</summary>
    public const int MaxRequestBytes = 2 * MaxFileBytes;

    /// <summary>"2 MB"</summary>
    public static readonly string MaxFileSize = $"{MaxFileBytes / (1024 * 1024)} MB";

    /// <summary>"2,000"</summary>
    public static readonly string MaxRowsText = MaxRows.ToString("#,##0", CultureInfo.InvariantCulture);

    public static readonly string FileTooLarge = $"ไฟล์มีขนาดเกิน {MaxFileSize} กรุณาแบ่งไฟล์";

    public static string TooManyRows(int rows) => string.Create(CultureInfo.InvariantCulture,
        $"ไฟล์มีโครงการ {rows:#,##0} แถว นำเข้าได้ครั้งละไม่เกิน {MaxRowsText} แถว กรุณาแบ่งไฟล์");
}
