using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.Modules.Identity.Contracts;
using Mediator;
using Microsoft.Extensions.Options;

namespace EPlanNacc.Modules.Identity.Features.Emails;

/// <summary>Reads the outbox rows of the given ids (identity.outbound_emails); an email is given up once it has had
/// <see cref="SendPendingEmailsHandler.MaxAttempts"/> attempts without being sent.</summary>
public sealed class ListEmailStatesHandler(DbSession db)
    : IQueryHandler<ListEmailStatesQuery, IReadOnlyList<EmailState>>
{
    public async ValueTask<IReadOnlyList<EmailState>> Handle(ListEmailStatesQuery query, CancellationToken ct)
    {
        if (query.EmailIds.Count == 0) return [];
        return await db.QueryAsync<EmailState>("""
            SELECT id, to_address, created_at AS queued_at, sent_at, attempts, last_attempt_at, last_error,
                   (sent_at IS NULL AND attempts >= @MaxAttempts) AS given_up
            FROM identity.outbound_emails
            WHERE id = ANY(@Ids)
            """, new { Ids = query.EmailIds.Distinct().ToArray(), SendPendingEmailsHandler.MaxAttempts }, ct);
    }
}

public sealed class GetPublicBaseUrlHandler(IOptions<IdentityOptions> options)
    : IQueryHandler<GetPublicBaseUrlQuery, string>
{
    public ValueTask<string> Handle(GetPublicBaseUrlQuery query, CancellationToken ct) =>
        ValueTask.FromResult(options.Value.PublicBaseUrl.TrimEnd('/'));
}
