using EPlanNacc.BuildingBlocks.Email;
using EPlanNacc.BuildingBlocks.Security;
using Mediator;

namespace EPlanNacc.Modules.Identity.Contracts;

/// <summary>Ends an LAO's first set-up: sets the password chosen on the last page of the basic-data wizard and
/// records who, when and from which address. Sent by LocalAuthorityProfile inside its own save, so both
/// commit together. Refused when the account is already set up.
/// The account's new security stamp is returned: sessions issued before it end, the caller renews its own.</summary>
[Allow(Caller.Module)]
public sealed record CompleteAccountSetupCommand(string DlaCode, string Password, string? IpAddress, string? UserAgent)
    : ICommand<Guid>;

/// <summary>The Thai reasons a password is refused (empty when it is acceptable): at least 8 characters,
/// not a common password, not the user name.</summary>
[Allow(Caller.Module)]
public sealed record CheckPasswordQuery(string? Password, string? Username) : IQuery<IReadOnlyList<string>>;

/// <summary>Published when an account's security stamp changes (password set, changed or reset; account reset by
/// staff): every session issued before has ended. Published inside the change's transaction, like every
/// notification: the Host forgets what it cached of that account's sessions once the change commits (never when it
/// rolls back).</summary>
public sealed record AccountSessionsEndedNotification(Guid UserId) : INotification;

/// <summary>Published inside the transaction in which NACC staff put an LAO account back to "never set up": the
/// LocalAuthorityProfile module starts the next set-up from the registry.</summary>
public sealed record LaoAccountResetNotification(string DlaCode, DateTimeOffset At) : INotification;

/// <summary>Whose an account is, for the authorization step (an account is in the caller's scope when its LAO is,
/// when its province is for a provincial office's account, and for admins only when it is an admin's): null when
/// no account has that user name.</summary>
[Allow(Caller.Module)]
public sealed record GetAccountOwnerQuery(string Username) : IQuery<AccountOwner?>;

/// <param name="Role"><c>lao</c>, <c>provincial</c> or <c>admin</c>.</param>
public sealed record AccountOwner(string Username, string Role, string? DlaCode, string? ProvinceCode);

/// <summary>Queues an email: the Identity module writes it into its outbox (identity.outbound_emails) in the
/// transaction of the command that sends this one, and a job sends it once that transaction commits. A rolled-back
/// command sends nothing; a crash or a mail server down after the commit loses nothing (a sweep every minute sends
/// what is pending, retrying for about six hours). Returns the id of the queued email.</summary>
[Allow(Caller.Module)]
public sealed record QueueEmailCommand(EmailMessage Message) : ICommand<Guid>;

/// <summary>Published when one session ends on the server (sign-out, a revoked token, a new sign-in in the same
/// browser), inside the transaction that ends it: the Host forgets what it cached of that session once it
/// commits.</summary>
public sealed record SessionEndedNotification(Guid SessionId) : INotification;
