using EPlanNacc.BuildingBlocks.Auditing;
using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.BuildingBlocks.Validation;
using EPlanNacc.Modules.Projects.Contracts;
using FluentValidation;
using Mediator;

namespace EPlanNacc.Modules.Evaluation.Features.Assessments;

/// <summary>The assessment settings of a fiscal year: the maximum score of each dimension and the minimum passing
/// total. Until an admin sets them: 25 per dimension of that year's taxonomy and a passing total of 50.</summary>
[Allow(Caller.SignedIn)]
public sealed record GetAssessmentSettingsQuery(int FiscalYear) : IQuery<AssessmentSettingsDetails>;

public sealed record DimensionMaximum(string Code, string NameTh, decimal MaxScore);

public sealed record AssessmentSettingsDetails(
    int FiscalYear, decimal PassingTotal, IReadOnlyList<DimensionMaximum> Dimensions, bool IsDefault,
    DateTimeOffset? UpdatedAt, string? UpdatedBy)
{
    public decimal MaxTotal => Dimensions.Sum(d => d.MaxScore);
}

public sealed class GetAssessmentSettingsValidator : AbstractValidator<GetAssessmentSettingsQuery>
{
    public GetAssessmentSettingsValidator() =>
        RuleFor(x => x.FiscalYear).ValidFiscalYear();
}

public sealed class GetAssessmentSettingsHandler(DbSession db, ISender sender)
    : IQueryHandler<GetAssessmentSettingsQuery, AssessmentSettingsDetails>
{
    public const decimal DefaultMax = 25m;
    public const decimal DefaultPassingTotal = 50m;

    private sealed record Header(decimal PassingTotal, DateTimeOffset UpdatedAt, string UpdatedBy);
    private sealed record Maximum(string DimensionCode, decimal MaxScore);

    public async ValueTask<AssessmentSettingsDetails> Handle(GetAssessmentSettingsQuery query, CancellationToken ct)
    {
        var tree = await sender.Send(new GetDimensionTreeQuery(query.FiscalYear), ct);
        var header = await db.QuerySingleOrDefaultAsync<Header>(
            "SELECT passing_total, updated_at, updated_by FROM evaluation.assessment_settings WHERE fiscal_year = " +
            "@FiscalYear", query, ct);
        var maxima = (await db.QueryAsync<Maximum>(
            "SELECT dimension_code, max_score FROM evaluation.assessment_dimension_maxima WHERE fiscal_year = " +
            "@FiscalYear", query, ct))
            .ToDictionary(m => m.DimensionCode, m => m.MaxScore);
        var dimensions = tree.Dimensions
            .Select(d =>
                new DimensionMaximum(d.Code, d.NameTh, maxima.TryGetValue(d.Code, out var max) ? max : DefaultMax))
            .ToList();
        return new AssessmentSettingsDetails(query.FiscalYear, header?.PassingTotal ?? DefaultPassingTotal, dimensions,
            header is null, header?.UpdatedAt, header?.UpdatedBy);
    }
}

/// <summary>An admin sets a fiscal year's maxima per dimension and the minimum passing total.</summary>
[Allow(Caller.Admin)]
public sealed record SaveAssessmentSettingsCommand(int FiscalYear, decimal? PassingTotal,
    IReadOnlyList<DimensionMaximumInput>? Dimensions)
    : ICommand<AssessmentSettingsDetails>;

public sealed record DimensionMaximumInput(string? Code, decimal? MaxScore);

public sealed class SaveAssessmentSettingsValidator : AbstractValidator<SaveAssessmentSettingsCommand>
{
    public SaveAssessmentSettingsValidator(ISender sender)
    {
        RuleFor(x => x.FiscalYear).ValidFiscalYear();
        RuleFor(x => x.PassingTotal).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("กรุณากรอกคะแนนรวมขั้นต่ำที่ผ่านการประเมิน")
            .GreaterThanOrEqualTo(0).WithMessage("คะแนนรวมขั้นต่ำต้องไม่ติดลบ")
            .MaxDecimals(2).WithMessage("คะแนนมีทศนิยมได้ไม่เกิน 2 ตำแหน่ง")
            .Must((cmd, passing) => cmd.Dimensions is null || passing <= cmd.Dimensions.Sum(d => d?.MaxScore ?? 0))
            .WithMessage("คะแนนรวมขั้นต่ำต้องไม่เกินคะแนนเต็มรวมของทุกมิติ");
        RuleFor(x => x.Dimensions).NotEmpty().WithMessage("กรุณากรอกคะแนนเต็มของแต่ละมิติ")
            .Must(d => d is null || d.All(x => x is not null)).WithMessage("ทุกมิติต้องมีรหัสมิติและคะแนนเต็ม");
        RuleForEach(x => x.Dimensions).ChildRules(d =>
        {
            d.RuleFor(x => x.MaxScore).Cascade(CascadeMode.Stop)
                .NotNull().WithMessage("กรุณากรอกคะแนนเต็มของมิตินี้")
                .GreaterThanExclusive(0).WithMessage("คะแนนเต็มต้องมากกว่า 0")
                .LessThanOrEqualTo(1000).WithMessage("คะแนนเต็มต้องไม่เกิน 1,000")
                .MaxDecimals(2).WithMessage("คะแนนมีทศนิยมได้ไม่เกิน 2 ตำแหน่ง");
        });
        RuleFor(x => x.Dimensions).MustAsync(async (cmd, dims, ct) =>
        {
            if (dims is null || dims.Any(d => d is null) || !FiscalYear.IsValid(cmd.FiscalYear)) return true;
            var tree = await sender.Send(new GetDimensionTreeQuery(cmd.FiscalYear), ct);
            var codes = tree.Dimensions.Select(d => d.Code).Order().ToList();
            return dims.Select(d => d.Code ?? "").Order().SequenceEqual(codes);
        }).WithMessage("ต้องกำหนดคะแนนเต็มของทุกมิติของปีงบประมาณนี้ มิติละหนึ่งค่า");
    }
}

/// <summary>Saves the settings and records them in the audit trail with the values now in force; settings saved again
/// unchanged write nothing and record nothing.</summary>
public sealed class SaveAssessmentSettingsHandler(DbSession db, ISender sender, ICurrentUser user, TimeProvider clock,
    IAuditTrail audit) : ICommandHandler<SaveAssessmentSettingsCommand, AssessmentSettingsDetails>
{
    public async ValueTask<AssessmentSettingsDetails> Handle(SaveAssessmentSettingsCommand command,
        CancellationToken ct)
    {
        var current = await sender.Send(new GetAssessmentSettingsQuery(command.FiscalYear), ct);
        var maxima = command.Dimensions!.ToDictionary(d => d.Code!, d => d.MaxScore!.Value);
        if (!current.IsDefault && current.PassingTotal == command.PassingTotal
                               && current.Dimensions.All(d => maxima.GetValueOrDefault(d.Code) == d.MaxScore))
            return current;
        await db.ExecuteAsync("""
            INSERT INTO evaluation.assessment_settings (fiscal_year, passing_total, updated_at, updated_by)
            VALUES (@FiscalYear, @PassingTotal, @Now, @By)
            ON CONFLICT (fiscal_year) DO UPDATE SET passing_total = excluded.passing_total,
                updated_at = excluded.updated_at, updated_by = excluded.updated_by;
            DELETE FROM evaluation.assessment_dimension_maxima WHERE fiscal_year = @FiscalYear;
            INSERT INTO evaluation.assessment_dimension_maxima (fiscal_year, dimension_code, max_score)
            SELECT @FiscalYear, d.code, d.max FROM unnest(@Codes, @Maxima) AS d(code, max);
            """,
            new
            {
                command.FiscalYear, command.PassingTotal, Now = clock.GetUtcNow(), By = user.Username,
                Codes = command.Dimensions!.Select(d => d.Code!).ToArray(),
                Maxima = command.Dimensions!.Select(d => d.MaxScore!.Value).ToArray(),
            }, ct);
        var saved = await sender.Send(new GetAssessmentSettingsQuery(command.FiscalYear), ct);
        var maxScores = saved.Dimensions.Select(d => $"มิติที่ {d.Code} = {ThaiFormat.Number(d.MaxScore, 2)}");
        await audit.RecordAsync("assessment.settings_saved", null,
            $"{ThaiFormat.FiscalYear(saved.FiscalYear)} · คะแนนรวมขั้นต่ำที่ผ่าน " +
            $"{ThaiFormat.Number(saved.PassingTotal, 2)} · คะแนนเต็ม {string.Join(", ", maxScores)}", ct);
        return saved;
    }
}
