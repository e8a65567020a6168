using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Email;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.Identity.Contracts;
using EPlanNacc.Modules.Identity.Features.Emails;
using EPlanNacc.Modules.Identity.Features.Passwords;
using EPlanNacc.Modules.Identity.Features.SignIn;
using EPlanNacc.Modules.Identity.Rules;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts.Scope;
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
            return "ไม่มีอีเมลผู้ประสานงานในข้อมูลพื้นฐาน จึงไม่ได้ส่งอีเมลแจ้ง";
        var staffName = await db.QuerySingleOrDefaultAsync<string>(
            "SELECT display_name FROM identity.users WHERE lower(username) = lower(@Username)",
            new { user.Username }, ct);
        var staff = staffName is null ? user.Username ?? "-" : $"{staffName} ({user.Username})";
        await sender.Send(new QueueEmailCommand(letter(contact, staff)), ct);
        return $"แจ้งทางอีเมลถึง {contact.Email}";
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

/// <summary>The province a staff account is given, asked of the scope contract: an admin may name any province that
/// exists (400 otherwise), a provincial office only its own (403 for another: nobody makes an account outside its
/// scope).</summary>
internal static class StaffProvinces
{
    public static async Task<ProvinceName> RequireAsync(ISender sender, ICurrentUser user, string? provinceCode,
        CancellationToken ct)
    {
        try
        {
            return await sender.Send(new GetProvinceInScopeQuery(provinceCode?.Trim()), ct);
        }
        catch (NotFoundException) when (user.Role == UserRole.Provincial)
        {
            throw new ForbiddenException(StaffAccountRules.OwnProvinceOnly);
        }
        catch (NotFoundException ex)
        {
            throw new RuleViolationException(ex.Message, "provinceCode");
        }
    }
}

/// <summary>The link that sets a staff account's password, emailed to the officer through the outbox (valid
/// <see cref="IdentityOptions.AccountSetupLinkDays"/>, single use; a new link replaces an unused one). Returns what to
/// record.</summary>
internal static class SetupLinks
{
    public static async Task<string> SendAsync(DbSession db, ISender sender, IdentityOptions options,
        AccountRow account, string email, DateTimeOffset now, CancellationToken ct)
    {
        var token = await ResetTokens.IssueAsync(db, account.Id, email, now,
            now.AddDays(options.AccountSetupLinkDays), ct);
        await sender.Send(new QueueEmailCommand(AccountEmails.StaffInvitation(account, email, options.PublicBaseUrl,
            token, SignInTexts.SetupLinkValidity(options))), ct);
        return $"ส่งลิงก์กำหนดรหัสผ่านทางอีเมลถึง {email}";
    }
}
