using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using EPlanNacc.TestSupport;
using Microsoft.Playwright;

namespace EPlanNacc.BrowserTests.Accessibility;

/// <summary>axe-core's WCAG 2.1 A and AA rules (and its best practices) in every page a browser test opens, with no
/// step in the test: the fixture's pages carry axe-core (the copy scripts/build-frontend puts in
/// wwwroot/lib/axe-core, never a CDN) and audit each document once it has loaded (every navigation, form post and
/// redirect), reporting what they find here; <see cref="BrowserFixture.ScreenshotAsync"/> audits the page as it is
/// shown (a wizard step, an open dialog) and fails at once. <see cref="BrowserTest"/> fails a test whose pages broke
/// a rule, naming the rule, the element and the page.</summary>
public sealed class AxeAudit
{
    /// <summary>The axe-core rules run: WCAG 2.0 and 2.1, levels A and AA, and axe-core's best practices (heading
    /// order, landmarks, content inside landmarks, table headers with text), which every page passes too.</summary>
    public static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

    private const string FoundBinding = "__eplanAxeFound";

    private static readonly Lazy<string> Source = new(() =>
    {
        var file = Path.Combine(TestDatabase.RepositoryRoot(), "src", "Host", "EPlanNacc.Host", "wwwroot", "lib",
            "axe-core", "axe.min.js");
        if (!File.Exists(file))
            throw new InvalidOperationException($"axe-core is missing ({file}): run scripts/build-frontend");
        return File.ReadAllText(file);
    });

    /// <summary>Runs in every document before its own scripts: axe-core, then <c>window.__eplanAxe.check()</c>
    /// (one audit at a time, after fonts, two frames and the page's finite animations, so that no fade is
    /// measured halfway) and, in a top-level HTML page of the application, an audit once it has loaded.</summary>
    private static string InitScript => Source.Value + ";\n" + $$"""
        (() => {
          if (window.__eplanAxe || !window.axe) return;
          const tags = {{JsonSerializer.Serialize(Tags)}};
          const settle = async () => {
            if (document.fonts) await document.fonts.ready;
            await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
            const finite = document.getAnimations()
              .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity);
            await Promise.race([
              Promise.all(finite.map(a => a.finished.catch(() => null))),
              new Promise(r => setTimeout(r, 3000)),
            ]);
          };
          const audit = async () => {
            await settle();
            // preload: false: axe-core would copy each stylesheet into a <style> element of its own to read it, which
            // the page's Content-Security-Policy rightly refuses (and BrowserTest fails on); only the rule
            // css-orientation-lock needs those copies
            const r = await axe.run(document,
              { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'], preload: false });
            return {
              page: location.pathname + location.search, title: document.title,
              violations: r.violations.map(v => ({
                rule: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({ target: n.target.join(' '), html: n.html, why: n.failureSummary })),
              })),
            };
          };
          let chain = Promise.resolve(null);
          window.__eplanAxe = {
            check: () => (chain = chain.catch(() => null).then(audit)),
            idle: () => chain.then(() => true, () => true),
          };
          if (window.top !== window) return;
          // the test's side has the findings once idle() resolves: the report is part of the chain
          const auto = () => {
            if (!/^https?:$/.test(location.protocol) || document.contentType !== 'text/html') return;
            chain = window.__eplanAxe.check().then(async r => {
              if (r.violations.length) await window.{{FoundBinding}}(JSON.stringify(r));
              return r;
            });
          };
          if (document.readyState === 'complete') auto();
          else window.addEventListener('load', auto, { once: true });
        })();
        """;

    private readonly ConcurrentDictionary<string, string> _findings = new();
    private readonly ConcurrentBag<IBrowserContext> _contexts = [];

    /// <summary>Puts axe-core into every page of <paramref name="context"/>, and its findings here.</summary>
    public async Task AttachAsync(IBrowserContext context)
    {
        await context.ExposeFunctionAsync<string>(FoundBinding, Record);
        await context.AddInitScriptAsync(InitScript);
        _contexts.Add(context);
    }

    /// <summary>Audits <paramref name="page"/> as it is now, and fails with what axe-core found.</summary>
    public static async Task CheckAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => !!window.__eplanAxe"))
            await page.EvaluateAsync(InitScript); // not a <script> element: the Content-Security-Policy refuses those
        var json = await page.EvaluateAsync<string>(
            "async () => JSON.stringify(await window.__eplanAxe.check())");
        var report = Parse(json);
        if (report.Violations.Count > 0) throw new Xunit.Sdk.XunitException(string.Join("", Describe(report).Values));
    }

    /// <summary>Waits for the audits still running in open pages, then gives what was found since
    /// <see cref="Reset"/> (one entry per page, rule and element), and closes the contexts.</summary>
    public async Task<IReadOnlyList<string>> CollectAsync()
    {
        foreach (var context in _contexts)
        {
            foreach (var page in context.Pages.Where(p => !p.IsClosed))
            {
                try
                {
                    await page.EvaluateAsync<bool>("() => window.__eplanAxe ? window.__eplanAxe.idle() : true");
                }
                catch (PlaywrightException)
                {
                    // the page was navigating away: its next document was never audited, nothing to wait for
                }
            }
            await context.CloseAsync();
        }
        _contexts.Clear();
        var found = _findings.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => f.Value).ToList();
        _findings.Clear();
        return found;
    }

    public void Reset()
    {
        _findings.Clear();
        _contexts.Clear();
    }

    private void Record(string json)
    {
        foreach (var (key, text) in Describe(Parse(json))) _findings.TryAdd(key, text);
    }

    private static Report Parse(string json) =>
        JsonSerializer.Deserialize<Report>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))
        ?? throw new InvalidOperationException("axe-core gave no result");

    /// <summary>One text per rule broken on the page: the rule, the page, then each element with the reason.</summary>
    private static Dictionary<string, string> Describe(Report report)
    {
        var texts = new Dictionary<string, string>();
        foreach (var v in report.Violations)
        {
            var text = new StringBuilder()
                .AppendLine($"axe-core rule '{v.Rule}' ({v.Impact}): {v.Help}")
                .AppendLine($"  page: {report.Page} ({report.Title})");
            foreach (var n in v.Nodes)
            {
                text.AppendLine($"  element: {n.Target}")
                    .AppendLine($"    html: {Shorten(n.Html)}")
                    .AppendLine($"    {n.Why?.ReplaceLineEndings(" ")}");
            }
            var path = report.Page.Split('?')[0];
            texts[$"{path} {v.Rule} {string.Join(",", v.Nodes.Select(n => n.Target))}"] = text.ToString();
        }
        return texts;
    }

    private static string Shorten(string html) => html.Length <= 200 ? html : html[..200] + "…";

    private sealed record Report(string Page, string Title, List<Violation> Violations);
    private sealed record Violation(string Rule, string? Impact, string Help, List<Node> Nodes);
    private sealed record Node(string Target, string Html, string? Why);
}
