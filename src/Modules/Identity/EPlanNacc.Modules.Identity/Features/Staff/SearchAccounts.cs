using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Validation;
using EPlanNacc.Modules.Identity.Contracts;
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
    public async ValueTask<AccountSearchPage> Handle(SearchAccountsQuery query, CancellationToken ct)
    {
        // a provincial office is held to its province (naming another is 404); an admin names one or none
        string? province = null;
        if (!string.IsNullOrWhiteSpace(query.ProvinceCode) || user.Role == UserRole.Provincial)
            province = (await sender.Send(new GetProvinceInScopeQuery(query.ProvinceCode?.Trim()), ct)).Code;
        var role = string.IsNullOrWhiteSpace(query.Role) ? null : query.Role.Trim();
        var q = query.Q?.Trim();
        var args = await AccountMatches.ArgsAsync(sender, clock, province, role,
            string.IsNullOrWhiteSpace(query.State) ? null : query.State.Trim(),
            string.IsNullOrEmpty(q) ? null : $"%{EscapeLike(q)}%", ct);
        args["Limit"] = query.PageSize ?? int.MaxValue;
        args["Offset"] = (query.Page - 1) * (query.PageSize ?? 0);
        var total = await db.ExecuteScalarAsync<int>(AccountMatches.Sql + "SELECT count(*) FROM matches", args, ct);
        var items = await db.QueryAsync<AccountListItem>(AccountMatches.Sql + """
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

public sealed class CountAccountsHandler(DbSession db, ISender sender, TimeProvider clock)
    : IQueryHandler<CountAccountsQuery, AccountCounts>
{
    // counted without names: the nation is every account; a province its LAOs' accounts (by the registry's codes,
    // without names or order) and the accounts of the province itself, as AccountMatches places them
    public async ValueTask<AccountCounts> Handle(CountAccountsQuery query, CancellationToken ct)
    {
        var codes = query.ProvinceCode is null
            ? []
            : (await sender.Send(new ListLaoPlacesQuery(query.ProvinceCode), ct)).Select(l => l.DlaCode).ToArray();
        return await db.QuerySingleAsync<AccountCounts>($"""
            SELECT count(*) FILTER (WHERE role = @Lao AND state = 'never_set_up')::int AS lao_never_set_up,
                   count(*) FILTER (WHERE role = @Lao AND state = 'active')::int AS lao_active,
                   count(*) FILTER (WHERE state = 'locked')::int AS locked,
                   count(*) FILTER (WHERE role <> @Lao AND state = 'never_set_up')::int AS staff_never_set_up,
                   count(*) FILTER (WHERE state = 'disabled')::int AS disabled
            FROM (SELECT u.role, {AccountStates.Sql} AS state
                  FROM identity.users u
                  WHERE @Province::text IS NULL OR u.dla_code = ANY(@Codes) OR u.province_code = @Province) a
            """, new { Codes = codes, Province = query.ProvinceCode, Now = clock.GetUtcNow(), UserRoles.Lao }, ct);
    }
}

/// <summary>The accounts with their LAOs' registry names and provinces (asked of LocalAuthorityProfile once, for the
/// province or the nation), filtered by province, role, state and a name pattern, as the CTE <c>matches</c>; the
/// caller counts, orders or pages.</summary>
internal static class AccountMatches
{
    public const string Sql = $"""
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

    public static async Task<Dictionary<string, object?>> ArgsAsync(ISender sender, TimeProvider clock,
        string? province, string? role, string? state, string? pattern, CancellationToken ct)
    {
        // the LAOs only when LAO accounts are asked for
        var laos = role is null or UserRoles.Lao ? await sender.Send(new ListLaosQuery(province), ct) : [];
        return new Dictionary<string, object?>
        {
            ["Codes"] = laos.Select(l => l.DlaCode).ToArray(), ["Names"] = laos.Select(l => l.NameTh).ToArray(),
            ["Provinces"] = laos.Select(l => l.ProvinceCode).ToArray(), ["Role"] = role, ["Province"] = province,
            ["State"] = state, ["Pattern"] = pattern, ["Now"] = clock.GetUtcNow(), ["Lao"] = UserRoles.Lao,
            ["Provincial"] = UserRoles.Provincial, ["Admin"] = UserRoles.Admin,
        };
    }
}
