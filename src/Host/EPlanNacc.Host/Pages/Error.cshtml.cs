using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.Host.Infrastructure;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EPlanNacc.Host.Pages;

[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel(ILogger<ErrorModel> logger) : PageModel
{
    public int Status { get; private set; }
    public string Heading { get; private set; } = "";
    public string Message { get; private set; } = "";

    /// <summary>The request's trace id: the user quotes it to support, who find the request's log lines (each carries
    /// it) and its trace by it (docs/adr/0032-telemetry.md).</summary>
    public string Reference { get; private set; } = "";

    public void OnGet(int? code) => Describe(code);
    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        var error = HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error;
        Status = error switch
        {
            NotFoundException => 404,
            ForbiddenException => 403,
            TryLaterException later => Infrastructure.TryLaterAnswers.Answer(Response, later),
            AppException => 400,
            FluentValidation.ValidationException => 400,
            Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException => 400,
            BadHttpRequestException bad => bad.StatusCode,
            null => code is >= 400 and < 600 ? code.Value : 404,
            _ when Infrastructure.DatabaseOutage.Is(error) => 503,
            _ => 500,
        };
        if (Status == 500) logger.LogError(error, "Unhandled error on a page");
        (Heading, Message) = Status switch
        {
            404 => ("ไม่พบหน้าที่ต้องการ", error?.Message is { } m && error is NotFoundException
                ? m : "ไม่พบหน้าหรือข้อมูลที่ต้องการ อาจถูกลบไปแล้ว หรือท่านไม่มีสิทธิ์เข้าถึง"),
            403 => ("ท่านไม่มีสิทธิ์เข้าถึง", error?.Message ?? "เมนูนี้ไม่เปิดให้บัญชีของท่านใช้งาน"),
            400 when error is Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException =>
                ("แบบฟอร์มหมดอายุ",
                    "แบบฟอร์มนี้เปิดไว้นานเกินไปหรือถูกส่งซ้ำ กรุณากลับไปหน้าเดิม โหลดหน้าใหม่ แล้วลองอีกครั้ง"),
            400 when error is FluentValidation.ValidationException invalid => ("ข้อมูลไม่ถูกต้อง",
                string.Join(" ", invalid.Errors.Select(e => e.ErrorMessage).Distinct())),
            400 => ("ไม่สามารถดำเนินการได้", error?.Message
                ?? HttpContext.Items[AddressRefusals.Key] as string ?? "คำขอไม่ถูกต้อง"),
            405 => ("ไม่รองรับวิธีเรียกนี้", "กรุณากลับไปหน้าเดิมแล้วใช้ปุ่มบนหน้าจอ"),
            429 or 503 when error is TryLaterException => ("กรุณาลองใหม่อีกครั้งในอีกสักครู่", error.Message),
            503 => (Infrastructure.DatabaseOutage.Title, Infrastructure.DatabaseOutage.Message),
            _ => ("เกิดข้อผิดพลาดในระบบ",
                "ขออภัย ระบบไม่สามารถดำเนินการได้ในขณะนี้ กรุณาลองใหม่อีกครั้ง หากยังพบปัญหา กรุณาติดต่อเจ้าหน้าที่"),
        };
        Response.StatusCode = Status;
        Reference = System.Diagnostics.Activity.Current?.TraceId.ToHexString() ?? HttpContext.TraceIdentifier;
    }
}
