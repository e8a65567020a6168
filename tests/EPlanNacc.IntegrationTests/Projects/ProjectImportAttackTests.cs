using System.Diagnostics;
using System.Net;
using System.Text;
using Dapper;
using EPlanNacc.IntegrationTests.Pages;
using EPlanNacc.Modules.Projects.Features.Import;
using EPlanNacc.TestSupport;
using Npgsql;
using Xunit.Abstractions;
using static EPlanNacc.TestSupport.CraftedXlsx;

namespace EPlanNacc.IntegrationTests.Projects;

/// <summary>Uploads made to burn the server: each crafted file (written here byte by byte) is refused in Thai, within
/// <see cref="Bound"/> (a bound generous for a loaded machine: the reading itself takes well under a second), by the
/// preview and the import, through the mediator and the page, and nothing is written (the checksums of the projects
/// tables and of the audit log are the same before and after). The file is read before the import takes its lock
/// and opens its transaction, so a file that is refused never held either.</summary>
[Trait(AnyDay.Trait, AnyDay.Value)]
public sealed class ProjectImportAttackTests(AppFixture app, ITestOutputHelper output) : IntegrationTest(app)
{
    private static readonly TestUser KohYo = TestUser.Lao(Samples.KohYo);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    private const string PasteIntoTemplate = "กรุณาคัดลอกเฉพาะตารางโครงการลงในแบบฟอร์มที่ดาวน์โหลดจากระบบ";
    private const string Inflates = "ข้อมูลในไฟล์เมื่อคลายการบีบอัดมีขนาดเกินที่ระบบรับได้ " +
        "(ส่วนละไม่เกิน 20 MB รวมไม่เกิน 50 MB) " + PasteIntoTemplate;
    private const string Doctype = "ไฟล์มีการประกาศ DOCTYPE หรือ ENTITY ในข้อมูล XML ซึ่งไฟล์ Excel ไม่ใช้ " +
        "ระบบจึงไม่อ่านไฟล์นี้ " + PasteIntoTemplate;

    private static string Range(string reference) =>
        $"แผ่นงานแรกระบุช่วงข้อมูล {reference} ซึ่งใหญ่เกินที่ระบบอ่านได้ (ไม่เกิน 10,000 แถว และ 100 คอลัมน์) " +
        PasteIntoTemplate;

    private static readonly string Header = Row(1, "ลำดับ", "ชื่อโครงการ/กิจกรรม/มาตรการ/แนวปฏิบัติงาน*");

    private const int HundredsOfMegabytes = 300 * 1024 * 1024;

    /// <summary>Each attack: the file and the Thai answer it must get.</summary>
    private static readonly Dictionary<string, (Func<byte[]> File, string Message)> Attacks = new()
    {
        // MiniExcel filled every cell of the declared range (16,384 columns) before counting rows
        ["a dimension of A1:XFD50"] = (() => Workbook(Header, "A1:XFD50"), Range("A1:XFD50")),
        ["a dimension of A1:XFD2000"] = (() => Workbook(Header, "A1:XFD2000"), Range("A1:XFD2000")),
        ["a dimension of every row of the sheet"] = (() => Workbook(Header, "A1:U1048576"), Range("A1:U1048576")),
        ["a value in the last column of the sheet"] = (() => Workbook(Header + Row(2, "1") + "<row r=\"3\">" +
                "<c r=\"XFD3\" t=\"inlineStr\"><is><t>ไกล</t></is></c></row>"),
            "แผ่นงานแรกมีเซลล์ XFD3 นอกช่วงที่ระบบอ่านได้ (ไม่เกิน 10,000 แถว และ 100 คอลัมน์) " +
            PasteIntoTemplate),
        // a sheet of a few hundred KB that inflates to 300 MB, declared honestly in the zip
        ["a zip bomb"] = (() => ZipBomb(), Inflates),
        // the same, with the zip claiming that the sheet inflates to 2 KB
        // (the zip is read only as far as it declares: where the sheet's XML then stops, the file is broken)
        ["a zip bomb that lies about its size"] = (() => DeclareSize(ZipBomb(), "xl/worksheets/sheet1.xml", 2048),
            "ข้อมูลภายในไฟล์ไม่อยู่ในรูปแบบของ Excel (.xlsx) หรือเสียหาย " + PasteIntoTemplate),
        // a part that no reader needs (an image) inflating to 300 MB
        ["a zip bomb in a part the import does not read"] = (() => Workbook(Header, more:
            [Inflating("xl/media/image1.png", "", "\0", HundredsOfMegabytes, "")]), Inflates),
        // a part within the sizes, made of tiny elements: millions of nodes for the XML reader to visit
        ["four million empty elements"] = (() => Zip([.. Package(), Inflating("xl/worksheets/sheet1.xml",
                $"<worksheet xmlns=\"{MainNamespace}\"><sheetData>{Header}<row r=\"2\"><c r=\"A2\">", "<x/>",
                16 * 1024 * 1024, "</c></row></sheetData></worksheet>")]),
            "ไฟล์มีองค์ประกอบ XML เกิน 1,000,000 รายการ ซึ่งมากกว่าแผนปฏิบัติการ 2,000 แถว " + PasteIntoTemplate),
        ["a billion laughs in the sheet"] = (() => Workbook(
            "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&lol9;</t></is></c></row>", head: BillionLaughs),
            Doctype),
        ["an external entity in the shared strings"] = (() => Workbook(
            "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>", sharedStrings: new Part("xl/sharedStrings.xml",
                "<?xml version=\"1.0\"?><!DOCTYPE sst [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>" +
                $"<sst xmlns=\"{MainNamespace}\"><si><t>&xxe;</t></si></sst>")), Doctype),
        ["an external DTD"] = (() => Workbook(Header,
            head: "<!DOCTYPE worksheet SYSTEM \"http://127.0.0.1:9/evil.dtd\">"), Doctype),
        ["a thousand sheets"] = (() => Workbook(Header, sheets: 1000),
            "ไฟล์มีแผ่นงานเกิน 50 แผ่น (ระบบอ่านเฉพาะแผ่นงานแรก) " + PasteIntoTemplate),
        ["a thousand parts"] = (() => Workbook(Header, more: Enumerable.Range(1, 1000)
                .Select(i => new Part($"xl/media/image{i}.png", "x"))),
            "ไฟล์มีส่วนประกอบเกิน 256 ส่วน ซึ่งไม่ใช่ไฟล์แผนปฏิบัติการ " + PasteIntoTemplate),
        ["a shared string of 40,000 letters"] = (() => Workbook(Header + "<row r=\"2\"><c r=\"B2\" t=\"s\"><v>0</v>" +
                "</c></row>", sharedStrings: new Part("xl/sharedStrings.xml",
                $"<sst xmlns=\"{MainNamespace}\"><si><t>{new string('ก', 40_000)}</t></si></sst>")),
            "ไฟล์มีข้อความในเซลล์เดียวยาวเกิน 32,767 ตัวอักษร (ขีดจำกัดของ Excel) " + PasteIntoTemplate),
        ["a shared string of 300 MB"] = (() => Workbook(Header, sharedStrings: Inflating("xl/sharedStrings.xml",
            $"<sst xmlns=\"{MainNamespace}\"><si><t>", "ก", HundredsOfMegabytes, "</t></si></sst>")), Inflates),
        ["200,000 shared strings"] = (() => Workbook(Header, sharedStrings: new Part("xl/sharedStrings.xml",
                $"<sst xmlns=\"{MainNamespace}\">" +
                string.Concat(Enumerable.Range(0, 200_000).Select(i => $"<si><t>{i}</t></si>")) + "</sst>")),
            "ไฟล์มีข้อความเกิน 100,000 ข้อความ ซึ่งมากกว่าแผนปฏิบัติการ 2,000 แถว " + PasteIntoTemplate),
        ["a PDF"] = (() => Encoding.ASCII.GetBytes("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj << >> endobj\n"),
            "อ่านไฟล์ไม่ได้ กรุณาใช้ไฟล์ Excel (.xlsx) ที่ดาวน์โหลดแบบฟอร์มจากระบบ"),
        ["an Excel 97 file (.xls) or a file with a password"] = (() =>
                [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[4088]],
            "ไฟล์นี้เป็นไฟล์ Excel รุ่นเก่า (.xls) หรือไฟล์ที่ตั้งรหัสผ่านไว้ ระบบอ่านไม่ได้ " +
            "กรุณาเปิดด้วย Excel แล้วบันทึกเป็นไฟล์ .xlsx โดยไม่ตั้งรหัสผ่าน"),
    };

    public static TheoryData<string> AttackNames => new(Attacks.Keys);

    private const string BillionLaughs = """
        <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
        <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
        <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
        <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
        <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
        <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
        <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
        <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
        <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
        """;

    private static readonly Lazy<byte[]> Bomb = new(() => Zip([.. Package(),
        Inflating("xl/worksheets/sheet1.xml", $"<worksheet xmlns=\"{MainNamespace}\"><sheetData>{Header}",
            "<row/>", HundredsOfMegabytes, "</sheetData></worksheet>")]));

    private static byte[] ZipBomb() => Bomb.Value;

    [Theory]
    [MemberData(nameof(AttackNames))]
    public async Task A_crafted_file_is_refused_in_Thai_at_once_and_changes_nothing(string attack)
    {
        var (makeFile, message) = Attacks[attack];
        var file = makeFile();
        Assert.True(file.Length <= ProjectImportLimits.MaxFileBytes, $"{attack}: {file.Length:#,##0} bytes");
        await App.SetUpLaoAsync();
        using var client = await App.SignedInClientAsync(Samples.KohYo, Samples.Password);
        var before = await ChecksumAsync();

        var (preview, previewTook) = await TimedAsync(() =>
            App.SendAsync(KohYo, new PreviewProjectImportQuery(App.CurrentYear, file)));
        Assert.Equal(message, preview.FileError);
        Assert.Empty(preview.Rows);
        var (import, importTook) = await TimedAsync(() =>
            App.SendAsync(KohYo, new ImportProjectsCommand(App.CurrentYear, file, AllOrNothing: false)));
        Assert.Equal((0, message), (import.Saved, import.FileError));

        var (page, pageTook) = await TimedAsync(() => PreviewOnThePageAsync(client, file));
        Assert.Contains(message, page);
        Assert.DoesNotContain("name=\"FileContent\"", page);
        var (confirm, confirmTook) = await TimedAsync(() => ConfirmOnThePageAsync(client, file));
        Assert.Contains(message, confirm);

        Assert.Equal(before, await ChecksumAsync());
        output.WriteLine($"{attack} ({file.Length:#,##0} bytes): preview {previewTook.TotalMilliseconds:0} ms, " +
                         $"import {importTook.TotalMilliseconds:0} ms, " +
                         $"page preview {pageTook.TotalMilliseconds:0} ms, " +
                         $"page import {confirmTook.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task The_file_is_read_before_the_import_takes_its_lock_so_a_refused_file_never_waits_for_it()
    {
        // another import of the same LAO holds the lock
        await using var other = new NpgsqlConnection(App.ConnectionString);
        await other.OpenAsync();
        await other.ExecuteAsync("SELECT pg_advisory_lock(hashtext('projects.import:' || @dlaCode))",
            new { dlaCode = Samples.KohYo });
        var before = await ChecksumAsync();

        var (refused, took) = await TimedAsync(() => App.SendAsync(KohYo,
            new ImportProjectsCommand(App.CurrentYear, Attacks["a dimension of A1:XFD50"].File(), false)));
        Assert.Equal(Range("A1:XFD50"), refused.FileError);
        Assert.Equal(before, await ChecksumAsync());

        // a good file is read, then waits for the lock, and is saved once it is free
        var good = Task.Run(() => App.SendAsync(KohYo, new ImportProjectsCommand(App.CurrentYear,
            ProjectImportTests.Workbook([ProjectImportTests.Row("โครงการที่รอคิว")]), false)));
        await Eventually.Async(() => App.QueryAsync<int>(
                "SELECT count(*)::int FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"),
            waiting => waiting.Single() == 1, "the import waiting for the lock");
        Assert.False(good.IsCompleted);
        await other.ExecuteAsync("SELECT pg_advisory_unlock_all()");
        Assert.Equal(1, (await good.WaitAsync(Bound)).Saved);
        output.WriteLine($"refused under another import's lock in {took.TotalMilliseconds:0} ms");
    }

    /// <summary>Sends on a thread of its own (a reader that never yields cannot hold the test) and waits at most
    /// <see cref="Bound"/>.</summary>
    private static async Task<(T Answer, TimeSpan Took)> TimedAsync<T>(Func<Task<T>> send)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            var answer = await Task.Run(send).WaitAsync(Bound);
            return (answer, watch.Elapsed);
        }
        catch (Exception ex) when (ex is TimeoutException or TaskCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"no answer within {Bound.TotalSeconds} s ({ex.GetType().Name})");
        }
    }

    private Task<IReadOnlyDictionary<string, string>> ChecksumAsync() =>
        App.ChecksumAsync("projects", "identity.audit_log");

    private async Task<string> PreviewOnThePageAsync(HttpClient client, byte[] file)
    {
        var response = await ProjectImportTests.PreviewOnThePageAsync(client, App.CurrentYear, file);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The confirm form posted with a file the preview never saw.</summary>
    private async Task<string> ConfirmOnThePageAsync(HttpClient client, byte[] file)
    {
        var response = await client.PostFormAsync("/projects/import?handler=Import", new Dictionary<string, string?>
        {
            ["FiscalYear"] = App.CurrentYear.ToString(), ["FileName"] = "แผน.xlsx",
            ["FileContent"] = Convert.ToBase64String(file), ["AllOrNothing"] = "false",
        }, "/projects/import");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }
}
