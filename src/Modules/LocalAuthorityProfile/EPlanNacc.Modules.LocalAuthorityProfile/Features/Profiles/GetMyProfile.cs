using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.Identity.Contracts;
using Mediator;

namespace EPlanNacc.Modules.LocalAuthorityProfile.Features.Profiles;

/// <summary>The signed-in LAO's basic data, prefilled from the registry before the first save, and again after NACC
/// staff reset the account (the new set-up session does not see the previous coordinator's details). Allowed during
/// the first set-up session.</summary>
[Allow(Caller.Lao, DuringSetup = true)]
public sealed record GetMyProfileQuery : IQuery<ProfileDetails>;

public sealed class GetMyProfileHandler(DbSession db, ICurrentUser user)
    : IQueryHandler<GetMyProfileQuery, ProfileDetails>
{
    public async ValueTask<ProfileDetails> Handle(GetMyProfileQuery query, CancellationToken ct)
    {
        var row = await db.QuerySingleOrDefaultAsync<ProfileRow>(ProfileRow.SelectSql,
            new { DlaCode = user.OwnDlaCode() }, ct)
            ?? throw new NotFoundException("ไม่พบ อปท. ในทะเบียน");
        return (row.ResetPending ? row.RegistryOnly() : row).ToDetails();
    }
}

/// <summary>An LAO's basic data for NACC staff whose scope covers it (provincial: its province; admin: all).
/// 404 outside the scope (the authorization step).</summary>
[Allow(Caller.SignedIn)]
public sealed record GetLaoProfileQuery(string DlaCode) : IQuery<ProfileDetails>, ILaoScoped;

public sealed class GetLaoProfileHandler(DbSession db) : IQueryHandler<GetLaoProfileQuery, ProfileDetails>
{
    public async ValueTask<ProfileDetails> Handle(GetLaoProfileQuery query, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<ProfileRow>(ProfileRow.SelectSql, new { query.DlaCode }, ct)
         ?? throw new NotFoundException(AccessMessages.LaoNotFound)).ToDetails();
}

/// <summary>After a staff reset of the LAO's account (same
/// transaction): its next set-up starts from the registry.</summary>
public sealed class MarkProfileAfterResetHandler(DbSession db) : INotificationHandler<LaoAccountResetNotification>
{
    public async ValueTask Handle(LaoAccountResetNotification notification, CancellationToken ct) =>
        await db.ExecuteAsync(
            "UPDATE local_authority_profile.profiles SET reset_at = @At WHERE dla_code = @DlaCode",
            new { notification.DlaCode, notification.At }, ct);
}
