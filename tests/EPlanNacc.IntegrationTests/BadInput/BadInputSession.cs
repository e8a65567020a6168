using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using EPlanNacc.TestSupport;

namespace EPlanNacc.IntegrationTests.BadInput;

/// <summary>A caller's session for one command's inputs: a bearer token for the API, a cookie and its antiforgery token
/// for the pages, signed in through the real sign-in. Every request comes from a client address of its own
/// (X-Forwarded-For, trusted from loopback), so that the per-address limits of sign-in and password reset answer for
/// the input, not for the count of inputs.</summary>
public sealed partial class BadInputSession : IDisposable
{
    private static int _addresses;
    private readonly HttpClient _client;
    private string? _bearer;

    private BadInputSession(AppFixture app)
    {
        var handler = new HttpClientHandler
        {
            AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer(),
        };
        _client = new HttpClient(handler) { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The antiforgery token of the session's forms (pages only).</summary>
    public string? Antiforgery { get; private set; }

    public static async Task<BadInputSession> OpenAsync(AppFixture app, Sender caller, bool page)
    {
        var session = new BadInputSession(app);
        var (username, password) = caller switch
        {
            Sender.Lao => (BadInputWorld.LaoA, Samples.Password),
            Sender.Provincial => ("prov90", AppFixture.ProvincialPassword),
            Sender.Admin => ("admin", AppFixture.AdminPassword),
            _ => ((string?)null, (string?)null),
        };
        if (page)
        {
            if (username is not null)
            {
                var login = await session.SendAsync(HttpMethod.Post, "/login", await session.FormAsync("/login",
                    ("Input.Username", username), ("Input.Password", password!)));
                Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            }
            session.Antiforgery = await session.TokenAsync(username is null ? "/login" : "/account/password");
        }
        else if (username is not null)
        {
            var answer = await session.SendAsync(HttpMethod.Post, "/api/v1/auth/token",
                JsonContent.Create(new { username, password }));
            answer.EnsureSuccessStatusCode();
            session._bearer = (await answer.Content.ReadFromJsonAsync<AppFixture.TokenAnswer>())!.AccessToken;
        }
        return session;
    }

    /// <summary>Sends a request from a client address of its own, with the session's bearer token (API).</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string address, HttpContent? body,
        CancellationToken ct = default)
    {
        var request = new HttpRequestMessage(method, address) { Content = body };
        var n = Interlocked.Increment(ref _addresses);
        request.Headers.Add("X-Forwarded-For", $"172.{16 + ((n >> 16) & 15)}.{(n >> 8) & 255}.{n & 255}");
        if (_bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _bearer);
        return _client.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
    }

    private async Task<string> TokenAsync(string page)
    {
        var html = await (await SendAsync(HttpMethod.Get, page, null)).Content.ReadAsStringAsync();
        var match = TokenPattern().Match(html);
        Assert.True(match.Success, $"no antiforgery token on {page}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private async Task<FormUrlEncodedContent> FormAsync(string page, params (string, string)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))
            .Append(new KeyValuePair<string, string>("__RequestVerificationToken", await TokenAsync(page))));

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public void Dispose() => _client.Dispose();
}
