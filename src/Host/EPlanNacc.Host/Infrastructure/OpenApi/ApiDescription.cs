using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EPlanNacc.Host.Infrastructure.OpenApi;

/// <summary>The description of the JSON API served at <c>/openapi/v1.json</c> (docs/adr/0039-openapi-description.md):
/// what the framework infers from the endpoints (paths, names, summaries, schemas, declared answers), completed by
/// these transformers: who may call each operation (<see cref="OperationDescriptions"/>), the answers every
/// operation can give, the codes and their Thai labels and the examples (<see cref="SchemaDescriptions"/>), and the
/// document's licence, contact, server and tags (<see cref="DocumentDescription"/>). A copy is checked in at
/// docs/openapi/v1.json; a test compares it with the served one, and Redocly's recommended rules lint it.</summary>
public static class ApiDescription
{
    public const string DocumentName = "v1";
    public const string BearerScheme = "Bearer";

    public static IServiceCollection AddApiDescription(this IServiceCollection services) =>
        services.Configure<OpenApiOptions>(DocumentName, o =>
        {
            o.AddSchemaTransformer<SchemaDescriptions>();
            o.AddOperationTransformer<OperationDescriptions>();
            o.AddDocumentTransformer<DocumentDescription>();
        });
}

/// <summary>The document's own data: licence, contact, the server (relative: the host that serves the document),
/// and one tag per group of operations with what it is for, in the order a reader meets them.</summary>
public sealed class DocumentDescription : IOpenApiDocumentTransformer
{
    /// <summary>The tags of <c>WithTags</c> in the endpoints (Host/Api/**), Thai and English.</summary>
    public static readonly IReadOnlyList<(string Name, string Description)> Tags =
    [
        ("Authentication", "เข้าสู่ระบบและออกจากระบบ / Sign in for a bearer token, end it, reset a forgotten " +
                           "password. Anonymous, except revoke."),
        ("Account", "บัญชีผู้ใช้ของตนเอง / The signed-in user's own account (change of password)."),
        ("Reference data", "ข้อมูลอ้างอิง / Provinces, districts, LAO types, the LAO look-up and the dimension " +
                           "tree of a fiscal year. No sign-in needed."),
        ("LAO profile", "ข้อมูลพื้นฐาน อปท. / The signed-in LAO's basic data (three pages saved at once); the " +
                        "first set-up sets the password."),
        ("Projects", "แผนปฏิบัติการ / An LAO's projects of a fiscal year, their screening by staff and their " +
                     "results in the 6- and 12-month rounds. Staff read LAOs of their scope with dlaCode."),
        ("Summary", "ข้อมูลโดยสรุป / The summary of a fiscal year: projects, budget and what each round reported."),
        ("Evaluation", "ผลการประเมิน / Implementation scores and the assessment sheets (self, provincial, central)."),
        ("Reports", "รายงาน / The four reports as JSON, PDF or Excel (format=json|pdf|xlsx)."),
        ("Staff: accounts", "เจ้าหน้าที่: บัญชีผู้ใช้ / Accounts in the caller's scope: search, reset, lock and " +
                            "unlock, staff accounts and the provincial offices' accounts."),
        ("Staff: audit", "เจ้าหน้าที่: ประวัติการใช้งาน / The audit trail in the caller's scope."),
        ("Staff: LAOs", "เจ้าหน้าที่: ข้อมูล อปท. / An LAO's basic data, for staff in scope."),
        ("Staff: rounds", "เจ้าหน้าที่: รอบการรายงาน / The rounds' dates (admin) and the extensions of one LAO's " +
                          "deadline (admin, or the provincial office for its LAOs)."),
        ("Staff: evaluation", "เจ้าหน้าที่: เกณฑ์การประเมิน / The maximum score per dimension and the passing " +
                              "total of a fiscal year."),
        ("Staff: completeness", "เจ้าหน้าที่: ความครบถ้วนของข้อมูล / Who has done what in a round, by province or " +
                                "by LAO of one province."),
        ("Staff: report batches", "เจ้าหน้าที่: รายงานชุด / Bulk PDFs of a province or the nation, built in the " +
                                  "background and downloaded as one zip."),
        ("Staff: reminders", "เจ้าหน้าที่: แจ้งเตือนกำหนดส่ง / The LAOs a deadline reminder goes to, and sending it " +
                             "now."),
    ];

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context,
        CancellationToken cancellationToken)
    {
        document.Info.License = new OpenApiLicense
        {
            Name = "Proprietary: the Office of the National Anti-Corruption Commission (NACC), Thailand",
            Url = new Uri("https://www.nacc.go.th/"),
        };
        document.Info.Contact = new OpenApiContact
        {
            Name = "สำนักงาน ป.ป.ช. (NACC), E-PlanNACC",
            Url = new Uri("https://www.nacc.go.th/"),
        };
        // relative: the host that serves the document serves the API (the test host, the demo, production)
        document.Servers =
        [
            new OpenApiServer { Url = "/", Description = "This E-PlanNACC host (the one serving this document)" },
        ];
        var used = document.Paths.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
            .SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>()).Select(t => t.Name).ToHashSet();
        document.Tags = new HashSet<OpenApiTag>(Tags.Where(t => used.Contains(t.Name))
            .Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));
        foreach (var extra in used.Where(name => Tags.All(t => t.Name != name)))
            throw new InvalidOperationException($"The tag '{extra}' has no description in DocumentDescription.Tags.");
        // the body of PUT /api/v1/projects/{id} is read as a JsonElement and described as UpdateProjectCommand
        document.Components?.Schemas?.Remove("JsonElement");
        Loosen(document);
        return Task.CompletedTask;
    }

    /// <summary>A request body need not carry every member of its record: the route gives the ids (route values
    /// win), and a missing member is refused with its field's Thai message (400), not by the schema. So a body's
    /// record requires nothing, and the records inside it (shared with answers: the profile's pages) do not require
    /// the members that may be null. The framework marks every constructor parameter required.</summary>
    private static void Loosen(OpenApiDocument document)
    {
        if (document.Components?.Schemas is not { } schemas) return;
        var bodies = document.Paths.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
            .SelectMany(o => o.RequestBody?.Content?.Values ?? Enumerable.Empty<OpenApiMediaType>())
            .SelectMany(m => References(m.Schema)).ToHashSet();
        var seen = new HashSet<string>();
        var next = new Queue<string>(bodies);
        while (next.TryDequeue(out var id))
        {
            if (!seen.Add(id) || !schemas.TryGetValue(id, out var found) || found is not OpenApiSchema schema) continue;
            if (bodies.Contains(id)) schema.Required?.Clear();
            else
                foreach (var (name, member) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
                    if (IsNullable(member)) schema.Required?.Remove(name);
            foreach (var member in (schema.Properties ?? new Dictionary<string, IOpenApiSchema>()).Values)
                foreach (var reference in References(member)) next.Enqueue(reference);
        }
    }

    private static bool IsNullable(IOpenApiSchema schema) =>
        schema.Type?.HasFlag(JsonSchemaType.Null) == true || schema.OneOf?.Any(IsNullable) == true;

    /// <summary>The component schemas a schema refers to, itself or through its variants and items.</summary>
    private static IEnumerable<string> References(IOpenApiSchema? schema)
    {
        if (schema is null) yield break;
        if (schema is OpenApiSchemaReference { Reference.Id: { } id })
        {
            yield return id;
            yield break;
        }
        var parts = (schema.OneOf ?? []).Concat(schema.AnyOf ?? []).Concat(schema.AllOf ?? [])
            .Append(schema.Items).Append(schema.AdditionalProperties);
        foreach (var part in parts)
            foreach (var inner in References(part)) yield return inner;
    }
}
