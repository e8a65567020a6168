using System.Net;
using System.Text.RegularExpressions;

namespace EPlanNacc.IntegrationTests.Pages;

/// <summary>Posts forms like a browser: reads the antiforgery token of the page's form, keeps cookies.</summary>
public static partial class PageClient
{
    public static async Task<string> AntiforgeryTokenAsync(this HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        var match = TokenPattern().Match(html);
        Assert.True(match.Success, $"no antiforgery token on {path}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string path,
        IDictionary<string, string?> fields, string? formPage = null)
    {
        var token = await client.AntiforgeryTokenAsync(formPage ?? path);
        var values = fields.Where(f => f.Value is not null)
            .Select(f => new KeyValuePair<string, string>(f.Key, f.Value!)).ToList();
        values.Add(new("__RequestVerificationToken", token));
        return await client.PostAsync(path, new FormUrlEncodedContent(values));
    }

    /// <summary>The fields of the login page's form (a null password is left out, as an empty field).</summary>
    public static Dictionary<string, string?> LoginForm(string username, string? password) =>
        new() { ["Input.Username"] = username, ["Input.Password"] = password };

    /// <summary>A client signed in through the login page (its cookie), as a user in a browser.</summary>
    public static async Task<HttpClient> SignedInClientAsync(this EPlanNacc.TestSupport.AppFixture app, string username,
        string password)
    {
        var client = app.CreateClient();
        var login = await client.PostFormAsync("/login", LoginForm(username, password));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return client;
    }

    /// <summary>Asserts that the page refuses the signed-in user of <paramref name="client"/>: it is sent to the
    /// /forbidden page, which answers 403 in Thai.</summary>
    public static async Task AssertForbiddenPageAsync(this HttpClient client, string path)
    {
        var refused = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var forbidden = new Uri(client.BaseAddress!, refused.Headers.Location!);
        Assert.Equal("/forbidden", forbidden.AbsolutePath);
        var page = await client.GetAsync(forbidden);
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("ท่านไม่มีสิทธิ์เข้าถึง", await page.Content.ReadAsStringAsync());
    }

    /// <summary>Asserts that the page sends the signed-in user of <paramref name="client"/> to <paramref name="to"/>
    /// (a path and query, as the Location header says it).</summary>
    public static async Task AssertRedirectedAsync(this HttpClient client, string path, string to)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(to, response.Headers.Location?.OriginalString);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
