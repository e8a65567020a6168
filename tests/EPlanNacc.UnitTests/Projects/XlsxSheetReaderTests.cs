using EPlanNacc.BuildingBlocks.Spreadsheets;
using EPlanNacc.Modules.Projects.Features.Import;
using static EPlanNacc.TestSupport.CraftedXlsx;

namespace EPlanNacc.UnitTests.Projects;

/// <summary>The bounded reader of uploaded workbooks: what it reads of a well-formed file, in the forms Excel and
/// other programs write, and the refusals that do not need a database (the attacks themselves are in
/// IntegrationTests/Projects/ProjectImportAttackTests.cs).</summary>
public sealed class XlsxSheetReaderTests
{
    private static UploadedSheet Read(byte[] file, XlsxReadLimits? limits = null) =>
        XlsxSheetReader.ReadFirstSheet(file, limits ?? ProjectImportLimits.Xlsx);

    private static XlsxRefusal Refusal(byte[] file, XlsxReadLimits? limits = null) =>
        Assert.Throws<XlsxRefusedException>(() => Read(file, limits)).Reason;

    [Fact]
    public void Rows_and_cells_without_positions_follow_each_other_and_empty_cells_are_never_filled_in()
    {
        var sheet = Read(Workbook("""
            <row><c t="inlineStr"><is><t>ก</t></is></c><c/><c t="b"><v>1</v></c></row>
            <row r="4"><c r="C4"><v>-12.5</v></c><c t="str"><v>=ข้อความ</v></c></row>
            <row r="5"><c r="B5" t="inlineStr"><is><t></t></is></c></row>
            """));
        Assert.Equal(2, sheet.RowsWithValues);
        Assert.Equal([1, 4], sheet.Rows.Select(r => r.Number));
        Assert.Equal(new Dictionary<int, object> { [0] = "ก", [2] = true }, sheet.Rows[0].Cells);
        Assert.Equal(new Dictionary<int, object> { [2] = -12.5, [3] = "=ข้อความ" }, sheet.Rows[1].Cells);
    }

    [Fact]
    public void Shared_and_rich_text_is_read_without_its_phonetic_guide_and_with_Excels_escapes_undone()
    {
        var strings = new Part("xl/sharedStrings.xml", $"""
            <sst xmlns="{MainNamespace}"><si><t>หนึ่ง</t></si>
            <si><r><rPr><b/></rPr><t>ตัว</t></r><r><t xml:space="preserve">หนา </t></r><rPh><t>ふりがな</t></rPh></si>
            <si><t>บรรทัด_x000D_ใหม่ _x005F_x0041_</t></si></sst>
            """);
        var sheet = Read(Workbook("""<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>""" +
            """<c r="C1" t="s"><v>2</v></c></row>""", sharedStrings: strings));
        Assert.Equal(new object[] { "หนึ่ง", "ตัวหนา ", "บรรทัด\rใหม่ _x0041_" }, sheet.Rows[0].Cells.Values);
    }

    [Fact]
    public void Every_text_the_system_writes_reads_back_as_it_was_and_numbers_as_numbers()
    {
        string[] texts = ["=1+1", "-ข้อ 1", "<script>alert(1)</script>", "\"><b>", "a\r\nb", "\tแท็บ", "_x0041_",
            "ควบคุม\u0001\u001F", "😀 ไทย"];
        var file = XlsxWriter.Write([new XlsxSheet("แผ่น", [["หัว", "จำนวน"], .. texts.Select(t =>
            (IReadOnlyList<object?>)[t, -12.5m])])]);
        var sheet = Read(file);
        Assert.Equal(texts, sheet.Rows.Skip(1).Select(r => (string)r.Cells[0]));
        Assert.All(sheet.Rows.Skip(1), r => Assert.Equal(-12.5, r.Cells[1]));
    }

    [Fact]
    public void The_sheet_is_found_through_the_workbooks_relationships_even_at_an_absolute_target()
    {
        var file = Zip([.. Package().Select(p => p.Path == "xl/_rels/workbook.xml.rels"
                ? new Part(p.Path, """
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                    <Relationship Id="rId1" Target="/xl/sheets/../data/first.xml"
                        Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/>
                    </Relationships>
                    """)
                : p),
            new Part("xl/data/first.xml", $"""<worksheet xmlns="{MainNamespace}"><sheetData>{Row(1, "พบ")}""" +
                "</sheetData></worksheet>")]);
        Assert.Equal("พบ", Read(file).Rows.Single().Cells[0]);
    }

    [Fact]
    public void Rows_out_of_order_or_a_cell_of_another_row_make_a_broken_file()
    {
        Assert.Equal(XlsxRefusal.Broken, Refusal(Workbook(Row(2, "ข") + Row(1, "ก"))));
        Assert.Equal(XlsxRefusal.Broken, Refusal(Workbook("""<row r="1"><c r="A2"><v>1</v></c></row>""")));
        Assert.Equal(XlsxRefusal.Broken, Refusal(Workbook("""<row r="1"><c r="A1" t="s"><v>7</v></c></row>""")));
    }

    [Fact]
    public void The_timer_stops_a_reading_that_takes_too_long()
    {
        var noTime = ProjectImportLimits.Xlsx with { Timeout = TimeSpan.Zero };
        Assert.Equal(XlsxRefusal.TooSlow, Refusal(Workbook(Row(1, "ก")), noTime));
    }

    [Fact]
    public void Rows_beyond_those_kept_are_counted_not_kept()
    {
        var few = ProjectImportLimits.Xlsx with { MaxRowsKept = 3 };
        var sheet = Read(Workbook(string.Concat(Enumerable.Range(1, 10).Select(i => Row(i, $"แถว {i}")))), few);
        Assert.Equal((3, 10), (sheet.Rows.Count, sheet.RowsWithValues));
    }
}
