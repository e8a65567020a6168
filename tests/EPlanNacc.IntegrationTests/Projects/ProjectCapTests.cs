using System.Net;
using System.Net.Http.Json;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.Modules.Projects.Features.Projects;
using EPlanNacc.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EPlanNacc.IntegrationTests.Projects;

/// <summary>The cap on an LAO's projects in one fiscal year (issue 9, section 5; <c>Projects:MaxProjectsPerLaoYear</c>,
/// 500 by default): the form and the API refuse one more with a Thai message on the fiscal year; other years and
/// other LAOs are not touched; deleted projects count towards an allowance of four times the cap, so that creating
/// and deleting cannot grow the table without bound either. (The import: ProjectImportTests.)</summary>
public sealed class ProjectCapTests(AppFixture app) : IntegrationTest(app)
{
    private ProjectsOptions Options => App.Services.GetRequiredService<IOptions<ProjectsOptions>>().Value;

    /// <summary>Runs <paramref name="test"/> with a cap of <paramref name="cap"/>, then puts the setting
    /// back.</summary>
    private async Task WithCapAsync(int cap, Func<Task> test)
    {
        var configured = Options.MaxProjectsPerLaoYear;
        Options.MaxProjectsPerLaoYear = cap;
        try
        {
            await test();
        }
        finally
        {
            Options.MaxProjectsPerLaoYear = configured;
        }
    }

    private async Task<int> LiveAsync(string dlaCode, int year) => (await App.QueryAsync<int>("""
        SELECT count(*)::int FROM projects.projects WHERE dla_code = @dlaCode AND fiscal_year = @year
               AND deleted_at IS NULL
        """, new { dlaCode, year })).Single();

    [Fact]
    public void The_cap_is_500_projects_per_LAO_and_fiscal_year_unless_configured() =>
        Assert.Equal(500, Options.MaxProjectsPerLaoYear);

    [Fact]
    public Task An_LAO_at_its_cap_gets_a_Thai_message_on_the_fiscal_year_and_nothing_is_saved() =>
        WithCapAsync(3, async () =>
        {
            await App.SetUpLaoAsync();
            using var lao = await App.CreateApiClientAsync(Samples.KohYo, Samples.Password);
            var year = App.CurrentYear;
            for (var i = 1; i <= 3; i++)
                Assert.Equal(HttpStatusCode.Created,
                    (await lao.PostAsJsonAsync("/api/v1/projects", App.Project(name: $"โครงการที่ {i}"))).StatusCode);

            var refused = await (await lao.PostAsJsonAsync("/api/v1/projects", App.Project(name: "โครงการที่ 4")))
                .AssertProblemAsync(HttpStatusCode.BadRequest);
            Assert.Equal([$"ปีงบประมาณ พ.ศ. {year} มีโครงการแล้ว 3 โครงการ บันทึกได้ไม่เกิน 3 โครงการต่อปีงบประมาณ"],
                refused.Errors["fiscalYear"]);
            Assert.Equal(3, await LiveAsync(Samples.KohYo, year));

            // the next fiscal year and another LAO are not touched
            await App.CreateProjectAsync(project: App.Project(fiscalYear: year + 1));
            await App.SetUpLaoAsync(Samples.KhlongRi);
            await App.CreateProjectAsync(Samples.KhlongRi);
        });

    [Fact]
    public Task A_deleted_project_frees_its_place_within_an_allowance_of_four_times_the_cap() =>
        WithCapAsync(2, async () =>
        {
            var year = App.CurrentYear;
            var lao = TestUser.Lao(Samples.KohYo);
            // 2 live at most; 8 with the deleted ones
            for (var i = 0; i < 8; i++)
            {
                var id = await App.CreateProjectAsync();
                if (i < 6) await App.SendAsync(lao, new DeleteProjectCommand(id, 1));
            }
            Assert.Equal(2, await LiveAsync(Samples.KohYo, year));
            var full = await Assert.ThrowsAsync<RuleViolationException>(() => App.CreateProjectAsync());
            Assert.Equal("fiscalYear", full.Field);

            var ids = await App.QueryAsync<Guid>("""
                SELECT id FROM projects.projects WHERE deleted_at IS NULL AND dla_code = @KohYo
                """, new { Samples.KohYo });
            await App.SendAsync(lao, new DeleteProjectCommand(ids.First(), 1));
            var deleted = await Assert.ThrowsAsync<RuleViolationException>(() => App.CreateProjectAsync());
            Assert.Equal($"ปีงบประมาณ พ.ศ. {year} มีการบันทึกและลบโครงการไปแล้ว 8 รายการ จึงบันทึกเพิ่มไม่ได้ " +
                         "กรุณาติดต่อเจ้าหน้าที่ สำนักงาน ป.ป.ช.", deleted.Message);
            Assert.Equal(1, await LiveAsync(Samples.KohYo, year));
        });
}
