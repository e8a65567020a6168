using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.IntegrationTests.Pages;
using EPlanNacc.Modules.Identity.Features.Passwords;
using EPlanNacc.Modules.Identity.Features.Staff;
using EPlanNacc.TestSupport;

namespace EPlanNacc.IntegrationTests.Access;

/// <summary>The seven callers of the authorization matrix, in the order of its columns.</summary>
public enum Who
{
    /// <summary>No session.</summary>
    Anonymous,
    /// <summary>An LAO of A's province in its first set-up session (<see cref="MatrixCallers.SetUpLao"/>).</summary>
    SetUp,
    /// <summary>LAO A, whose resources every entry names (<see cref="Samples.KohYo"/>, Songkhla).</summary>
    LaoA,
    /// <summary>LAO B (<see cref="Samples.ChiangMaiCity"/>, Chiang Mai), asking for A's resources.</summary>
    LaoB,
    /// <summary>The provincial office of A's province (prov90).</summary>
    Provincial,
    /// <summary>Another provincial office (prov50, Chiang Mai), made by the suite.</summary>
    OtherProvincial,
    /// <summary>NACC central (admin).</summary>
    Admin,
}

/// <summary>The callers' sessions, signed in once per test run through the real sign-in (a bearer token for the API, a
/// cookie and its antiforgery token for the pages), and the HTTP client of one cell. A cell gets a client of its own
/// with copies of the caller's cookies and a client address of its own: a cell that signs in, out or changes a
/// password changes its copy, never the caller's session, and no cell meets another's rate limit. The accounts of A, B
/// and prov50 are set up once and kept (<see cref="RestoreAccountsAsync"/>): the reset before each test puts every
/// account back as provisioned, which would end their sessions.</summary>
public sealed partial class MatrixCallers
{
    public const string LaoA = Samples.KohYo;
    public const string LaoB = Samples.ChiangMaiCity;
    /// <summary>The LAO of the set-up session: องค์การบริหารส่วนตำบลคลองรี, Songkhla, never set up.</summary>
    public const string SetUpLao = Samples.KhlongRi;
    public const string OtherProvincialUsername = "prov50";
    public const string OtherProvincialPassword = "chiangmai-office-2569";
    public const string OtherProvincialEmail = "prov50.matrix@nacc.go.th";
    private const string KeptAccounts = "test_support.matrix_accounts";

    private static readonly ConditionalWeakTable<AppFixture, MatrixCallers> Signed = new();
    private static int _addresses;

    private readonly AppFixture _app;
    private readonly Dictionary<Who, string> _tokens = [];
    private readonly Dictionary<Who, CookieCollection> _cookies = [];
    private readonly Dictionary<Who, string> _antiforgery = [];

    private MatrixCallers(AppFixture app) => _app = app;

    /// <summary>The callers' sessions for this run: made on the first call (in a world it resets: the test before may
    /// have set A up), kept after.</summary>
    public static async Task<MatrixCallers> SignedInAsync(AppFixture app)
    {
        if (Signed.TryGetValue(app, out var known)) return known;
        await app.ResetAsync();
        var callers = new MatrixCallers(app);
        await callers.SetUpAccountsAsync();
        foreach (var who in Enum.GetValues<Who>()) await callers.SignInAsync(who);
        await callers.KeepSessionsAsync();
        Signed.AddOrUpdate(app, callers);
        return callers;
    }

    /// <summary>Puts back the accounts of A, B and prov50 as the suite set them up (after the reset that put every
    /// account back as provisioned): their sessions stay valid.</summary>
    public Task RestoreAccountsAsync() => _app.ExecuteAsync(_restore + $"""
        INSERT INTO identity.sessions SELECT * FROM {KeptSessions}
        ON CONFLICT (id) DO UPDATE SET ended_at = NULL;
        """);

    /// <summary>The server keeps a row per session (docs/adr/0020-sign-in-and-session-attacks.md), which the reset
    /// before each world deletes and a cell that signs out or revokes ends: <see cref="RestoreAccountsAsync"/> puts
    /// the callers' rows back as they were after signing in.</summary>
    private Task KeepSessionsAsync() => _app.ExecuteAsync($"""
        DROP TABLE IF EXISTS {KeptSessions};
        CREATE TABLE {KeptSessions} AS SELECT * FROM identity.sessions;
        """);

    private const string KeptSessions = "test_support.matrix_sessions";

    private string _restore = "";

    public static string Username(Who who) => who switch
    {
        Who.SetUp => SetUpLao,
        Who.LaoA => LaoA,
        Who.LaoB => LaoB,
        Who.Provincial => "prov90",
        Who.OtherProvincial => OtherProvincialUsername,
        Who.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(who)),
    };

    public static string? Password(Who who) => who switch
    {
        Who.SetUp => null, // the first sign-in takes the code alone
        Who.LaoA or Who.LaoB => Samples.Password,
        Who.Provincial => AppFixture.ProvincialPassword,
        Who.OtherProvincial => OtherProvincialPassword,
        Who.Admin => AppFixture.AdminPassword,
        _ => throw new ArgumentOutOfRangeException(nameof(who)),
    };

    /// <summary>The caller as the mediator sees it (for arranging a cell's world).</summary>
    public static TestUser AsUser(Who who) => who switch
    {
        Who.Anonymous => TestUser.Anonymous,
        Who.SetUp => TestUser.Lao(SetUpLao, setupRequired: true),
        Who.LaoA => TestUser.Lao(LaoA),
        Who.LaoB => TestUser.Lao(LaoB),
        Who.Provincial => TestUser.Provincial(),
        Who.OtherProvincial => TestUser.Provincial("50", OtherProvincialUsername),
        Who.Admin => TestUser.Admin(),
        _ => throw new ArgumentOutOfRangeException(nameof(who)),
    };

    /// <summary>A client of one cell: the API's with the caller's bearer token, a page's with copies of its
    /// cookies; never following redirects, from a client address of its own.</summary>
    public HttpClient ClientFor(Who who, bool api)
    {
        var cookies = new CookieContainer();
        if (!api && _cookies.TryGetValue(who, out var kept))
            foreach (Cookie cookie in kept)
                cookies.Add(new Cookie(cookie.Name, cookie.Value, cookie.Path, cookie.Domain));
        var client = NewClient(cookies);
        if (api && _tokens.TryGetValue(who, out var token))
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The antiforgery token of the caller's page session (of its own antiforgery cookie when
    /// anonymous).</summary>
    public string AntiforgeryToken(Who who) => _antiforgery[who];

    private HttpClient NewClient(CookieContainer cookies)
    {
        var n = Interlocked.Increment(ref _addresses);
        var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies };
        var client = new HttpClient(handler) { BaseAddress = _app.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        // a range of addresses of its own (AppFixture.CreateClient counts from 10.0.0.1)
        client.DefaultRequestHeaders.Add("X-Forwarded-For", $"172.31.{(n >> 8) & 255}.{n & 255}");
        return client;
    }

    private async Task SetUpAccountsAsync()
    {
        await _app.SetUpLaoAsync(LaoA);
        await _app.SetUpLaoAsync(LaoB);
        await _app.SendAsync(TestUser.Admin(), new CreateStaffAccountCommand(OtherProvincialUsername,
            "สำนักงาน ป.ป.ช. ประจำจังหวัดเชียงใหม่", OtherProvincialEmail, UserRoles.Provincial, "50"));
        var mail = await _app.Mailbox.WaitForAsync(OtherProvincialEmail);
        var link = new Uri(LinkPattern().Match(mail.TextBody ?? "").Value);
        await _app.SendAsync(TestUser.Anonymous, new ResetPasswordCommand(
            Uri.UnescapeDataString(link.Query.Split("token=")[1]), OtherProvincialPassword));
        await _app.ExecuteAsync($"""
            DROP TABLE IF EXISTS {KeptAccounts};
            CREATE TABLE {KeptAccounts} AS SELECT * FROM identity.users WHERE username IN (@a, @b, @c);
            """, new { a = LaoA, b = LaoB, c = OtherProvincialUsername });
        // rows are updated in place (an account's events, written by a job of the test before, may still refer to
        // them) and prov50's added back
        var columns = string.Join(", ", await _app.QueryAsync<string>("""
            SELECT column_name FROM information_schema.columns WHERE table_schema = 'identity' AND table_name = 'users'
            ORDER BY ordinal_position
            """));
        _restore = $"""
            UPDATE identity.users u SET ({columns}) = (SELECT {columns} FROM {KeptAccounts} k WHERE k.id = u.id)
            WHERE u.id IN (SELECT id FROM {KeptAccounts});
            INSERT INTO identity.users SELECT * FROM {KeptAccounts} k
            WHERE NOT EXISTS (SELECT 1 FROM identity.users u WHERE u.id = k.id);
            """;
    }

    private async Task SignInAsync(Who who)
    {
        var cookies = new CookieContainer();
        using var client = NewClient(cookies);
        if (who != Who.Anonymous)
        {
            var token = await client.PostAsJsonAsync("/api/v1/auth/token",
                new { username = Username(who), password = Password(who) });
            Assert.True(token.IsSuccessStatusCode, $"{who} cannot sign in to the API: {(int)token.StatusCode}");
            _tokens[who] = (await token.Content.ReadFromJsonAsync<AppFixture.TokenAnswer>())!.AccessToken;
            var login = await client.PostFormAsync("/login", PageClient.LoginForm(Username(who), Password(who)));
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        }
        // a form of every session: the sign-out page (open to a first set-up too); the sign-in page when anonymous
        _antiforgery[who] = await client.AntiforgeryTokenAsync(who == Who.Anonymous ? "/login" : "/logout");
        _cookies[who] = cookies.GetAllCookies();
    }

    [GeneratedRegex(@"https?://\S+/reset-password\?token=[A-Za-z0-9_\-%]+")]
    private static partial Regex LinkPattern();
}
