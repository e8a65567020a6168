using EPlanNacc.Modules.Projects.Features.Rounds;

namespace EPlanNacc.UnitTests.Projects;

public sealed class ExtensionRulesTests
{
    private static readonly DateOnly Deadline = new(2027, 4, 30);

    [Theory]
    [InlineData("2027-05-01")]
    [InlineData("2027-07-29")] // the 90th day after the deadline
    public void An_extension_ends_after_the_deadline_and_at_most_90_days_later(string until) =>
        Assert.Null(ExtensionRules.RefusalOf(DateOnly.Parse(until), Deadline));

    private const string TooEarly = "วันสุดท้ายของการขยายเวลาต้องอยู่หลังกำหนดส่งเดิม (30 เม.ย. 2570)";
    private const string TooLate =
        "ขยายเวลาได้ไม่เกิน 90 วันหลังกำหนดส่งเดิม (30 เม.ย. 2570) คือไม่เกินวันที่ 29 ก.ค. 2570";

    [Theory]
    [InlineData("2027-04-30", TooEarly)]
    [InlineData("2027-03-01", TooEarly)]
    [InlineData("2027-07-30", TooLate)]
    [InlineData("2028-05-01", TooLate)]
    public void Any_other_day_is_refused_in_Thai(string until, string refusal) =>
        Assert.Equal(refusal, ExtensionRules.RefusalOf(DateOnly.Parse(until), Deadline));
}
