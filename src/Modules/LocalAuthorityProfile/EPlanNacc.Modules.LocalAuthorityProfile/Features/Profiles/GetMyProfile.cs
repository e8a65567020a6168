using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Security;
using Mediator;

namespace EPlanNacc.Modules.LocalAuthorityProfile.Features.Profiles;

/// <summary>The signed-in LAO's basic data, prefilled from the registry before the first save.
/// Allowed during the first set-up session.</summary>
public sealed record GetMyProfileQuery : IQuery<ProfileDetails>;

public sealed class GetMyProfileHandler(DbSession db, ICurrentUser user) : IQueryHandler<GetMyProfileQuery, ProfileDetails>
{
    public async ValueTask<ProfileDetails> Handle(GetMyProfileQuery query, CancellationToken ct)
    {
        var dlaCode = user.RequireLao();
        var row = await db.QuerySingleOrDefaultAsync<ProfileRow>(ProfileRow.SelectSql, new { DlaCode = dlaCode }, ct)
            ?? throw new NotFoundException("ไม่พบ อปท. ในทะเบียน");
        return row.ToDetails();
    }
}

/// <summary>An LAO's basic data for NACC staff whose scope covers it (provincial: its province; admin: all).
/// 404 outside the scope.</summary>
public sealed record GetLaoProfileQuery(string DlaCode) : IQuery<ProfileDetails>;

public sealed class GetLaoProfileHandler(DbSession db, ICurrentUser user) : IQueryHandler<GetLaoProfileQuery, ProfileDetails>
{
    public async ValueTask<ProfileDetails> Handle(GetLaoProfileQuery query, CancellationToken ct)
    {
        var row = await db.QuerySingleOrDefaultAsync<ProfileRow>(ProfileRow.SelectSql, new { query.DlaCode }, ct);
        if (row is null || !user.CanSeeLao(row.DlaCode, row.ProvinceCode)) throw new NotFoundException("ไม่พบ อปท. ที่ระบุ");
        return row.ToDetails();
    }
}
