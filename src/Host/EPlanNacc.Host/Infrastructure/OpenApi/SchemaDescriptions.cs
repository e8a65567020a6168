using System.Text.Json.Nodes;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Host.Api.Reporting;
using EPlanNacc.Modules.Evaluation.Contracts;
using EPlanNacc.Modules.Identity.Features;
using EPlanNacc.Modules.LocalAuthorityProfile.Features.Profiles;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Projects.Features.Projects;
using EPlanNacc.Modules.Projects.Features.RoundReports;
using EPlanNacc.Modules.Reporting.Features.Batches;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EPlanNacc.Host.Infrastructure.OpenApi;

/// <summary>The schemas' codes with their Thai labels, taken from the modules' own label code (never retyped here),
/// and the examples of <see cref="ApiExamples"/>. A code member lists its values in its description
/// ("project = โครงการ; ...") and in <c>x-enum-descriptions</c> (in the order of <c>enum</c>); a member that is always
/// present (an answer's) also gets <c>enum</c>, a request's optional one not (null is accepted there and refused
/// with a Thai message by the validation).</summary>
public sealed class SchemaDescriptions : IOpenApiSchemaTransformer
{
    private static IEnumerable<KeyValuePair<string, string>> Labelled(IEnumerable<string> codes,
        Func<string, string> label) => codes.Select(c => KeyValuePair.Create(c, label(c)));

    private static readonly IEnumerable<KeyValuePair<string, string>> Roles =
        Labelled([UserRoles.Lao, UserRoles.Provincial, UserRoles.Admin], AccountTexts.Role);

    private static readonly IEnumerable<KeyValuePair<string, string>> ProjectStatuses = ProjectLabels.Statuses;

    /// <summary>The code members by name, whatever record declares them.</summary>
    private static readonly Dictionary<string, IEnumerable<KeyValuePair<string, string>>> ByName = new()
    {
        ["workType"] = ProjectLabels.WorkTypes,
        ["conformity"] = ProjectLabels.Conformity,
        ["targetGroups"] = ProjectCodes.TargetGroups,
        ["notPossibleReason"] = ProjectLabels.NotPossibleReasons,
        ["size"] = LaoSizes.Names,
        ["role"] = Roles,
        ["state"] = Labelled(AccountStates.All, AccountTexts.State),
        ["band"] = Labelled([ScoreBands.Green, ScoreBands.Orange, ScoreBands.Red], b => ScoreBands.NameTh(b)),
    };

    /// <summary>The code members whose name means different things in different records.</summary>
    private static readonly Dictionary<(Type, string), IEnumerable<KeyValuePair<string, string>>> ByMember = new()
    {
        [(typeof(RoundReportDetails), "status")] = ProjectStatuses,
        [(typeof(ReportRoundResultCommand), "status")] = ProjectStatuses,
        [(typeof(ReportBatchAnswer), "status")] = Labelled(
            [ReportBatchStatuses.Queued, ReportBatchStatuses.Running, ReportBatchStatuses.Succeeded,
                ReportBatchStatuses.Failed], ReportBatchStatuses.NameTh),
        [(typeof(CreateReportBatchCommand), "kind")] = Labelled(ReportBatchKinds.All, ReportBatchKinds.NameTh),
    };

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context,
        CancellationToken cancellationToken)
    {
        // the members are described with their record (the framework does not hand every member schema over: not
        // those of a record inside a dictionary, as a project's rounds)
        if (context.JsonPropertyInfo is not null) return Task.CompletedTask;
        var type = context.JsonTypeInfo.Type;
        DescribeMembers(schema, type);
        // a round not reported yet is null (docs/api.md: "rounds": { "6": null, "12": {...} }); the record of a
        // round is not handed over by itself (a dictionary's values)
        if (type == typeof(ProjectDetails) && schema.Properties?["rounds"] is OpenApiSchema
            {
                AdditionalProperties: { } round,
            } rounds)
        {
            if (round is OpenApiSchema inline) DescribeMembers(inline, typeof(RoundReportDetails));
            rounds.AdditionalProperties = new OpenApiSchema
            {
                OneOf = [new OpenApiSchema { Type = JsonSchemaType.Null }, round],
            };
        }
        // a problem document may carry members of its own (RFC 9457): the changes of a 409, the errors of a 400
        if (typeof(ProblemDetails).IsAssignableFrom(type)) schema.AdditionalPropertiesAllowed = true;
        if (ApiExamples.For(type) is { } example) schema.Examples = [example];
        return Task.CompletedTask;
    }

    private static void DescribeMembers(OpenApiSchema schema, Type type)
    {
        foreach (var (name, member) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
        {
            if (member is not OpenApiSchema inline) continue;
            if (ByMember.TryGetValue((type, name), out var codes)
                || (!IsAmbiguous(name) && ByName.TryGetValue(name, out codes)))
                Describe(inline, codes.ToList());
        }
    }

    private static bool IsAmbiguous(string name) => ByMember.Keys.Any(k => k.Item2 == name);

    private static void Describe(OpenApiSchema schema, IReadOnlyList<KeyValuePair<string, string>> codes)
    {
        var list = string.Join("; ", codes.Select(c => $"{c.Key} = {c.Value}"));
        schema.Description = string.IsNullOrEmpty(schema.Description)
            ? $"ค่าที่ใช้ได้ / Values: {list}" : $"{schema.Description} ค่าที่ใช้ได้ / Values: {list}";
        var target = schema.Type == JsonSchemaType.Array && schema.Items is OpenApiSchema items ? items : schema;
        target.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        target.Extensions["x-enum-descriptions"] =
            new JsonNodeExtension(new JsonArray([.. codes.Select(c => (JsonNode?)JsonValue.Create(c.Value))]));
        if (target.Type == JsonSchemaType.String)
            target.Enum = [.. codes.Select(c => (JsonNode)JsonValue.Create(c.Key))];
    }
}
