using EPlanNacc.Modules.LocalAuthorityProfile.Features.Profiles;
using EPlanNacc.Modules.LocalAuthorityProfile.Features.Reference;
using FluentValidation.TestHelper;

namespace EPlanNacc.UnitTests.LocalAuthorityProfile;

public sealed class ProfileValidatorTests
{
    private static readonly ProfileAreaAndExecutives Area = new(48.5m, 10234m, 15_000_000m, 22_000_000m,
        "นายสมชาย ใจดี", "นางสาวสมหญิง รักษ์ดี");
    private static readonly ProfileCoordinator Coordinator =
        new("นายประสาน งานดี", "นักวิเคราะห์", "สำนักปลัด", "074-123-456", "081-234-5678", null, "a@b.go.th", null);

    [Fact]
    public void Valid_pages_pass()
    {
        new ProfileAreaAndExecutivesValidator().TestValidate(Area).ShouldNotHaveAnyValidationErrors();
        new ProfileCoordinatorValidator().TestValidate(Coordinator).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData("0", "ขนาดพื้นที่ให้บริการต้องมากกว่า 0 ตารางกิโลเมตร")]
    [InlineData("600000", "ขนาดพื้นที่ให้บริการต้องไม่เกิน 513,120 ตารางกิโลเมตร (พื้นที่ทั้งประเทศ)")]
    [InlineData("1.001", "ขนาดพื้นที่ให้บริการมีทศนิยมได้ไม่เกิน 2 ตำแหน่ง")]
    public void Service_area(string value, string message) =>
        new ProfileAreaAndExecutivesValidator().TestValidate(
            Area with { ServiceAreaSqKm = decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture) })
            .ShouldHaveValidationErrorFor(x => x.ServiceAreaSqKm).WithErrorMessage(message);

    [Theory]
    [InlineData("-1", "จำนวนประชากรต้องไม่ติดลบ")]
    [InlineData("2.5", "จำนวนประชากรต้องเป็นจำนวนเต็ม")]
    [InlineData("100000001", "จำนวนประชากรต้องไม่เกิน 100,000,000 คน")]
    public void Population(string value, string message) =>
        new ProfileAreaAndExecutivesValidator().TestValidate(
            Area with { Population = decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture) })
            .ShouldHaveValidationErrorFor(x => x.Population).WithErrorMessage(message);

    [Fact]
    public void Revenues_are_amounts_in_baht()
    {
        var v = new ProfileAreaAndExecutivesValidator();
        v.TestValidate(Area with { RevenueExcludingSubsidies = -1m })
            .ShouldHaveValidationErrorFor(x => x.RevenueExcludingSubsidies)
            .WithErrorMessage("รายได้ไม่รวมเงินอุดหนุนต้องไม่ติดลบ");
        v.TestValidate(Area with { SubsidyRevenue = 1.005m }).ShouldHaveValidationErrorFor(x => x.SubsidyRevenue)
            .WithErrorMessage("รายได้จากเงินอุดหนุนมีทศนิยมได้ไม่เกิน 2 ตำแหน่ง");
        v.TestValidate(Area with { SubsidyRevenue = null }).ShouldHaveValidationErrorFor(x => x.SubsidyRevenue)
            .WithErrorMessage("กรุณากรอกรายได้จากเงินอุดหนุน");
        v.TestValidate(Area with { SubsidyRevenue = 0m }).ShouldNotHaveValidationErrorFor(x => x.SubsidyRevenue);
    }

    [Fact]
    public void Coordinator_contacts()
    {
        var v = new ProfileCoordinatorValidator();
        v.TestValidate(Coordinator with { Email = "" }).ShouldHaveValidationErrorFor(x => x.Email);
        v.TestValidate(Coordinator with { Mobile = "02-528-4800" }).ShouldHaveValidationErrorFor(x => x.Mobile);
        v.TestValidate(Coordinator with { Fax = "081-234-5678" }).ShouldHaveValidationErrorFor(x => x.Fax);
        v.TestValidate(Coordinator with { Fax = "" }).ShouldNotHaveValidationErrorFor(x => x.Fax);
        v.TestValidate(Coordinator with { Website = "www.kohyo.go.th" })
            .ShouldNotHaveValidationErrorFor(x => x.Website);
        v.TestValidate(Coordinator with { FullName = new string('ก', 501) })
            .ShouldHaveValidationErrorFor(x => x.FullName);
    }

    [Fact]
    public void Changes_list_only_the_fields_that_differ()
    {
        var before = new ProfileRow
        {
            DlaCode = "6900106", Size = "medium", Name = "อบต.", Population = 10m, Completed = true,
        };
        var after = before with { Size = "large", Population = 12m };
        var changes = ProfileChanges.Between(before, after);
        Assert.Equal(["location.size", "areaAndExecutives.population"], changes.Select(c => c.Field));
        Assert.Equal(("medium", "large"), (changes[0].Old, changes[0].New));
        Assert.Empty(ProfileChanges.Between(before, before));
    }
}

public sealed class LaoNameSearchTests
{
    [Theory]
    [InlineData("อบต.เกาะยอ", "เกาะยอ")]
    [InlineData("องค์การบริหารส่วนตำบลเกาะยอ", "เกาะยอ")]
    [InlineData("ทต. สทิงพระ", "สทิงพระ")]
    [InlineData("เทศบาลนครสงขลา", "สงขลา")]
    [InlineData("  เกาะยอ ", "เกาะยอ")]
    [InlineData("อบต.", "อบต.")]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void What_users_type_is_reduced_to_the_name(string? typed, string? expected) =>
        Assert.Equal(expected, LaoNameSearch.Normalize(typed));

    [Fact]
    public void Like_wildcards_in_a_search_are_taken_literally() =>
        Assert.Equal("50\\%\\_x\\\\", LaoNameSearch.EscapeLike("50%_x\\"));
}
