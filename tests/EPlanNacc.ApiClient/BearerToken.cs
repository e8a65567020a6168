using Microsoft.Kiota.Abstractions.Authentication;

namespace EPlanNacc.ApiClient;

/// <summary>The access token of <c>POST /api/v1/auth/token</c>, given to Kiota's bearer authentication provider:
/// <c>new BaseBearerTokenAuthenticationProvider(new BearerToken(token, host))</c> sends
/// <c>Authorization: Bearer …</c> on every request to <paramref name="host"/>, and to no other host.</summary>
public sealed class BearerToken(string accessToken, string host) : IAccessTokenProvider
{
    public AllowedHostsValidator AllowedHostsValidator { get; } = new([host]);

    public Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext
        = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(AllowedHostsValidator.IsUrlHostValid(uri) ? accessToken : string.Empty);
}
