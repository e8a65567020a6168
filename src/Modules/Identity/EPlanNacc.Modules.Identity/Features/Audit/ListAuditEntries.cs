using EPlanNacc.BuildingBlocks.Auditing;
using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.BuildingBlocks.Validation;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts.Scope;
using FluentValidation;
using Mediator;

namespace EPlanNacc.Modules.Identity.Features.Audit;

/// <summary>The audit trail, newest first, a page of <see cref="PageSize"/> at a time (<c>GET /api/v1/admin/audit</c>
/// and the audit page), filtered by days (<see cref="From"/> to <see cref="To"/>, Bangkok time, both included), actor
/// (a user name), LAO and action. An admin sees every entry; a provincial office the entries about the LAOs of its
/// province (the registry's) and the actions of its own staff; naming an LAO outside the scope is 404.</summary>
[Allow(Caller.Staff)]
public sealed record ListAuditEntriesQuery(
    DateOnly? From = null, DateOnly? To = null, string? Actor = null, string? DlaCode = null, string? Action = null,
    int Page = 1) : IQuery<AuditEntriesPage>
{
    public const int PageSize = 50;
}

public sealed record AuditEntriesPage(IReadOnlyList<AuditEntryItem> Items, int Page, int PageSize, int Total);

public sealed record AuditEntryItem(
    DateTimeOffset At, string? Actor, string Action, string? DlaCode, string? Detail, string? Address);

public sealed class ListAuditEntriesValidator : AbstractValidator<ListAuditEntriesQuery>
{
    public ListAuditEntriesValidator()
    {
        RuleFor(x => x.To).GreaterThanOrEqualTo(x => x.From).When(x => x.From is not null && x.To is not null)
            .WithMessage("วันสิ้นสุดต้องไม่ก่อนวันเริ่มต้น");
        RuleFor(x => x.Actor).MaximumLength(100).WithMessage("ชื่อผู้ใช้งานยาวได้ไม่เกิน 100 ตัวอักษร");
        RuleFor(x => x.DlaCode).DlaCodeOrEmpty();
        RuleFor(x => x.Action).Must(a => string.IsNullOrWhiteSpace(a) || AuditActions.IsValid(a.Trim()))
            .WithMessage("รหัสการดำเนินการไม่ถูกต้อง เช่น account.signed_in");
        RuleFor(x => x.Page).InclusiveBetween(1, 100_000).WithMessage("หน้าต้องเป็นเลข 1 ขึ้นไป");
    }
}

public sealed class ListAuditEntriesHandler(DbSession db, ISender sender, ICurrentUser user)
    : IQueryHandler<ListAuditEntriesQuery, AuditEntriesPage>
{
    private const string Matches = """
        FROM identity.audit_log a
        WHERE (@Province::text IS NULL OR a.dla_code = ANY(@Codes) OR a.actor_province = @Province)
          AND (@From::timestamptz IS NULL OR a.at >= @From)
          AND (@Until::timestamptz IS NULL OR a.at < @Until)
          AND (@Actor::text IS NULL OR lower(a.actor) = lower(@Actor))
          AND (@DlaCode::text IS NULL OR a.dla_code = @DlaCode)
          AND (@Action::text IS NULL OR a.action = @Action)
        """;

    public async ValueTask<AuditEntriesPage> Handle(ListAuditEntriesQuery query, CancellationToken ct)
    {
        // a provincial office: its province's LAOs (the registry's) and its own staff's actions
        string? province = null;
        string[] codes = [];
        if (user.Role == UserRole.Provincial)
        {
            province = (await sender.Send(new GetProvinceInScopeQuery(null), ct)).Code;
            codes = (await sender.Send(new ListLaosQuery(province), ct)).Select(l => l.DlaCode).ToArray();
        }
        var dlaCode = string.IsNullOrWhiteSpace(query.DlaCode) ? null : query.DlaCode.Trim();
        if (dlaCode is not null) await sender.Send(new GetLaoInScopeQuery(dlaCode), ct);

        var args = new
        {
            Province = province, Codes = codes, From = StartOf(query.From), Until = StartOf(query.To?.AddDays(1)),
            Actor = string.IsNullOrWhiteSpace(query.Actor) ? null : query.Actor.Trim(), DlaCode = dlaCode,
            Action = string.IsNullOrWhiteSpace(query.Action) ? null : query.Action.Trim(),
            ListAuditEntriesQuery.PageSize, Offset = (query.Page - 1) * ListAuditEntriesQuery.PageSize,
        };
        var total = await db.ExecuteScalarAsync<int>("SELECT count(*) " + Matches, args, ct);
        var items = await db.QueryAsync<AuditEntryItem>(
            "SELECT a.at, a.actor, a.action, a.dla_code, a.detail, a.address " + Matches +
            "\nORDER BY a.at DESC, a.id DESC LIMIT @PageSize OFFSET @Offset", args, ct);
        return new AuditEntriesPage(items, query.Page, ListAuditEntriesQuery.PageSize, total);
    }

    /// <summary>Midnight of a day in Bangkok, in UTC (Npgsql writes only UTC moments to timestamptz).</summary>
    private static DateTimeOffset? StartOf(DateOnly? day)
    {
        if (day is not { } d) return null;
        var local = d.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, ThaiFormat.BangkokTime.GetUtcOffset(local)).ToUniversalTime();
    }
}
