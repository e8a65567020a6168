using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EPlanNacc.Benchmarks.Bench;

/// <summary>HTTP to the host under test: one <see cref="SocketsHttpHandler"/> without a connection limit (every
/// worker its own keep-alive connection), that trusts exactly the host's self-signed certificate (scripts/bench makes
/// it with openssl), never follows redirects and keeps no cookies (a signed-in cookie is sent as a header).</summary>
internal sealed partial class BenchHttp : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public HttpClient Client { get; }
    public Uri BaseAddress { get; }
    private readonly X509Certificate2? _certificate;

    public BenchHttp(Uri baseAddress, string? certificatePath)
    {
        BaseAddress = baseAddress;
        _certificate = certificatePath is null ? null
            : X509Certificate2.CreateFromPem(File.ReadAllText(certificatePath));
        Client = new HttpClient(Handler(useCookies: false, cookies: null)) { BaseAddress = baseAddress };
        Client.Timeout = TimeSpan.FromSeconds(120);
    }

    private SocketsHttpHandler Handler(bool useCookies, CookieContainer? cookies)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            AllowAutoRedirect = false,
            UseCookies = useCookies,
            AutomaticDecompression = DecompressionMethods.None,
        };
        if (cookies is not null) handler.CookieContainer = cookies;
        if (_certificate is not null)
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is not null && certificate.GetCertHashString() == _certificate.GetCertHashString();
        return handler;
    }

    /// <summary>A bearer token of <paramref name="username"/> (<c>POST /api/v1/auth/token</c>).</summary>
    public async Task<string> TokenAsync(string username, string password)
    {
        using var answer = await Client.PostAsJsonAsync("/api/v1/auth/token", new { username, password }, Json);
        if (!answer.IsSuccessStatusCode)
            throw new InvalidOperationException(
                $"sign-in of {username}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
        using var body = JsonDocument.Parse(await answer.Content.ReadAsStreamAsync());
        var root = body.RootElement;
        if (root.GetProperty("setupRequired").GetBoolean() || root.GetProperty("passwordChangeRequired").GetBoolean())
            throw new InvalidOperationException($"{username} must set up or change its password before it may work");
        return root.GetProperty("accessToken").GetString()!;
    }

    /// <summary>Signs in through the sign-in page as a browser does (its anti-forgery token and cookie) and answers
    /// the Cookie header of the signed-in session.</summary>
    public async Task<string> CookieAsync(string username, string password)
    {
        var cookies = new CookieContainer();
        using var browser = new HttpClient(Handler(useCookies: true, cookies)) { BaseAddress = BaseAddress };
        var form = await browser.GetStringAsync("/login");
        var token = AntiForgery().Match(form);
        if (!token.Success) throw new InvalidOperationException("the sign-in page has no anti-forgery token");
        using var answer = await browser.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Username"] = username, ["Input.Password"] = password,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        }));
        if (answer.StatusCode != HttpStatusCode.Redirect && answer.StatusCode != HttpStatusCode.Found)
            throw new InvalidOperationException($"sign-in page of {username}: {(int)answer.StatusCode}");
        return cookies.GetCookieHeader(BaseAddress);
    }

    public static HttpRequestMessage Get(string path, string? bearer = null, string? cookie = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        if (cookie is not null) request.Headers.Add("Cookie", cookie);
        return request;
    }

    /// <summary>Sends and reads the whole answer; answers its status.</summary>
    public async Task<int> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        using (request)
        using (var answer = await Client.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct))
            return (int)answer.StatusCode;
    }

    public async Task<JsonDocument> JsonAsync(HttpRequestMessage request)
    {
        using (request)
        using (var answer = await Client.SendAsync(request))
        {
            if (!answer.IsSuccessStatusCode)
                throw new InvalidOperationException($"{request.Method} {request.RequestUri}: " +
                    $"{(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
            return await JsonDocument.ParseAsync(await answer.Content.ReadAsStreamAsync());
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiForgery();

    public void Dispose()
    {
        Client.Dispose();
        _certificate?.Dispose();
    }
}
