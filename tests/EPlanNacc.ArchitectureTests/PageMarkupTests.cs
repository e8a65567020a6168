using System.Text.RegularExpressions;

namespace EPlanNacc.ArchitectureTests;

/// <summary>The pages hold no inline script, style or event handler: the Content-Security-Policy admits none
/// (src/Host/EPlanNacc.Host/Infrastructure/SecurityHeaders.cs). Scripts are files in wwwroot/js, styles classes in
/// wwwroot/css; a <c>&lt;style&gt;</c> element carries the request's nonce.</summary>
public sealed partial class PageMarkupTests
{
    [GeneratedRegex(@"\sstyle\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex StyleAttribute();

    [GeneratedRegex(@"<style(?![^>]*\bnonce=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex StyleWithoutNonce();

    [GeneratedRegex(@"\son[a-z]+\s*=\s*""", RegexOptions.IgnoreCase)]
    private static partial Regex HandlerAttribute();

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"javascript:", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptUrl();

    [Fact]
    public void No_page_has_an_inline_script_style_or_event_handler()
    {
        var pages = Path.Combine(Modules.RepositoryRoot(), "src", "Host", "EPlanNacc.Host", "Pages");
        var found = new List<string>();
        foreach (var file in Directory.EnumerateFiles(pages, "*.cshtml", SearchOption.AllDirectories))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (var (rule, regex) in new (string, Regex)[]
                         {
                             ("style attribute", StyleAttribute()), ("<style> without the nonce", StyleWithoutNonce()),
                             ("event handler attribute", HandlerAttribute()), ("inline <script>", InlineScript()),
                             ("javascript: address", ScriptUrl()),
                         })
                {
                    if (regex.IsMatch(lines[i]))
                        found.Add($"{Path.GetRelativePath(pages, file)}:{i + 1}: {rule}: {lines[i].Trim()}");
                }
            }
        }
        Assert.Empty(found);
    }
}
