using System.Net;
using System.Text;
using EPlanNacc.IntegrationTests.Pages;
using EPlanNacc.TestSupport;

namespace EPlanNacc.IntegrationTests.Access;

/// <summary>An LAO's first set-up session (signed in with its code alone) may complete the basic-data wizard and
/// nothing else (issue 9 §3): every page and every API endpoint of the route table is tried with it. What an anonymous
/// visitor may open (reference data, the public pages, sign-in and reset) is open to it too; everything else is
/// refused: the pages lead back to the wizard, the API answers 403.</summary>
[Trait(AnyDay.Trait, AnyDay.Value)]
public sealed class SetupSessionRouteTests(AppFixture app) : IntegrationTest(app)
{
    /// <summary>What the set-up session may use beyond what is open to anyone: the wizard, its reference data,
    /// signing out.</summary>
    private static readonly string[] WizardPages = ["/profile", "/setup", "/logout"];
    private static readonly string[] WizardApi =
    [
        "GET /api/v1/me/profile", "PUT /api/v1/me/profile", "POST /api/v1/auth/revoke",
        "GET /api/v1/reference/dimensions",
    ];

    [Fact]
    public async Task A_setup_session_is_refused_every_page_but_the_wizard()
    {
        using var setup = App.CreateClient();
        var login = await setup.PostFormAsync("/login", PageClient.LoginForm(Samples.KohYo, null));
        Assert.Equal("/setup", login.Headers.Location?.OriginalString);
        using var anonymous = App.CreateClient();

        var wrong = new List<string>();
        var refused = 0;
        foreach (var route in RouteSamples.PageRoutes(App))
        {
            // open to anyone (the public pages, sign-in and reset): nothing there for the set-up session to take
            if (LocationOf(await anonymous.GetAsync(route.Path)) != "/login") continue;
            foreach (var method in new[] { HttpMethod.Get, HttpMethod.Post })
            {
                var response = await setup.SendAsync(new HttpRequestMessage(method, route.Path)
                {
                    Content = method == HttpMethod.Post ? new FormUrlEncodedContent([new("Input.Name", "x")]) : null,
                });
                var location = LocationOf(response);
                if (WizardPages.Contains(route.Path))
                {
                    if (location == "/setup" || response.StatusCode == HttpStatusCode.Forbidden)
                        wrong.Add($"{method} {route.Path}: the wizard is refused ({location})");
                }
                else if (response.StatusCode != HttpStatusCode.Redirect || location != "/setup")
                {
                    wrong.Add($"{method} {route.Path}: {(int)response.StatusCode} {location}");
                }
                else refused++;
            }
        }
        Assert.True(wrong.Count == 0, string.Join("; ", wrong));
        Assert.True(refused >= 40, $"only {refused} page requests refused");

        // the jobs dashboard is no endpoint of the route table: an admin's page, not the set-up session's
        Assert.Equal(HttpStatusCode.Forbidden, (await setup.GetAsync("/hangfire")).StatusCode);
    }

    [Fact]
    public async Task A_setup_token_is_refused_every_API_endpoint_but_the_wizard()
    {
        using var setup = await App.CreateApiClientAsync(Samples.KohYo, null);

        var wrong = new List<string>();
        var refused = 0;
        foreach (var route in RouteSamples.ApiRoutes(App))
        {
            var name = $"{route.Method} {route.Path}";
            // open to anyone (sign-in, reference data); the revocation would end the session tried here (its own
            // test: SessionAttackTests)
            if (route.Anonymous || name == "POST /api/v1/auth/revoke") continue;
            var response = await setup.SendAsync(Request(route));
            if (WizardApi.Contains(name))
            {
                if (response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized)
                    wrong.Add($"{name}: the wizard is refused ({(int)response.StatusCode})");
            }
            else if (response.StatusCode != HttpStatusCode.Forbidden)
            {
                wrong.Add($"{name}: {(int)response.StatusCode}");
            }
            else
            {
                Assert.Contains("ข้อมูลพื้นฐาน", (await response.ReadProblemAsync()).Title);
                refused++;
            }
        }
        Assert.True(wrong.Count == 0, string.Join("; ", wrong));
        Assert.True(refused >= 40, $"only {refused} endpoints refused");
    }

    /// <summary>The path a redirect leads to (null for any other answer).</summary>
    private static string? LocationOf(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location is { } location
            ? new Uri(new Uri("http://any/"), location).AbsolutePath : null;

    private static HttpRequestMessage Request(RouteSamples.ApiRoute route) =>
        new(new HttpMethod(route.Method), route.Path)
        {
            Content = route.Method is "POST" or "PUT"
                ? new StringContent("{}", Encoding.UTF8, "application/json") : null,
        };
}
