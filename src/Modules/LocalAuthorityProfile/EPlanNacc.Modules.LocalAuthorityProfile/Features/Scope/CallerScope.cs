using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.BuildingBlocks.Validation;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts.Scope;
using EPlanNacc.Modules.LocalAuthorityProfile.Features.Registry;
using Mediator;

namespace EPlanNacc.Modules.LocalAuthorityProfile.Features.Scope;

/// <summary>The rule of the caller's scope, in one place: an LAO sees itself, a provincial office the LAOs of its
/// province, an admin every LAO; the province of an LAO is the one of the DLA registry (<c>registry_laos</c>, which
/// only the registry file and staff corrections change). Every other module asks through the contract.</summary>
internal static class ScopeRule
{
    public static bool CoversLao(ICurrentUser user, string dlaCode, string registryProvinceCode) => user.Role switch
    {
        UserRole.Admin => true,
        UserRole.Provincial => registryProvinceCode == user.ProvinceCode,
        UserRole.Lao => dlaCode == user.DlaCode,
        _ => false,
    };

    public static bool CoversProvince(ICurrentUser user, string provinceCode) =>
        user.Role == UserRole.Admin || (user.Role == UserRole.Provincial && provinceCode == user.ProvinceCode);

    /// <summary>A code of <paramref name="digits"/> ASCII digits (an LAO's 7, a province's 2).</summary>
    public static bool IsCode(string code, int digits) => code.Length == digits && code.All(char.IsAsciiDigit);

    public static void RequireSignedIn(ICurrentUser user)
    {
        if (user.AsCaller() is null) throw new ForbiddenException(AccessMessages.SignInRequired);
    }
}

/// <summary>Answers <see cref="GetLaoInScopeQuery"/>; the handler lives for one request (one scope), so the LAOs it
/// already answered for this caller are not read again.</summary>
public sealed class GetLaoInScopeHandler(DbSession db, ICurrentUser user) : IQueryHandler<GetLaoInScopeQuery, LaoInfo>
{
    private readonly Dictionary<(string? User, UserRole? Role, string Code), LaoInfo> _answered = [];

    public async ValueTask<LaoInfo> Handle(GetLaoInScopeQuery query, CancellationToken ct)
    {
        ScopeRule.RequireSignedIn(user);
        var code = query.DlaCode?.Trim();
        if (string.IsNullOrEmpty(code))
        {
            if (user.Role != UserRole.Lao) throw new RuleViolationException(AccessMessages.ChooseLao, "dlaCode");
            code = user.DlaCode!;
        }
        var key = (user.Username, user.Role, code);
        if (_answered.TryGetValue(key, out var known)) return known;
        if (!ScopeRule.IsCode(code, 7)) throw new RuleViolationException(CodeRules.DlaCodeMessage, "dlaCode");
        // an LAO never learns whether another code exists: refused before the database is asked
        if (user.Role == UserRole.Lao && code != user.DlaCode) throw new NotFoundException(AccessMessages.LaoNotFound);
        var lao = await db.QuerySingleOrDefaultAsync<LaoInfo>(LaoInfoSql.Select + " WHERE r.dla_code = @code",
            new { code }, ct);
        if (lao is null || !ScopeRule.CoversLao(user, lao.DlaCode, lao.ProvinceCode))
            throw new NotFoundException(AccessMessages.LaoNotFound);
        _answered[key] = lao;
        return lao;
    }
}

/// <summary>Answers <see cref="GetProvinceInScopeQuery"/>; like <see cref="GetLaoInScopeHandler"/> it lives for one
/// request, so a province already answered for this caller is not read again (the province report's page asks for
/// its report and for its stored files).</summary>
public sealed class GetProvinceInScopeHandler(DbSession db, ICurrentUser user)
    : IQueryHandler<GetProvinceInScopeQuery, ProvinceName>
{
    private readonly Dictionary<(string? User, UserRole? Role, string Code), ProvinceName> _answered = [];

    public async ValueTask<ProvinceName> Handle(GetProvinceInScopeQuery query, CancellationToken ct)
    {
        ScopeRule.RequireSignedIn(user);
        if (!user.IsStaff()) throw new ForbiddenException(AccessMessages.StaffOnly);
        var code = query.ProvinceCode?.Trim();
        if (string.IsNullOrEmpty(code))
        {
            if (user.Role != UserRole.Provincial)
                throw new RuleViolationException(AccessMessages.ChooseProvince, "provinceCode");
            code = user.ProvinceCode!;
        }
        if (!ScopeRule.IsCode(code, 2)) throw new RuleViolationException(CodeRules.ProvinceCodeMessage, "provinceCode");
        if (!ScopeRule.CoversProvince(user, code)) throw new NotFoundException(AccessMessages.ProvinceNotFound);
        var key = (user.Username, user.Role, code);
        if (_answered.TryGetValue(key, out var known)) return known;
        var province = await db.QuerySingleOrDefaultAsync<ProvinceName>(
                           "SELECT code, name_th, name_en FROM local_authority_profile.provinces WHERE code = @code",
                           new { code }, ct)
                       ?? throw new NotFoundException(AccessMessages.ProvinceNotFound);
        _answered[key] = province;
        return province;
    }
}

public sealed class GetProvinceOrNationInScopeHandler(ICurrentUser user, ISender sender)
    : IQueryHandler<GetProvinceOrNationInScopeQuery, ProvinceName?>
{
    public async ValueTask<ProvinceName?> Handle(GetProvinceOrNationInScopeQuery query, CancellationToken ct) =>
        user.Role == UserRole.Admin && string.IsNullOrWhiteSpace(query.ProvinceCode)
            ? null
            : await sender.Send(new GetProvinceInScopeQuery(query.ProvinceCode), ct);
}

public sealed class GetScopeChoicesHandler(DbSession db, ICurrentUser user, ISender sender)
    : IQueryHandler<GetScopeChoicesQuery, ScopeChoices>
{
    private static readonly StringComparer Thai = StringComparer.Create(ThaiFormat.Culture, false);

    public async ValueTask<ScopeChoices> Handle(GetScopeChoicesQuery query, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(query.DlaCode)) await sender.Send(new GetLaoInScopeQuery(query.DlaCode), ct);
        if (user.Role == UserRole.Lao)
        {
            var own = await sender.Send(new GetLaoInScopeQuery(null), ct);
            return new ScopeChoices([], own.ProvinceCode, [new LaoChoice(own.DlaCode, own.NameTh, own.DistrictNameTh)]);
        }
        var provinces = (await db.QueryAsync<ProvinceName>(
                "SELECT code, name_th, name_en FROM local_authority_profile.provinces ORDER BY code", ct: ct))
            .Where(p => ScopeRule.CoversProvince(user, p.Code))
            .OrderBy(p => p.NameTh, Thai)
            .Select(p => new ProvinceChoice(p.Code, p.NameTh))
            .ToList();
        var named = query.ProvinceCode?.Trim();
        if (!string.IsNullOrEmpty(named) && provinces.All(p => p.Code != named))
            throw new NotFoundException(AccessMessages.ProvinceNotFound);
        var chosen = user.Role == UserRole.Provincial ? user.ProvinceCode : named;
        if (string.IsNullOrEmpty(chosen) || provinces.All(p => p.Code != chosen))
            return new ScopeChoices(provinces, null, []);
        if (query.ProvincesOnly) return new ScopeChoices(provinces, chosen, []);
        var laos = await db.QueryAsync<LaoInfo>(LaoInfoSql.SelectFew + " WHERE r.province_code = @chosen " +
            LaoInfoSql.OrderBy, new { chosen }, ct);
        return new ScopeChoices(provinces, chosen,
            laos.Select(l => new LaoChoice(l.DlaCode, l.NameTh, l.DistrictNameTh)).ToList());
    }
}
