using System.Text.Json;
using EPlanNacc.BuildingBlocks.Errors;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace EPlanNacc.Host.Infrastructure;

/// <summary>RFC 7807 answers with Thai titles for the API, and the mapping of refusals to their status codes:
/// validation 400 (errors by request field), not found 404, forbidden 403, conflict 409, try later 429 (the caller's
/// limit: also from the rate limiter and the sign-in endpoints) or 503 (the system's: a full print queue, or the
/// database out of reach, <see cref="DatabaseOutage"/>), with Retry-After.
/// Nothing the caller sends produces a 500.</summary>
public static class ApiProblems
{
    public static string TitleFor(int status) => status switch
    {
        400 => "ข้อมูลไม่ถูกต้อง",
        401 => "กรุณาเข้าสู่ระบบ",
        403 => "ท่านไม่มีสิทธิ์ดำเนินการนี้",
        404 => "ไม่พบข้อมูลที่ต้องการ",
        405 => "ไม่รองรับวิธีเรียกนี้",
        409 => "ข้อมูลขัดแย้งกับสถานะปัจจุบัน",
        413 => "ข้อมูลที่ส่งมีขนาดใหญ่เกินไป",
        415 => "รูปแบบข้อมูลไม่รองรับ กรุณาส่งเป็น application/json",
        429 => "มีการเรียกใช้งานมากเกินไป กรุณารอสักครู่แล้วลองใหม่",
        503 => "ระบบมีผู้ใช้งานจำนวนมากในขณะนี้ กรุณาลองใหม่อีกครั้งในอีกสักครู่",
        _ when status >= 500 => "เกิดข้อผิดพลาดในระบบ กรุณาลองใหม่อีกครั้ง",
        _ => "ไม่สามารถดำเนินการได้",
    };

    public static Task Write(HttpContext ctx, int status, string? title = null, string? detail = null,
        IDictionary<string, string[]>? errors = null)
    {
        var problem = errors is null ? new ProblemDetails() : new HttpValidationProblemDetails(errors);
        problem.Status = status;
        problem.Title = title ?? TitleFor(status);
        problem.Detail = detail;
        problem.Type = $"https://httpstatuses.io/{status}";
        ctx.Response.StatusCode = status;
        return ctx.Response.WriteAsJsonAsync(problem, problem.GetType(), options: null,
            contentType: "application/problem+json");
    }

    /// <summary>"Location.ProvinceCode" → "location.provinceCode", "Rounds[0].Status" → "rounds[0].status".</summary>
    public static string JsonPath(string propertyName) =>
        string.Join('.', propertyName.Split('.').Select(s => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..]));

    public static Dictionary<string, string[]> Errors(ValidationException ex) =>
        ex.Errors.GroupBy(e => JsonPath(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());
}

/// <summary>Maps exceptions under <c>/api</c> to problem details.</summary>
public sealed partial class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext ctx, Exception exception, CancellationToken ct)
    {
        // the middleware may already point the request at the error page: judge by the original path
        var path = ctx.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? ctx.Request.Path.Value ?? string.Empty;
        if (!path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase)) return false;
        switch (exception)
        {
            case ValidationException v:
                await ApiProblems.Write(ctx, 400, errors: ApiProblems.Errors(v));
                return true;
            case RuleViolationException r:
                await ApiProblems.Write(ctx, 400, detail: r.Message,
                    errors: new Dictionary<string, string[]> { [r.Field ?? string.Empty] = [r.Message] });
                return true;
            case NotFoundException n:
                await ApiProblems.Write(ctx, 404, detail: n.Message);
                return true;
            case ForbiddenException f:
                await ApiProblems.Write(ctx, 403, detail: f.Message);
                return true;
            case TryLaterException later:
                await ApiProblems.Write(ctx, TryLaterAnswers.Answer(ctx.Response, later), detail: later.Message);
                return true;
            case ConflictException c:
                await ApiProblems.Write(ctx, 409, title: c.Message,
                    detail: c.Details.Count > 0 ? string.Join("; ", c.Details) : null);
                return true;
            case BadHttpRequestException bad:
                await WriteBadRequest(ctx, bad);
                return true;
            case JsonException json: // a body an endpoint reads itself (PUT /api/v1/projects/{id})
                var (field, message) = JsonRefusal(json);
                await ApiProblems.Write(ctx, 400, errors: new Dictionary<string, string[]> { [field] = [message] });
                return true;
            case OperationCanceledException when ctx.RequestAborted.IsCancellationRequested:
                return true;
            case var outage when DatabaseOutage.Is(outage):
                await ApiProblems.Write(ctx, 503, title: DatabaseOutage.Title, detail: DatabaseOutage.Message);
                return true;
            default:
                logger.LogError(exception, "Unhandled error on {Path}", ctx.Request.Path);
                await ApiProblems.Write(ctx, 500);
                return true;
        }
    }

    /// <summary>The field a body's JSON was refused for and the Thai message: a member the request does not have, a
    /// member given twice, or a value of the wrong form (System.Text.Json names the first two only in its English
    /// message, "The JSON property 'x' could not be mapped..." and "Duplicate property 'x'...").</summary>
    public static (string Field, string Message) JsonRefusal(JsonException json)
    {
        var path = json.Path is { Length: > 2 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : "";
        var named = NamedMember().Match(json.Message);
        if (named.Success && json.Message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            var field = path.Length > 0 && !path.EndsWith(named.Groups[1].Value, StringComparison.Ordinal)
                ? $"{path}.{named.Groups[1].Value}" : path.Length > 0 ? path : named.Groups[1].Value;
            return (field, $"ไม่รู้จักช่อง {named.Groups[1].Value} กรุณาส่งเฉพาะช่องที่เอกสาร API กำหนด");
        }
        if (named.Success && json.Message.StartsWith("Duplicate", StringComparison.Ordinal))
            return (path.Length > 0 ? path : named.Groups[1].Value,
                $"ช่อง {named.Groups[1].Value} ซ้ำกันในข้อมูลที่ส่ง");
        return (path, path.Length > 0
            ? $"ค่าของ {path} ไม่อยู่ในรูปแบบที่ถูกต้อง" : "ข้อมูล JSON ไม่อยู่ในรูปแบบที่ถูกต้อง");
    }

    [System.Text.RegularExpressions.GeneratedRegex("'([^']{1,200})'")]
    private static partial System.Text.RegularExpressions.Regex NamedMember();

    private static Task WriteBadRequest(HttpContext ctx, BadHttpRequestException bad)
    {
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge) return ApiProblems.Write(ctx, 413);
        if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType) return ApiProblems.Write(ctx, 415);
        if (bad.InnerException is JsonException json)
        {
            var (field, message) = JsonRefusal(json);
            return ApiProblems.Write(ctx, 400, errors: new Dictionary<string, string[]> { [field] = [message] });
        }
        return ApiProblems.Write(ctx, 400,
            detail: "คำขอไม่ครบถ้วนหรือไม่อยู่ในรูปแบบที่ถูกต้อง กรุณาส่งข้อมูลเป็น JSON ตามเอกสาร API",
            errors: new Dictionary<string, string[]>
            {
                [string.Empty] = ["คำขอไม่ครบถ้วนหรือไม่อยู่ในรูปแบบที่ถูกต้อง"],
            });
    }
}
