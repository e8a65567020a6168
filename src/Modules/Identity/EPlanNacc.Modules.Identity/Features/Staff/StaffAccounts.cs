using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Email;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.Identity.Contracts;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts;
using Mediator;

namespace EPlanNacc.Modules.Identity.Features.Staff;

/// <summary>The account a staff message names, locked until the change commits. Whether the caller may act on it
/// was decided before (the authorization step, through <see cref="GetAccountOwnerQuery"/>).</summary>
internal static class StaffAccounts
{
    public static async Task<AccountRow> LockAsync(DbSession db, string? username, CancellationToken ct)
    {
        var name = username?.Trim() ?? string.Empty;
        var account = name.Length is > 0 and <= 100
            ? await db.QuerySingleOrDefaultAsync<AccountRow>(
                AccountRow.Select + " WHERE lower(username) = lower(@name) FOR UPDATE", new { name }, ct)
            : null;
        return account ?? throw new NotFoundException(AccessMessages.AccountNotFound);
    }
}

/// <summary>Tells an LAO's coordinator on file (the address of its saved basic data) what staff did to its account,
/// through the email outbox (sent after the commit). Returns what to record with the account event.</summary>
internal static class AccountNotices
{
    public static async Task<string> SendAsync(
        DbSession db, ISender sender, ICurrentUser user, AccountRow account,
        Func<LaoContact, string, EmailMessage> letter, CancellationToken ct)
    {
        var contact = (await sender.Send(new ListLaoContactsQuery([account.DlaCode!]), ct)).FirstOrDefault();
        if (contact is null || string.IsNullOrWhiteSpace(contact.Email))
            return "no coordinator email on file: no notice sent";
        var staffName = await db.QuerySingleOrDefaultAsync<string>(
            "SELECT display_name FROM identity.users WHERE lower(username) = lower(@Username)",
            new { user.Username }, ct);
        var staff = staffName is null ? user.Username ?? "-" : $"{staffName} ({user.Username})";
        await sender.Send(new QueueEmailCommand(letter(contact, staff)), ct);
        return $"notice emailed to {contact.Email}";
    }
}

public sealed class GetAccountOwnerHandler(DbSession db) : IQueryHandler<GetAccountOwnerQuery, AccountOwner?>
{
    public async ValueTask<AccountOwner?> Handle(GetAccountOwnerQuery query, CancellationToken ct)
    {
        var name = query.Username.Trim();
        return name.Length is 0 or > 100 ? null : await db.QuerySingleOrDefaultAsync<AccountOwner>(
            "SELECT username, role, dla_code, province_code FROM identity.users WHERE lower(username) = lower(@name)",
            new { name }, ct);
    }
}
