using C = EPlanNacc.Modules.Projects.Features.Import.ProjectSheetColumns;

namespace EPlanNacc.UnitTests.Projects;

public sealed class ProjectSheetTests
{
    [Theory]
    [InlineData("1", new[] { 1 })]
    [InlineData("1,2", new[] { 1, 2 })]
    [InlineData(" 2, 1 , 2 ", new[] { 1, 2 })]
    [InlineData("1 2 3", new[] { 1, 2, 3 })]
    [InlineData("1-4", new[] { 1, 2, 3, 4 })]
    [InlineData("2 – 3", new[] { 2, 3 })]
    [InlineData("ไตรมาส 1, 3", new[] { 1, 3 })]
    [InlineData("1 และ 2", new[] { 1, 2 })]
    [InlineData("5", new[] { 5 })] // read; the validator then says quarters are 1 to 4
    public void Quarters_are_read_from_lists_and_ranges(string text, int[] quarters)
    {
        Assert.Equal(quarters, C.ReadQuarters(text, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("ทั้งปี")]
    [InlineData("Q1")]
    public void Quarters_that_are_not_numbers_are_refused_in_Thai(string text)
    {
        Assert.Null(C.ReadQuarters(text, out var error));
        Assert.StartsWith("ไตรมาสที่ดำเนินการต้องเป็นตัวเลข 1 ถึง 4", error);
    }

    [Fact]
    public void A_number_cell_is_a_quarter_too() => Assert.Equal([3], C.ReadQuarters(3.0, out _));

    [Theory]
    [InlineData(50000.0, "50000")]
    [InlineData(1234.56, "1234.56")]
    [InlineData("50,000.00", "50000.00")]
    [InlineData("12000 บาท", "12000")]
    [InlineData(null, null)]
    [InlineData("  ", null)]
    public void Amounts_are_read_from_numbers_and_Thai_formatted_text(object? cell, string? amount)
    {
        Assert.Equal(amount is null ? null : decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture),
            C.ReadAmount(cell, out var error));
        Assert.Null(error);
    }

    [Fact]
    public void An_amount_in_words_is_refused()
    {
        Assert.Null(C.ReadAmount("ห้าหมื่น", out var error));
        Assert.Equal("ต้องเป็นตัวเลข เช่น 50000 หรือ 50,000.00", error);
    }

    [Theory]
    [InlineData("ใช่", true)]
    [InlineData("✓", true)]
    [InlineData("X", true)]
    [InlineData(1.0, true)]
    [InlineData(true, true)]
    [InlineData(null, false)]
    [InlineData("ไม่ใช่", false)]
    [InlineData("", false)]
    public void A_ticked_box_is_ใช่_or_a_mark(object? cell, bool ticked)
    {
        Assert.Equal(ticked, C.ReadYes(cell, out var error));
        Assert.Null(error);
    }

    [Fact]
    public void Anything_else_in_a_tick_box_is_refused()
    {
        Assert.False(C.ReadYes("บางที", out var error));
        Assert.Equal("ใส่ “ใช่” เมื่อต้องการเลือก หรือเว้นว่าง", error);
    }

    [Theory]
    [InlineData("1", "1")]
    [InlineData("2 การบริหารราชการด้วยความโปร่งใส", "2")]
    [InlineData("มิติที่ 3 การส่งเสริมบทบาท", "3")]
    [InlineData("1.1.2 สร้างจิตสำนึก", "1.1.2")]
    [InlineData("การสร้างสังคม", "การสร้างสังคม")]
    public void Dimension_and_mission_cells_give_their_code(string text, string code) =>
        Assert.Equal(code, C.TaxonomyCode(text));

    [Fact]
    public void A_row_becomes_a_project_of_the_chosen_year_and_headers_are_matched_loosely()
    {
        var cells = new Dictionary<string, object?>
        {
            [C.Normalize(C.Name)] = "  โครงการ ก ", [C.Normalize(C.Quarters)] = "1-2",
            [C.Normalize(C.WorkType)] = "มาตรการ",
            [C.Normalize(C.Dimension)] = 2.0, [C.Normalize(C.Mission)] = "2.3 มาตรการการใช้ดุลยพินิจ",
            [C.Normalize(C.Essence)] = "ส",
            [C.Normalize(C.NoBudget)] = "ใช่", [C.Normalize(C.Budget)] = null,
            [C.Normalize(C.TargetPrefix + "เด็กและเยาวชน")] = "ใช่",
            [C.Normalize(C.TargetPrefix + "สถานศึกษา")] = "bad", [C.Normalize(C.Objectives)] = "ว",
        };
        var (row, errors) = C.Read(cells, 2570);
        Assert.Equal((2570, "โครงการ ก", "measure", "2", "2.3", true, 0m),
            (row.FiscalYear, row.Name, row.WorkType, row.DimensionCode, row.MissionCode, row.NoBudget, row.Budget));
        Assert.Equal([1, 2], row.Quarters);
        Assert.Equal(["youth"], row.TargetGroups);
        Assert.Equal("กลุ่มเป้าหมาย สถานศึกษา: ใส่ “ใช่” เมื่อต้องการเลือก หรือเว้นว่าง", Assert.Single(errors));
        Assert.Equal("ไตรมาสที่ดำเนินการ", C.Normalize(" ไตรมาสที่ดำเนินการ*   (เช่น 1,2 หรือ 1-4)"));
    }
}
