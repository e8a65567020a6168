using EPlanNacc.BuildingBlocks.Security;
using Mediator;

namespace EPlanNacc.Modules.Identity.Contracts;

/// <summary>What became of emails queued with <see cref="QueueEmailCommand"/> (by the ids it returned): sent, waiting,
/// waiting for a retry after a failure (with the error), or given up after the last attempt. An unknown id is absent
/// from the answer. For other modules that show their sends to staff (the reminders).</summary>
[Allow(Caller.Module)]
public sealed record ListEmailStatesQuery(IReadOnlyList<Guid> EmailIds) : IQuery<IReadOnlyList<EmailState>>;

/// <param name="Attempts">Delivery attempts so far (after a failure, a pause that doubles from a minute to an
/// hour).</param>
/// <param name="GivenUp">Every attempt failed: the email stays unsent, with its last error.</param>
public sealed record EmailState(Guid Id, string ToAddress, DateTimeOffset QueuedAt, DateTimeOffset? SentAt,
    int Attempts, DateTimeOffset? LastAttemptAt, string? LastError, bool GivenUp)
{
    /// <summary><c>sent</c> | <c>pending</c> | <c>retrying</c> | <c>failed</c> (given up).</summary>
    public string Status => SentAt is not null ? EmailStatuses.Sent
        : GivenUp ? EmailStatuses.Failed
        : Attempts > 0 ? EmailStatuses.Retrying
        : EmailStatuses.Pending;
}

public static class EmailStatuses
{
    public const string Sent = "sent";
    public const string Pending = "pending";
    public const string Retrying = "retrying";
    public const string Failed = "failed";
}

/// <summary>The accounts of NACC provincial offices that have an email address and are not disabled, of the given
/// provinces (every province when null), by province and user name: where a province's office is told something (the
/// list of its LAOs still missing after a deadline).</summary>
[Allow(Caller.Module)]
public sealed record ListProvincialContactsQuery(IReadOnlyList<string>? ProvinceCodes = null)
    : IQuery<IReadOnlyList<StaffContact>>;

public sealed record StaffContact(string Username, string DisplayName, string ProvinceCode, string Email);

/// <summary>The address users reach the system at (<c>Identity:PublicBaseUrl</c>, EPLAN_PUBLIC_BASE_URL), without a
/// trailing slash: for the links of emails that other modules compose.</summary>
[Allow(Caller.Module)]
public sealed record GetPublicBaseUrlQuery : IQuery<string>;
