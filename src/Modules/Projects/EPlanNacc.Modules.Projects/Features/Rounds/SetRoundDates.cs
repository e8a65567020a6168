using EPlanNacc.BuildingBlocks.Auditing;
using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.BuildingBlocks.Validation;
using FluentValidation;
using Mediator;

namespace EPlanNacc.Modules.Projects.Features.Rounds;

/// <summary>NACC central sets a round's opening date and deadline
/// (<c>PUT /api/v1/admin/rounds/{fiscalYear}/{round}</c>; admin only). Reports are accepted from the opening date to
/// the deadline, both included, Bangkok time. With <see cref="Version"/> (the version of <see cref="RoundItem"/> the
/// caller read; 0 for a round still at the default dates) a save over a change the caller did not see is refused
/// (409); without it the dates are set as given (v1 clients). Every change adds 1 to the round's version and is kept in
/// the history of the rounds (the dates before, the default ones for a round never set, and after); dates equal to the
/// current ones change nothing.</summary>
[Allow(Caller.Admin)]
public sealed record SetRoundDatesCommand(
    int FiscalYear, int Round, DateOnly? OpensOn, DateOnly? Deadline, int? Version = null) : ICommand<RoundItem>;

public sealed class SetRoundDatesValidator : AbstractValidator<SetRoundDatesCommand>
{
    public SetRoundDatesValidator()
    {
        RuleFor(x => x.FiscalYear).ValidFiscalYear();
        RuleFor(x => x.Round).ValidRound();
        RuleFor(x => x.OpensOn).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("กรุณากรอกวันเปิดรับรายงาน (opensOn)")
            .Must((x, d) => Plausible(x.FiscalYear, d!.Value)).WithMessage(x => OutOfRange(x.FiscalYear));
        RuleFor(x => x.Deadline).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("กรุณากรอกกำหนดส่งรายงาน (deadline)")
            .Must((x, d) => Plausible(x.FiscalYear, d!.Value)).WithMessage(x => OutOfRange(x.FiscalYear))
            .Must((x, d) => x.OpensOn is null || d >= x.OpensOn)
            .WithMessage("กำหนดส่งรายงานต้องไม่ก่อนวันเปิดรับรายงาน");
        RuleFor(x => x.Version).GreaterThanOrEqualTo(0).WithMessage("version ต้องเป็นจำนวนเต็มตั้งแต่ 0 ขึ้นไป");
    }

    /// <summary>A round's dates lie within a year either side of its fiscal year (0001-01-01, 9999-12-31 or a
    /// Buddhist Era year typed as a Common Era one are refused; the 12-month round closes after its year
    /// ends).</summary>
    private static bool Plausible(int fiscalYear, DateOnly day) => !EPlanNacc.BuildingBlocks.Thai.FiscalYear.IsValid(
        fiscalYear) || day >= Earliest(fiscalYear) && day <= Latest(fiscalYear);

    private static DateOnly Earliest(int fiscalYear) =>
        EPlanNacc.BuildingBlocks.Thai.FiscalYear.StartOf(fiscalYear).AddYears(-1);

    private static DateOnly Latest(int fiscalYear) =>
        EPlanNacc.BuildingBlocks.Thai.FiscalYear.EndOf(fiscalYear).AddYears(1);

    private static string OutOfRange(int fiscalYear) =>
        $"วันที่ของรอบต้องอยู่ระหว่าง {ThaiFormat.ShortDate(Earliest(fiscalYear))} ถึง " +
        $"{ThaiFormat.ShortDate(Latest(fiscalYear))}";
}

public sealed class SetRoundDatesHandler(DbSession db, IAuditTrail audit, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<SetRoundDatesCommand, RoundItem>
{
    private sealed class Row
    {
        public DateOnly OpensOn { get; init; }
        public DateOnly Deadline { get; init; }
        public int Version { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }
        public string UpdatedBy { get; init; } = "";
    }

    private const string SelectCurrent = """
        SELECT opens_on, deadline, version, updated_at, updated_by FROM projects.rounds
        WHERE fiscal_year = @FiscalYear AND round = @Round
        """;

    public async ValueTask<RoundItem> Handle(SetRoundDatesCommand command, CancellationToken ct)
    {
        var key = new { command.FiscalYear, Round = (short)command.Round };
        var current = await db.QuerySingleOrDefaultAsync<Row>(SelectCurrent + " FOR UPDATE", key, ct);
        if (command.Version is { } read && read != (current?.Version ?? 0)) throw Stale(command, current);
        var (opensOn, deadline) = (command.OpensOn!.Value, command.Deadline!.Value);
        if (current is not null && current.OpensOn == opensOn && current.Deadline == deadline)
            return new RoundItem(command.FiscalYear, command.Round, opensOn, deadline, current.Version);

        // a first row that another admin inserted meanwhile (both read version 0) updates nothing here: stale
        var now = clock.GetUtcNow();
        var version = await db.QuerySingleOrDefaultAsync<int?>("""
            INSERT INTO projects.rounds (fiscal_year, round, opens_on, deadline, updated_at, updated_by)
            VALUES (@FiscalYear, @Round, @OpensOn, @Deadline, @Now, @By)
            ON CONFLICT (fiscal_year, round) DO UPDATE SET
                opens_on = excluded.opens_on, deadline = excluded.deadline, updated_at = excluded.updated_at,
                updated_by = excluded.updated_by, version = rounds.version + 1
            WHERE @Read IS NULL OR rounds.version = @Read
            RETURNING version
            """,
            new
            {
                key.FiscalYear, key.Round, OpensOn = opensOn, Deadline = deadline, Now = now,
                By = RoundHistory.Who(user), Read = command.Version,
            }, ct);
        if (version is not { } saved)
            throw Stale(command, await db.QuerySingleOrDefaultAsync<Row>(SelectCurrent, key, ct));
        var (oldOpensOn, oldDeadline) = current is null
            ? Contracts.RoundWindow.DefaultDates(command.FiscalYear, command.Round)
            : (current.OpensOn, current.Deadline);
        await RoundHistory.RecordAsync(db, audit, user, new RoundChange(command.FiscalYear, command.Round,
            RoundChangeKinds.DatesSet, OldOpensOn: oldOpensOn, OldDeadline: oldDeadline, NewOpensOn: opensOn,
            NewDeadline: deadline), now, ct);
        return new RoundItem(command.FiscalYear, command.Round, opensOn, deadline, saved);
    }

    private static ConflictException Stale(SetRoundDatesCommand command, Row? current)
    {
        var name = $"{Contracts.RoundWindow.RoundNameOf(command.Round)} {ThaiFormat.FiscalYear(command.FiscalYear)}";
        var now = current is null
            ? "ขณะนี้ใช้วันที่ตามค่าเริ่มต้น"
            : $"ขณะนี้เปิดรับรายงาน {ThaiFormat.ShortDate(current.OpensOn)} " +
              $"ถึง {ThaiFormat.ShortDate(current.Deadline)} (ฉบับที่ {current.Version} " +
              $"บันทึกโดย {current.UpdatedBy} เมื่อ {ThaiFormat.DateTime(current.UpdatedAt)})";
        return new ConflictException(
            $"กำหนดการของ{name}ถูกแก้ไขหลังจากที่ท่านอ่านข้อมูล ระบบจึงยังไม่บันทึกวันที่ของท่าน " +
            "กรุณาตรวจสอบแล้วบันทึกอีกครั้ง", [now]);
    }
}
