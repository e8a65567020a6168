using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.Modules.Evaluation.Features.Assessments;
using EPlanNacc.Modules.Evaluation.Features.Evaluations;
using Mediator;

namespace EPlanNacc.Host.Api.Evaluation;

public sealed record AssessmentRequest(IReadOnlyList<DimensionScoreInput>? Dimensions, int? Version = null);
public sealed record AssessmentSettingsRequest(decimal? PassingTotal, IReadOnlyList<DimensionMaximumInput>? Dimensions);

public static class EvaluationEndpoints
{
    public static void MapEvaluationEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/evaluation",
            async (int? fiscalYear, string? dlaCode, ISender sender, TimeProvider clock, CancellationToken ct) =>
            Results.Ok(await sender.Send(new GetEvaluationQuery(fiscalYear
                ?? FiscalYear.Of(ThaiFormat.TodayInBangkok(clock)), dlaCode), ct)))
            .WithTags("Evaluation").Produces<EvaluationDetails>().ProducesValidationProblem().ProducesProblem(404)
            .WithName("getEvaluation").WithSummary("ผลการประเมิน / Read the evaluation")
            .WithDescription("ผลการประเมิน of the LAO (staff: ?dlaCode= in scope): per dimension projects, budget, " +
                         "implementation scores of both rounds and the assessment scores the caller may see");

        var sheets = api.MapGroup("/evaluation/assessments/{dlaCode:regex(^[0-9]{{7}}$)}/{fiscalYear:int}/{assessor}")
            .WithTags("Evaluation");
        sheets.MapPut("/", async (string dlaCode, int fiscalYear, string assessor, AssessmentRequest? body,
            ISender sender, CancellationToken ct) =>
            Results.Ok(await sender.Send(
                new SaveAssessmentCommand(dlaCode, fiscalYear, assessor, body?.Dimensions, body?.Version), ct)))
            .Produces<AssessmentDetails>().ProducesValidationProblem()
            .ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithName("saveAssessment").WithSummary("บันทึกคะแนนประเมิน / Save an assessment")
            .WithDescription(
                "Enter the assessment scores of one assessor (self: the LAO; provincial: its office or an " +
                         "admin; central: an admin); with the version read, 409 when the sheet was saved since");
        sheets.MapGet("/",
            async (string dlaCode, int fiscalYear, string assessor, ISender sender, CancellationToken ct) =>
            Results.Ok(await sender.Send(new GetAssessmentQuery(dlaCode, fiscalYear, assessor), ct)))
            .Produces<AssessmentDetails>().ProducesProblem(404)
            .WithName("getAssessment").WithSummary("อ่านคะแนนประเมิน / Read an assessment")
            .WithDescription("One assessor's scores, if the caller may see them");
        sheets.MapPost("/publish",
            async (string dlaCode, int fiscalYear, string assessor, ISender sender, CancellationToken ct) =>
            Results.Ok(await sender.Send(new PublishAssessmentCommand(dlaCode, fiscalYear, assessor), ct)))
            .Produces<AssessmentDetails>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404)
            .WithName("publishAssessment").WithSummary("เผยแพร่ผลประเมิน / Publish an assessment")
            .WithDescription("Publish an office's assessment: the LAO sees it from then on");

        var settings = api.MapGroup("/admin/assessment-settings/{fiscalYear:int}").WithTags("Staff: evaluation");
        settings.MapGet("/", async (int fiscalYear, ISender sender, CancellationToken ct) =>
            Results.Ok(await sender.Send(new GetAssessmentSettingsQuery(fiscalYear), ct)))
            .Produces<AssessmentSettingsDetails>()
            .WithName("getAssessmentSettings").WithSummary("อ่านเกณฑ์การประเมิน / Read the assessment settings")
            .WithDescription("The maximum per dimension and the passing total of a fiscal year");
        settings.MapPut("/",
            async (int fiscalYear, AssessmentSettingsRequest? body, ISender sender, CancellationToken ct) =>
            Results.Ok(await sender.Send(new SaveAssessmentSettingsCommand(fiscalYear, body?.PassingTotal,
                body?.Dimensions), ct)))
            .Produces<AssessmentSettingsDetails>().ProducesValidationProblem().ProducesProblem(403)
            .WithName("saveAssessmentSettings").WithSummary("กำหนดเกณฑ์การประเมิน / Save the assessment settings")
            .WithDescription("Set the maximum per dimension and the passing total of a fiscal year (admin)");
    }
}
