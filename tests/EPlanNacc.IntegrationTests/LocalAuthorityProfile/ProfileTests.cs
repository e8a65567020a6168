using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EPlanNacc.Modules.LocalAuthorityProfile.Features.Profiles;
using EPlanNacc.TestSupport;
using FluentValidation;

namespace EPlanNacc.IntegrationTests.LocalAuthorityProfile;

public sealed class ProfileTests(AppFixture app) : IntegrationTest(app)
{
    /// <summary>Each bad value, the field it concerns (as the API names it) and a part of its Thai message.</summary>
    public static TheoryData<string, string, string, string> BadInputs => new()
    {
        { "location", "provinceCode", "\"99\"", "แก้ไขเองไม่ได้" },
        { "location", "provinceCode", "\"50\"", "แก้ไขเองไม่ได้" },
        { "location", "districtCode", "\"5001\"", "แก้ไขเองไม่ได้" },
        { "location", "laoType", "\"village\"", "ประเภท อปท. ไม่ถูกต้อง" },
        { "location", "size", "\"huge\"", "ใหญ่ กลาง หรือ เล็ก" },
        { "location", "name", "\"   \"", "กรุณากรอกชื่อ อปท." },
        { "location", "name", $"\"{new string('ก', 501)}\"", "ไม่เกิน 500" },
        { "location", "officeAddress", "null", "กรุณากรอกที่ตั้งที่ทำการ" },
        { "location", "officeAddress", $"\"{new string('ก', 4001)}\"", "ไม่เกิน 4,000" },
        { "areaAndExecutives", "serviceAreaSqKm", "0", "มากกว่า 0" },
        { "areaAndExecutives", "serviceAreaSqKm", "-3.5", "มากกว่า 0" },
        { "areaAndExecutives", "serviceAreaSqKm", "12.345", "ทศนิยม" },
        { "areaAndExecutives", "serviceAreaSqKm", "null", "กรุณากรอกขนาดพื้นที่" },
        { "areaAndExecutives", "population", "1.5", "จำนวนเต็ม" },
        { "areaAndExecutives", "population", "-1", "ไม่ติดลบ" },
        { "areaAndExecutives", "revenueExcludingSubsidies", "-0.01", "ไม่ติดลบ" },
        { "areaAndExecutives", "revenueExcludingSubsidies", "100.123", "ทศนิยม" },
        { "areaAndExecutives", "subsidyRevenue", "1000000000000", "999,999,999,999.99" },
        { "areaAndExecutives", "subsidyRevenue", "null", "กรุณากรอกรายได้จากเงินอุดหนุน" },
        { "areaAndExecutives", "executiveName", "\"\"", "กรุณากรอกชื่อผู้บริหารท้องถิ่น" },
        { "areaAndExecutives", "permanentSecretaryName", "null", "กรุณากรอกชื่อปลัด" },
        { "coordinator", "fullName", "\"\"", "กรุณากรอกชื่อ-สกุล" },
        { "coordinator", "position", "null", "กรุณากรอกตำแหน่ง" },
        { "coordinator", "affiliation", "\"\"", "กรุณากรอกสังกัด" },
        { "coordinator", "phone", "\"12345\"", "หมายเลขโทรศัพท์ไม่ถูกต้อง" },
        { "coordinator", "phone", "\"โทรหาได้\"", "หมายเลขโทรศัพท์ไม่ถูกต้อง" },
        { "coordinator", "mobile", "\"021234567\"", "โทรศัพท์เคลื่อนที่ไม่ถูกต้อง" },
        { "coordinator", "fax", "\"0812345678\"", "โทรสารไม่ถูกต้อง" },
        { "coordinator", "email", "\"coordinator.example.go.th\"", "รูปแบบอีเมลไม่ถูกต้อง" },
        { "coordinator", "email", "\"\"", "กรุณากรอกอีเมล" },
        { "coordinator", "website", "\"not a site\"", "รูปแบบเว็บไซต์ไม่ถูกต้อง" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Every_bad_value_gets_a_Thai_message_on_its_field_and_changes_nothing(string section, string field,
        string json, string message)
    {
        await App.SetUpLaoAsync();
        using var client = await App.CreateApiClientAsync(Samples.KohYo, Samples.Password);
        var before = await client.GetStringAsync("/api/v1/me/profile");

        var body = JsonNode.Parse(JsonSerializer.Serialize(Samples.ProfileJson(password: null),
            new JsonSerializerOptions(JsonSerializerDefaults.Web)))!;
        body[section]![field] = JsonNode.Parse(json);
        var response = await client.PutAsync("/api/v1/me/profile",
            new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        var key = $"{section}.{field}";
        Assert.True(problem.Errors.ContainsKey(key), $"no error on {key}: {string.Join(", ", problem.Errors.Keys)}");
        Assert.Contains(problem.Errors[key], m => m.Contains(message));
        Assert.All(problem.Errors.Values.SelectMany(v => v), m => Assert.True(ApiAssertions.IsThai(m), m));
        Assert.Equal(before, await client.GetStringAsync("/api/v1/me/profile"));
    }

    [Theory]
    [InlineData("02-528-4800 ต่อ 3408")]
    [InlineData("074 123 456")]
    [InlineData("+66 74 123 456")]
    [InlineData("0812345678")]
    public async Task Thai_phone_numbers_in_their_usual_forms_are_accepted(string phone)
    {
        var profile = Samples.Profile() with { Coordinator = Samples.Coordinator() with { Phone = phone } };
        var saved = await App.SendAsync(TestUser.Lao(Samples.KohYo, setupRequired: true), profile);
        Assert.True(saved.SetupCompleted);
    }

    [Fact]
    public async Task A_missing_page_or_a_wrong_type_is_a_400_with_the_field_named()
    {
        await App.SetUpLaoAsync();
        using var client = await App.CreateApiClientAsync(Samples.KohYo, Samples.Password);
        var missing = await client.PutAsJsonAsync("/api/v1/me/profile", new { location = Samples.Location() });
        var problem = await missing.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("areaAndExecutives", problem.Errors.Keys);
        Assert.Contains("coordinator", problem.Errors.Keys);

        var wrongType = await client.PutAsync("/api/v1/me/profile", new StringContent(
            "{\"location\":{},\"areaAndExecutives\":{\"population\":\"many\"}}", Encoding.UTF8, "application/json"));
        var typeProblem = await wrongType.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("areaAndExecutives.population", typeProblem.Errors.Keys);

        var broken = await client.PutAsync("/api/v1/me/profile",
            new StringContent("{\"location\":", Encoding.UTF8, "application/json"));
        await broken.AssertProblemAsync(HttpStatusCode.BadRequest);
        var array = await client.PutAsync("/api/v1/me/profile",
            new StringContent("[1,2,3]", Encoding.UTF8, "application/json"));
        await array.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Profile_edits_are_recorded_with_who_when_and_what()
    {
        await App.SetUpLaoAsync();
        var lao = TestUser.Lao(Samples.KohYo);
        var edited = Samples.Profile(password: null) with
        {
            Location = Samples.Location() with { Size = "large" },
            AreaAndExecutives = Samples.Area() with { Population = 10500m, ExecutiveName = "นายใหม่ ผู้บริหาร" },
        };
        var saved = await App.SendAsync(lao, edited);
        Assert.Equal(3, saved.ChangedFields);
        Assert.False(saved.SetupCompleted);

        var history = await App.SendAsync(lao, new ListProfileChangesQuery());
        Assert.Equal(2, history.Count);
        var latest = history[0];
        Assert.Equal(Samples.KohYo, latest.ChangedBy);
        Assert.Equal("127.0.0.1", latest.IpAddress);
        Assert.Contains(latest.Changes, c =>
            c.Field == "location.size" && c.Old == "medium" && c.New == "large" && c.Label == "ขนาด");
        Assert.Contains(latest.Changes, c =>
            c.Field == "areaAndExecutives.population" && c.Old == "10234" && c.New == "10500");
        Assert.Contains(latest.Changes, c =>
            c.Field == "areaAndExecutives.executiveName" && c.New == "นายใหม่ ผู้บริหาร");
        // the first save recorded the registry's values as they were replaced by the profile's
        Assert.Contains(history[1].Changes, c => c.Field == "location.size" && c.Old == null && c.New == "medium");

        var profile = await App.SendAsync(lao, new GetMyProfileQuery());
        Assert.Equal("large", profile.Location.Size);
        Assert.Equal(10500m, profile.AreaAndExecutives.Population);
    }

    [Fact]
    public async Task A_later_save_ignores_a_password_and_keeps_the_account_password()
    {
        await App.SetUpLaoAsync();
        await App.SendAsync(TestUser.Lao(Samples.KohYo), Samples.Profile(password: "some-other-password"));
        using var client = App.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/auth/token",
            new { username = Samples.KohYo, password = Samples.Password })).StatusCode);
    }

    [Fact]
    public async Task One_LAO_can_never_read_another_LAOs_profile_and_staff_read_only_their_scope()
    {
        await App.SetUpLaoAsync(Samples.KohYo);
        await App.SetUpLaoAsync(Samples.ChiangMaiCity);
        using var lao = await App.CreateApiClientAsync(Samples.KohYo, Samples.Password);
        using var provincial = await App.CreateApiClientAsync("prov90", AppFixture.ProvincialPassword);
        using var admin = await App.CreateApiClientAsync("admin", AppFixture.AdminPassword);

        // an LAO's own profile is the only one it reads: /me/profile is always its own
        using (var own = JsonDocument.Parse(await lao.GetStringAsync("/api/v1/me/profile")))
            Assert.Equal(Samples.KohYo, own.RootElement.GetProperty("dlaCode").GetString());
        await (await lao.GetAsync($"/api/v1/admin/laos/{Samples.ChiangMaiCity}/profile"))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        await Assert.ThrowsAsync<EPlanNacc.BuildingBlocks.Errors.NotFoundException>(() =>
            App.SendAsync(TestUser.Lao(Samples.KohYo), new GetLaoProfileQuery(Samples.ChiangMaiCity)));
        await Assert.ThrowsAsync<EPlanNacc.BuildingBlocks.Errors.NotFoundException>(() =>
            App.SendAsync(TestUser.Lao(Samples.KohYo), new ListProfileChangesQuery(Samples.ChiangMaiCity)));

        Assert.Equal(HttpStatusCode.OK,
            (await provincial.GetAsync($"/api/v1/admin/laos/{Samples.KohYo}/profile")).StatusCode);
        await (await provincial.GetAsync($"/api/v1/admin/laos/{Samples.ChiangMaiCity}/profile"))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK,
            (await admin.GetAsync($"/api/v1/admin/laos/{Samples.ChiangMaiCity}/profile")).StatusCode);
        await (await admin.GetAsync("/api/v1/admin/laos/abc'--/profile")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Staff_have_no_profile_of_their_own()
    {
        await Assert.ThrowsAsync<EPlanNacc.BuildingBlocks.Errors.ForbiddenException>(() =>
            App.SendAsync(TestUser.Admin(), new GetMyProfileQuery()));
        using var admin = await App.CreateApiClientAsync("admin", AppFixture.AdminPassword);
        await (await admin.GetAsync("/api/v1/me/profile")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await admin.PutAsJsonAsync("/api/v1/me/profile", Samples.ProfileJson()))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_validator_refuses_everything_at_once_through_the_mediator()
    {
        var ex = await Assert.ThrowsAsync<ValidationException>(() =>
            App.SendAsync(TestUser.Lao(Samples.KohYo, setupRequired: true),
                new SaveMyProfileCommand(null, null, null, null)));
        var fields = ex.Errors.Select(e => e.PropertyName).ToHashSet();
        Assert.Superset(new HashSet<string> { "Location", "AreaAndExecutives", "Coordinator", "Password" }, fields);
    }
}
