using System.Net;
using System.Net.Http.Json;
using EPlanNacc.Modules.Reporting.Rendering;
using EPlanNacc.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace EPlanNacc.IntegrationTests.Reporting;

/// <summary>
/// What the PDF printer's Chromium may do (issue 9, section 4; docs/adr/0022-a-printer-that-cannot-reach-out.md):
/// print a report's own inline content with the machine's fonts, and nothing else. No request leaves it (a listener
/// of the test sees no connection, not even a preconnect), it runs no JavaScript, no DevTools port listens (a pipe
/// drives it), it ends with the process that started it, and it has its sandbox wherever the machine allows.
/// </summary>
[Trait(AnyDay.Trait, AnyDay.Value)]
public sealed class ChromiumPrinterTests(AppFixture app) : IntegrationTest(app)
{
    private ChromiumPdfRenderer Renderer => (ChromiumPdfRenderer)App.Services.GetRequiredService<IPdfRenderer>();

    private Task<byte[]> PrintHtmlAsync(string body) =>
        Renderer.RenderHtmlAsync("ทดสอบ", false, body, "<span></span>", "<span></span>");

    /// <summary>A body that asks, every way HTML can, for the test's listener and for the machine's files.</summary>
    private static string Reaching(LoopbackListener listener) => $$"""
        <p>เนื้อหาของรายงาน</p>
        <img src="{{listener.Url("img")}}"><img srcset="{{listener.Url("srcset")}} 2x">
        <link rel="stylesheet" href="{{listener.Url("css")}}"><link rel="stylesheet" href="file:///etc/passwd">
        <link rel="preconnect" href="{{listener.Url()}}"><link rel="prefetch" href="{{listener.Url("prefetch")}}">
        <iframe src="{{listener.Url("frame")}}"></iframe><iframe src="file:///etc/passwd"></iframe>
        <object data="{{listener.Url("object")}}"></object><embed src="{{listener.Url("embed")}}">
        <video poster="{{listener.Url("poster")}}" src="{{listener.Url("video")}}"></video>
        <div style="background-image: url('{{listener.Url("background")}}')">พื้นหลัง</div>
        <style>@import url("{{listener.Url("import")}}");
        @font-face { font-family: x; src: url("{{listener.Url("font")}}"); }
        p { font-family: x, sans-serif; }</style>
        <img src="file:///etc/hostname"><a href="{{listener.Url("link")}}">ลิงก์</a>
        """;

    [Fact]
    public async Task A_report_that_asks_for_the_network_or_the_disk_loads_nothing()
    {
        using var listener = new LoopbackListener();
        var pdf = await PrintHtmlAsync(Reaching(listener));
        await Task.Delay(1000); // a late request would still come

        Assert.True(listener.Connections == 0, $"Chromium connected {listener.Connections} time(s) to the test's " +
                                               $"listener: {string.Join(", ", listener.RequestLines)}");
        var text = await PdfTools.TextAsync(pdf);
        Assert.Contains("เนื้อหาของรายงาน", text);
        Assert.DoesNotContain("root:", text); // nothing of /etc/passwd
    }

    [Fact]
    public async Task A_report_page_runs_no_JavaScript()
    {
        var pdf = await PrintHtmlAsync("""
            <p id="report">รายงาน</p>
            <img src="x" onerror="document.body.insertAdjacentHTML('beforeend', '<p>SCRIPT-ONERROR</p>')">
            <svg onload="document.body.insertAdjacentHTML('beforeend', '<p>SCRIPT-SVG</p>')"></svg>
            <iframe srcdoc="<p>frame</p><script>document.write('SCRIPT-FRAME')</script>"></iframe>
            <details open ontoggle="document.body.insertAdjacentHTML('beforeend', '<p>SCRIPT-TOGGLE</p>')">
            <summary>x</summary></details>
            """);
        var text = await PdfTools.TextAsync(pdf);
        Assert.Contains("รายงาน", text);
        Assert.DoesNotContain("SCRIPT-", text);
    }

    [Fact]
    public async Task An_LAOs_stored_text_that_points_at_the_network_prints_as_text_and_loads_nothing()
    {
        using var listener = new LoopbackListener();
        await App.SetUpLaoAsync();
        using var lao = await App.CreateApiClientAsync(Samples.KohYo, Samples.Password);
        var name = $"""โครงการ <img src="{listener.Url("x")}"><link rel="stylesheet" href="file:///etc/passwd">""" +
                   $"""<iframe src="{listener.Url("frame")}"></iframe>""";
        var created = await lao.PostAsJsonAsync("/api/v1/projects", App.Project(name: name));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var pdf = await lao.GetAsync($"/api/v1/reports/status?fiscalYear={App.CurrentYear}&format=pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        await Task.Delay(1000);
        Assert.Equal(0, listener.Connections);
        // the name as the LAO typed it, wrapped in its table cell (spaces and line breaks dropped to compare)
        var text = string.Concat((await PdfTools.TextAsync(await pdf.Content.ReadAsByteArrayAsync(), raw: true))
            .Where(c => !char.IsWhiteSpace(c)));
        Assert.Contains($"<imgsrc=\"{listener.Url("x")}\">", text);
        Assert.Contains("href=\"file:///etc/passwd\">", text);
    }

    [Fact]
    public async Task Chromium_is_driven_through_a_pipe_listens_on_no_port_and_resolves_no_host()
    {
        await PrintHtmlAsync("<p>รายงาน</p>");
        var pid = Assert.IsType<int>(Renderer.BrowserProcessId);
        var arguments = ProcessTree.CommandLine(pid);
        Assert.Contains("--remote-debugging-pipe", arguments);
        Assert.DoesNotContain(arguments, a => a.StartsWith("--remote-debugging-port", StringComparison.Ordinal));
        // the switch arrives whole through the shell PuppeteerSharp starts Chromium with
        Assert.Contains("--host-resolver-rules=MAP * ~NOTFOUND", arguments);
        var profile = Assert.Single(arguments, a => a.StartsWith("--user-data-dir=", StringComparison.Ordinal));
        Assert.StartsWith($"--user-data-dir={AppFixture.ChromiumProfileFolder}/", profile);

        var tree = ProcessTree.WithDescendants(pid);
        Assert.True(tree.Count > 1, "Chromium's own processes (zygote, renderer) were expected");
        Assert.Empty(ProcessTree.ListeningPorts(tree));
    }

    [Fact]
    public async Task Chromium_ends_with_the_process_that_started_it()
    {
        var folder = Path.Combine(AppFixture.ChromiumProfileFolder, "probe");
        Directory.CreateDirectory(folder);
        using var probe = PrinterProbe.Start(folder);
        var chromium = await probe.ChromiumAsync();
        var tree = ProcessTree.WithDescendants(chromium);
        Assert.Equal(probe.Process.Id, ProcessTree.ParentOf(chromium));

        probe.Process.Kill(); // SIGKILL: nothing of the probe runs after it
        await probe.Process.WaitForExitAsync();
        var ended = await ProcessTree.AllEndAsync(tree, TimeSpan.FromSeconds(15));
        var left = tree.Where(ProcessTree.IsAlive).Select(p => $"{p} (parent {ProcessTree.ParentOf(p)})").ToList();
        ProcessTree.Kill(tree); // never leave an orphan behind, even when the test fails
        Assert.True(ended, $"Chromium outlived the process that started it: {string.Join(", ", left)}");
    }

    [Fact]
    public async Task Started_by_an_ordinary_user_Chromium_prints_in_its_sandbox()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            // the application itself runs as an ordinary user here: its own Chromium has the sandbox
            await PrintHtmlAsync("<p>รายงาน</p>");
            Assert.DoesNotContain("--no-sandbox", ProcessTree.CommandLine(Renderer.BrowserProcessId!.Value));
            return;
        }
        // as root Chromium refuses its sandbox (the application's own prints without it, with a warning): an
        // ordinary user's renderer, started through runuser, has it on this machine
        Assert.Contains("--no-sandbox", await AppChromiumArgumentsAsync());
        var folder = Path.Combine(Path.GetTempPath(), $"eplan-probe-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        if (OperatingSystem.IsLinux()) File.SetUnixFileMode(folder, (UnixFileMode)0b111_111_111);
        try
        {
            using var probe = PrinterProbe.Start(folder, user: "nobody");
            var chromium = await probe.ChromiumAsync();
            var arguments = ProcessTree.CommandLine(chromium);
            Assert.NotEmpty(arguments);
            Assert.DoesNotContain("--no-sandbox", arguments);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task<IReadOnlyList<string>> AppChromiumArgumentsAsync()
    {
        await PrintHtmlAsync("<p>รายงาน</p>");
        return ProcessTree.CommandLine(Renderer.BrowserProcessId!.Value);
    }
}
