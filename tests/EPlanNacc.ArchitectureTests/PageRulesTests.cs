using System.Text.RegularExpressions;

namespace EPlanNacc.ArchitectureTests;

/// <summary>Thin pages (docs/conventions.md 9): a page's links and redirects come from the pages' routes (asp-page,
/// RedirectToPage, Url.Page), so that an address is written once, in its @page directive; and who a page is for is
/// its policy (src/Host/EPlanNacc.Host/Infrastructure/PageAccess.cs), never a role test in a handler.</summary>
public sealed partial class PageRulesTests
{
    private static string PagesRoot() =>
        Path.Combine(Modules.RepositoryRoot(), "src", "Host", "EPlanNacc.Host", "Pages");

    private static IEnumerable<string> PageFiles(params string[] extensions) =>
        Directory.EnumerateFiles(PagesRoot(), "*.*", SearchOption.AllDirectories)
            .Where(f => extensions.Any(e => f.EndsWith(e, StringComparison.Ordinal)));

    private static string Relative(string file) =>
        Path.GetRelativePath(Modules.RepositoryRoot(), file).Replace('\\', '/');

    /// <summary>Addresses a page may write: the files the application serves as they are (wwwroot), which have no
    /// page to generate them from.</summary>
    private static readonly string[] StaticPrefixes = ["/lib/", "/css/", "/js/", "/favicon"];

    /// <summary>Hand-written app addresses kept on purpose, as "file: address" (none today; the Hangfire dashboard is
    /// no page and nothing links to it).</summary>
    private static readonly string[] Justified = [];

    [Fact]
    public void Pages_write_no_app_address_by_hand()
    {
        var files = PageFiles(".cs", ".cshtml").ToList();
        Assert.True(files.Count > 40, $"only {files.Count} files under Pages");
        var offending = files.SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .Where(l => !PageDirective().IsMatch(l.Text))
            .SelectMany(l => AppAddress().Matches(l.Text)
                .Select(m => (l.File, l.Line, Address: m.Groups["address"].Value)))
            .Where(a => !StaticPrefixes.Any(p => a.Address.StartsWith(p, StringComparison.Ordinal)))
            .Where(a => !Justified.Contains($"{Relative(a.File)}: {a.Address}"))
            .Select(a => $"{Relative(a.File)}:{a.Line} writes {a.Address} (use asp-page, RedirectToPage or Url.Page)")
            .ToList();
        Assert.True(offending.Count == 0, string.Join(Environment.NewLine, offending));
    }

    [Fact]
    public void Pages_write_no_role_gate_in_a_handler()
    {
        var offending = PageFiles(".cs")
            .SelectMany(f => RoleGate().Matches(File.ReadAllText(f)).Select(m => $"{Relative(f)}: {Flatten(m.Value)}"))
            .ToList();
        Assert.True(offending.Count == 0,
            "who a page is for is its policy ([Authorize(Policy = Policies.X)], [RedirectRefused], " +
            "[StaffChooseLaoOn]), not a role test that redirects or throws: " +
            string.Join(Environment.NewLine, offending));
    }

    [Theory]
    [InlineData("""if (!User.IsLao()) return Redirect("/staff");""")]
    [InlineData("""if (!IsLao && string.IsNullOrWhiteSpace(DlaCode)) return RedirectToPage("/Projects/Screening");""")]
    [InlineData("""if (IsProvinceReport && !IsStaff) throw new ForbiddenException(AccessMessages.StaffOnly);""")]
    [InlineData("if (User.IsAdmin())\n        {\n            return Forbid();")]
    [InlineData("""throw new ForbiddenException("เมนูนี้สำหรับเจ้าหน้าที่");""")]
    [InlineData("""[Authorize(Roles = UserRoles.Admin)]""")]
    public void The_role_gate_rule_sees_a_gate(string code) => Assert.Matches(RoleGate(), code);

    [Theory]
    [InlineData("""public bool IsLao => User.IsLao();""")]
    [InlineData("""return IsLao ? RedirectToPage("/Projects/List") : RedirectToPage("/Projects/Details");""")]
    [InlineData("""if (IsStaff) Choices = await Sender.Send(new GetScopeChoicesQuery(ProvinceCode), ct);""")]
    public void The_role_gate_rule_lets_a_page_choose_what_to_render(string code) =>
        Assert.DoesNotMatch(RoleGate(), code);

    [Theory]
    [InlineData("""return Redirect("/projects/screening");""", "/projects/screening")]
    [InlineData("""return Redirect($"/projects/{Id}");""", "/projects/{Id}")]
    [InlineData("""<a href="/projects/@p.Id/edit">""", "/projects/@p.Id/edit")]
    [InlineData("""<form method="post" action="/logout">""", "/logout")]
    [InlineData("""<a href="@(signedIn ? "/summary" : "/login")">""", "/summary")]
    [InlineData("""<link rel="stylesheet" href="/css/site.css" />""", "/css/site.css")]
    public void The_address_rule_sees_an_address(string line, string address) =>
        Assert.Equal(address, AppAddress().Match(line).Groups["address"].Value);

    [Theory]
    [InlineData("""return RedirectToPage("/Projects/List", new { fiscalYear });""")]
    [InlineData("""<a asp-page="/Projects/Edit" asp-route-id="@p.Id">""")]
    [InlineData("""<script src="~/js/site.js"></script>""")]
    [InlineData("""if (Url.IsLocalUrl(ReturnUrl) && ReturnUrl != "/") return LocalRedirect(ReturnUrl);""")]
    public void The_address_rule_lets_generated_addresses_pass(string line) => Assert.DoesNotMatch(AppAddress(), line);

    private static string Flatten(string code) => WhiteSpace().Replace(code, " ");

    /// <summary>A quoted address of the application: a slash and a lower-case letter (routes are lower case; page
    /// names, as in RedirectToPage("/Projects/List"), start with a capital).</summary>
    [GeneratedRegex("""["'](?<address>/[a-z][^"'\s]*)""")]
    private static partial Regex AppAddress();

    [GeneratedRegex("""^\s*@page\s""")]
    private static partial Regex PageDirective();

    /// <summary>A role test whose branch redirects, refuses or throws; a ForbiddenException thrown by a page; roles
    /// written on a page instead of its policy.</summary>
    [GeneratedRegex("""
        if\s*\((?:[^;{}]*?)\b(?:IsLao|IsStaff|IsAdmin)\b[^;{}]*?\)\s*\{?\s*
            (?:return\s+(?:Redirect\w*|LocalRedirect|Forbid|Challenge|NotFound|StatusCode|Unauthorized)\b|throw\b)
        |throw\s+new\s+ForbiddenException
        |\[Authorize\s*\(\s*Roles\s*=
        """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex RoleGate();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
