using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Validation;
using EPlanNacc.Modules.Evaluation.Contracts;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts.Scope;
using EPlanNacc.Modules.Projects.Contracts;
using FluentValidation;
using Mediator;

namespace EPlanNacc.Modules.Evaluation.Features.Evaluations;

/// <summary>ผลการประเมิน of one LAO for a fiscal year, in the shape of <c>GET /api/v1/evaluation</c>: per dimension
/// the project count, budget, implementation score of both rounds and the assessment scores the caller may see;
/// and the totals. An LAO asks for its own; staff name an LAO of their scope.</summary>
[Allow(Caller.SignedIn)]
public sealed record GetEvaluationQuery(int FiscalYear, string? DlaCode = null) : IQuery<EvaluationDetails>, ILaoScoped;

public sealed record ScoreValue(decimal? Score, string? Band);

public sealed record AssessmentValue(decimal Score, decimal MaxScore);

public sealed record AssessmentValues(AssessmentValue? Self, AssessmentValue? Provincial, AssessmentValue? Central);

public sealed record DimensionEvaluation(
    string Code, string NameTh, int ProjectCount, decimal Budget,
    IReadOnlyDictionary<string, ScoreValue> Implementation, AssessmentValues Assessments);

public sealed record EvaluationDetails(
    int FiscalYear, string DlaCode, string LaoName, DateTimeOffset? CalculatedAt, int ProjectCount, decimal Budget,
    IReadOnlyDictionary<string, ScoreValue> Implementation, AssessmentValues Assessments,
    IReadOnlyList<DimensionEvaluation> Dimensions, decimal PassingTotal, decimal MaxTotal);

public sealed class GetEvaluationValidator : AbstractValidator<GetEvaluationQuery>
{
    public GetEvaluationValidator() =>
        RuleFor(x => x.FiscalYear).ValidFiscalYear();
}

public sealed class GetEvaluationHandler(ISender sender, ICurrentUser user)
    : IQueryHandler<GetEvaluationQuery, EvaluationDetails>
{
    public async ValueTask<EvaluationDetails> Handle(GetEvaluationQuery query, CancellationToken ct)
    {
        var lao = await sender.Send(new GetLaoInScopeQuery(query.DlaCode), ct);
        var dlaCode = lao.DlaCode;
        var tree = await sender.Send(new GetDimensionTreeQuery(query.FiscalYear), ct);
        var scores = await sender.Send(new GetImplementationScoresQuery(query.FiscalYear, [dlaCode]), ct);
        var assessments = await sender.Send(
            new GetAssessmentsQuery(query.FiscalYear, [dlaCode], OnlyVisibleToLao: user.Role == UserRole.Lao), ct);

        ScoreValue Score(int round, string? dimension)
        {
            var row = scores.FirstOrDefault(s => s.Round == round && s.DimensionCode == dimension);
            return new ScoreValue(row?.Score, row?.Band);
        }

        AssessmentValue? Assessment(string assessor, string? dimension)
        {
            var sheet = assessments.Assessments.FirstOrDefault(a => a.Assessor == assessor);
            if (sheet is null) return null;
            if (dimension is null) return new AssessmentValue(sheet.Total, assessments.MaxTotal);
            return sheet.ScoreByDimension.TryGetValue(dimension, out var s)
                && assessments.MaxByDimension.TryGetValue(dimension, out var max)
                ? new AssessmentValue(s, max)
                : null;
        }

        AssessmentValues Assessments(string? dimension) =>
            new(Assessment(Assessors.Self, dimension), Assessment(Assessors.Provincial, dimension),
                Assessment(Assessors.Central, dimension));

        var dimensions = tree.Dimensions.Select(d =>
        {
            var row = scores.FirstOrDefault(s => s.DimensionCode == d.Code);
            return new DimensionEvaluation(d.Code, d.NameTh, row?.ProjectCount ?? 0, row?.Budget ?? 0m,
                new Dictionary<string, ScoreValue> { ["6"] = Score(6, d.Code), ["12"] = Score(12, d.Code) },
                Assessments(d.Code));
        }).ToList();
        var total = scores.FirstOrDefault(s => s.DimensionCode is null);
        return new EvaluationDetails(query.FiscalYear, dlaCode, lao.NameTh,
            scores.Count == 0 ? null : scores.Max(s => s.CalculatedAt),
            total?.ProjectCount ?? 0, total?.Budget ?? 0m,
            new Dictionary<string, ScoreValue> { ["6"] = Score(6, null), ["12"] = Score(12, null) },
            Assessments(null), dimensions, assessments.PassingTotal, assessments.MaxTotal);
    }
}
