using System.Net;
using System.Text.Json;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts;
using EPlanNacc.Modules.LocalAuthorityProfile.Features.Reference;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.TestSupport;

namespace EPlanNacc.IntegrationTests.Reference;

public sealed class ReferenceDataTests(AppFixture app) : IntegrationTest(app)
{
    private async Task<JsonElement> GetJsonAsync(string path)
    {
        using var client = App.CreateClient();
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task The_code_finder_keeps_only_choices_that_exist_and_searches_once_something_is_asked()
    {
        var nothingAsked = await App.SendAsync(TestUser.Anonymous, new FindLaoCodeQuery(null, null, null));
        Assert.Equal(77, nothingAsked.Provinces.Count);
        Assert.Empty(nothingAsked.Districts);
        Assert.Null(nothingAsked.Results);

        var songkhla = await App.SendAsync(TestUser.Anonymous, new FindLaoCodeQuery("90", "5001", "เกาะยอ"));
        Assert.Equal(("90", null, 16), (songkhla.ProvinceCode, songkhla.DistrictCode, songkhla.Districts.Count));
        Assert.Contains(songkhla.Results!, r => r.DlaCode == Samples.KohYo);

        var unknown = await App.SendAsync(TestUser.Anonymous, new FindLaoCodeQuery("99", "9901", null));
        Assert.Equal((null, null, null), (unknown.ProvinceCode, unknown.DistrictCode, unknown.Results));
        var tooLong = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() =>
            App.SendAsync(TestUser.Anonymous, new FindLaoCodeQuery(null, null, new string('ก', 201))));
        Assert.Equal(SearchLaosValidator.QTooLong, Assert.Single(tooLong.Errors).ErrorMessage);
    }

    [Fact]
    public async Task Provinces_districts_and_types_come_from_the_reference_files()
    {
        var provinces = await GetJsonAsync("/api/v1/reference/provinces");
        Assert.Equal(77, provinces.GetArrayLength());
        var songkhla = provinces.EnumerateArray().Single(p => p.GetProperty("code").GetString() == "90");
        Assert.Equal("สงขลา", songkhla.GetProperty("nameTh").GetString());
        Assert.Equal("Songkhla", songkhla.GetProperty("nameEn").GetString());

        var districts = await GetJsonAsync("/api/v1/reference/provinces/90/districts");
        Assert.Equal(16, districts.GetArrayLength());
        Assert.All(districts.EnumerateArray(), d => Assert.StartsWith("90", d.GetProperty("code").GetString()));

        var types = await GetJsonAsync("/api/v1/reference/lao-types");
        Assert.Equal(
            new[]
            {
                "pao", "city_municipality", "town_municipality", "subdistrict_municipality", "sao", "pattaya",
                "bangkok",
            }, types.EnumerateArray().Select(t => t.GetProperty("code").GetString()).ToArray());

        using var client = App.CreateClient();
        await (await client.GetAsync("/api/v1/reference/provinces/99/districts"))
            .AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_whole_registry_is_loaded_with_every_LAO_provisioned_as_an_account()
    {
        var all = await App.SendAsync(TestUser.Admin(), new ListLaosQuery());
        Assert.Equal(7849, all.Count);
        var songkhla = await App.SendAsync(TestUser.Admin(), new ListLaosQuery("90"));
        Assert.Equal(141, songkhla.Count);
        Assert.Equal(334, (await App.SendAsync(TestUser.Admin(), new ListLaosQuery("30"))).Count);
        Assert.Equal(5300, all.Count(l => l.LaoType == "sao"));
        // every one of them can make its first sign-in
        using var client = App.CreateClient();
        foreach (var code in new[] { "2900101", "3500102", all[^1].DlaCode })
        {
            var token = await client.PostAsync("/api/v1/auth/token", JsonContent(new { username = code }));
            Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        }
    }

    [Fact]
    public async Task LAO_look_up_finds_codes_by_province_district_and_name_and_returns_at_most_100()
    {
        var kohYo = await GetJsonAsync("/api/v1/reference/laos?provinceCode=90&q=" +
            Uri.EscapeDataString("อบต.เกาะยอ"));
        var row = Assert.Single(kohYo.EnumerateArray());
        Assert.Equal("6900106", row.GetProperty("dlaCode").GetString());
        Assert.Equal("องค์การบริหารส่วนตำบลเกาะยอ", row.GetProperty("nameTh").GetString());
        Assert.Equal("sao", row.GetProperty("laoType").GetString());
        Assert.Equal("90", row.GetProperty("provinceCode").GetString());
        Assert.Equal("9001", row.GetProperty("districtCode").GetString());

        var district = await GetJsonAsync("/api/v1/reference/laos?districtCode=9002");
        Assert.All(district.EnumerateArray(), r => Assert.Equal("9002", r.GetProperty("districtCode").GetString()));
        Assert.Contains(district.EnumerateArray(), r => r.GetProperty("dlaCode").GetString() == "6900202");

        Assert.Equal(100, (await GetJsonAsync("/api/v1/reference/laos")).GetArrayLength());
        Assert.Equal(0,
            (await GetJsonAsync("/api/v1/reference/laos?q=" + Uri.EscapeDataString("%_'\\"))).GetArrayLength());
        var byCode = await GetJsonAsync("/api/v1/reference/laos?q=69001");
        Assert.All(byCode.EnumerateArray(), r => Assert.StartsWith("69001", r.GetProperty("dlaCode").GetString()));

        using var client = App.CreateClient();
        var bad = await client.GetAsync("/api/v1/reference/laos?provinceCode=abc");
        Assert.True((await bad.AssertProblemAsync(HttpStatusCode.BadRequest)).Errors.ContainsKey("provinceCode"));
    }

    [Fact]
    public async Task The_dimension_tree_follows_the_plan_period_of_the_fiscal_year()
    {
        var y2570 = await GetJsonAsync("/api/v1/reference/dimensions?fiscalYear=2570");
        Assert.Equal(new[] { "1", "2", "3", "4" },
            y2570.EnumerateArray().Select(d => d.GetProperty("code").GetString()).ToArray());
        Assert.Equal("การบริหารราชการด้วยความโปร่งใส", y2570[1].GetProperty("nameTh").GetString());
        var mission = y2570[0].GetProperty("children")[0];
        Assert.Equal("1.1", mission.GetProperty("code").GetString());
        Assert.Equal("1.1.1", mission.GetProperty("children")[0].GetProperty("code").GetString());

        var y2563 = await GetJsonAsync("/api/v1/reference/dimensions?fiscalYear=2563");
        Assert.Equal("การบริหารราชการเพื่อป้องกันการทุจริต", y2563[1].GetProperty("nameTh").GetString());
        // 2565 fell between the two plans: the earlier plan stays in force
        Assert.Equal("การบริหารราชการเพื่อป้องกันการทุจริต",
            (await GetJsonAsync("/api/v1/reference/dimensions?fiscalYear=2565"))[1].GetProperty("nameTh").GetString());

        var tree = await App.SendAsync(TestUser.Anonymous, new GetDimensionTreeQuery(2569));
        Assert.Equal("2566-2570", tree.PlanPeriod);
        Assert.Equal(57, tree.All().Count());
        Assert.Equal("การสร้างสังคมที่ไม่ทนต่อการทุจริต", tree.NameOf("1"));

        using var client = App.CreateClient();
        Assert.True((await (await client.GetAsync("/api/v1/reference/dimensions?fiscalYear=1990"))
            .AssertProblemAsync(HttpStatusCode.BadRequest)).Errors.ContainsKey("fiscalYear"));
        await (await client.GetAsync("/api/v1/reference/dimensions?fiscalYear=abc"))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/reference/dimensions")).StatusCode);
    }

    [Fact]
    public async Task Unknown_api_paths_answer_404_problem_details()
    {
        using var client = App.CreateClient();
        await (await client.GetAsync("/api/v1/no-such-thing")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    private static StringContent JsonContent(object value) =>
        new(JsonSerializer.Serialize(value), System.Text.Encoding.UTF8, "application/json");
}
