using System.Net;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.IntegrationTests.Pages;
using EPlanNacc.Modules.Reporting.Features.ProvinceFiles;
using EPlanNacc.TestSupport;

namespace EPlanNacc.IntegrationTests.Reporting;

/// <summary>The nightly province roll-ups: for every open round, one job per province that has LAOs; each generates
/// its PDF and Excel, which the province report page offers with the time they were generated, beside a fresh
/// one.</summary>
public sealed class ProvinceReportFilesTests(AppFixture app) : IntegrationTest(app)
{
    private const string Phuket = "83";

    /// <summary>Only the given round is open (or none), whatever the day of the run: the rounds of this fiscal year
    /// and the one before close yesterday.</summary>
    private async Task OnlyOpenAsync(int? round)
    {
        foreach (var year in new[] { App.CurrentYear - 1, App.CurrentYear })
            foreach (var r in new[] { 6, 12 })
                await App.CloseRoundAsync(r, year);
        if (round is { } open) await App.OpenRoundAsync(open);
    }

    [Fact]
    public async Task No_round_is_open_no_file_is_generated()
    {
        using var _ = App.HoldJobs<GenerateProvinceReportFilesCommand>();
        await OnlyOpenAsync(null);
        Assert.Equal(0, await App.SendAsync(SystemUser.Instance, new PregenerateProvinceReportsCommand()));
        Assert.Empty(App.HeldJobs.Kept);
    }

    [Fact]
    public async Task Each_night_every_province_with_LAOs_gets_a_job_for_each_open_round()
    {
        using var _ = App.HoldJobs<GenerateProvinceReportFilesCommand>();
        await OnlyOpenAsync(6);
        var provinces = await App.QueryAsync<string>(
            "SELECT DISTINCT province_code FROM local_authority_profile.registry_laos ORDER BY province_code");

        Assert.Equal(provinces.Count, await App.SendAsync(SystemUser.Instance,
            new PregenerateProvinceReportsCommand()));
        Assert.Equal(provinces.Select(p => new GenerateProvinceReportFilesCommand(p, App.CurrentYear, 6)),
            App.HeldJobs.Kept.Cast<GenerateProvinceReportFilesCommand>());
    }

    [Fact]
    public async Task The_province_report_page_offers_the_files_generated_overnight_with_when_and_a_fresh_one()
    {
        await App.OpenRoundAsync(6);
        var year = App.CurrentYear;
        var provincial = TestUser.Provincial(Phuket, "prov83");
        Assert.Empty(await App.SendAsync(provincial, new GetProvinceReportFilesQuery(null, year, 6)));

        var generatedAt = App.Clock.GetUtcNow();
        Assert.Equal(2, await App.SendAsync(SystemUser.Instance,
            new GenerateProvinceReportFilesCommand(Phuket, year, 6)));
        var files = await App.SendAsync(provincial, new GetProvinceReportFilesQuery(null, year, 6));
        Assert.Equal(["pdf", "xlsx"], files.Select(f => f.Format));
        Assert.All(files, f => Assert.InRange(f.GeneratedAt, generatedAt, generatedAt.AddMinutes(1)));
        Assert.Equal([$"province-{Phuket}-{year}-r6.pdf", $"province-{Phuket}-{year}-r6.xlsx"],
            files.Select(f => f.FileName));
        Assert.Contains("จังหวัดภูเก็ต", await PdfTools.TextAsync(await File.ReadAllBytesAsync(files[0].FullPath)));
        // the other rounds have none
        Assert.Empty(await App.SendAsync(provincial, new GetProvinceReportFilesQuery(null, year, 12)));

        App.Clock.Advance(TimeSpan.FromHours(1));
        using var admin = await App.SignedInClientAsync("admin", AppFixture.AdminPassword);
        var page = await admin.GetStringAsync($"/reports/province?fiscalYear={year}&round=6&provinceCode={Phuket}");
        Assert.Contains("data-testid=\"stored-files\"", page);
        Assert.Contains($"PDF สร้างเมื่อ {ThaiFormat.DateTime(files[0].GeneratedAt)}", page);
        Assert.Contains("สร้างใหม่: PDF", page);
        var stored = await admin.GetAsync(
            $"/reports/province?handler=stored&format=pdf&fiscalYear={year}&round=6&provinceCode={Phuket}");
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        Assert.Equal(await File.ReadAllBytesAsync(files[0].FullPath), await stored.Content.ReadAsByteArrayAsync());
        var excel = await admin.GetAsync(
            $"/reports/province?handler=stored&format=xlsx&fiscalYear={year}&round=6&provinceCode={Phuket}");
        Assert.Equal(files[1].ContentType, excel.Content.Headers.ContentType?.MediaType);

        // another province's page says nothing of Phuket's files
        var songkhla = await admin.GetStringAsync($"/reports/province?fiscalYear={year}&round=6&provinceCode=90");
        Assert.DoesNotContain("data-testid=\"stored-files\"", songkhla);
        Assert.Contains("ดาวน์โหลด PDF", songkhla);
    }
}
