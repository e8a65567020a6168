using System.Text.Json;
using System.Text.Json.Nodes;
using EPlanNacc.Modules.Projects.Features.Projects;
using EPlanNacc.Modules.Projects.Features.RoundReports;
using EPlanNacc.Modules.Projects.Features.Rounds;
using EPlanNacc.Modules.Projects.Features.Screening;
using Mediator;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace EPlanNacc.Host.Api.Projects;

public sealed record ConformityRequest(bool? Conforms, string? Reason, int? Version = null);
public sealed record RoundDatesRequest(DateOnly? OpensOn, DateOnly? Deadline, int? Version = null);
public sealed record ExtensionRequest(string? DlaCode, DateOnly? Until, string? Reason);

/// <summary>The project endpoints of docs/api.md: an LAO's own plan and reports; staff read their scope with
/// <c>?dlaCode=</c> and screen. The request bodies bind straight into the commands (route values win).</summary>
public static class ProjectEndpoints
{
    public static void MapProjectEndpoints(this RouteGroupBuilder api)
    {
        var projects = api.MapGroup("/projects").WithTags("Projects");

        projects.MapGet("/", async (int? fiscalYear, string? dlaCode, ISender sender, CancellationToken ct) =>
            Results.Ok(await sender.Send(new ListProjectsQuery(fiscalYear, dlaCode), ct)))
            .Produces<IReadOnlyList<ProjectDetails>>().ProducesValidationProblem().ProducesProblem(401)
            .ProducesProblem(403).ProducesProblem(404)
            .WithName("listProjects").WithSummary("รายการโครงการ / List projects")
            .WithDescription(
                "The projects of a fiscal year (the current one when omitted): the LAO's own, or staff name " +
                         "an LAO of their scope with dlaCode");

        projects.MapPost("/", async (CreateProjectCommand? body, ISender sender, CancellationToken ct) =>
        {
            var id = await sender.Send(body ?? Empty, ct);
            return Results.Created($"/api/v1/projects/{id}", await sender.Send(new GetProjectQuery(id), ct));
        }).Produces<ProjectDetails>(201).ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403)
            .WithName("createProject").WithSummary("บันทึกโครงการ / Create a project")
            .WithDescription("Record a project of the LAO's plan (201 with Location)");

        projects.MapGet("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
            Results.Ok(await sender.Send(new GetProjectQuery(id), ct)))
            .Produces<ProjectDetails>().ProducesProblem(401).ProducesProblem(404)
            .WithName("getProject").WithSummary("อ่านโครงการ / Read a project")
            .WithDescription("One project (404 when absent, deleted or not the caller's to see)");

        projects.MapPut("/{id:guid}", async (Guid id, JsonElement? json, IOptions<JsonOptions> options,
            ISender sender, CancellationToken ct) =>
        {
            var body = Update(json, options.Value.SerializerOptions);
            var command = body is null ? new UpdateProjectCommand(id, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null)
                : body with { Id = id };
            await sender.Send(command, ct);
            return Results.Ok(await sender.Send(new GetProjectQuery(id), ct));
        }).Accepts<UpdateProjectCommand>("application/json")
            .Produces<ProjectDetails>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403)
            .ProducesProblem(404).ProducesProblem(409)
            .WithName("updateProject").WithSummary("แก้ไขโครงการ / Update a project")
            .WithDescription("Edit a project; must carry the version it read (409 when stale, with what changed). " +
                         "Staff in scope too, with a reason; after a round closed the LAO cannot move a project " +
                         "it had to report to another dimension or year (409)");

        projects.MapDelete("/{id:guid}",
            async (Guid id, int? version, string? reason, ISender sender, CancellationToken ct) =>
        {
            await sender.Send(new DeleteProjectCommand(id, version, reason), ct);
            return Results.NoContent();
        }).Produces(204).ProducesValidationProblem()
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithName("deleteProject").WithSummary("ลบโครงการ / Delete a project")
            .WithDescription(
                "Delete a project (kept in its history, left out of lists and scores); ?version= refuses " +
                         "a stale delete (409). Staff in scope too, with ?reason=; after a round closed the LAO " +
                         "cannot delete a project it had to report (409)");

        projects.MapPut("/{id:guid}/conformity",
            async (Guid id, ConformityRequest? body, ISender sender, CancellationToken ct) =>
        {
            var versions = body?.Version is { } read ? new Dictionary<Guid, int> { [id] = read } : null;
            await sender.Send(new ScreenProjectsCommand([id], body?.Conforms, body?.Reason, versions), ct);
            return Results.Ok(await sender.Send(new GetProjectQuery(id), ct));
        }).Produces<ProjectDetails>().ProducesValidationProblem()
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithName("screenProject").WithSummary("คัดกรองโครงการ / Screen a project")
            .WithDescription(
                "Screen a project: conforming to its dimension or not, with an optional reason (staff in " +
                         "scope; an LAO gets 403); with the version read, 409 when the project changed since");

        projects.MapPut("/{id:guid}/rounds/{round:int}",
            async (Guid id, int round, ReportRoundResultCommand? body, ISender sender, CancellationToken ct) =>
        {
            var empty = new ReportRoundResultCommand(id, round, null, null, null, null, null, null, null);
            var command = (body ?? empty) with { ProjectId = id, Round = round };
            await sender.Send(command, ct);
            return Results.Ok(await sender.Send(new GetProjectQuery(id), ct));
        }).Produces<ProjectDetails>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403)
            .ProducesProblem(404).ProducesProblem(409)
            .WithName("saveRoundReport").WithSummary("รายงานผลรอบ 6 หรือ 12 เดือน / Save a round report")
            .WithDescription(
                "Report or correct a project's result in round 6 or 12 (409 when the round is not open for " +
                         "this LAO; 400 for a non-conforming project)");
    }

    /// <summary>The members of a <c>Project</c> answer that its update does not take: a client may send back the
    /// project it read (docs/api.md), so they are accepted and not used; any other member the update does not have is
    /// refused (docs/adr/0028-bad-input.md).</summary>
    private static readonly string[] AnswerOnly = ["dlaCode", "conformity", "rounds"];

    private static UpdateProjectCommand? Update(JsonElement? json, JsonSerializerOptions options)
    {
        if (json is null or { ValueKind: JsonValueKind.Null }) return null;
        if (json.Value.ValueKind != JsonValueKind.Object) throw new JsonException("The body is not a JSON object.");
        try
        {
            var body = JsonObject.Create(json.Value)!;
            foreach (var member in AnswerOnly) body.Remove(member);
            return body.Deserialize<UpdateProjectCommand>(options);
        }
        // a member twice (JsonObject refuses it so), a string that is no UTF-16 (half a surrogate pair)
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            throw new JsonException("The body is no valid JSON object.", ex);
        }
    }

    public static void MapRoundAdminEndpoints(this RouteGroupBuilder api)
    {
        var rounds = api.MapGroup("/admin/rounds").WithTags("Staff: rounds");

        rounds.MapGet("/", async (int? fiscalYear, ISender sender, CancellationToken ct) =>
            Results.Ok(await sender.Send(new ListRoundsQuery(fiscalYear), ct)))
            .Produces<IReadOnlyList<RoundItem>>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403)
            .WithName("listRounds").WithSummary("รอบการรายงาน / List the rounds")
            .WithDescription(
                "The 6- and 12-month rounds of a fiscal year with their opening date and deadline (staff)");

        rounds.MapPut("/{fiscalYear:int}/{round:int}",
            async (int fiscalYear, int round, RoundDatesRequest? body, ISender sender, CancellationToken ct) =>
            Results.Ok(await sender.Send(
                new SetRoundDatesCommand(fiscalYear, round, body?.OpensOn, body?.Deadline, body?.Version), ct)))
            .Produces<RoundItem>().ProducesValidationProblem()
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(409)
            .WithName("setRoundDates").WithSummary("กำหนดวันเปิดและกำหนดส่ง / Set a round's dates")
            .WithDescription("Set a round's opening date and deadline (admin); with the version read, 409 when they " +
                         "changed since");

        rounds.MapGet("/{fiscalYear:int}/{round:int}/extensions",
            async (int fiscalYear, int round, string? provinceCode, string? districtCode, string? q, ISender sender,
                CancellationToken ct) =>
            Results.Ok(await sender.Send(
                new ListRoundExtensionsQuery(fiscalYear, round, provinceCode, districtCode, q), ct)))
            .Produces<IReadOnlyList<RoundExtensionItem>>().ProducesValidationProblem()
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404)
            .WithName("listRoundExtensions").WithSummary("รายการขยายเวลา / List extensions")
            .WithDescription("The extensions of a round in the caller's scope (staff; provincial: its province), " +
                         "optionally of one province, one district or matching q (code or name)");

        rounds.MapPost("/{fiscalYear:int}/{round:int}/extensions",
            async (int fiscalYear, int round, ExtensionRequest? body, ISender sender, CancellationToken ct) =>
            Results.Ok(await sender.Send(new GrantRoundExtensionCommand(fiscalYear, round, body?.DlaCode, body?.Until,
                body?.Reason), ct)))
            .Produces<EPlanNacc.Modules.Projects.Contracts.RoundExtension>().ProducesValidationProblem()
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404)
            .WithName("grantRoundExtension").WithSummary("ขยายเวลาส่งรายงาน / Grant an extension")
            .WithDescription("Grant one LAO a later deadline for a round, with a reason, at most 90 days after the " +
                         "deadline; replaces its earlier extension (admin, or provincial for an LAO of its province)");

        rounds.MapDelete("/{fiscalYear:int}/{round:int}/extensions/{dlaCode:regex(^[0-9]{{7}}$)}",
            async (int fiscalYear, int round, string dlaCode, string? reason, ISender sender, CancellationToken ct) =>
        {
            await sender.Send(new RevokeRoundExtensionCommand(fiscalYear, round, dlaCode, reason), ct);
            return Results.NoContent();
        }).Produces(204).ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404)
            .WithName("revokeRoundExtension").WithSummary("ยกเลิกการขยายเวลา / Revoke an extension")
            .WithDescription("Withdraw an LAO's extension, optionally saying why in ?reason= (admin, or provincial " +
                         "for an LAO of its province)");
    }

    private static readonly CreateProjectCommand Empty = new(null, null, null, null, null, null, null, null, null, null,
        null, null, null);
}
