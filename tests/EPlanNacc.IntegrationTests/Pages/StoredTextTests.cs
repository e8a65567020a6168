using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.Projects.Features.Import;
using EPlanNacc.Modules.Projects.Features.RoundReports;
using EPlanNacc.Modules.Reporting.Features.ProvinceFiles;
using EPlanNacc.TestSupport;
using Xunit.Abstractions;

namespace EPlanNacc.IntegrationTests.Pages;

/// <summary>Text an LAO stores stays text wherever the system shows it: HTML in every free-text field an LAO controls
/// (its name and basic data, its coordinator, its projects, the reasons and remarks of its round reports) is shown
/// escaped on every page a crawl of the LAO's and the admin's links reaches, printed as literal characters in the
/// PDFs, and held as literal text in the Excel files; a text that begins like a formula ("=", "+", "-", "@") is
/// written into every Excel file the system produces so that no spreadsheet evaluates it, and numbers stay
/// numbers.</summary>
[Trait(AnyDay.Trait, AnyDay.Value)]
public sealed partial class StoredTextTests(AppFixture app, ITestOutputHelper output) : IntegrationTest(app)
{
    private const string Html = "<script>alert(1)</script><img src=x onerror=alert(2)>\"><b>ตัวหนา</b>";

    /// <summary>What must never reach a page unescaped.</summary>
    private static readonly string[] RawTags = ["<script>alert(1)", "<img src=x", "<b>ตัวหนา"];

    private static readonly string[] Formulas =
        ["=HYPERLINK(\"http://evil.example/\",\"คลิก\")", "+1+1", "-1+1", "@SUM(1,1)", "=1+1"];

    private static string Text(string label) => $"{label} {Html}";

    private static readonly TestUser KohYo = TestUser.Lao(Samples.KohYo);
    private static readonly TestUser KhlongRi = TestUser.Lao(Samples.KhlongRi);

    private sealed record World(Guid Project, int Year);

    /// <summary>เกาะยอ stores HTML in every free-text field it has; คลองรี (same province) is named like a formula and
    /// names its projects so.</summary>
    private async Task<World> StoreAsync()
    {
        var profile = Samples.Profile(Samples.KohYo);
        await App.SendAsync(TestUser.Lao(Samples.KohYo, setupRequired: true), profile with
        {
            Location = profile.Location! with { Name = Text("อบต.เกาะยอ"), OfficeAddress = Text("ที่ตั้ง") },
            AreaAndExecutives = profile.AreaAndExecutives! with
            {
                ExecutiveName = Text("นายก"),
                PermanentSecretaryName = Text("ปลัด"),
            },
            Coordinator = profile.Coordinator! with
            {
                FullName = Text("ผู้ประสานงาน"),
                Position = Text("ตำแหน่ง"),
                Affiliation = Text("สังกัด"),
            },
        });
        var other = Samples.Profile(Samples.KhlongRi);
        await App.SendAsync(TestUser.Lao(Samples.KhlongRi, setupRequired: true), other with
        {
            Location = other.Location! with { Name = Formulas[0] },
        });

        await App.OpenRoundAsync(6);
        var project = await App.SendAsync(KohYo, App.Project(name: Text("โครงการ")) with
        {
            Essence = Text("สาระสำคัญ"),
            Objectives = Text("วัตถุประสงค์"),
            Remarks = Text("หมายเหตุ"),
            TargetGroupOther = Text("กลุ่มเป้าหมายอื่น"),
        });
        await App.SendAsync(KohYo, new ReportRoundResultCommand(project, 6, 50_000m, 12_000m, true, "not_possible",
            "other", Text("เหตุผลอื่น"), Text("หมายเหตุการรายงาน")));
        foreach (var name in Formulas) await App.SendAsync(KhlongRi, App.Project(name: name));
        return new World(project, App.CurrentYear);
    }

    [Fact]
    public async Task Stored_HTML_is_shown_escaped_on_every_page_an_LAO_and_the_admin_reach()
    {
        var (project, year) = await StoreAsync();
        using var lao = await App.SignedInClientAsync(Samples.KohYo, Samples.Password);
        using var admin = await App.SignedInClientAsync("admin", AppFixture.AdminPassword);

        // the pages that show the stored text must show it, escaped
        string[] laoPages =
        [
            $"/projects/list?fiscalYear={year}", $"/projects/{project}", $"/projects/{project}/edit",
            $"/projects/{project}/rounds/6", "/profile", $"/reports/status?fiscalYear={year}",
            $"/reports/performance?fiscalYear={year}&round=6", $"/reports/evaluation?fiscalYear={year}",
        ];
        string[] adminPages =
        [
            $"/projects/{project}",
            $"/staff/completeness?fiscalYear={year}&round=6&provinceCode=90",
            $"/reports/province?fiscalYear={year}&round=6&provinceCode=90",
            $"/reports/status?fiscalYear={year}&provinceCode=90&dlaCode={Samples.KohYo}",
            $"/projects/list?fiscalYear={year}&dlaCode={Samples.KohYo}",
        ];
        var notShown = new List<string>();
        foreach (var (client, pages) in new[] { (lao, laoPages), (admin, adminPages) })
            foreach (var page in pages)
                if (!WebUtility.HtmlDecode(await PageAsync(client, page)).Contains(Html, StringComparison.Ordinal))
                    notShown.Add(page);
        Assert.True(notShown.Count == 0, "the stored text is not shown on " + string.Join(", ", notShown));

        // and no page reached from them (or from the staff desk and the summary) carries it unescaped
        var laoCrawl = await CrawlAsync(lao, ["/summary", .. laoPages]);
        var adminCrawl = await CrawlAsync(admin, ["/staff", "/staff/screening", "/staff/reminders", .. adminPages]);
        Assert.True(laoCrawl > 15, $"the LAO's crawl reached {laoCrawl} pages");
        Assert.True(adminCrawl > 30, $"the admin's crawl reached {adminCrawl} pages");
        output.WriteLine($"pages checked: {laoCrawl} reached by the LAO, {adminCrawl} by the admin");

        // the preview of an uploaded plan shows the names it read, escaped
        var preview = await (await Projects.ProjectImportTests.PreviewOnThePageAsync(lao, year,
            Projects.ProjectImportTests.Workbook([Projects.ProjectImportTests.Row(Text("นำเข้า"))])))
            .Content.ReadAsStringAsync();
        AssertEscaped("/projects/import (preview)", preview);
        Assert.Contains(Text("นำเข้า"), WebUtility.HtmlDecode(preview));
    }

    [Fact]
    public async Task The_PDFs_print_the_stored_text_as_literal_characters_and_the_Excel_files_hold_it_as_text()
    {
        var (_, year) = await StoreAsync();
        using var lao = await App.SignedInClientAsync(Samples.KohYo, Samples.Password);
        using var admin = await App.SignedInClientAsync("admin", AppFixture.AdminPassword);
        var reports = new (HttpClient Client, string Path, string[] Texts)[]
        {
            (lao, $"/reports/performance?fiscalYear={year}&round=6", [Text("อบต.เกาะยอ")]),
            (lao, $"/reports/status?fiscalYear={year}",
                [Text("อบต.เกาะยอ"), Text("โครงการ"), Text("เหตุผลอื่น")]),
            (lao, $"/reports/evaluation?fiscalYear={year}", [Text("อบต.เกาะยอ")]),
            (admin, $"/reports/province?fiscalYear={year}&round=6&provinceCode=90", [Text("อบต.เกาะยอ")]),
        };
        foreach (var (client, path, texts) in reports)
        {
            var pdf = await PdfTools.TextAsync(await FileAsync(client, path, "pdf"), raw: true);
            foreach (var text in texts)
                Assert.True(ReportTables.Squeeze(pdf).Contains(ReportTables.Squeeze(text), StringComparison.Ordinal),
                    $"{path}: the PDF does not print {text}");
            var cells = XlsxCells.Read(await FileAsync(client, path, "xlsx"));
            foreach (var text in texts)
                Assert.Contains(cells, c => c.Text?.Contains(text, StringComparison.Ordinal) == true);
        }
        var completeness = XlsxCells.Read(await FileAsync(admin,
            $"/staff/completeness?fiscalYear={year}&round=6&provinceCode=90", "xlsx"));
        Assert.Contains(completeness, c => c.Text == Text("อบต.เกาะยอ"));
        var status = XlsxCells.Read(await FileAsync(lao, $"/reports/status?fiscalYear={year}", "xlsx"));
        Assert.Contains(status, c => c.Text == Text("โครงการ"));
    }

    [Fact]
    public async Task Text_that_begins_like_a_formula_stays_text_in_every_Excel_file_and_numbers_stay_numbers()
    {
        var (_, year) = await StoreAsync();
        using var khlongRi = await App.SignedInClientAsync(Samples.KhlongRi, Samples.Password);
        using var admin = await App.SignedInClientAsync("admin", AppFixture.AdminPassword);
        await App.SendAsync(SystemUser.Instance, new GenerateProvinceReportFilesCommand("90", year, 6));
        var files = new Dictionary<string, byte[]>
        {
            ["performance"] = await FileAsync(khlongRi, $"/reports/performance?fiscalYear={year}&round=6", "xlsx"),
            ["status"] = await FileAsync(khlongRi, $"/reports/status?fiscalYear={year}", "xlsx"),
            ["evaluation"] = await FileAsync(khlongRi, $"/reports/evaluation?fiscalYear={year}", "xlsx"),
            ["province"] = await FileAsync(admin, $"/reports/province?fiscalYear={year}&round=6&provinceCode=90",
                "xlsx"),
            ["province, generated overnight"] = await FileAsync(admin,
                $"/reports/province?handler=stored&format=xlsx&fiscalYear={year}&round=6&provinceCode=90", null),
            ["completeness"] = await FileAsync(admin,
                $"/staff/completeness?fiscalYear={year}&round=6&provinceCode=90", "xlsx"),
            ["import template"] = (await App.SendAsync(KhlongRi, new GetProjectImportTemplateQuery(year))).Content,
        };
        foreach (var (name, file) in files)
        {
            var cells = XlsxCells.Read(file);
            Assert.True(cells.Count > 10, $"{name}: {cells.Count} cells");
            Assert.DoesNotContain(cells, c => c.HasFormula);
            var unprotected = XlsxCells.UnprotectedFormulaLikeText(cells);
            Assert.True(unprotected.Count == 0, $"{name}: formula-like text a spreadsheet would evaluate when " +
                "edited: " + string.Join(", ", unprotected.Select(c => $"{c.Sheet}!{c.Reference} {c.Text}")));
        }
        // the stored text itself, unchanged, in a text cell that keeps it text
        var status = XlsxCells.Read(files["status"]);
        foreach (var formula in Formulas.Skip(1))
            Assert.True(status.Any(c => c.Text == formula && c.QuotePrefix && !c.IsNumber), $"status: {formula}");
        foreach (var name in new[] { "completeness", "province", "province, generated overnight" })
            Assert.True(XlsxCells.Read(files[name]).Any(c => c.Text == Formulas[0] && c.QuotePrefix),
                $"{name}: the LAO named {Formulas[0]}");
        // the budgets are numbers
        Assert.True(status.Count(c => c.IsNumber && decimal.Parse(c.Text!, CultureInfo.InvariantCulture) == 50_000m)
                    == Formulas.Length, "status: the budgets as numbers");
    }

    /// <summary>A page, checked: a success, and nothing stored shown unescaped.</summary>
    private static async Task<string> PageAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
        var html = await response.Content.ReadAsStringAsync();
        AssertEscaped(path, html);
        return html;
    }

    private static void AssertEscaped(string path, string html)
    {
        foreach (var tag in RawTags)
            Assert.False(html.Contains(tag, StringComparison.Ordinal), $"{path} carries {tag} unescaped");
        // an iframe's srcdoc is a page of its own (the preview of an email): once its attribute is read, the same
        foreach (Match srcdoc in SrcDoc().Matches(html))
            foreach (var tag in RawTags)
                Assert.False(WebUtility.HtmlDecode(srcdoc.Groups[1].Value).Contains(tag, StringComparison.Ordinal),
                    $"{path}: the srcdoc of an iframe carries {tag} unescaped");
    }

    /// <summary>Follows the links of <paramref name="start"/> (two steps, a few addresses per page, no downloads or
    /// sign-out), checking every page it reaches; returns how many it checked.</summary>
    private static async Task<int> CrawlAsync(HttpClient client, IEnumerable<string> start)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var perPath = new Dictionary<string, int>(StringComparer.Ordinal);
        var next = start.ToList();
        for (var step = 0; step < 3 && next.Count > 0; step++)
        {
            var found = new List<string>();
            foreach (var url in next.Where(u => seen.Add(u)))
            {
                var path = url.Split('?')[0];
                perPath[path] = perPath.GetValueOrDefault(path) + 1;
                if (perPath[path] > 4 || seen.Count > 200) continue;
                // a link meant for another role sends this one elsewhere: the page it lands on is followed too
                var response = await client.GetAsync(url);
                if (response.StatusCode == HttpStatusCode.Redirect)
                {
                    found.Add(response.Headers.Location!.OriginalString);
                    continue;
                }
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode}");
                var html = await response.Content.ReadAsStringAsync();
                AssertEscaped(url, html);
                found.AddRange(Link().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))
                    .Where(Followed));
            }
            next = found.Distinct().ToList();
        }
        return perPath.Values.Sum(n => Math.Min(n, 4));
    }

    private static bool Followed(string url) =>
        !url.Contains("handler=", StringComparison.OrdinalIgnoreCase) && !url.Contains('#')
        && !new[] { "//", "/logout", "/hangfire", "/openapi", "/lib/", "/css/", "/js/", "/fonts/", "/reference/" }
            .Any(p => url.StartsWith(p, StringComparison.Ordinal));

    /// <summary>A report's PDF or Excel file as its page downloads it (<paramref name="handler"/> null: the path
    /// names its handler).</summary>
    private static async Task<byte[]> FileAsync(HttpClient client, string path, string? handler)
    {
        var url = handler is null ? path : $"{path}&handler={handler}";
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode}");
        return await response.Content.ReadAsByteArrayAsync();
    }

    [GeneratedRegex("""href="(/[^"]*)"[^>]*>""")]
    private static partial Regex Link();

    [GeneratedRegex("""srcdoc="([^"]*)""")]
    private static partial Regex SrcDoc();
}
