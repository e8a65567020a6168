using System.Net;
using EPlanNacc.Host.Infrastructure;
using EPlanNacc.Modules.Identity.Features.Passwords;
using EPlanNacc.TestSupport;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace EPlanNacc.IntegrationTests.Identity;

/// <summary>The Host caches a checked session for 30 seconds; a change that ends the account's sessions forgets that
/// cache once it commits, and only then.</summary>
public sealed class SessionCacheTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task A_password_change_forgets_the_cached_sessions_when_it_commits_and_not_when_it_rolls_back()
    {
        await App.SetUpLaoAsync();
        using var session = await App.CreateApiClientAsync(Samples.KohYo, Samples.Password);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/api/v1/me/profile")).StatusCode); // checked, cached
        var userId = (await App.QueryAsync<Guid>("SELECT id FROM identity.users WHERE username = @KohYo",
            new { Samples.KohYo })).Single();
        var cache = App.Services.GetRequiredService<IMemoryCache>();
        var key = AuthenticationSetup.SessionCacheKey(userId);
        Assert.True(cache.TryGetValue(key, out _));
        var lao = TestUser.Lao(Samples.KohYo) with { UserId = userId };

        await using (var change = await TestTransaction.BeginAsync(App, lao))
        {
            await change.SendAsync(new ChangePasswordCommand(Samples.Password, "a-brand-new-secret"));
            Assert.True(cache.TryGetValue(key, out _), "the sessions were forgotten before the change committed");
            await change.RollbackAsync();
        }
        Assert.True(cache.TryGetValue(key, out _), "a change that rolled back forgot the sessions");
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/api/v1/me/profile")).StatusCode);

        await using (var change = await TestTransaction.BeginAsync(App, lao))
        {
            await change.SendAsync(new ChangePasswordCommand(Samples.Password, "a-brand-new-secret"));
            Assert.True(cache.TryGetValue(key, out _), "the sessions were forgotten before the change committed");
            await change.CommitAsync();
        }
        Assert.False(cache.TryGetValue(key, out _), "the committed change did not forget the sessions");
        await (await session.GetAsync("/api/v1/me/profile")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }
}
