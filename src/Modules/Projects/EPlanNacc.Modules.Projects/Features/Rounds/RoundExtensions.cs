using EPlanNacc.BuildingBlocks.Auditing;
using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Validation;
using EPlanNacc.Modules.Projects.Contracts;
using FluentValidation;
using Mediator;

namespace EPlanNacc.Modules.Projects.Features.Rounds;

/// <summary>NACC staff grant one LAO a later deadline for a round, with a reason
/// (<c>POST /api/v1/admin/rounds/{fiscalYear}/{round}/extensions</c>): an admin any LAO, a provincial office the LAOs
/// of its province (another's: 404). The last day is after the round's deadline and at most
/// <see cref="ExtensionRules.MaxDaysAfterDeadline"/> days after it. A new grant replaces the LAO's earlier one; the
/// change is kept in the history of the rounds (old and new last day, reason, who, when).</summary>
[Allow(Caller.Staff)]
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
        RuleFor(x => x.Reason).RequiredText("เหตุผลของการขยายเวลา");
    }
}

public sealed class GrantRoundExtensionHandler(DbSession db, IAuditTrail audit, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<GrantRoundExtensionCommand, RoundExtension>
{
    private sealed class Current
    {
        public DateOnly Until { get; init; }
        public string? Reason { get; init; }
        public DateTimeOffset GrantedAt { get; init; }
        public string GrantedBy { get; init; } = "";
    }

    public async ValueTask<RoundExtension> Handle(GrantRoundExtensionCommand command, CancellationToken ct)
    {
        var (year, round, code) = (command.FiscalYear, command.Round, command.DlaCode!.Trim());
        var calendar = await RoundCalendarStore.LoadAsync(db, year, [], ct);
        var until = command.Until!.Value;
        if (ExtensionRules.RefusalOf(until, calendar.Round(round).Deadline) is { } refusal)
            throw new RuleViolationException(refusal, "until");

        var key = new { FiscalYear = year, Round = (short)round, DlaCode = code };
        var current = await db.QuerySingleOrDefaultAsync<Current>("""
            SELECT until, reason, granted_at, granted_by FROM projects.round_extensions
            WHERE fiscal_year = @FiscalYear AND round = @Round AND dla_code = @DlaCode
            FOR UPDATE
            """, key, ct);
        var reason = command.Reason!.Trim();
        if (current is not null && current.Until == until && current.Reason == reason)
            return new RoundExtension(year, round, code, until, reason, current.GrantedAt, current.GrantedBy);

        var extension = new RoundExtension(year, round, code, until, reason, clock.GetUtcNow(),
            RoundHistory.Who(user));
        await db.ExecuteAsync("""
            INSERT INTO projects.round_extensions (fiscal_year, round, dla_code, until, reason, granted_at, granted_by)
            VALUES (@FiscalYear, @Round, @DlaCode, @Until, @Reason, @GrantedAt, @GrantedBy)
            ON CONFLICT (fiscal_year, round, dla_code) DO UPDATE SET
                until = excluded.until, reason = excluded.reason, granted_at = excluded.granted_at,
                granted_by = excluded.granted_by
            """,
            new
            {
                key.FiscalYear, key.Round, key.DlaCode, extension.Until, extension.Reason, extension.GrantedAt,
                extension.GrantedBy,
            }, ct);
        await RoundHistory.RecordAsync(db, audit, user, new RoundChange(year, round, RoundChangeKinds.ExtensionGranted,
            code, OldUntil: current?.Until, NewUntil: until, Reason: reason), extension.GrantedAt, ct);
        return extension;
    }
}

/// <summary>Withdraws an LAO's extension of a round (<c>DELETE .../extensions/{dlaCode}</c>, the reason in
/// <c>?reason=</c>; the staff page asks for one, the API keeps it optional as docs/api.md has it): an admin any LAO's,
/// a provincial office those of its province (another's: 404); 404 when the LAO has none. The LAO's deadline is the
/// round's again; the revocation stays in the history of the rounds.</summary>
[Allow(Caller.Staff)]
public sealed record RevokeRoundExtensionCommand(int FiscalYear, int Round, string DlaCode, string? Reason = null)
    : ICommand, ILaoScoped;

public sealed class RevokeRoundExtensionValidator : AbstractValidator<RevokeRoundExtensionCommand>
{
    public RevokeRoundExtensionValidator()
    {
        RuleFor(x => x.FiscalYear).ValidFiscalYear();
        RuleFor(x => x.Round).ValidRound();
        RuleFor(x => x.Reason).OptionalText("เหตุผล");
    }
}

public sealed class RevokeRoundExtensionHandler(DbSession db, IAuditTrail audit, ICurrentUser user,
    TimeProvider clock)
    : ICommandHandler<RevokeRoundExtensionCommand>
{
    public async ValueTask<Unit> Handle(RevokeRoundExtensionCommand command, CancellationToken ct)
    {
        var code = command.DlaCode.Trim();
        var until = await db.QuerySingleOrDefaultAsync<DateOnly?>("""
            DELETE FROM projects.round_extensions
            WHERE fiscal_year = @FiscalYear AND round = @Round AND dla_code = @Code
            RETURNING until
            """, new { command.FiscalYear, Round = (short)command.Round, Code = code }, ct)
            ?? throw new NotFoundException("ไม่พบการขยายเวลาของ อปท. นี้ในรอบดังกล่าว");
        await RoundHistory.RecordAsync(db, audit, user, new RoundChange(command.FiscalYear, command.Round,
                RoundChangeKinds.ExtensionRevoked, code, OldUntil: until,
                Reason: string.IsNullOrWhiteSpace(command.Reason) ? null : command.Reason.Trim()),
            clock.GetUtcNow(), ct);
        return Unit.Value;
    }
}
