using EPlanNacc.Host.Infrastructure;
using EPlanNacc.Modules.Projects.Features.Import;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EPlanNacc.Host.Pages.Projects;

/// <summary>นำเข้าแผนจากไฟล์ Excel: download the template, upload the filled file, see every row's errors in Thai, then
/// confirm: the valid rows are saved in one transaction, or none when "all or nothing" is chosen. The uploaded file
/// travels with the confirm form, so that the import reads exactly what the preview showed. An LAO's page: NACC staff
/// are sent to คัดกรองโครงการ.</summary>
[Authorize(Policy = Policies.Lao)]
[RedirectRefused(Policies.Staff, "/Projects/Screening")]
[RequestSizeLimit(ProjectImportLimits.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ProjectImportLimits.MaxRequestBytes,
    ValueLengthLimit = ProjectImportLimits.MaxRequestBytes)]
public sealed class ImportModel(TimeProvider clock) : AppPageModel
{
    [BindProperty(SupportsGet = true)] public int? FiscalYear { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public string? FileContent { get; set; }
    [BindProperty] public string? FileName { get; set; }
    [BindProperty] public bool AllOrNothing { get; set; }

    public IReadOnlyList<int> Years { get; private set; } = [];
    public ProjectImportPreview? Preview { get; private set; }
    public ProjectImportResult? Result { get; private set; }

    public void OnGet() => LoadYears();

    public async Task<IActionResult> OnGetTemplateAsync(CancellationToken ct)
    {
        LoadYears();
        var file = await Sender.Send(new GetProjectImportTemplateQuery(FiscalYear!.Value), ct);
        return File(file.Content, ProjectImportFile.ContentType, file.FileName);
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        LoadYears();
        byte[]? bytes = null;
        if (Upload is { Length: > 0 })
        {
            // at most the request limit: the query refuses a file over ProjectImportLimits.MaxFileBytes in Thai
            using var buffer = new MemoryStream();
            await Upload.CopyToAsync(buffer, ct);
            bytes = buffer.ToArray();
        }
        FileName = Upload?.FileName;
        if (await TryAsync(async () =>
            Preview = await Sender.Send(new PreviewProjectImportQuery(FiscalYear, bytes), ct), prefix: ""))
            FileContent = Preview!.FileError is null && bytes is not null ? Convert.ToBase64String(bytes) : null;
        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync(CancellationToken ct)
    {
        LoadYears();
        byte[]? bytes = null;
        try { bytes = FileContent is null ? null : Convert.FromBase64String(FileContent); }
        catch (FormatException) { ModelState.AddModelError("", "ข้อมูลไฟล์ไม่สมบูรณ์ กรุณาอัปโหลดไฟล์ใหม่อีกครั้ง"); }
        if (ModelState.IsValid && await TryAsync(async () =>
            Result = await Sender.Send(new ImportProjectsCommand(FiscalYear, bytes, AllOrNothing), ct), prefix: ""))
        {
            if (Result!.Saved > 0)
            {
                Flash($"นำเข้าโครงการ {Result.Saved:#,##0} โครงการ จากไฟล์ {FileName} เรียบร้อยแล้ว" +
                      (Result.InvalidCount > 0
                          ? $" (ไม่ได้นำเข้า {Result.InvalidCount:#,##0} แถวที่มีข้อผิดพลาด)" : ""));
                return RedirectToPage("/Projects/List", new { fiscalYear = FiscalYear });
            }
            Preview = new ProjectImportPreview(FiscalYear!.Value, Result.FileError, Result.Rows);
        }
        return Page();
    }

    private void LoadYears()
    {
        (Years, var year) = FiscalYearChoice.For(clock, FiscalYear);
        FiscalYear = year;
    }
}
