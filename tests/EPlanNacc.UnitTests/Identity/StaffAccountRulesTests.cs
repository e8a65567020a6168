using EPlanNacc.BuildingBlocks.Auditing;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.Identity.Features;
using EPlanNacc.Modules.Identity.Rules;

namespace EPlanNacc.UnitTests.Identity;

public sealed class StaffAccountRulesTests
{
    [Theory]
    [InlineData(UserRole.Admin, UserRoles.Admin, null)]
    [InlineData(UserRole.Admin, UserRoles.Provincial, null)]
    [InlineData(UserRole.Provincial, UserRoles.Provincial, null)]
    [InlineData(UserRole.Provincial, UserRoles.Admin, StaffAccountRules.AdminOnly)]
    [InlineData(UserRole.Lao, UserRoles.Provincial, AccessMessages.StaffOnly)]
    [InlineData(null, UserRoles.Provincial, AccessMessages.StaffOnly)]
    public void Nobody_gives_an_account_a_role_above_their_own(UserRole? caller, string role, string? refusal) =>
        Assert.Equal(refusal, StaffAccountRules.RefusalToAssign(caller, role));

    [Theory]
    [InlineData("somchai.s", true)]
    [InlineData("prov90", true)]
    [InlineData("A_b-c", true)]
    [InlineData("ab", false)]
    [InlineData("6900106", false)]
    [InlineData("9lives", false)]
    [InlineData("som chai", false)]
    [InlineData("สมชาย", false)]
    [InlineData(null, false)]
    public void A_staff_user_name_starts_with_a_letter_and_never_looks_like_an_LAO_code(string? name, bool ok) =>
        Assert.Equal(ok, StaffAccountRules.IsUsername(name));

    [Theory]
    [InlineData("signed_in", "account.signed_in")]
    [InlineData("account_reset", "account.reset")]
    [InlineData("activation_code_issued", "account.activation_code_issued")]
    public void An_account_event_is_an_audit_action_of_the_account(string kind, string action)
    {
        Assert.Equal(action, AccountHistory.ActionOf(kind));
        Assert.True(AuditActions.IsValid(action));
    }

    [Theory]
    [InlineData("extension.granted", true)]
    [InlineData("round.dates_set", true)]
    [InlineData("report_batch.started", true)]
    [InlineData("a.b.c", true)]
    [InlineData("created", false)]
    [InlineData("Account.created", false)]
    [InlineData("account.", false)]
    [InlineData(".created", false)]
    [InlineData("account created", false)]
    [InlineData(null, false)]
    public void An_audit_action_is_a_dotted_lower_case_code(string? action, bool ok) =>
        Assert.Equal(ok, AuditActions.IsValid(action));
}
