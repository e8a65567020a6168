using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Validation;
using FluentValidation;
using Mediator;

namespace EPlanNacc.Modules.Projects.Features.Rounds;

/// <summary>NACC central sets a round's opening date and deadline (<c>PUT /api/v1/admin/rounds/{fiscalYear}/{round}</c>;
/// admin only). Reports are accepted from the opening date to the deadline, both included, Bangkok time.</summary>
[Allow(Caller.Admin)]
public sealed record SetRoundDatesCommand(int FiscalYear, int Round, DateOnly? OpensOn, DateOnly? Deadline) : ICommand<RoundItem>;

public sealed class SetRoundDatesValidator : AbstractValidator<SetRoundDatesCommand>
{
    public SetRoundDatesValidator()
    {
        RuleFor(x => x.FiscalYear).ValidFiscalYear();
        RuleFor(x => x.Round).ValidRound();
        RuleFor(x => x.OpensOn).NotNull().WithMessage("กรุณากรอกวันเปิดรับรายงาน (opensOn)");
        RuleFor(x => x.Deadline).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("กรุณากรอกกำหนดส่งรายงาน (deadline)")
            .Must((x, d) => x.OpensOn is null || d >= x.OpensOn).WithMessage("กำหนดส่งรายงานต้องไม่ก่อนวันเปิดรับรายงาน");
    }
}

public sealed class SetRoundDatesHandler(DbSession db, ICurrentUser user, TimeProvider clock) : ICommandHandler<SetRoundDatesCommand, RoundItem>
{
    public async ValueTask<RoundItem> Handle(SetRoundDatesCommand command, CancellationToken ct)
    {
        await db.ExecuteAsync("""
            INSERT INTO projects.rounds (fiscal_year, round, opens_on, deadline, updated_at, updated_by)
            VALUES (@FiscalYear, @Round, @OpensOn, @Deadline, @Now, @By)
            ON CONFLICT (fiscal_year, round) DO UPDATE SET
                opens_on = excluded.opens_on, deadline = excluded.deadline, updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """,
            new
            {
                command.FiscalYear, Round = (short)command.Round, OpensOn = command.OpensOn!.Value, Deadline = command.Deadline!.Value,
                Now = clock.GetUtcNow(), By = user.Username ?? "system",
            }, ct);
        return new RoundItem(command.FiscalYear, command.Round, command.OpensOn.Value, command.Deadline.Value);
    }
}
