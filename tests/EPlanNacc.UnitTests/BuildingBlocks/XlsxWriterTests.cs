using System.IO.Compression;
using System.Xml.Linq;
using EPlanNacc.BuildingBlocks.Spreadsheets;

namespace EPlanNacc.UnitTests.BuildingBlocks;

/// <summary>The one writer of Excel files: text stays text, numbers stay numbers (what a reader makes of them is in
/// Projects/XlsxSheetReaderTests.cs, and every file the system produces is checked in
/// IntegrationTests/Pages/StoredTextTests.cs).</summary>
public sealed class XlsxWriterTests
{
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    [Theory]
    [InlineData("=1+1", true)]
    [InlineData("+66 74 123 456", true)]
    [InlineData("-ข้อ 1", true)]
    [InlineData("@SUM(A1)", true)]
    [InlineData("\t=1+1", true)]
    [InlineData("\r=1+1", true)]
    [InlineData("＝1+1", true)]
    [InlineData("1+1", false)]
    [InlineData(" =1+1", false)]
    [InlineData("โครงการ = 1", false)]
    [InlineData("", false)]
    public void Text_that_a_spreadsheet_would_take_for_a_formula_is_recognised(string text, bool formula) =>
        Assert.Equal(formula, SpreadsheetText.LooksLikeFormula(text));

    [Fact]
    public void Formula_like_text_is_a_text_cell_with_the_quote_prefix_and_a_negative_amount_a_number_cell()
    {
        var file = XlsxWriter.Write([new XlsxSheet("ข้อมูล", [["ชื่อ", "งบประมาณ"], ["=HYPERLINK(\"x\")", -1500.25m],
            ["ธรรมดา", 3]])]);
        using var zip = new ZipArchive(new MemoryStream(file));
        var sheet = XDocument.Load(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        var quoted = XDocument.Load(zip.GetEntry("xl/styles.xml")!.Open()).Root!.Element(Main + "cellXfs")!
            .Elements(Main + "xf").Select(xf => (string?)xf.Attribute("quotePrefix") == "1").ToList();
        var cells = sheet.Descendants(Main + "c").ToDictionary(c => (string)c.Attribute("r")!);

        Assert.Empty(sheet.Descendants(Main + "f"));
        Assert.Equal("inlineStr", (string?)cells["A2"].Attribute("t"));
        Assert.Equal("=HYPERLINK(\"x\")", cells["A2"].Element(Main + "is")!.Value);
        Assert.True(quoted[(int)cells["A2"].Attribute("s")!]);
        Assert.False(quoted[(int)cells["A3"].Attribute("s")!]);
        Assert.Null(cells["B2"].Attribute("t"));
        Assert.Equal("-1500.25", cells["B2"].Element(Main + "v")!.Value);
        Assert.Equal("3", cells["B3"].Element(Main + "v")!.Value);
    }

    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(27, "AB")]
    [InlineData(701, "ZZ")]
    [InlineData(16383, "XFD")]
    public void Columns_are_lettered_like_Excel(int index, string letters) =>
        Assert.Equal(letters, XlsxWriter.ColumnLetter(index));

    [Fact]
    public void A_number_that_is_not_finite_is_written_as_text()
    {
        var file = XlsxWriter.Write([new XlsxSheet("ข้อมูล", [["ค่า"], [double.NaN]])]);
        using var zip = new ZipArchive(new MemoryStream(file));
        var cell = XDocument.Load(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open()).Descendants(Main + "c").Last();
        Assert.Equal(("inlineStr", "NaN"), ((string?)cell.Attribute("t"), cell.Value));
    }
}
