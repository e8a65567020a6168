using System.Net;
using EPlanNacc.IntegrationTests.Pages;
using EPlanNacc.Modules.Evaluation.Features.Assessments;
using EPlanNacc.TestSupport;

namespace EPlanNacc.IntegrationTests.Evaluation;

public sealed class EvaluationPageTests(AppFixture app) : IntegrationTest(app)
{
    private Task<HttpClient> SignedInAsync(string username, string password) =>
        App.SignedInClientAsync(username, password);

    [Fact]
    public async Task Only_an_admin_opens_the_settings_page_and_its_save_changes_the_year()
    {
        using var provincial = await SignedInAsync("prov90", AppFixture.ProvincialPassword);
        var refused = await provincial.GetAsync("/admin/evaluation-settings");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var forbidden = await provincial.GetAsync(refused.Headers.Location!);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Contains("ท่านไม่มีสิทธิ์เข้าถึง", await forbidden.Content.ReadAsStringAsync());

        using var admin = await SignedInAsync("admin", AppFixture.AdminPassword);
        var page = await admin.GetStringAsync("/admin/evaluation-settings?fiscalYear=2570");
        Assert.Contains("ตั้งค่าคะแนนการประเมิน", page);
        Assert.Contains("มิติที่ 2 การบริหารราชการด้วยความโปร่งใส", page);
        var fields = new Dictionary<string, string?> { ["fiscalYear"] = "2570", ["Input.PassingTotal"] = "60" };
        for (var i = 0; i < 4; i++)
        {
            fields[$"Input.Dimensions[{i}].Code"] = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            fields[$"Input.Dimensions[{i}].MaxScore"] = "20";
        }
        var saved = await admin.PostFormAsync("/admin/evaluation-settings?fiscalYear=2570", fields);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var settings = await App.SendAsync(TestUser.Admin(), new GetAssessmentSettingsQuery(2570));
        Assert.Equal((80m, 60m), (settings.MaxTotal, settings.PassingTotal));

        fields["Input.PassingTotal"] = "500";
        var refusedSave = await admin.PostFormAsync("/admin/evaluation-settings?fiscalYear=2570", fields);
        Assert.Equal(HttpStatusCode.OK, refusedSave.StatusCode);
        Assert.Contains("คะแนนรวมขั้นต่ำต้องไม่เกินคะแนนเต็มรวมของทุกมิติ",
            await refusedSave.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Staff_choose_an_LAO_of_their_scope_on_the_evaluation_page()
    {
        using var provincial = await SignedInAsync("prov90", AppFixture.ProvincialPassword);
        var choose = await provincial.GetStringAsync("/evaluation");
        Assert.Contains("กรุณาเลือก อปท. เพื่อดูผลการประเมิน", choose);
        Assert.Contains("องค์การบริหารส่วนตำบลเกาะยอ", choose);
        Assert.DoesNotContain("เทศบาลนครเชียงใหม่", choose);
        var chosen = await provincial.GetStringAsync($"/evaluation?dlaCode={Samples.KohYo}");
        Assert.Contains("data-testid=\"evaluation-table\"", chosen);
        Assert.Contains("(รหัส 6900106)", chosen);
        var foreign = await provincial.GetAsync($"/evaluation?dlaCode={Samples.ChiangMaiCity}");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }
}
