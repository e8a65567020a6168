using System.Net;
using System.Net.Http.Json;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.IntegrationTests.Pages;
using EPlanNacc.Modules.LocalAuthorityProfile.Features.Profiles;
using EPlanNacc.Modules.LocalAuthorityProfile.Features.Registry;
using EPlanNacc.Modules.Projects.Features.Projects;
using EPlanNacc.TestSupport;
using FluentValidation;

namespace EPlanNacc.IntegrationTests.Access;

/// <summary>The province and district of an LAO are the DLA registry's: they decide which provincial office sees it,
/// so the LAO cannot change them (it used to: a profile saved with another province took the LAO out of its office's
/// view and into another's); staff correct a wrong registry entry, recorded in the history.</summary>
public sealed class RegistryLocationTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task An_LAO_cannot_move_itself_into_another_provincial_offices_scope()
    {
        await App.SetUpLaoAsync();
        var projectId = await App.CreateProjectAsync();
        using var lao = await App.CreateApiClientAsync(Samples.KohYo, Samples.Password);

        var body = new
        {
            location = Samples.Location() with { ProvinceCode = "50", DistrictCode = "5001" },
            areaAndExecutives = Samples.Area(), coordinator = Samples.Coordinator(),
        };
        var refused = await (await lao.PutAsJsonAsync("/api/v1/me/profile", body))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal([ProfileLocationValidator.ProvinceFixed], refused.Errors["location.provinceCode"]);
        Assert.Equal([ProfileLocationValidator.DistrictFixed], refused.Errors["location.districtCode"]);

        // its own office still sees its plan, the other office does not
        using var prov90 = await App.CreateApiClientAsync("prov90", AppFixture.ProvincialPassword);
        Assert.Equal(HttpStatusCode.OK, (await prov90.GetAsync($"/api/v1/projects/{projectId}")).StatusCode);
        var outside = await Assert.ThrowsAsync<NotFoundException>(() =>
            App.SendAsync(TestUser.Provincial("50", "prov50"), new GetProjectQuery(projectId)));
        Assert.Equal(AccessMessages.ProjectNotFound, outside.Message);

        // leaving them out, or repeating the registry's, is accepted
        var without = new
        {
            location = Samples.Location() with { ProvinceCode = null, DistrictCode = null, Name = "อบต.เกาะยอ" },
            areaAndExecutives = Samples.Area(), coordinator = Samples.Coordinator(),
        };
        Assert.Equal(HttpStatusCode.OK, (await lao.PutAsJsonAsync("/api/v1/me/profile", without)).StatusCode);
        var profile = await App.SendAsync(TestUser.Lao(Samples.KohYo), new GetMyProfileQuery());
        Assert.Equal(("90", "9001", "อบต.เกาะยอ"),
            (profile.Location.ProvinceCode, profile.Location.DistrictCode, profile.Location.Name));
    }

    [Fact]
    public async Task A_stale_profile_version_is_refused_and_none_is_accepted()
    {
        await App.SetUpLaoAsync();
        var lao = TestUser.Lao(Samples.KohYo);
        var read = await App.SendAsync(lao, new GetMyProfileQuery());
        Assert.Equal(1, read.Version);

        await App.SendAsync(lao, Samples.Profile(password: null) with
        {
            Version = read.Version,
            Location = Samples.Location() with { Name = "ก" },
        });
        var stale = await Assert.ThrowsAsync<ConflictException>(() =>
            App.SendAsync(lao, Samples.Profile(password: null) with { Version = read.Version }));
        Assert.Contains(Samples.KohYo, Assert.Single(stale.Details));
        Assert.Equal("ก", (await App.SendAsync(lao, new GetMyProfileQuery())).Location.Name);

        await App.SendAsync(lao, Samples.Profile(password: null)); // a v1 client sends no version
        Assert.Equal(3, (await App.SendAsync(lao, new GetMyProfileQuery())).Version);

        using var client = await App.CreateApiClientAsync(Samples.KohYo, Samples.Password);
        var json = new
        {
            location = Samples.Location(), areaAndExecutives = Samples.Area(),
            coordinator = Samples.Coordinator(), version = 1,
        };
        var conflict = await (await client.PutAsJsonAsync("/api/v1/me/profile", json))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("บันทึกไปแล้ว", conflict.Title);
        var current = await client.GetFromJsonAsync<ProfileDetails>("/api/v1/me/profile");
        Assert.Equal(3, current!.Version);
    }

    [Fact]
    public async Task An_admin_corrects_the_registry_on_its_page_and_a_provincial_office_may_not()
    {
        try
        {
            using var admin = await App.SignedInClientAsync("admin", AppFixture.AdminPassword);
            var page = $"/staff/laos/{Samples.KohYo}/location";
            Assert.Contains("จังหวัดสงขลา", await admin.GetStringAsync(page));
            var bad = await admin.PostFormAsync(page, new Dictionary<string, string?>
            {
                ["Input.ProvinceCode"] = "50", ["Input.DistrictCode"] = "9001", ["Input.Reason"] = "",
            });
            var badPage = await bad.Content.ReadAsStringAsync();
            Assert.Contains("อำเภอที่เลือกไม่อยู่ในจังหวัดที่เลือก", badPage);
            Assert.Contains("กรุณากรอกเหตุผลของการแก้ไข", badPage);

            var saved = await admin.PostFormAsync(page, new Dictionary<string, string?>
            {
                ["Input.ProvinceCode"] = "50", ["Input.DistrictCode"] = "5001",
                ["Input.Reason"] = "ทะเบียนระบุจังหวัดผิด",
            });
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            var after = await admin.GetStringAsync(page);
            Assert.Contains("จังหวัดเชียงใหม่", after);
            Assert.Contains("90 → 50", after);

            using var provincial = await App.SignedInClientAsync("prov90", AppFixture.ProvincialPassword);
            var refused = await provincial.GetAsync(page);
            Assert.Equal("/forbidden",
                refused.Headers.Location?.AbsolutePath ?? refused.Headers.Location?.OriginalString);
            Assert.DoesNotContain("registry-location-link",
                await provincial.GetStringAsync($"/staff/accounts/{Samples.KhlongRi}"));
        }
        finally
        {
            await App.RestoreRegistryAsync();
        }
    }

    [Fact]
    public async Task An_admin_corrects_the_registry_recorded_and_kept_over_a_new_load_of_the_registry()
    {
        await App.SetUpLaoAsync();
        var projectId = await App.CreateProjectAsync();
        try
        {
            var correction = new CorrectLaoLocationCommand(Samples.KohYo, "50", "5001", "ทะเบียนระบุจังหวัดผิด");
            await Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(TestUser.Provincial(), correction));
            await Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(TestUser.Lao(Samples.KohYo), correction));
            var invalid = await Assert.ThrowsAsync<ValidationException>(() =>
                App.SendAsync(TestUser.Admin(), correction with { DistrictCode = "9001", Reason = " " }));
            Assert.Equal(["DistrictCode", "Reason"], invalid.Errors.Select(e => e.PropertyName).Order());

            Assert.True(await App.SendAsync(TestUser.Admin(), correction));
            Assert.False(await App.SendAsync(TestUser.Admin(), correction)); // nothing more to change

            // the registry file again, at a restart
            await App.SendAsync(SystemUser.Instance, new LoadRegistryCommand());
            Assert.NotNull(await App.SendAsync(TestUser.Provincial("50", "prov50"), new GetProjectQuery(projectId)));
            await Assert.ThrowsAsync<NotFoundException>(() =>
                App.SendAsync(TestUser.Provincial(), new GetProjectQuery(projectId)));

            var history = await App.SendAsync(TestUser.Admin(), new ListProfileChangesQuery(Samples.KohYo));
            var entry = history.First();
            Assert.Equal("admin", entry.ChangedBy);
            Assert.Equal(
                [("location.provinceCode", "90", "50"), ("location.districtCode", "9001", "5001"),
                    ("registry.correctionReason", null, "ทะเบียนระบุจังหวัดผิด")],
                entry.Changes.Select(c => (c.Field, c.Old, c.New)).ToList());

            // the LAO now sees the corrected place and may repeat it
            var profile = await App.SendAsync(TestUser.Lao(Samples.KohYo), new GetMyProfileQuery());
            Assert.Equal(("50", "5001"), (profile.Location.ProvinceCode, profile.Location.DistrictCode));
            await App.SendAsync(TestUser.Lao(Samples.KohYo),
                Samples.Profile(password: null) with
                {
                    Location = Samples.Location() with { ProvinceCode = "50", DistrictCode = "5001" },
                });
        }
        finally
        {
            await App.RestoreRegistryAsync();
        }
    }
}
