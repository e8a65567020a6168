using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Validation;
using EPlanNacc.Modules.Projects.Contracts;
using FluentValidation;
using Mediator;

namespace EPlanNacc.Modules.Projects.Features.Rounds;

/// <summary>NACC central grants one LAO a later deadline for a round
/// (<c>POST /api/v1/admin/rounds/{fiscalYear}/{round}/extensions</c>; admin only). A new grant replaces the LAO's
/// earlier one.</summary>
[Allow(Caller.Admin)]
public sealed record GrantRoundExtensionCommand(int FiscalYear, int Round, string? DlaCode, DateOnly? Until,
    string? Reason) : ICommand<RoundExtension>, ILaoScoped;

public sealed class GrantRoundExtensionValidator : AbstractValidator<GrantRoundExtensionCommand>
{
    public GrantRoundExtensionValidator()
    {
        RuleFor(x => x.FiscalYear).ValidFiscalYear();
        RuleFor(x => x.Round).ValidRound();
        RuleFor(x => x.DlaCode).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("กรุณาระบุรหัส อปท. 7 หลัก (dlaCode)")
            .DlaCodeOrEmpty();
        RuleFor(x => x.Until).NotNull().WithMessage("กรุณากรอกวันสุดท้ายของการขยายเวลา (until)");
        RuleFor(x => x.Reason).OptionalText("เหตุผล");
    }
}

public sealed class GrantRoundExtensionHandler(DbSession db, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<GrantRoundExtensionCommand, RoundExtension>
{
    public async ValueTask<RoundExtension> Handle(GrantRoundExtensionCommand command, CancellationToken ct)
    {
        var calendar = await RoundCalendarStore.LoadAsync(db, command.FiscalYear, [], ct);
        var deadline = calendar.Round(command.Round).Deadline;
        if (command.Until!.Value <= deadline)
            throw new RuleViolationException("วันสุดท้ายของการขยายเวลาต้องอยู่หลังกำหนดส่งเดิม " +
                                             $"({BuildingBlocks.Thai.ThaiFormat.ShortDate(deadline)})", "until");

        var extension = new RoundExtension(command.FiscalYear, command.Round, command.DlaCode!, command.Until.Value,
            string.IsNullOrWhiteSpace(command.Reason) ? null : command.Reason.Trim(), clock.GetUtcNow(),
            user.Username ?? "system");
        await db.ExecuteAsync("""
            INSERT INTO projects.round_extensions (fiscal_year, round, dla_code, until, reason, granted_at, granted_by)
            VALUES (@FiscalYear, @Round, @DlaCode, @Until, @Reason, @GrantedAt, @GrantedBy)
            ON CONFLICT (fiscal_year, round, dla_code) DO UPDATE SET
                until = excluded.until, reason = excluded.reason, granted_at = excluded.granted_at,
                granted_by = excluded.granted_by
            """,
            new
            {
                extension.FiscalYear, Round = (short)extension.Round, extension.DlaCode, extension.Until,
                extension.Reason, extension.GrantedAt, extension.GrantedBy,
            }, ct);
        return extension;
    }
}

/// <summary>Withdraws an LAO's extension of a round (<c>DELETE .../extensions/{dlaCode}</c>; admin only); 404 when
/// it has none.</summary>
[Allow(Caller.Admin)]
public sealed record RevokeRoundExtensionCommand(int FiscalYear, int Round, string DlaCode) : ICommand, ILaoScoped;

public sealed class RevokeRoundExtensionValidator : AbstractValidator<RevokeRoundExtensionCommand>
{
    public RevokeRoundExtensionValidator()
    {
        RuleFor(x => x.FiscalYear).ValidFiscalYear();
        RuleFor(x => x.Round).ValidRound();
    }
}

public sealed class RevokeRoundExtensionHandler(DbSession db) : ICommandHandler<RevokeRoundExtensionCommand>
{
    public async ValueTask<Unit> Handle(RevokeRoundExtensionCommand command, CancellationToken ct)
    {
        var removed = await db.ExecuteAsync(
            "DELETE FROM projects.round_extensions WHERE fiscal_year = @FiscalYear AND round = @Round " +
            "AND dla_code = @DlaCode", new { command.FiscalYear, Round = (short)command.Round, command.DlaCode }, ct);
        if (removed == 0) throw new NotFoundException("ไม่พบการขยายเวลาของ อปท. นี้ในรอบดังกล่าว");
        return Unit.Value;
    }
}
