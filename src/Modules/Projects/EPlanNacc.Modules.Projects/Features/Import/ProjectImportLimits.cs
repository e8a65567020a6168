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

    /// <summary>How much of an uploaded workbook is read (<see cref="XlsxSheetReader"/>). A plan of
    /// <see cref="MaxRows"/> rows in the template fills a few MB at most (2 MB zipped: Thai text deflates about 4 to
    /// 6 times); the bounds leave it room several times over, and refuse in well under a second a file made to cost
    /// more (docs/adr/0024-uploads-read-within-bounds.md).</summary>
    internal static readonly XlsxReadLimits Xlsx = new(
        MaxEntries: 256, MaxSheets: 50, MaxPartBytes: 20 * 1024 * 1024, MaxTotalBytes: 50 * 1024 * 1024,
        MaxRunBytes: 256 * 1024, MaxNodes: 1_000_000, MaxColumns: 100, MaxRows: 5 * MaxRows,
        MaxRowsKept: 2 * MaxRows, MaxSharedStrings: 100_000, MaxCellChars: 32_767, Timeout: TimeSpan.FromSeconds(10));

    private const string PasteIntoTemplate = "กรุณาคัดลอกเฉพาะตารางโครงการลงในแบบฟอร์มที่ดาวน์โหลดจากระบบ";

    public const string NotXlsx = "อ่านไฟล์ไม่ได้ กรุณาใช้ไฟล์ Excel (.xlsx) ที่ดาวน์โหลดแบบฟอร์มจากระบบ";

    /// <summary>Why an uploaded file is not read, in Thai, with the limit it passed.</summary>
    internal static string Refused(XlsxRefusedException refused) => refused.Reason switch
    {
        XlsxRefusal.NotXlsx => NotXlsx,
        XlsxRefusal.OldFormat => "ไฟล์นี้เป็นไฟล์ Excel รุ่นเก่า (.xls) หรือไฟล์ที่ตั้งรหัสผ่านไว้ ระบบอ่านไม่ได้ " +
                                 "กรุณาเปิดด้วย Excel แล้วบันทึกเป็นไฟล์ .xlsx โดยไม่ตั้งรหัสผ่าน",
        XlsxRefusal.Doctype => "ไฟล์มีการประกาศ DOCTYPE หรือ ENTITY ในข้อมูล XML ซึ่งไฟล์ Excel ไม่ใช้ " +
                               $"ระบบจึงไม่อ่านไฟล์นี้ {PasteIntoTemplate}",
        XlsxRefusal.TooManyParts =>
            $"ไฟล์มีส่วนประกอบเกิน {N(Xlsx.MaxEntries)} ส่วน ซึ่งไม่ใช่ไฟล์แผนปฏิบัติการ {PasteIntoTemplate}",
        XlsxRefusal.Inflates => "ข้อมูลในไฟล์เมื่อคลายการบีบอัดมีขนาดเกินที่ระบบรับได้ " +
                                $"(ส่วนละไม่เกิน {Megabytes(Xlsx.MaxPartBytes)} " +
                                $"รวมไม่เกิน {Megabytes(Xlsx.MaxTotalBytes)}) {PasteIntoTemplate}",
        XlsxRefusal.TooManyNodes => $"ไฟล์มีองค์ประกอบ XML เกิน {N(Xlsx.MaxNodes)} รายการ " +
                                    $"ซึ่งมากกว่าแผนปฏิบัติการ {MaxRowsText} แถว {PasteIntoTemplate}",
        XlsxRefusal.TooManySheets =>
            $"ไฟล์มีแผ่นงานเกิน {N(Xlsx.MaxSheets)} แผ่น (ระบบอ่านเฉพาะแผ่นงานแรก) {PasteIntoTemplate}",
        XlsxRefusal.DeclaredRange =>
            $"แผ่นงานแรกระบุช่วงข้อมูล {refused.Where} ซึ่งใหญ่เกินที่ระบบอ่านได้ {SheetBounds} {PasteIntoTemplate}",
        XlsxRefusal.Outside => $"แผ่นงานแรกมี{refused.Where} นอกช่วงที่ระบบอ่านได้ {SheetBounds} {PasteIntoTemplate}",
        XlsxRefusal.TooManyStrings => $"ไฟล์มีข้อความเกิน {N(Xlsx.MaxSharedStrings)} ข้อความ " +
                                      $"ซึ่งมากกว่าแผนปฏิบัติการ {MaxRowsText} แถว {PasteIntoTemplate}",
        XlsxRefusal.CellTooLong => $"ไฟล์มีข้อความในเซลล์เดียวยาวเกิน {N(Xlsx.MaxCellChars)} ตัวอักษร " +
                                   $"(ขีดจำกัดของ Excel) {PasteIntoTemplate}",
        XlsxRefusal.TooSlow => $"อ่านไฟล์ไม่เสร็จภายใน {N((long)Xlsx.Timeout.TotalSeconds)} วินาที {PasteIntoTemplate}",
        // XlsxRefusal.Broken
        _ => $"ข้อมูลภายในไฟล์ไม่อยู่ในรูปแบบของ Excel (.xlsx) หรือเสียหาย {PasteIntoTemplate}",
    };

    private static readonly string SheetBounds = $"(ไม่เกิน {N(Xlsx.MaxRows)} แถว และ {N(Xlsx.MaxColumns)} คอลัมน์)";
    private static string N(long n) => n.ToString("#,##0", CultureInfo.InvariantCulture);
    private static string Megabytes(long bytes) => $"{bytes / (1024 * 1024)} MB";

    public static string TooManyRows(int rows) => string.Create(CultureInfo.InvariantCulture,
        $"ไฟล์มีโครงการ {rows:#,##0} แถว นำเข้าได้ครั้งละไม่เกิน {MaxRowsText} แถว กรุณาแบ่งไฟล์");
}
