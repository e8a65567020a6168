using EPlanNacc.BuildingBlocks.Auditing;
using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.BuildingBlocks.Validation;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts.Scope;
using FluentValidation;
using Mediator;

namespace EPlanNacc.Modules.Projects.Features.Rounds;

/// <summary>The kinds of change kept in the history of the rounds (<c>projects.round_changes</c>), and the action
/// each is in the audit trail: <c>round.dates_set</c>, <c>extension.granted</c>, <c>extension.revoked</c>.</summary>
public static class RoundChangeKinds
{
    public const string DatesSet = "dates_set";
    public const string ExtensionGranted = "extension_granted";
    public const string ExtensionRevoked = "extension_revoked";

    public static string Describe(string kind) => kind switch
    {
        DatesSet => "กำหนดวันเปิดรับและกำหนดส่งรายงาน",
        ExtensionGranted => "ขยายเวลารายงานให้ อปท.",
        ExtensionRevoked => "ยกเลิกการขยายเวลา",
        _ => kind,
    };

    /// <summary>The action code of the audit trail (src/BuildingBlocks/EPlanNacc.BuildingBlocks/Auditing).</summary>
    public static string AuditAction(string kind) => kind switch
    {
        DatesSet => "round.dates_set",
        ExtensionGranted => "extension.granted",
        ExtensionRevoked => "extension.revoked",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a kind of round change"),
    };
}

/// <summary>One change of the rounds: a round's dates (no LAO) or an LAO's extension, with the values before and
/// after (null where there was none) and the reason given.</summary>
public sealed record RoundChange(int FiscalYear, int Round, string Kind, string? DlaCode = null,
    DateOnly? OldOpensOn = null, DateOnly? OldDeadline = null, DateOnly? NewOpensOn = null,
    DateOnly? NewDeadline = null, DateOnly? OldUntil = null, DateOnly? NewUntil = null, string? Reason = null)
{
    /// <summary>What was done, in Thai.</summary>
    public string What => RoundChangeKinds.Describe(Kind);

    /// <summary>The value before, as people read it ("-" when there was none).</summary>
    public string Old => Kind == RoundChangeKinds.DatesSet ? Dates(OldOpensOn, OldDeadline) : Day(OldUntil);

    /// <summary>The value after, as people read it ("-" after a revocation).</summary>
    public string New => Kind == RoundChangeKinds.DatesSet ? Dates(NewOpensOn, NewDeadline) : Day(NewUntil);

    /// <summary>The line of the audit trail: "รอบ 6 เดือน ปีงบประมาณ พ.ศ. 2570 ขยายเวลารายงานให้ อปท.: - → 15 พ.ค. 2570
    /// เหตุผล: ...".</summary>
    public string Detail =>
        $"{ThaiFormat.RoundName(Round)} {ThaiFormat.FiscalYear(FiscalYear)} {What}: {Old} → {New}" +
        (Reason is null ? "" : $" เหตุผล: {Reason}");

    private static string Day(DateOnly? day) => day is { } d ? ThaiFormat.ShortDate(d) : "-";

    private static string Dates(DateOnly? opensOn, DateOnly? deadline) =>
        opensOn is { } o && deadline is { } d ? $"{ThaiFormat.ShortDate(o)} ถึง {ThaiFormat.ShortDate(d)}" : "-";
}

/// <summary>Writes the history of the rounds, and the same change to the audit trail, in the transaction of the change
/// it describes.</summary>
internal static class RoundHistory
{
    public static async Task RecordAsync(DbSession db, IAuditTrail audit, ICurrentUser user, RoundChange change,
        DateTimeOffset at, CancellationToken ct)
    {
        await db.ExecuteAsync("""
            INSERT INTO projects.round_changes (id, fiscal_year, round, kind, dla_code, old_opens_on, old_deadline,
                new_opens_on, new_deadline, old_until, new_until, reason, changed_at, changed_by, ip_address)
            VALUES (@Id, @FiscalYear, @Round, @Kind, @DlaCode, @OldOpensOn, @OldDeadline, @NewOpensOn, @NewDeadline,
                @OldUntil, @NewUntil, @Reason, @At, @By, @IpAddress)
            """,
            new
            {
                Id = Guid.CreateVersion7(), change.FiscalYear, Round = (short)change.Round, change.Kind,
                change.DlaCode, change.OldOpensOn, change.OldDeadline, change.NewOpensOn, change.NewDeadline,
                change.OldUntil, change.NewUntil, change.Reason, At = at, By = Who(user), user.IpAddress,
            }, ct);
        await audit.RecordAsync(RoundChangeKinds.AuditAction(change.Kind), change.DlaCode, change.Detail, ct);
    }

    public static string Who(ICurrentUser user) => user.Username ?? "system";
}

/// <summary>The history of a fiscal year's rounds, newest first, for NACC staff: every change of the rounds' dates,
/// and the grants and revocations of extensions of the LAOs in the caller's scope (a provincial office its
/// province's; <see cref="ProvinceCode"/> narrows an admin's to one province, 404 outside the caller's scope), or of
/// one LAO (<see cref="DlaCode"/>).</summary>
[Allow(Caller.Staff)]
public sealed record ListRoundChangesQuery(int FiscalYear, string? ProvinceCode = null, string? DlaCode = null)
    : IQuery<IReadOnlyList<RoundChangeItem>>;

/// <param name="LaoNameTh">The LAO's name (null for a change of a round's dates).</param>
public sealed record RoundChangeItem(
    Guid Id, int FiscalYear, int Round, string Kind, string? DlaCode, string? LaoNameTh,
    DateOnly? OldOpensOn, DateOnly? OldDeadline, DateOnly? NewOpensOn, DateOnly? NewDeadline,
    DateOnly? OldUntil, DateOnly? NewUntil, string? Reason, DateTimeOffset ChangedAt, string ChangedBy,
    string? IpAddress)
{
    private RoundChange Change => new(FiscalYear, Round, Kind, DlaCode, OldOpensOn, OldDeadline, NewOpensOn,
        NewDeadline, OldUntil, NewUntil, Reason);

    /// <summary>What was done, in Thai.</summary>
    public string What => Change.What;

    /// <summary>The value before, as people read it ("-" when there was none).</summary>
    public string Old => Change.Old;

    /// <summary>The value after, as people read it ("-" after a revocation).</summary>
    public string New => Change.New;
}

public sealed class ListRoundChangesValidator : AbstractValidator<ListRoundChangesQuery>
{
    public ListRoundChangesValidator()
    {
        RuleFor(x => x.FiscalYear).ValidFiscalYear();
        RuleFor(x => x.ProvinceCode).ProvinceCodeOrEmpty();
        RuleFor(x => x.DlaCode).DlaCodeOrEmpty();
    }
}

public sealed class ListRoundChangesHandler(DbSession db, ISender sender)
    : IQueryHandler<ListRoundChangesQuery, IReadOnlyList<RoundChangeItem>>
{
    private sealed class Row
    {
        public Guid Id { get; init; }
        public short Round { get; init; }
        public string Kind { get; init; } = "";
        public string? DlaCode { get; init; }
        public DateOnly? OldOpensOn { get; init; }
        public DateOnly? OldDeadline { get; init; }
        public DateOnly? NewOpensOn { get; init; }
        public DateOnly? NewDeadline { get; init; }
        public DateOnly? OldUntil { get; init; }
        public DateOnly? NewUntil { get; init; }
        public string? Reason { get; init; }
        public DateTimeOffset ChangedAt { get; init; }
        public string ChangedBy { get; init; } = "";
        public string? IpAddress { get; init; }
    }

    public async ValueTask<IReadOnlyList<RoundChangeItem>> Handle(ListRoundChangesQuery query, CancellationToken ct)
    {
        var code = string.IsNullOrWhiteSpace(query.DlaCode) ? null : query.DlaCode.Trim();
        if (code is not null) await sender.Send(new GetLaoInScopeQuery(code), ct);
        var rows = await db.QueryAsync<Row>("""
            SELECT id, round, kind, dla_code, old_opens_on, old_deadline, new_opens_on, new_deadline, old_until,
                   new_until, reason, changed_at, changed_by, ip_address
            FROM projects.round_changes
            WHERE fiscal_year = @FiscalYear AND (@Code::text IS NULL OR dla_code IS NULL OR dla_code = @Code)
            ORDER BY changed_at DESC, id DESC
            """, new { query.FiscalYear, Code = code }, ct);
        var laos = await RoundScope.LaosAsync(sender,
            rows.Where(r => r.DlaCode is not null).Select(r => r.DlaCode!).ToHashSet(), query.ProvinceCode, null, ct);
        return rows
            .Where(r => r.DlaCode is null || laos.ContainsKey(r.DlaCode))
            .Select(r => new RoundChangeItem(r.Id, query.FiscalYear, r.Round, r.Kind, r.DlaCode,
                r.DlaCode is null ? null : laos[r.DlaCode].NameTh, r.OldOpensOn, r.OldDeadline, r.NewOpensOn,
                r.NewDeadline, r.OldUntil, r.NewUntil, r.Reason, r.ChangedAt, r.ChangedBy, r.IpAddress))
            .ToList();
    }
}
