using System.Text.Json;
using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts.Scope;
using Mediator;

namespace EPlanNacc.Modules.LocalAuthorityProfile.Features.Profiles;

/// <summary>The history of an LAO's basic data, newest first: who saved, when, from where, and what changed.
/// An LAO sees its own (DlaCode null or its own code); staff see the LAOs of their scope.</summary>
[Allow(Caller.SignedIn)]
public sealed record ListProfileChangesQuery(string? DlaCode = null, int Limit = 50)
    : IQuery<IReadOnlyList<ProfileChangeItem>>, ILaoScoped;

public sealed record ProfileChangeItem(DateTimeOffset ChangedAt, string ChangedBy, string? IpAddress,
    IReadOnlyList<ProfileFieldChange> Changes);

public sealed class ListProfileChangesHandler(DbSession db, ISender sender)
    : IQueryHandler<ListProfileChangesQuery, IReadOnlyList<ProfileChangeItem>>
{
    private sealed record Row(DateTime ChangedAt, string ChangedBy, string? IpAddress, string Changes);

    public async ValueTask<IReadOnlyList<ProfileChangeItem>> Handle(ListProfileChangesQuery query, CancellationToken ct)
    {
        var dlaCode = (await sender.Send(new GetLaoInScopeQuery(query.DlaCode), ct)).DlaCode;
        var rows = await db.QueryAsync<Row>("""
            SELECT changed_at AS ChangedAt, changed_by AS ChangedBy, ip_address AS IpAddress, changes::text AS Changes
            FROM local_authority_profile.profile_changes
            WHERE dla_code = @dlaCode
            ORDER BY changed_at DESC
            LIMIT @limit
            """, new { dlaCode, limit = Math.Clamp(query.Limit, 1, 500) }, ct);
        return rows.Select(r => new ProfileChangeItem(
            new DateTimeOffset(DateTime.SpecifyKind(r.ChangedAt, DateTimeKind.Utc)), r.ChangedBy, r.IpAddress,
            JsonSerializer.Deserialize<List<ProfileFieldChange>>(r.Changes) ?? [])).ToList();
    }
}
