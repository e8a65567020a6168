using System.Net;
using System.Net.Http.Json;
using EPlanNacc.Host.Infrastructure;
using EPlanNacc.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EPlanNacc.IntegrationTests.Identity;

/// <summary>Who the client is (issue 9 §3): <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed only
/// from the proxies of Network:TrustedProxies (none by default), and only as far back as the chain goes through them.
/// The tests' server stands behind such a proxy on loopback (AppFixture); these tests change that for a
/// while.</summary>
public sealed class ClientAddressTests(AppFixture app) : IntegrationTest(app)
{
    /// <summary>Lets the running application believe <paramref name="proxies"/> alone until disposed.</summary>
    private IDisposable TrustOnly(string proxies)
    {
        var options = App.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        ClientAddresses.Trust(options, new NetworkOptions { TrustedProxies = proxies });
        return new Restore(() => ClientAddresses.Trust(options, new NetworkOptions { TrustedProxies = "127.0.0.1" }));
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }

    /// <summary>The address the audit trail gives a failed sign-in sent with these forwarded headers.</summary>
    private async Task<string?> RecordedAddressAsync(string forwardedFor, string name)
    {
        using var client = App.CreateClient(forwardedFor);
        await client.PostAsJsonAsync("/api/v1/auth/token", new { username = name, password = "a-wrong-password" });
        return (await App.QueryAsync<string?>(
            "SELECT address FROM identity.audit_log WHERE action = 'account.sign_in_failed' ORDER BY at DESC LIMIT 1"))
            .Single();
    }

    [Fact]
    public async Task Without_a_configured_proxy_nobody_chooses_their_address_or_scheme()
    {
        using (TrustOnly(""))
        {
            Assert.Equal("127.0.0.1", await RecordedAddressAsync("198.51.100.9", "ghost.1"));
            using var client = App.CreateClient("198.51.100.9");
            client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
            var form = await client.GetAsync("/login");
            Assert.All(form.Headers.GetValues("Set-Cookie"),
                c => Assert.DoesNotContain("; secure", c, StringComparison.OrdinalIgnoreCase));

            // every address a client claims is the one connection's: the per-address limit holds
            var answers = new List<HttpStatusCode>();
            for (var i = 0; i < 31; i++)
            {
                using var claimed = App.CreateClient($"203.0.113.{i + 1}");
                answers.Add((await claimed.PostAsJsonAsync("/api/v1/auth/token",
                    new { username = $"ghost.{i}", password = "a-wrong-password" })).StatusCode);
            }
            Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1]);
        }
        Assert.Equal("198.51.100.10", await RecordedAddressAsync("198.51.100.10", "ghost.2"));
    }

    [Fact]
    public async Task A_forwarded_chain_is_believed_only_as_far_as_it_runs_through_configured_proxies()
    {
        using (TrustOnly("127.0.0.1, 10.20.0.0/16"))
        {
            // the client wrote 6.6.6.6 itself; its real address is what the first trusted proxy saw
            Assert.Equal("198.51.100.30",
                await RecordedAddressAsync("6.6.6.6, 198.51.100.30, 10.20.0.5", "ghost.1"));
            Assert.Equal("198.51.100.31", await RecordedAddressAsync("198.51.100.31", "ghost.2"));
        }
        using (TrustOnly("192.0.2.1"))
            Assert.Equal("127.0.0.1", await RecordedAddressAsync("198.51.100.32", "ghost.3"));
    }

    [Fact]
    public void The_default_configuration_trusts_no_proxy_whatever_the_frameworks_switch_says()
    {
        var settings = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(TestDatabase.RepositoryRoot(), "src", "Host", "EPlanNacc.Host",
                "appsettings.json"))
            .Build();
        var network = settings.GetSection(NetworkOptions.Section).Get<NetworkOptions>() ?? new NetworkOptions();
        Assert.Empty(network.Entries);

        // what ASPNETCORE_FORWARDEDHEADERS_ENABLED=true configures (every sender believed), then ours after it
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
        };
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        ClientAddresses.Trust(options, network);
        Assert.Equal(ForwardedHeaders.None, options.ForwardedHeaders);

        // the application runs with the one proxy the tests configure, after the framework's own defaults
        var live = App.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        Assert.Equal([IPAddress.Loopback], live.KnownProxies);
        Assert.Empty(live.KnownIPNetworks);
        Assert.Null(live.ForwardLimit);
    }
}
