using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.BuildingBlocks.Validation;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Projects.Features.Projects;
using EPlanNacc.Modules.Projects.Features.Rounds;
using FluentValidation;
using Mediator;

namespace EPlanNacc.Modules.Projects.Features.RoundReports;

/// <summary>บันทึกรายงานผลการดำเนินงาน: the LAO reports (or corrects) a project's result in round 6 or 12
/// (<c>PUT /api/v1/projects/{id}/rounds/{round}</c>). Accepted only while the round is open for this LAO (409
/// otherwise), never for a non-conforming project (400). With <see cref="Version"/> (the form sends it) a stale
/// save is refused (409). Returns the project's new version (unchanged when nothing changed).</summary>
[Allow(Caller.Lao)]
public sealed record ReportRoundResultCommand(
    Guid ProjectId, int Round, decimal? OrdinanceBudget, decimal? BudgetSpent, bool? InLocalOrdinance, string? Status,
    string? NotPossibleReason, string? NotPossibleReasonOther, string? Remarks, int? Version = null) : ICommand<int>,
        IProjectScoped;

public sealed class ReportRoundResultValidator : AbstractValidator<ReportRoundResultCommand>
{
    public ReportRoundResultValidator()
    {
        RuleFor(x => x.Round).ValidRound();
        RuleFor(x => x.OrdinanceBudget).Amount("งบประมาณตามข้อบัญญัติ/เทศบัญญัติ");
        RuleFor(x => x.BudgetSpent).Amount("การเบิกจ่าย");
        RuleFor(x => x.InLocalOrdinance).NotNull()
            .WithMessage("กรุณาเลือกว่าบรรจุในข้อบัญญัติ/เทศบัญญัติ/แผนการดำเนินงานหรือไม่");
        RuleFor(x => x.Status).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("กรุณาเลือกสถานะการดำเนินงาน")
            .Must(ProjectCodes.Statuses.Contains)
            .WithMessage("สถานะต้องเป็น อยู่ระหว่างดำเนินการ ดำเนินการแล้วเสร็จ หรือ ไม่สามารถดำเนินการได้");
        RuleFor(x => x.NotPossibleReason).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("กรุณาเลือกเหตุผลที่ไม่สามารถดำเนินการได้")
            .Must(ProjectCodes.NotPossibleReasons.Contains)
            .WithMessage("เหตุผลต้องเป็น ไม่ได้รับงบประมาณ นโยบายผู้บริหารเปลี่ยนแปลง บุคลากรไม่เพียงพอ หรือ อื่นๆ")
            .When(x => x.Status == RoundReportCodes.NotPossible);
        RuleFor(x => x.NotPossibleReason).Empty()
            .WithMessage("ระบุเหตุผลได้เฉพาะเมื่อสถานะเป็น “ไม่สามารถดำเนินการได้”")
            .When(x => x.Status != RoundReportCodes.NotPossible && ProjectCodes.Statuses.Contains(x.Status));
        RuleFor(x => x.NotPossibleReasonOther).RequiredText("เหตุผลอื่นๆ (โปรดระบุ)")
            .When(x => x.Status == RoundReportCodes.NotPossible && x.NotPossibleReason == RoundReportCodes.Other);
        RuleFor(x => x.NotPossibleReasonOther).Empty()
            .WithMessage("ระบุข้อความเหตุผลได้เฉพาะเมื่อเลือกเหตุผล “อื่นๆ”")
            .When(x => x.NotPossibleReason != RoundReportCodes.Other);
        RuleFor(x => x.Remarks).OptionalText("หมายเหตุ");
    }
}

public sealed class ReportRoundResultHandler(DbSession db, ICurrentUser user, ProjectRows rows, IPublisher publisher,
    TimeProvider clock)
    : ICommandHandler<ReportRoundResultCommand, int>
{
    public async ValueTask<int> Handle(ReportRoundResultCommand command, CancellationToken ct)
    {
        var row = await rows.ForUpdateAsync(command.ProjectId, ct);
        if (command.Version is { } read) await ProjectHistory.EnsureCurrentAsync(db, row.Id, read, row.Version, ct);
        if (!RoundCount.NeedsReport(row.Conformity))
            throw new RuleViolationException(RoundReportRules.NonConformingMessage);

        var calendar = await RoundCalendarStore.LoadAsync(db, row.FiscalYear, [row.DlaCode], ct);
        var window = calendar.WindowFor(command.Round, row.DlaCode);
        var today = ThaiFormat.TodayInBangkok(clock);
        if (!window.IsOpenOn(today))
            throw new ConflictException($"{window.DescribeOn(today)} จึงบันทึกหรือแก้ไขรายงานผลรอบนี้ไม่ได้",
                [$"{ThaiFormat.FiscalYear(row.FiscalYear)} {window.RoundName} " +
                 $"เปิดรับรายงาน {ThaiFormat.ShortDate(window.OpensOn)} ถึง {ThaiFormat.ShortDate(window.LastDay)}"]);
        if (RoundReportRules.StatusRefusal(command.Round, command.Status!, row.R6Status, row.R12Status) is { } refusal)
            throw new RuleViolationException(refusal, "status");

        var now = clock.GetUtcNow();
        var before = row.Round(command.Round);
        var after = new RoundReportDetails(command.OrdinanceBudget!.Value, command.BudgetSpent!.Value,
            command.InLocalOrdinance!.Value,
            command.Status!, ProjectValues.Clean(command.NotPossibleReason),
            ProjectValues.Clean(command.NotPossibleReasonOther), ProjectValues.Clean(command.Remarks), now);
        var changes = ProjectHistory.Between(RoundReportRules.Fields(command.Round, before),
            RoundReportRules.Fields(command.Round, after));
        if (changes.Count == 0) return row.Version;

        // the report, the project's new version and its history in one statement (one round trip of a deadline's
        // surge; docs/adr/0042-a-save-recounts-one-round.md)
        var version = await db.ExecuteScalarAsync<int>("""
            WITH saved AS (
            INSERT INTO projects.round_reports (project_id, round, ordinance_budget, budget_spent, in_local_ordinance,
                status, not_possible_reason, not_possible_reason_other, remarks, first_reported_at, reported_at,
                reported_by)
            VALUES (@ProjectId, @Round, @OrdinanceBudget, @BudgetSpent, @InLocalOrdinance, @Status,
                @NotPossibleReason, @NotPossibleReasonOther, @Remarks, @Now, @Now, @By)
            ON CONFLICT (project_id, round) DO UPDATE SET
                ordinance_budget = excluded.ordinance_budget, budget_spent = excluded.budget_spent,
                in_local_ordinance = excluded.in_local_ordinance, status = excluded.status,
                not_possible_reason = excluded.not_possible_reason,
                not_possible_reason_other = excluded.not_possible_reason_other,
                remarks = excluded.remarks, reported_at = excluded.reported_at, reported_by = excluded.reported_by
            RETURNING project_id),
            bumped AS (
            UPDATE projects.projects SET version = version + 1 WHERE id = (SELECT project_id FROM saved)
            RETURNING id, version),
            logged AS (
            """ + ProjectHistory.InsertOneFromBumped + """
            )
            SELECT version FROM bumped
            """,
            new
            {
                ProjectId = row.Id, Round = (short)command.Round, after.OrdinanceBudget, after.BudgetSpent,
                after.InLocalOrdinance,
                after.Status, after.NotPossibleReason, after.NotPossibleReasonOther, after.Remarks, Now = now,
                By = ProjectHistory.Who(user), ChangeId = Guid.CreateVersion7(), Kind = ProjectChangeKinds.Reported,
                user.IpAddress, Changes = ProjectHistory.Json(changes),
            }, ct);
        await publisher.Publish(new ProjectResultsChangedNotification(row.DlaCode, row.FiscalYear), ct);
        return version;
    }
}
