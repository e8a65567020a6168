using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.IntegrationTests.Pages;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Projects.Features.Import;
using EPlanNacc.Modules.Projects.Features.Projects;
using EPlanNacc.TestSupport;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using static EPlanNacc.TestSupport.ProjectSamples;
using C = EPlanNacc.Modules.Projects.Features.Import.ProjectSheetColumns;

namespace EPlanNacc.IntegrationTests.Projects;

/// <summary>Importing a plan from Excel: the template, a preview of every row's errors in Thai, then all valid rows in
/// one transaction, or none when all-or-nothing is asked; 500 rows at once.</summary>
public sealed class ProjectImportTests(AppFixture app) : IntegrationTest(app)
{
    private static readonly TestUser KohYo = TestUser.Lao(Samples.KohYo);

    /// <summary>A row of the template, valid unless changed.</summary>
    internal static Dictionary<string, object?> Row(string name, Action<Dictionary<string, object?>>? change = null)
    {
        var row = C.All.ToDictionary(c => c.Header, _ => (object?)null);
        row[C.Name] = name;
        row[C.Quarters] = "1,2";
        row[C.WorkType] = "กิจกรรม";
        row[C.Dimension] = "2 การบริหารราชการด้วยความโปร่งใส";
        row[C.Mission] = "2.2.1 สร้างความโปร่งใสในการบริหารงานบุคคล";
        row[C.Essence] = "ประกาศเจตจำนงสุจริต";
        row[C.Budget] = 15000.5;
        row[C.TargetPrefix + "ข้าราชการ/พนักงาน/ลูกจ้างส่วนท้องถิ่น"] = "ใช่";
        row[C.Objectives] = "ให้บุคลากรรับรู้";
        change?.Invoke(row);
        return row;
    }

    internal static byte[] Workbook(IEnumerable<Dictionary<string, object?>> rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows.ToList(), excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    private static readonly Dictionary<string, object?>[] Mixed =
    [
        Row("โครงการนำเข้าที่ถูกต้อง ก"),
        Row("", r => r[C.Essence] = null),
        Row("ไตรมาสผิด", r => r[C.Quarters] = "5"),
        Row("ภารกิจผิดมิติ", r => r[C.Mission] = "1.1.1"),
        Row("งบไม่ใช่ตัวเลข", r => { r[C.Budget] = "ห้าพันบาท"; r[C.WorkType] = "งานเลี้ยง"; }),
        Row("โครงการนำเข้าที่ถูกต้อง ข", r =>
            {
                r[C.NoBudget] = "ใช่";
                r[C.Budget] = null;
                r[C.Quarters] = "1-4";
                r[C.Dimension] = 4;
                r[C.Mission] = null;
            }),
        Row("โครงการที่มีอยู่แล้ว"),
        Row("โครงการนำเข้าที่ถูกต้อง ก"),
    ];

    [Fact]
    public async Task The_preview_lists_every_rows_errors_in_Thai_and_saves_nothing()
    {
        await App.CreateProjectAsync(project: App.Project(name: "โครงการที่มีอยู่แล้ว"));
        var preview = await App.SendAsync(KohYo, new PreviewProjectImportQuery(App.CurrentYear, Workbook(Mixed)));

        Assert.Null(preview.FileError);
        Assert.Equal([2, 3, 4, 5, 6, 7, 8, 9], preview.Rows.Select(r => r.RowNumber));
        Assert.Equal((2, 6), (preview.ValidCount, preview.InvalidCount));
        var errors = preview.Rows.ToDictionary(r => r.RowNumber, r => r.Errors);
        Assert.Empty(errors[2]);
        Assert.Contains("กรุณากรอกชื่อโครงการ/กิจกรรม/มาตรการ/แนวปฏิบัติงาน", errors[3]);
        Assert.Contains("กรุณากรอกสาระสำคัญ", errors[3]);
        Assert.Contains(errors[4], e => e.StartsWith("ไตรมาสต้องเป็น 1 ถึง 4", StringComparison.Ordinal));
        Assert.Contains(errors[5], e => e.StartsWith("ภารกิจที่เลือกไม่อยู่ในมิติที่เลือก", StringComparison.Ordinal));
        Assert.Contains("งบประมาณ: ต้องเป็นตัวเลข เช่น 50000 หรือ 50,000.00", errors[6]);
        Assert.Contains("ประเภทงานต้องเป็น โครงการ กิจกรรม มาตรการ หรือ แนวปฏิบัติงาน", errors[6]);
        Assert.Empty(errors[7]);
        Assert.Contains(errors[8], e => e.StartsWith("มีโครงการชื่อนี้ในปีงบประมาณ", StringComparison.Ordinal));
        Assert.Contains("ชื่อโครงการซ้ำกับแถวที่ 2", errors[9]);
        Assert.All(preview.Rows.SelectMany(r => r.Errors), e => Assert.True(ApiAssertions.IsThai(e), e));
        Assert.Single(await App.SendAsync(KohYo, new ListProjectsQuery(App.CurrentYear)));
    }

    [Fact]
    public async Task The_import_saves_the_valid_rows_in_one_go_or_none_when_all_or_nothing_is_asked()
    {
        await App.CreateProjectAsync(project: App.Project(name: "โครงการที่มีอยู่แล้ว"));
        var file = Workbook(Mixed);

        var none = await App.SendAsync(KohYo, new ImportProjectsCommand(App.CurrentYear, file, AllOrNothing: true));
        Assert.Equal((0, 6), (none.Saved, none.InvalidCount));
        Assert.Single(await App.SendAsync(KohYo, new ListProjectsQuery(App.CurrentYear)));
        App.Notifications.Clear();

        var some = await App.SendAsync(KohYo, new ImportProjectsCommand(App.CurrentYear, file, AllOrNothing: false));
        Assert.Equal(2, some.Saved);
        var projects = await App.SendAsync(KohYo, new ListProjectsQuery(App.CurrentYear));
        var a = projects.Single(p => p.Name == "โครงการนำเข้าที่ถูกต้อง ก");
        Assert.Equal([1, 2], a.Quarters);
        Assert.Equal(("activity", "2", "2.2.1", 15000.5m, false),
            (a.WorkType, a.DimensionCode, a.MissionCode, a.Budget, a.NoBudget));
        Assert.Equal(["staff"], a.TargetGroups);
        var b = projects.Single(p => p.Name == "โครงการนำเข้าที่ถูกต้อง ข");
        Assert.Equal([1, 2, 3, 4], b.Quarters);
        Assert.Equal((true, 0m, "4", (string?)null), (b.NoBudget, b.Budget, b.DimensionCode, b.MissionCode));
        Assert.Equal(ProjectChangeKinds.Imported,
            Assert.Single(await App.SendAsync(KohYo, new ListProjectChangesQuery(b.Id))).Kind);
        Assert.Single(App.Notifications.Of<ProjectResultsChangedNotification>());

        // the same file again: every row is now a duplicate or an error, nothing more is saved
        var again = await App.SendAsync(KohYo, new ImportProjectsCommand(App.CurrentYear, file, AllOrNothing: false));
        Assert.Equal(0, again.Saved);
        Assert.Equal(3, (await App.SendAsync(KohYo, new ListProjectsQuery(App.CurrentYear))).Count);
    }

    [Fact]
    public async Task Five_hundred_rows_import_in_one_go()
    {
        var rows = Enumerable.Range(1, 500).Select(i => Row($"โครงการลำดับที่ {i:000}", r =>
        {
            r[C.No] = i;
            r[C.Dimension] = ((i % 4) + 1).ToString();
            r[C.Mission] = null;
            r[C.Budget] = i * 1000.25;
        }));
        var file = Workbook(rows);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var preview = await App.SendAsync(KohYo, new PreviewProjectImportQuery(App.CurrentYear, file));
        Assert.Equal((500, 0), (preview.ValidCount, preview.InvalidCount));
        var result = await App.SendAsync(KohYo, new ImportProjectsCommand(App.CurrentYear, file, AllOrNothing: true));
        Assert.Equal(500, result.Saved);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(60), $"took {started.Elapsed}");

        var worklist = await App.SendAsync(KohYo, new GetProjectWorklistQuery(App.CurrentYear));
        Assert.Equal(500, worklist.Projects.Count);
        Assert.Equal(Enumerable.Range(1, 500).Sum(i => i * 1000.25m), worklist.Budget);
        Assert.Equal([125, 125, 125, 125], worklist.ByDimension.Select(d => d.ProjectCount));
    }

    [Fact]
    public async Task A_broken_or_foreign_file_is_refused_in_Thai_never_with_a_500()
    {
        var garbage = await App.SendAsync(KohYo,
            new PreviewProjectImportQuery(App.CurrentYear, "this is not a spreadsheet"u8.ToArray()));
        Assert.Equal("อ่านไฟล์ไม่ได้ กรุณาใช้ไฟล์ Excel (.xlsx) ที่ดาวน์โหลดแบบฟอร์มจากระบบ", garbage.FileError);
        var zip = await App.SendAsync(KohYo, new PreviewProjectImportQuery(App.CurrentYear, EmptyZip()));
        Assert.NotNull(zip.FileError);

        var otherColumns = Workbook([new Dictionary<string, object?> { ["ชื่อ"] = "ก", ["งบ"] = 1 }]);
        var columns = await App.SendAsync(KohYo, new PreviewProjectImportQuery(App.CurrentYear, otherColumns));
        Assert.StartsWith("ไม่พบคอลัมน์ ชื่อโครงการ/กิจกรรม/มาตรการ/แนวปฏิบัติงาน", columns.FileError);
        var headerOnly = await App.SendAsync(KohYo, new PreviewProjectImportQuery(App.CurrentYear,
            Workbook([Row("x", r => { foreach (var k in r.Keys) r[k] = null; })])));
        Assert.Equal("ไม่พบข้อมูลโครงการในไฟล์ (ใต้หัวตาราง)", headerOnly.FileError);

        var empty = await Assert.ThrowsAsync<ValidationException>(() =>
            App.SendAsync(KohYo, new ImportProjectsCommand(App.CurrentYear, [], false)));
        Assert.Contains(empty.Errors, e =>
            e.PropertyName == "File" && e.ErrorMessage == "กรุณาเลือกไฟล์ Excel (.xlsx) ที่จะนำเข้า");
        var big = await Assert.ThrowsAsync<ValidationException>(() =>
            App.SendAsync(KohYo, new ImportProjectsCommand(null, new byte[3 * 1024 * 1024], false)));
        Assert.Contains(big.Errors, e => e.ErrorMessage == "ไฟล์มีขนาดเกิน 2 MB กรุณาแบ่งไฟล์");
        Assert.Contains(big.Errors, e => e.PropertyName == "FiscalYear");
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            App.SendAsync(TestUser.Provincial(), new ImportProjectsCommand(App.CurrentYear, Workbook(Mixed), false)));
        Assert.Empty(await App.SendAsync(KohYo, new ListProjectsQuery(App.CurrentYear)));
    }

    [Fact]
    public async Task The_template_has_Thai_headers_and_drop_down_lists_of_the_years_taxonomy()
    {
        var template = await App.SendAsync(KohYo, new GetProjectImportTemplateQuery(App.CurrentYear));
        Assert.EndsWith(".xlsx", template.FileName);

        using var stream = new MemoryStream(template.Content);
        var headers = ((IDictionary<string, object?>)MiniExcel.Query(stream, useHeaderRow: false).First())
            .Values.Select(v => v?.ToString()).ToList();
        Assert.Equal(C.All.Select(c => c.Header), headers);
        stream.Position = 0;
        var sheets = MiniExcel.GetSheetNames(stream);
        Assert.Equal(["แผนปฏิบัติการ", "รายการและคำอธิบาย"], sheets);
        stream.Position = 0;
        var lists = MiniExcel.Query(stream, useHeaderRow: true, sheetName: "รายการและคำอธิบาย")
            .Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(["โครงการ", "กิจกรรม", "มาตรการ", "แนวปฏิบัติงาน"],
            lists.Select(r => r["ประเภทงาน"]).OfType<string>());
        Assert.Contains("2 การบริหารราชการด้วยความโปร่งใส", lists.Select(r => r["มิติ"]).OfType<string>());
        Assert.Contains("4.4.2 บูรณาการทุกภาคส่วนเพื่อต่อต้านการทุจริต",
            lists.Select(r => r["ภารกิจ/ภารกิจย่อย"]).OfType<string>());

        using var zip = new ZipArchive(new MemoryStream(template.Content));
        var sheet = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open()).ReadToEnd();
        // work type, dimension, mission, no budget, 9 target groups
        Assert.Equal(13, Regex.Matches(sheet, "<dataValidation type=\"list\"").Count);
        Assert.Contains("<formula1>Missions</formula1>", sheet);
        var workbook = new StreamReader(zip.GetEntry("xl/workbook.xml")!.Open()).ReadToEnd();
        Assert.Contains("<definedName name=\"WorkTypes\">'รายการและคำอธิบาย'!$A$2:$A$5</definedName>", workbook);

        // the template itself, filled in, imports
        var filled = await App.SendAsync(KohYo,
            new PreviewProjectImportQuery(App.CurrentYear, Workbook([Row("จากแบบฟอร์ม")])));
        Assert.Equal(1, filled.ValidCount);
    }

    [Fact]
    public async Task The_import_page_uploads_previews_and_confirms()
    {
        await App.SetUpLaoAsync();
        using var client = App.CreateClient();
        await client.PostFormAsync("/login", PageClient.LoginForm(Samples.KohYo, Samples.Password));

        var template = await client.GetAsync($"/projects/import?handler=Template&fiscalYear={App.CurrentYear}");
        Assert.Equal(ProjectImportFile.ContentType, template.Content.Headers.ContentType!.MediaType);
        Assert.Contains(".xlsx", template.Content.Headers.ContentDisposition!.ToString());

        var preview = await PreviewOnThePageAsync(client, Workbook(Mixed));
        var html = await preview.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("ถูกต้อง 3 แถว", html);
        Assert.Contains("มีข้อผิดพลาด 5 แถว", html);
        Assert.Contains("งบประมาณ: ต้องเป็นตัวเลข", html);
        Assert.Empty(await App.SendAsync(KohYo, new ListProjectsQuery(App.CurrentYear)));
        var content = WebUtility.HtmlDecode(Regex.Match(html, "name=\"FileContent\" value=\"([^\"]+)\"")
            .Groups[1].Value);

        var confirm = await client.PostFormAsync("/projects/import?handler=Import", new Dictionary<string, string?>
        {
            ["FiscalYear"] = App.CurrentYear.ToString(), ["FileName"] = "แผน.xlsx", ["FileContent"] = content,
            ["AllOrNothing"] = "false",
        }, "/projects/import");
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        Assert.Contains("นำเข้าโครงการ 3 โครงการ จากไฟล์ แผน.xlsx เรียบร้อยแล้ว (ไม่ได้นำเข้า 5 แถวที่มีข้อผิดพลาด)",
            await client.GetStringAsync(confirm.Headers.Location!.OriginalString));
        Assert.Equal(3, (await App.SendAsync(KohYo, new ListProjectsQuery(App.CurrentYear))).Count);
    }

    [Fact]
    public async Task The_import_page_states_the_modules_limits_and_refuses_a_larger_file_with_its_message()
    {
        await App.SetUpLaoAsync();
        using var client = await App.SignedInClientAsync(Samples.KohYo, Samples.Password);
        var page = await client.GetStringAsync("/projects/import");
        Assert.Contains($"ไม่เกิน {ProjectImportLimits.MaxFileSize}", page);
        Assert.Contains("2 MB", ProjectImportLimits.MaxFileSize);
        Assert.Contains("ไม่เกิน 2,000 แถว", page);

        var tooLarge = await PreviewOnThePageAsync(client, new byte[ProjectImportLimits.MaxFileBytes + 1]);
        Assert.Equal(HttpStatusCode.OK, tooLarge.StatusCode);
        var refused = await tooLarge.Content.ReadAsStringAsync();
        Assert.Contains("ไฟล์มีขนาดเกิน 2 MB กรุณาแบ่งไฟล์", refused);
        Assert.DoesNotContain("name=\"FileContent\"", refused);
        // a file of the largest size is read (and this one is no spreadsheet)
        var largest = await PreviewOnThePageAsync(client, new byte[ProjectImportLimits.MaxFileBytes]);
        Assert.Contains("อ่านไฟล์ไม่ได้", await largest.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_import_that_would_pass_the_cap_of_projects_a_year_saves_nothing_and_says_how_many_fit()
    {
        var options = App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ProjectsOptions>>().Value;
        var configured = options.MaxProjectsPerLaoYear;
        options.MaxProjectsPerLaoYear = 3;
        try
        {
            await App.CreateProjectAsync();
            await App.CreateProjectAsync();
            var file = Workbook([Row("โครงการนำเข้า ก"), Row("โครงการนำเข้า ข")]);
            var refused = await Assert.ThrowsAsync<RuleViolationException>(() =>
                App.SendAsync(KohYo, new ImportProjectsCommand(App.CurrentYear, file, AllOrNothing: false)));
            Assert.Equal(("fiscalYear", $"ปีงบประมาณ พ.ศ. {App.CurrentYear} มีโครงการแล้ว 2 โครงการ " +
                                        "บันทึกได้ไม่เกิน 3 โครงการต่อปีงบประมาณ " +
                                        "(เพิ่มได้อีก 1 โครงการ แต่ไฟล์มี 2 โครงการที่นำเข้าได้)"),
                (refused.Field, refused.Message));
            Assert.Equal(2, (await App.QueryAsync<int>(
                "SELECT count(*)::int FROM projects.projects WHERE deleted_at IS NULL")).Single());
            var one = await App.SendAsync(KohYo,
                new ImportProjectsCommand(App.CurrentYear, Workbook([Row("โครงการนำเข้า ก")]), AllOrNothing: false));
            Assert.Equal(1, one.Saved);
        }
        finally
        {
            options.MaxProjectsPerLaoYear = configured;
        }
    }

    private Task<HttpResponseMessage> PreviewOnThePageAsync(HttpClient client, byte[] file) =>
        PreviewOnThePageAsync(client, App.CurrentYear, file);

    /// <summary>Uploads <paramref name="file"/> on the import page for a preview, as a browser does.</summary>
    internal static async Task<HttpResponseMessage> PreviewOnThePageAsync(HttpClient client, int fiscalYear,
        byte[] file)
    {
        var token = await client.AntiforgeryTokenAsync("/projects/import");
        using var upload = new MultipartFormDataContent
        {
            { new StringContent(fiscalYear.ToString()), "FiscalYear" },
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(file), "Upload", "แผน.xlsx" },
        };
        return await client.PostAsync("/projects/import?handler=Preview", upload);
    }

    private static byte[] EmptyZip()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true)) zip.CreateEntry("hello.txt");
        return buffer.ToArray();
    }
}
