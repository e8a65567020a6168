using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Validation;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts.Scope;
using FluentValidation;
using Mediator;

namespace EPlanNacc.Modules.Identity.Features.Staff;

/// <summary>The accounts of the caller's scope, LAO and staff (<c>GET /api/v1/admin/accounts</c> and the accounts
/// page): a provincial office its province's LAOs and provincial accounts, an admin every account, or one province's
/// when it names one. <see cref="Q"/> matches a part of the user name (an LAO's code) or of the name; the LAO's
/// name and province are the registry's (LocalAuthorityProfile, asked once for the province or the nation). Ordered by
/// province (admins first), role, user name; <see cref="PageSize"/> null answers every match.</summary>
[Allow(Caller.Staff)]
public sealed record SearchAccountsQuery(
    string? Q = null, string? Role = null, string? ProvinceCode = null, string? State = null, int Page = 1,
    int? PageSize = SearchAccountsQuery.DefaultPageSize) : IQuery<AccountSearchPage>
{
    public const int DefaultPageSize = 50;
}

public sealed record AccountSearchPage(IReadOnlyList<AccountListItem> Items, int Page, int? PageSize, int Total);

/// <param name="Role"><c>lao</c>, <c>provincial</c> or <c>admin</c>.</param>
/// <param name="State">One of <see cref="AccountStates"/>.</param>
public sealed record AccountListItem(string Username, string Role, string NameTh, string? ProvinceCode, string State);

public sealed class SearchAccountsValidator : AbstractValidator<SearchAccountsQuery>
{
    public SearchAccountsValidator()
    {
        RuleFor(x => x.Q).MaximumLength(100).WithMessage("คำค้นยาวได้ไม่เกิน 100 ตัวอักษร");
        RuleFor(x => x.Role).Must(r => string.IsNullOrWhiteSpace(r) || UserRoles.Parse(r.Trim()) is not null)
            .WithMessage("บทบาทต้องเป็น lao, provincial หรือ admin");
        RuleFor(x => x.State).Must(s => string.IsNullOrWhiteSpace(s) || AccountStates.All.Contains(s.Trim()))
            .WithMessage($"สถานะต้องเป็น {string.Join(", ", AccountStates.All)}");
        RuleFor(x => x.ProvinceCode).ProvinceCodeOrEmpty();
        RuleFor(x => x.Page).InclusiveBetween(1, 100_000).WithMessage("หน้าต้องเป็นเลข 1 ขึ้นไป");
        RuleFor(x => x.PageSize).InclusiveBetween(1, 500).When(x => x.PageSize is not null)
            .WithMessage("จำนวนต่อหน้าต้องอยู่ระหว่าง 1 ถึง 500");
    }
}

public sealed class SearchAccountsHandler(DbSession db, ISender sender, ICurrentUser user, TimeProvider clock)
    : IQueryHandler<SearchAccountsQuery, AccountSearchPage>
{
    /// <summary>The accounts with the LAOs' registry names and provinces (<c>@Codes</c>, <c>@Names</c>,
    /// <c>@Provinces</c>), filtered; the caller orders and pages.</summary>
    private const string Matches = $"""
        WITH laos AS (
            SELECT * FROM unnest(@Codes::text[], @Names::text[], @Provinces::text[]) AS l(code, name, province)
        ), accounts AS (
            SELECT u.username, u.role, coalesce(l.name, u.display_name) AS name_th,
                   coalesce(l.province, u.province_code) AS province_code, {AccountStates.Sql} AS state
            FROM identity.users u
            LEFT JOIN laos l ON l.code = u.dla_code
            WHERE (@Role::text IS NULL OR u.role = @Role)
        ), matches AS (
            SELECT * FROM accounts a
            WHERE (@Province::text IS NULL OR a.province_code = @Province)
              AND (@State::text IS NULL OR a.state = @State)
              AND (@Pattern::text IS NULL OR a.username ILIKE @Pattern OR a.name_th ILIKE @Pattern)
        )
        """;

    public async ValueTask<AccountSearchPage> Handle(SearchAccountsQuery query, CancellationToken ct)
    {
        // a provincial office is held to its province (naming another is 404); an admin names one or none
        string? province = null;
        if (!string.IsNullOrWhiteSpace(query.ProvinceCode) || user.Role == UserRole.Provincial)
            province = (await sender.Send(new GetProvinceInScopeQuery(query.ProvinceCode?.Trim()), ct)).Code;
        var role = string.IsNullOrWhiteSpace(query.Role) ? null : query.Role.Trim();
        var laos = role is null or UserRoles.Lao ? await sender.Send(new ListLaosQuery(province), ct) : [];
        var q = query.Q?.Trim();
        var args = new
        {
            Codes = laos.Select(l => l.DlaCode).ToArray(), Names = laos.Select(l => l.NameTh).ToArray(),
            Provinces = laos.Select(l => l.ProvinceCode).ToArray(), Role = role, Province = province,
            State = string.IsNullOrWhiteSpace(query.State) ? null : query.State.Trim(),
            Pattern = string.IsNullOrEmpty(q) ? null : $"%{EscapeLike(q)}%",
            Now = clock.GetUtcNow(), UserRoles.Lao, UserRoles.Provincial, UserRoles.Admin,
            Limit = query.PageSize, Offset = (query.Page - 1) * (query.PageSize ?? 0),
        };
        var total = await db.ExecuteScalarAsync<int>(Matches + "SELECT count(*) FROM matches", args, ct);
        var items = await db.QueryAsync<AccountListItem>(Matches + """
            SELECT username, role, name_th, province_code, state FROM matches
            ORDER BY province_code NULLS FIRST, CASE role WHEN @Admin THEN 0 WHEN @Provincial THEN 1 ELSE 2 END,
                     username
            LIMIT @Limit OFFSET @Offset
            """, args, ct);
        return new AccountSearchPage(items, query.Page, query.PageSize, total);
    }

    private static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}
