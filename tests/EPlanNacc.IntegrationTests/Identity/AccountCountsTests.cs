using EPlanNacc.Modules.Identity.Contracts;
using EPlanNacc.Modules.Identity.Features;
using EPlanNacc.Modules.Identity.Features.Staff;
using EPlanNacc.TestSupport;

namespace EPlanNacc.IntegrationTests.Identity;

/// <summary>The staff desk's account counts (<see cref="CountAccountsQuery"/>, counted without the LAOs' names:
/// docs/adr/0038-national-pages-read-lightly.md) agree with the accounts page's search by state
/// (<see cref="SearchAccountsQuery"/>, which places each account by its LAO's registry province), for the nation
/// and for a province, over accounts of every state: set up, never set up, locked, disabled, LAO and staff, of two
/// provinces.</summary>
[Trait(AnyDay.Trait, AnyDay.Value)]
public sealed class AccountCountsTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task The_counts_agree_with_the_search_by_state_for_the_nation_and_for_a_province()
    {
        await App.SetUpLaoAsync(Samples.KohYo);
        await App.SetUpLaoAsync(Samples.ChiangMaiCity);
        var admin = TestUser.Admin();
        await App.SendAsync(admin, new LockAccountCommand(Samples.KhlongRi));
        await App.SendAsync(admin, new CreateStaffAccountCommand("somchai.s", "นายสมชาย ใจดี", "somchai@example.com",
            "provincial", "90"));
        await App.SendAsync(admin, new CreateStaffAccountCommand("somsri.c", "นางสมศรี ใจงาม", "somsri@example.com",
            "provincial", "50"));
        await App.SendAsync(admin, new DisableStaffAccountCommand("somsri.c"));

        foreach (var province in new[] { null, "90", "50" })
        {
            async Task<int> Search(string? role, string state) => (await App.SendAsync(admin,
                new SearchAccountsQuery(Role: role, ProvinceCode: province, State: state, PageSize: 1))).Total;
            var laoNeverSetUp = await Search("lao", AccountStates.NeverSetUp);
            var expected = new AccountCounts(laoNeverSetUp, await Search("lao", AccountStates.Active),
                await Search(null, AccountStates.Locked), await Search(null, AccountStates.NeverSetUp) - laoNeverSetUp,
                await Search(null, AccountStates.Disabled));
            Assert.Equal(expected, await App.SendAsync(admin, new CountAccountsQuery(province)));
        }
        var songkhla = await App.SendAsync(admin, new CountAccountsQuery("90"));
        Assert.Equal((1, 0, 1), (songkhla.Locked, songkhla.Disabled, songkhla.StaffNeverSetUp));
        Assert.Equal(1, (await App.SendAsync(admin, new CountAccountsQuery("50"))).Disabled);
    }
}
