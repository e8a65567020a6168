using System.Text.Json;
using EPlanNacc.BuildingBlocks.Auditing;
using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.BuildingBlocks.Validation;
using EPlanNacc.Modules.Evaluation.Contracts;
using FluentValidation;
using Mediator;

namespace EPlanNacc.Modules.Evaluation.Features.Assessments;

/// <summary>Enters (or corrects) the assessment scores of one LAO for a fiscal year, one per dimension, by one
/// assessor: <c>self</c> the LAO itself; <c>provincial</c> its NACC provincial office (or an admin); <c>central</c>
/// NACC central (admin). Each score runs from 0 to that dimension's maximum of the year, 2 decimals at most.
/// With <see cref="Version"/> (the <see cref="AssessmentDetails.Version"/> the form or client read; 0 for a sheet never
/// entered) a save over scores saved since is refused (409) with who saved them, when, and what they are now; without
/// it the scores are saved as given (v1 clients). Every save adds 1 to the sheet's version.</summary>
[Allow(Caller.SignedIn)]
public sealed record SaveAssessmentCommand(
    string DlaCode, int FiscalYear, string Assessor, IReadOnlyList<DimensionScoreInput>? Dimensions,
    int? Version = null)
    : ICommand<AssessmentDetails>, ILaoScoped;

public sealed record DimensionScoreInput(string? Code, decimal? Score);

public sealed record AssessmentDimensionScore(string Code, string NameTh, decimal? Score, decimal MaxScore);

/// <summary>One assessor's sheet for an LAO and a year, as the API answers it. <see cref="Version"/> is the one to send
/// back with a save (0 while the sheet was never entered).</summary>
public sealed record AssessmentDetails(
    string DlaCode, int FiscalYear, string Assessor, IReadOnlyList<AssessmentDimensionScore> Dimensions, decimal? Total,
    decimal MaxTotal, decimal PassingTotal, bool? Passed, bool Published, DateTimeOffset? PublishedAt,
    DateTimeOffset? EnteredAt, string? EnteredBy, int Version);

public sealed class SaveAssessmentValidator : AbstractValidator<SaveAssessmentCommand>
{
    public SaveAssessmentValidator(ISender sender)
    {
        RuleFor(x => x.FiscalYear).ValidFiscalYear();
        RuleFor(x => x.Assessor).Must(a => Assessors.All.Contains(a))
            .WithMessage("ผู้ประเมินต้องเป็น self (อปท. ประเมินตนเอง), provincial (สำนักงาน ป.ป.ช. ประจำจังหวัด) " +
                         "หรือ central (สำนักงาน ป.ป.ช. ส่วนกลาง)");
        RuleFor(x => x.Dimensions).NotEmpty().WithMessage("กรุณากรอกคะแนนของแต่ละมิติ")
            .Must(d => d is null || d.All(x => x is not null)).WithMessage("ทุกมิติต้องมีรหัสมิติและคะแนน");
        RuleFor(x => x.Version).GreaterThanOrEqualTo(0).WithMessage("version ต้องเป็นจำนวนเต็มตั้งแต่ 0 ขึ้นไป");
        RuleForEach(x => x.Dimensions).ChildRules(d =>
        {
            d.RuleFor(x => x.Code).NotEmpty().WithMessage("กรุณาระบุรหัสมิติ");
            d.RuleFor(x => x.Score).Cascade(CascadeMode.Stop)
                .NotNull().WithMessage("กรุณากรอกคะแนนของมิตินี้")
                .GreaterThanOrEqualTo(0).WithMessage("คะแนนต้องไม่ติดลบ")
                .MaxDecimals(2).WithMessage("คะแนนมีทศนิยมได้ไม่เกิน 2 ตำแหน่ง");
        });
        RuleFor(x => x.Dimensions).CustomAsync(async (dims, context, ct) =>
        {
            var cmd = context.InstanceToValidate;
            if (dims is null || dims.Count == 0 || dims.Any(d => d is null) || !FiscalYear.IsValid(cmd.FiscalYear))
                return;
            var settings = await sender.Send(new GetAssessmentSettingsQuery(cmd.FiscalYear), ct);
            var known = settings.Dimensions.ToDictionary(d => d.Code);
            var given = dims.Select(d => d.Code ?? "").ToList();
            if (given.Distinct().Count() != given.Count || !given.Order().SequenceEqual(known.Keys.Order()))
            {
                context.AddFailure("Dimensions",
                    $"ต้องกรอกคะแนนครบทุกมิติของปีงบประมาณนี้ มิติละหนึ่งค่า ({string.Join(", ", known.Keys)})");
                return;
            }
            for (var i = 0; i < dims.Count; i++)
            {
                var max = known[dims[i].Code!].MaxScore;
                if (dims[i].Score > max)
                    context.AddFailure($"Dimensions[{i}].Score",
                        $"คะแนนมิติที่ {dims[i].Code} ต้องไม่เกินคะแนนเต็ม {ThaiFormat.Number(max, 2)}");
            }
        });
    }
}

/// <summary>Which role enters which assessor's sheet (the LAO being in the caller's scope was decided before, by the
/// authorization step): the LAO its self-assessment, staff the provincial office's, admins the central one.</summary>
internal static class AssessorRule
{
    public static void Require(ICurrentUser user, string assessor)
    {
        var allowed = assessor switch
        {
            Assessors.Self => user.Role == UserRole.Lao,
            Assessors.Provincial => user.Role is UserRole.Provincial or UserRole.Admin,
            Assessors.Central => user.Role == UserRole.Admin,
            _ => false,
        };
        if (!allowed)
            throw new ForbiddenException(assessor switch
            {
                Assessors.Self => "คะแนนประเมินตนเองบันทึกได้โดย อปท. เท่านั้น",
                Assessors.Provincial => "คะแนนของสำนักงาน ป.ป.ช. ประจำจังหวัดบันทึกได้โดยเจ้าหน้าที่เท่านั้น",
                _ => "คะแนนของสำนักงาน ป.ป.ช. ส่วนกลางบันทึกได้โดยผู้ดูแลระบบส่วนกลางเท่านั้น",
            });
    }
}

public sealed class SaveAssessmentHandler(DbSession db, ISender sender, ICurrentUser user, TimeProvider clock,
    IAuditTrail audit) : ICommandHandler<SaveAssessmentCommand, AssessmentDetails>
{
    private sealed record ScoreRow(string DimensionCode, decimal Score);

    private sealed class SheetRow
    {
        public int Version { get; init; }
        public DateTimeOffset EnteredAt { get; init; }
        public string EnteredBy { get; init; } = "";
    }

    private const string SelectSheet = """
        SELECT version, entered_at, entered_by FROM evaluation.assessments
        WHERE dla_code = @DlaCode AND fiscal_year = @FiscalYear AND assessor = @Assessor
        """;

    private const string SelectScores = """
        SELECT dimension_code, score FROM evaluation.assessment_scores
        WHERE dla_code = @DlaCode AND fiscal_year = @FiscalYear AND assessor = @Assessor
        """;

    public async ValueTask<AssessmentDetails> Handle(SaveAssessmentCommand command, CancellationToken ct)
    {
        AssessorRule.Require(user, command.Assessor);
        var key = new { command.DlaCode, command.FiscalYear, command.Assessor };
        var sheet = await db.QuerySingleOrDefaultAsync<SheetRow>(SelectSheet + " FOR UPDATE", key, ct);
        var before = await db.QueryAsync<ScoreRow>(SelectScores, key, ct);
        if (command.Version is { } read && read != (sheet?.Version ?? 0)) throw Stale(command, sheet, before);
        var now = clock.GetUtcNow();
        // a first sheet that someone else entered meanwhile (both read version 0) is not overwritten: stale
        var saved = await db.QuerySingleOrDefaultAsync<int?>("""
            INSERT INTO evaluation.assessments (dla_code, fiscal_year, assessor, entered_at, entered_by)
            VALUES (@DlaCode, @FiscalYear, @Assessor, @Now, @By)
            ON CONFLICT (dla_code, fiscal_year, assessor) DO UPDATE SET
                entered_at = excluded.entered_at, entered_by = excluded.entered_by, version = assessments.version + 1
            WHERE @Read IS NULL OR assessments.version = @Read
            RETURNING version
            """,
            new
            {
                command.DlaCode, command.FiscalYear, command.Assessor, Now = now, By = user.Username ?? "-",
                Read = command.Version,
            }, ct);
        if (saved is null)
        {
            var current = await db.QuerySingleOrDefaultAsync<SheetRow>(SelectSheet, key, ct);
            throw Stale(command, current, await db.QueryAsync<ScoreRow>(SelectScores, key, ct));
        }
        await db.ExecuteAsync("""
            DELETE FROM evaluation.assessment_scores
            WHERE dla_code = @DlaCode AND fiscal_year = @FiscalYear AND assessor = @Assessor;
            INSERT INTO evaluation.assessment_scores (dla_code, fiscal_year, assessor, dimension_code, score)
            SELECT @DlaCode, @FiscalYear, @Assessor, s.code, s.score FROM unnest(@Codes, @Scores) AS s(code, score);
            INSERT INTO evaluation.assessment_changes
                (id, dla_code, fiscal_year, assessor, changed_at, changed_by, change)
            VALUES (@Id, @DlaCode, @FiscalYear, @Assessor, @Now, @By, @Change::jsonb);
            """,
            new
            {
                command.DlaCode, command.FiscalYear, command.Assessor, Now = now, By = user.Username ?? "-",
                Id = Guid.CreateVersion7(),
                Codes = command.Dimensions!.Select(d => d.Code!).ToArray(),
                Scores = command.Dimensions!.Select(d => d.Score!.Value).ToArray(),
                Change = JsonSerializer.Serialize(new
                {
                    before = before.ToDictionary(b => b.DimensionCode, b => b.Score),
                    after = command.Dimensions!.ToDictionary(d => d.Code!, d => d.Score!.Value),
                }),
            }, ct);
        var scores = command.Dimensions!.Select(d => $"มิติที่ {d.Code} = {ThaiFormat.Number(d.Score!.Value, 2)}");
        await audit.RecordAsync("assessment.saved", command.DlaCode,
            $"{ThaiFormat.FiscalYear(command.FiscalYear)} · {Assessors.NameTh(command.Assessor)} · " +
            string.Join(", ", scores), ct);
        return await sender.Send(new GetAssessmentQuery(command.DlaCode, command.FiscalYear, command.Assessor), ct);
    }

    /// <summary>409: who saved the sheet last and when, and each score now that differs from the caller's.</summary>
    private static ConflictException Stale(
        SaveAssessmentCommand command, SheetRow? sheet, IReadOnlyList<ScoreRow> scores)
    {
        var details = new List<string>();
        if (sheet is not null)
            details.Add($"บันทึกล่าสุดโดย {sheet.EnteredBy} เมื่อ {ThaiFormat.DateTime(sheet.EnteredAt)} " +
                        $"(ฉบับที่ {sheet.Version})");
        var given = command.Dimensions!.ToDictionary(d => d.Code!, d => d.Score!.Value);
        details.AddRange(scores
            .Where(s => !given.TryGetValue(s.DimensionCode, out var mine) || mine != s.Score)
            .Select(s => $"มิติที่ {s.DimensionCode}: บันทึกไว้ {ThaiFormat.Number(s.Score, 2)} คะแนน" +
                         (given.TryGetValue(s.DimensionCode, out var m)
                             ? $" (ท่านกรอก {ThaiFormat.Number(m, 2)})"
                             : "")));
        return new ConflictException(
            "คะแนนชุดนี้ถูกบันทึกหลังจากที่ท่านเปิดแบบฟอร์ม ระบบจึงยังไม่บันทึกคะแนนของท่าน " +
            "กรุณาตรวจสอบแล้วบันทึกอีกครั้ง", details);
    }
}

/// <summary>An office publishes its assessment of an LAO: from then on the LAO sees it.</summary>
[Allow(Caller.Staff)]
public sealed record PublishAssessmentCommand(string DlaCode, int FiscalYear, string Assessor)
    : ICommand<AssessmentDetails>, ILaoScoped;

public sealed class PublishAssessmentHandler(DbSession db, ISender sender, ICurrentUser user, TimeProvider clock,
    IAuditTrail audit) : ICommandHandler<PublishAssessmentCommand, AssessmentDetails>
{
    public async ValueTask<AssessmentDetails> Handle(PublishAssessmentCommand command, CancellationToken ct)
    {
        if (command.Assessor == Assessors.Self)
            throw new RuleViolationException("คะแนนประเมินตนเองไม่ต้องเผยแพร่: อปท. เห็นคะแนนของตนเสมอ", "assessor");
        AssessorRule.Require(user, command.Assessor);
        var now = clock.GetUtcNow();
        // true when published now, false when it already was, none when there is no sheet
        var publishedNow = await db.QuerySingleOrDefaultAsync<bool?>("""
            UPDATE evaluation.assessments
            SET published_at = coalesce(published_at, @Now), published_by = coalesce(published_by, @By)
            WHERE dla_code = @DlaCode AND fiscal_year = @FiscalYear AND assessor = @Assessor
            RETURNING published_at = @Now
            """,
            new { command.DlaCode, command.FiscalYear, command.Assessor, Now = now, By = user.Username }, ct);
        if (publishedNow is null) throw new NotFoundException("ยังไม่มีคะแนนประเมินที่จะเผยแพร่");
        if (publishedNow == true)
            await audit.RecordAsync("assessment.published", command.DlaCode,
                $"{ThaiFormat.FiscalYear(command.FiscalYear)} · {Assessors.NameTh(command.Assessor)}", ct);
        return await sender.Send(new GetAssessmentQuery(command.DlaCode, command.FiscalYear, command.Assessor), ct);
    }
}

/// <summary>One assessor's sheet, for the caller: an LAO sees its self-assessment and the offices' once published
/// (404 before); staff see the sheets of the LAOs in their scope.</summary>
[Allow(Caller.SignedIn)]
public sealed record GetAssessmentQuery(string DlaCode, int FiscalYear, string Assessor)
    : IQuery<AssessmentDetails>, ILaoScoped;

public sealed class GetAssessmentHandler(ISender sender, ICurrentUser user)
    : IQueryHandler<GetAssessmentQuery, AssessmentDetails>
{
    public async ValueTask<AssessmentDetails> Handle(GetAssessmentQuery query, CancellationToken ct)
    {
        var settings = await sender.Send(new GetAssessmentSettingsQuery(query.FiscalYear), ct);
        var set = await sender.Send(new GetAssessmentsQuery(query.FiscalYear, [query.DlaCode],
            OnlyVisibleToLao: user.Role == UserRole.Lao), ct);
        var sheet = set.Assessments.FirstOrDefault(a => a.Assessor == query.Assessor);
        return AssessmentSheets.Details(query.DlaCode, query.FiscalYear, query.Assessor, settings, sheet);
    }
}

internal static class AssessmentSheets
{
    public static AssessmentDetails Details(string dlaCode, int fiscalYear, string assessor,
        AssessmentSettingsDetails settings, AssessmentItem? sheet)
    {
        var dimensions = settings.Dimensions
            .Select(d => new AssessmentDimensionScore(d.Code, d.NameTh,
                sheet is not null && sheet.ScoreByDimension.TryGetValue(d.Code, out var s) ? s : null, d.MaxScore))
            .ToList();
        decimal? total = sheet is null ? null : sheet.Total;
        return new AssessmentDetails(dlaCode, fiscalYear, assessor, dimensions, total, settings.MaxTotal,
            settings.PassingTotal, total is null ? null : total >= settings.PassingTotal,
            sheet?.PublishedAt is not null, sheet?.PublishedAt, sheet?.EnteredAt, sheet?.EnteredBy,
            sheet?.Version ?? 0);
    }
}
