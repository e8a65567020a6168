using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.IntegrationTests.Pages;
using EPlanNacc.Modules.Reporting.Rendering;
using EPlanNacc.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EPlanNacc.IntegrationTests.Reporting;

/// <summary>The province roll-up on screen may be a few seconds old
/// (<see cref="ReportingOptions.ProvinceReportSeconds"/>, docs/adr/0038-national-pages-read-lightly.md): it says when
/// its figures were read, its files are always made anew, and the caller's scope is checked at every request. The
/// other tests run with the setting at 0.</summary>
[Trait(AnyDay.Trait, AnyDay.Value)]
public sealed class RecentProvinceReportTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task The_roll_up_on_screen_is_kept_a_few_seconds_with_its_time_and_its_files_are_made_anew()
    {
        await App.RecordKnownPlanAsync(Samples.KohYo);
        var options = App.Services.GetRequiredService<IOptions<ReportingOptions>>().Value;
        options.ProvinceReportSeconds = 30;
        try
        {
            var year = App.CurrentYear;
            var url = $"/reports/province?fiscalYear={year}&round=6";
            using var prov = await App.SignedInClientAsync("prov90", AppFixture.ProvincialPassword);
            var readAt = App.Clock.GetUtcNow();
            var first = await prov.GetStringAsync(url);
            Assert.Contains($"ข้อมูล ณ {ThaiFormat.DateTime(readAt)}", first);
            var before = ReportTables.FromHtml(first)[0];
            var xlsxPath = $"/reports/province?handler=xlsx&fiscalYear={year}&round=6";
            var xlsxBefore = Cells(await prov.GetByteArrayAsync(xlsxPath));

            await App.RecordKnownPlanAsync(Samples.KhlongRi); // a second LAO of Songkhla records its plan
            App.Clock.Advance(TimeSpan.FromSeconds(20));
            var kept = await prov.GetStringAsync(url);
            Assert.Equal(before, ReportTables.FromHtml(kept)[0]);
            Assert.Contains($"ข้อมูล ณ {ThaiFormat.DateTime(readAt)}", kept);
            // the admin reading the same province within the time sees the same figures
            using var admin = await App.SignedInClientAsync("admin", AppFixture.AdminPassword);
            Assert.Equal(before, ReportTables.FromHtml(await admin.GetStringAsync(url + "&provinceCode=90"))[0]);
            // the Excel file is made from the latest figures
            Assert.NotEqual(xlsxBefore, Cells(await prov.GetByteArrayAsync(xlsxPath)));
            // an LAO is still refused the page (the scope is checked at every request; the authorization matrix
            // covers another province's office)
            using var lao = await App.SignedInClientAsync(Samples.KohYo, Samples.Password);
            var refused = await lao.GetAsync(url + "&provinceCode=90");
            Assert.Equal(System.Net.HttpStatusCode.Redirect, refused.StatusCode);
            Assert.DoesNotContain("data-testid=\"report\"", await refused.Content.ReadAsStringAsync());

            App.Clock.Advance(TimeSpan.FromSeconds(10)); // 30 seconds after the first read
            var fresh = await prov.GetStringAsync(url);
            Assert.Contains($"ข้อมูล ณ {ThaiFormat.DateTime(App.Clock.GetUtcNow())}", fresh);
            Assert.NotEqual(Rows(before), Rows(ReportTables.FromHtml(fresh)[0]));
        }
        finally
        {
            options.ProvinceReportSeconds = 0;
        }
    }

    private static string Rows(IReadOnlyList<IReadOnlyList<string>> table) =>
        string.Join("\n", table.Select(r => string.Join(" | ", r)));

    private static string Cells(byte[] xlsx) =>
        string.Join("\n", ReportTables.FromExcel(xlsx)[0].Select(r => string.Join(" | ", r)));
}
