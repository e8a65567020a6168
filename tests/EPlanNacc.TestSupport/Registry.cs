using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.LocalAuthorityProfile.Features.Registry;

namespace EPlanNacc.TestSupport;

public static class RegistryExtensions
{
    /// <summary>The registry outlives the reset between tests: a test that corrects it puts it back as the file has
    /// it (no corrections, the file loaded again).</summary>
    public static async Task RestoreRegistryAsync(this AppFixture app)
    {
        await app.ExecuteAsync("DELETE FROM local_authority_profile.registry_corrections");
        await app.SendAsync(SystemUser.Instance, new LoadRegistryCommand());
    }
}
