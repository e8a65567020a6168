using EPlanNacc.Modules.Reporting.Rendering;
using EPlanNacc.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace EPlanNacc.IntegrationTests.Reporting;

/// <summary>The PDF and Excel writers on a Thai report: Chromium shapes and wraps Thai, embeds Sarabun, numbers the
/// pages; Excel keeps numbers numeric.</summary>
public sealed class RenderingTests(AppFixture app) : IntegrationTest(app)
{
    private static readonly DateTimeOffset PrintedAt = new(2026, 11, 25, 7, 30, 0, TimeSpan.Zero);

    public static ReportDocument Sample(int rows = 3)
    {
        var dimensions = new[]
        {
            "การสร้างสังคมที่ไม่ทนต่อการทุจริต", "การบริหารราชการด้วยความโปร่งใส",
            "การส่งเสริมบทบาทและการมีส่วนร่วมของภาคประชาชน",
            "การเสริมสร้างและปรับปรุงกลไกในการตรวจสอบการปฏิบัติราชการขององค์กรปกครองส่วนท้องถิ่น",
        };
        var table = new ReportTable("ตามมิติ", "จำแนกตามมิติ",
            [new("มิติ"), new("โครงการ", CellKind.Count), new("งบประมาณ (บาท)", CellKind.Amount),
                new("คะแนน", CellKind.Score, "ผลการดำเนินงาน"), new("ระดับ", CellKind.Band, "ผลการดำเนินงาน")],
            Enumerable.Range(0, rows).Select(i => new ReportRow([$"มิติที่ {i % 4 + 1} {dimensions[i % 4]}", 3 + i,
                1_234_567.5m + i, 87.5m, i % 3 == 0 ? "green" : "orange"]))
                .Append(new ReportRow(["รวม", 3 * rows, 1_234_567.5m * rows, 87.5m, "green"], RowKind.Total)).ToList());
        return new ReportDocument("รายงานผลการดำเนินงานตามแผนฯ",
            "องค์การบริหารส่วนตำบลเกาะยอ อำเภอเมืองสงขลา จังหวัดสงขลา", "ปีงบประมาณ พ.ศ. 2570 รอบ 6 เดือน", [table],
            "performance-2570-6");
    }

    [Fact]
    public async Task A_Thai_report_prints_to_an_A4_PDF_with_Sarabun_embedded_and_numbered_pages()
    {
        var renderer = App.Services.GetRequiredService<IPdfRenderer>();
        var pdf = await renderer.RenderAsync(Sample(60), PrintedAt);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));

        var text = await PdfTools.TextAsync(pdf);
        Assert.Contains("รายงานผลการดำเนินงานตามแผนฯ", text);
        Assert.Contains("องค์การบริหารส่วนตำบลเกาะยอ", text);
        Assert.Contains("การส่งเสริมบทบาทและการมีส่วนร่วมของภาคประชาชน", text);
        Assert.Contains("1,234,567.50", text);
        Assert.Contains("พิมพ์เมื่อ 25 พ.ย. 2569 14:30 น.", text);
        var pages = await PdfTools.PageCountAsync(pdf);
        Assert.True(pages >= 2, $"60 rows should need more than one page ({pages})");
        Assert.Contains($"หน้า 1 / {pages}", text);
        Assert.Contains($"หน้า {pages} / {pages}", text);

        var fonts = await PdfTools.FontsAsync(pdf);
        var sarabun = fonts.Split('\n').Where(l => l.Contains("Sarabun")).ToList();
        Assert.NotEmpty(sarabun);
        Assert.All(sarabun, line => Assert.Contains(" yes ", line)); // embedded (and subset)

        var png = await PdfTools.FirstPagePngAsync(pdf,
            Path.Combine(TestDatabase.RepositoryRoot(), "TestResults", "screenshots", "pdf-sample.png"));
        Assert.True(File.Exists(png));
    }

    [Fact]
    public async Task Several_PDFs_print_at_once_on_one_browser()
    {
        var renderer = App.Services.GetRequiredService<IPdfRenderer>();
        var pdfs = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => renderer.RenderAsync(Sample(), PrintedAt)));
        Assert.All(pdfs, p => Assert.True(p.Length > 1000));
        Assert.Contains("รวม", await PdfTools.TextAsync(pdfs[4]));
    }

    [Fact]
    public void Excel_has_the_report_sheet_and_one_sheet_per_table_with_numeric_cells()
    {
        var report = Sample();
        var bytes = ExcelWriter.Write(report, PrintedAt);
        using var stream = new MemoryStream(bytes);
        Assert.Equal(["รายงาน", "ตามมิติ"], stream.GetSheetNames());
        var rows = stream.Query(useHeaderRow: true, sheetName: "ตามมิติ").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(4, rows.Count);
        Assert.Equal("มิติที่ 1 การสร้างสังคมที่ไม่ทนต่อการทุจริต", rows[0]["มิติ"]);
        Assert.Equal(3d, Convert.ToDouble(rows[0]["โครงการ"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.IsType<double>(rows[0]["งบประมาณ (บาท)"]);
        Assert.Equal(1_234_567.5d, (double)rows[0]["งบประมาณ (บาท)"]);
        Assert.Equal("เขียว", rows[0]["ผลการดำเนินงาน - ระดับ"]);
        Assert.Equal("รวม", rows[^1]["มิติ"]);
        var meta = stream.Query(useHeaderRow: true, sheetName: "รายงาน").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal("รายงานผลการดำเนินงานตามแผนฯ", meta[0]["รายละเอียด"]);
    }
}
