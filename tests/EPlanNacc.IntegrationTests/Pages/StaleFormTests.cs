using System.Net;
using System.Text.RegularExpressions;
using EPlanNacc.Modules.LocalAuthorityProfile.Features.Profiles;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.TestSupport;
using static EPlanNacc.TestSupport.ProjectSamples;

namespace EPlanNacc.IntegrationTests.Pages;

/// <summary>Every form saved over someone else's later save says what changed, with one notice
/// (src/Host/EPlanNacc.Host/Pages/Shared/_Conflict.cshtml), and keeps what the user typed, so that saving again is
/// made knowingly.</summary>
public sealed partial class StaleFormTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task A_stale_basic_data_save_shows_what_changed_and_keeps_the_typed_values()
    {
        await App.SetUpLaoAsync();
        using var client = await App.SignedInClientAsync(Samples.KohYo, Samples.Password);
        var read = VersionOf(await client.GetStringAsync("/profile"));
        await App.SendAsync(TestUser.Lao(Samples.KohYo), Samples.Profile(password: null) with
        {
            Version = read,
            Location = Samples.Location() with { Name = "ชื่อจากอีกเครื่อง" },
        });

        var form = ProfileForm(read);
        var stale = await client.PostFormAsync("/profile", form);
        var html = await stale.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("data-testid=\"conflict\"", html);
        Assert.Contains("ข้อมูลพื้นฐานถูกบันทึกไปแล้วหลังจากที่ท่านเปิดอ่าน", html);
        Assert.Contains("value=\"11111\"", html); // the population typed
        Assert.Equal(read + 1, VersionOf(html));
        Assert.Contains("data-wizard-start=\"3\"", html); // the page of the save button
        Assert.Equal("ชื่อจากอีกเครื่อง", (await ProfileAsync()).Location.Name);

        var again = await client.PostFormAsync("/profile", ProfileForm(read + 1));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(11111m, (await ProfileAsync()).AreaAndExecutives.Population);
    }

    [Fact]
    public async Task A_stale_screening_shows_what_changed_and_keeps_the_officers_choice_and_reason()
    {
        var id = await App.CreateProjectAsync();
        using var staff = await App.SignedInClientAsync("prov90", AppFixture.ProvincialPassword);
        await App.SendAsync(TestUser.Lao(Samples.KohYo), Update(id, 1, App.Project(name: "ชื่อที่แก้ระหว่างคัดกรอง")));

        var stale = await staff.PostFormAsync($"/projects/{id}?handler=Screen", new Dictionary<string, string?>
        {
            ["Screening"] = ProjectConformity.NonConforming, ["Reason"] = "ไม่ตรงกับมิติที่ 1", ["Version"] = "1",
        }, $"/projects/{id}");
        var html = await stale.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("data-testid=\"conflict\"", html);
        Assert.Contains("“ชื่อที่แก้ระหว่างคัดกรอง”", html);
        Assert.Matches("id=\"screen-no\"[^>]*checked", html);
        Assert.Contains(">ไม่ตรงกับมิติที่ 1</textarea>", html);
        Assert.Contains("<input type=\"hidden\" name=\"Version\" value=\"2\" />", html);
        Assert.Equal(ProjectConformity.Unset, (await App.GetProjectAsync(id)).Conformity);
    }

    private Task<ProfileDetails> ProfileAsync() => App.SendAsync(TestUser.Lao(Samples.KohYo), new GetMyProfileQuery());

    private static Dictionary<string, string?> ProfileForm(int version) => new()
    {
        ["Input.Location.LaoType"] = "sao", ["Input.Location.Size"] = "medium",
        ["Input.Location.Name"] = "องค์การบริหารส่วนตำบลเกาะยอ",
        ["Input.Location.OfficeAddress"] = "หมู่ที่ 2 ตำบลเกาะยอ",
        ["Input.AreaAndExecutives.ServiceAreaSqKm"] = "48.5", ["Input.AreaAndExecutives.Population"] = "11111",
        ["Input.AreaAndExecutives.RevenueExcludingSubsidies"] = "15000000",
        ["Input.AreaAndExecutives.SubsidyRevenue"] = "22000000",
        ["Input.AreaAndExecutives.ExecutiveName"] = "นายสมชาย ใจดี",
        ["Input.AreaAndExecutives.PermanentSecretaryName"] = "นางสาวสมหญิง รักษ์ดี",
        ["Input.Coordinator.FullName"] = "นายประสาน งานดี", ["Input.Coordinator.Position"] = "นักวิเคราะห์นโยบายและแผน",
        ["Input.Coordinator.Affiliation"] = "สำนักปลัด", ["Input.Coordinator.Phone"] = "074-123-456",
        ["Input.Coordinator.Mobile"] = "081-234-5678", ["Input.Coordinator.Email"] = "kohyo@example.go.th",
        ["Input.Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static int VersionOf(string html) =>
        int.Parse(VersionPattern().Match(html).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex("name=\"Input.Version\" value=\"(\\d+)\"")]
    private static partial Regex VersionPattern();
}
