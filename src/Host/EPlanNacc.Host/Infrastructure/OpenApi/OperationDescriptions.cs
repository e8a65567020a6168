using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EPlanNacc.BuildingBlocks.Spreadsheets;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace EPlanNacc.Host.Infrastructure.OpenApi;

/// <summary>What an operation needs and what it can answer, read from the endpoint's metadata so that the description
/// cannot drift from the code:
/// <list type="bullet">
/// <item>security: the bearer token, unless the endpoint allows anonymous callers (<c>AllowAnonymous</c>), which
/// then says so with an empty requirement;</item>
/// <item>the refusals every operation of its kind can give, besides those its endpoint declares: 401 and 403 when it
/// needs a token (no token; a role, a first set-up or a password change that does not allow it), 404 when its path
/// has parameters (a value the route does not take, or a thing absent or outside the caller's scope), 400 when it
/// takes input (docs/adr/0028-bad-input.md), 415 when it takes a body, 429 when it is rate limited (with
/// Retry-After, Host/Infrastructure/RateLimiting.cs): every one <c>application/problem+json</c>;</item>
/// <item>files (PDF, Excel, zip) as binary content of their media type;</item>
/// <item>the body of <c>PUT /api/v1/projects/{id}</c>, which the endpoint reads as JSON to accept the members of the
/// answer, as the command it is (<c>Accepts&lt;T&gt;</c>).</item>
/// </list></summary>
public sealed class OperationDescriptions : IOpenApiOperationTransformer
{
    public const string ProblemJson = "application/problem+json";

    /// <summary>The media types of files: described as binary content.</summary>
    public static readonly IReadOnlySet<string> FileTypes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        Modules.Reporting.Rendering.ReportOutputs.PdfContentType, XlsxWriter.ContentType,
        Modules.Reporting.Features.Batches.ReportBatchZip.ContentType,
    };

    /// <summary>What the parameters of docs/api.md mean, with an example from the tests' sample data.</summary>
    private static readonly Dictionary<string, (string Description, Func<JsonNode> Example)> Parameters = new()
    {
        ["fiscalYear"] = ("ปีงบประมาณ (พ.ศ.) / The fiscal year in the Buddhist Era: 2569 = 1 Oct 2025 to 30 Sep 2026 " +
                          "(where optional: the current one when omitted)", () => ApiExamples.FiscalYear),
        ["round"] = ("รอบการรายงาน / The round: 6 or 12 (months)", () => 6),
        ["dlaCode"] = ("รหัส อปท. / An LAO's 7-digit code of the DLA registry (staff: an LAO of their scope; an LAO " +
                       "itself when omitted)", () => ApiExamples.DlaCode),
        ["provinceCode"] = ("รหัสจังหวัด / A province's 2-digit code", () => ApiExamples.ProvinceCode),
        ["code"] = ("รหัสจังหวัด / A province's 2-digit code", () => ApiExamples.ProvinceCode),
        ["districtCode"] = ("รหัสอำเภอ / A district's 4-digit code", () => "9001"),
        ["format"] = ("รูปแบบ / json (the default), pdf (application/pdf) or xlsx (Excel)", () => "pdf"),
        ["username"] = ("ชื่อผู้ใช้ / An account's username: an LAO's 7-digit code or a staff username",
            () => ApiExamples.DlaCode),
        ["assessor"] = ("ผู้ประเมิน / " + string.Join("; ",
            Modules.Evaluation.Contracts.Assessors.All.Select(a =>
                $"{a} = {Modules.Evaluation.Contracts.Assessors.NameTh(a)}")), () => "self"),
        ["q"] = ("คำค้น / A code or part of a name", () => "เกาะยอ"),
        ["version"] = ("เวอร์ชันที่อ่าน / The version read: refused with 409 when the data changed since",
            () => 3),
        ["reason"] = ("เหตุผล / Why (staff acting on an LAO's data)", () => "ข้อมูลซ้ำ"),
        ["page"] = ("หน้า / The page, from 1", () => 1),
        ["from"] = ("ตั้งแต่วันที่ / From this day (YYYY-MM-DD, Bangkok time)", () => "2026-10-01"),
        ["to"] = ("ถึงวันที่ / To this day (YYYY-MM-DD, Bangkok time)", () => "2026-10-31"),
    };

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context,
        CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var document = context.Document ?? throw new InvalidOperationException("No document to refer to.");
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        operation.Security = anonymous
            ? []
            : [new OpenApiSecurityRequirement { [new(ApiDescription.BearerScheme, document)] = [] }];

        await DescribeBodyAsync(operation, context, metadata, cancellationToken);
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
            if (parameter.Name is { } name && Parameters.TryGetValue(name, out var known))
            {
                parameter.Description ??= known.Description;
                parameter.Example ??= known.Example();
                // read as text to refuse a bad value in Thai (400), but only whole numbers are taken
                if (parameter.Example is JsonValue number && number.GetValueKind() == JsonValueKind.Number
                    && parameter.Schema is OpenApiSchema { Type: JsonSchemaType.String } text)
                    text.Type = JsonSchemaType.Integer;
            }

        var parameters = operation.Parameters ?? [];
        var takesBody = operation.RequestBody is not null;
        if (takesBody || parameters.Count > 0) Refusal(operation, document, 400);
        if (!anonymous)
        {
            Refusal(operation, document, 401);
            Refusal(operation, document, 403);
        }
        if (parameters.Any(p => p.In == ParameterLocation.Path)) Refusal(operation, document, 404);
        if (takesBody) Refusal(operation, document, 415);
        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
        {
            Refusal(operation, document, 429);
            var limited = (OpenApiResponse)operation.Responses!["429"];
            limited.Headers ??= new Dictionary<string, IOpenApiHeader>();
            limited.Headers["Retry-After"] = new OpenApiHeader
            {
                Description = "วินาทีที่ต้องรอ / Seconds to wait before the next try",
                Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
            };
        }

        // a file without a type (Produces(200, contentType: zip)) is left without content by the framework
        foreach (var produces in metadata.OfType<IProducesResponseTypeMetadata>())
            if (operation.Responses?.GetValueOrDefault(produces.StatusCode.ToString(CultureInfo.InvariantCulture))
                is OpenApiResponse file)
                foreach (var mediaType in produces.ContentTypes.Where(FileTypes.Contains))
                {
                    file.Content ??= new Dictionary<string, OpenApiMediaType>();
                    file.Content.TryAdd(mediaType, new OpenApiMediaType());
                }
        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (response is not OpenApiResponse r) continue;
            if (status.StartsWith('4')) AsProblem(r, document, status, WithYear(operation));
            foreach (var (mediaType, content) in r.Content ?? new Dictionary<string, OpenApiMediaType>())
                if (FileTypes.Contains(mediaType))
                    content.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
        }
        operation.Responses = Sorted(operation.Responses);
    }

    /// <summary>The body an endpoint reads by hand (<c>JsonElement</c>) described as the request it accepts.</summary>
    private static async Task DescribeBodyAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context,
        IList<object> metadata, CancellationToken ct)
    {
        // the endpoint's own Accepts<T> comes after what the framework infers from the handler's parameters
        if (metadata.OfType<IAcceptsMetadata>().LastOrDefault(a => a.RequestType is not null) is not { } accepts
            || accepts.RequestType == typeof(System.Text.Json.JsonElement?)
            || operation.RequestBody?.Content is not { } content) return;
        var document = context.Document!;
        var name = accepts.RequestType!.Name;
        if (document.Components?.Schemas?.ContainsKey(name) != true)
            document.AddComponent<IOpenApiSchema>(name,
                await context.GetOrCreateSchemaAsync(accepts.RequestType, null, ct));
        foreach (var media in content.Values) media.Schema = new OpenApiSchemaReference(name, document);
        if (operation.RequestBody is OpenApiRequestBody body) body.Required = true;
    }

    private static void Refusal(OpenApiOperation operation, OpenApiDocument document, int status)
    {
        operation.Responses ??= [];
        var key = status.ToString(CultureInfo.InvariantCulture);
        if (!operation.Responses.ContainsKey(key))
            operation.Responses[key] = new OpenApiResponse { Description = Meaning(status) };
        AsProblem((OpenApiResponse)operation.Responses[key], document, key, WithYear(operation));
    }

    /// <summary>A refusal: a problem document (RFC 9457) with its Thai title; 400 with the fields' messages.</summary>
    private static void AsProblem(OpenApiResponse response, OpenApiDocument document, string status,
        bool withYear)
    {
        var schema = status == "400" ? "HttpValidationProblemDetails" : "ProblemDetails";
        response.Description = Meaning(int.Parse(status, CultureInfo.InvariantCulture));
        response.Content = new Dictionary<string, OpenApiMediaType>
        {
            [ProblemJson] = new()
            {
                Schema = new OpenApiSchemaReference(schema, document),
                Example = Example(status, withYear),
            },
        };
    }

    private static JsonNode Example(string status, bool withYear)
    {
        var code = int.Parse(status, CultureInfo.InvariantCulture);
        var problem = new JsonObject
        {
            ["type"] = $"https://httpstatuses.io/{code}",
            ["title"] = ApiProblems.TitleFor(code),
            ["status"] = code,
        };
        if (code == 400 && withYear) problem["errors"] = new JsonObject
        {
            ["fiscalYear"] = new JsonArray(
            EPlanNacc.BuildingBlocks.Validation.CodeRules.FiscalYearMessage)
        };
        return problem;
    }

    /// <summary>"ไม่พบข้อมูลที่ต้องการ / Not found: ...": the Thai title of the answer, and when it is given.</summary>
    public static string Meaning(int status) => ApiProblems.TitleFor(status) + " / " + status switch
    {
        400 => "Bad request: a value that cannot be read or breaks a rule (errors: the Thai message per field)",
        401 => "Unauthorized: no bearer token, or one that has ended",
        403 => "Forbidden: the caller's role may not do this (or its token may only finish a first set-up or " +
               "change its password)",
        404 => "Not found: absent, or outside the caller's scope",
        409 => "Conflict: the version read is stale, or the round is not open",
        415 => "Unsupported media type: send the body as application/json",
        429 => "Too many requests: wait for Retry-After seconds",
        _ => "Refused",
    };

    /// <summary>Whether the 400's example may show a refused fiscalYear (the operation takes one).</summary>
    private static bool WithYear(OpenApiOperation operation) =>
        operation.Parameters?.Any(p => p.Name == "fiscalYear") == true;

    private static OpenApiResponses Sorted(OpenApiResponses? responses)
    {
        var sorted = new OpenApiResponses();
        foreach (var (status, response) in (responses ?? []).OrderBy(r => r.Key, StringComparer.Ordinal))
            sorted[status] = response;
        return sorted;
    }
}
