using EPlanNacc.Modules.LocalAuthorityProfile.Features.Profiles;

namespace EPlanNacc.TestSupport;

public static class AccountsExtensions
{
    /// <summary>Does an LAO's first set-up through the mediator (the wizard's save, with its password).</summary>
    public static Task<ProfileSaved> SetUpLaoAsync(this AppFixture app, string dlaCode = Samples.KohYo,
        string password = Samples.Password, string? email = null) =>
        app.SendAsync(TestUser.Lao(dlaCode, setupRequired: true), Samples.Profile(dlaCode, password, email));

    public static TestUser AsLao(string dlaCode = Samples.KohYo) => TestUser.Lao(dlaCode);
}
