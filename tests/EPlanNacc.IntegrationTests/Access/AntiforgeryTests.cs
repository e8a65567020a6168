using System.Net;
using EPlanNacc.IntegrationTests.Pages;
using EPlanNacc.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EPlanNacc.IntegrationTests.Access;

/// <summary>Every form of every page refuses a post without the antiforgery token (issue 9 §3): the handlers come from
/// the Razor page actions, so that a new form is covered without being listed. Each is posted by a user its page
/// admits (an admin, an LAO, or anyone), so that the refusal seen is the token's and not the page's role.</summary>
[Trait(AnyDay.Trait, AnyDay.Value)]
public sealed class AntiforgeryTests(AppFixture app) : IntegrationTest(app)
{
    /// <summary>Pages whose posts change nothing and need no token, and why.</summary>
    private static readonly Dictionary<string, string> Exempt = new()
    {
        // the error page renders the error of a failed post (re-executed as a post); it changes nothing
        ["Error"] = "renders an error",
    };

    [Fact]
    public async Task Every_post_handler_of_every_page_refuses_a_post_without_the_antiforgery_token()
    {
        await App.SetUpLaoAsync();
        using var admin = await App.SignedInClientAsync("admin", AppFixture.AdminPassword);
        using var lao = await App.SignedInClientAsync(Samples.KohYo, Samples.Password);
        using var anonymous = App.CreateClient();
        var users = new[] { ("admin", admin), ("lao", lao), ("anonymous", anonymous) };

        var loader = App.Services.GetRequiredService<PageLoader>();
        var tried = new List<string>();
        var accepted = new List<string>();
        foreach (var route in RouteSamples.PageRoutes(App))
        {
            var page = await loader.LoadAsync(route.Page, EndpointMetadataCollection.Empty);
            if (Exempt.ContainsKey(route.Template)) continue;
            foreach (var handler in page.HandlerMethods.Where(h =>
                         string.Equals(h.HttpMethod, "Post", StringComparison.OrdinalIgnoreCase)))
            {
                var path = route.Path + (handler.Name is null ? "" : $"?handler={handler.Name}");
                var (who, client) = await AdmittedAsync(users, route.Path);
                // a form of the page's fields, without the token the page puts in it
                var response = await client.PostAsync(path,
                    new FormUrlEncodedContent([new("Input.Name", "x"), new("Id", "x")]));
                tried.Add($"{path} as {who}");
                if (response.StatusCode != HttpStatusCode.BadRequest)
                    accepted.Add($"{path} as {who}: {(int)response.StatusCode} {response.Headers.Location}");
                else
                    Assert.Contains("คำขอไม่ถูกต้อง", await response.Content.ReadAsStringAsync());
            }
        }
        Assert.True(accepted.Count == 0, "posted without a token: " + string.Join("; ", accepted));
        // the forms everyone knows are among those tried
        foreach (var known in new[] { "/login", "/logout", "/forgot-password", "/reset-password", "/account/password",
                     "/profile", "/staff/accounts?handler=Unlock" })
            Assert.Contains(tried, t => t.StartsWith(known + " as ", StringComparison.Ordinal));
        Assert.True(tried.Count >= 25, $"only {tried.Count} handlers: {string.Join("; ", tried)}");
    }

    /// <summary>The first of <paramref name="users"/> the page at <paramref name="path"/> admits: its GET is not sent
    /// to the login page, the /forbidden page or another role's page.</summary>
    private static async Task<(string Who, HttpClient Client)> AdmittedAsync(
        IEnumerable<(string Who, HttpClient Client)> users, string path)
    {
        foreach (var (who, client) in users)
        {
            var response = await client.GetAsync(path);
            if (response.StatusCode != HttpStatusCode.Redirect) return (who, client);
        }
        throw new InvalidOperationException($"No test user is admitted to {path}");
    }
}
