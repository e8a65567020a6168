using EPlanNacc.ApiClient.Api.V1;
using EPlanNacc.ApiClient.Models;
using EPlanNacc.TestSupport;
using Microsoft.Kiota.Abstractions;

namespace EPlanNacc.IntegrationTests.Integrations;

/// <summary>The C# examples of docs/integrations.md (section 8, tasks 7.1 to 7.3) are compiled here, line for line,
/// against the client generated from docs/openapi/v1.json (tests/EPlanNacc.ApiClient): a guide whose calls no longer
/// fit the description fails the build, and one edited apart from this file fails the test. What they do is run by
/// the journey of ClientJourneyTests and by the guide's shell examples (GuideExamplesTests).</summary>
[Trait(AnyDay.Trait, AnyDay.Value)]
public sealed class GuideCSharpTests
{
    [Fact]
    public void The_guide_s_CSharp_tasks_are_the_lines_compiled_here()
    {
        var guide = File.ReadAllText(Path.Combine(TestDatabase.RepositoryRoot(), "docs", "integrations.md"));
        var start = guide.IndexOf("// 7.1 a province's completeness", StringComparison.Ordinal);
        Assert.True(start > 0, "docs/integrations.md lost its C# tasks (// 7.1 ...)");
        var inGuide = Lines(guide[start..guide.IndexOf("```", start, StringComparison.Ordinal)]);
        var here = File.ReadAllText(Path.Combine(TestDatabase.RepositoryRoot(), "tests", "EPlanNacc.IntegrationTests",
            "Integrations", "GuideCSharpTests.cs"));
        var from = here.IndexOf("// guide: " + "from here", StringComparison.Ordinal);
        var to = here.IndexOf("// guide: " + "to here", from, StringComparison.Ordinal);
        var compiled = Lines(here[from..to]).Skip(1);
        Assert.Equal(inGuide, compiled);
    }

    private static List<string> Lines(string text) =>
        [.. text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];

    /// <summary>Compiled, never run: the guide's lines as written, with the <c>api</c> and <c>adapter</c> its sign-in
    /// makes.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "the guide's code")]
    private static async Task GuideTasksAsync(V1RequestBuilder api, IRequestAdapter adapter)
    {
        // guide: from here
        // 7.1 a province's completeness: the counts, and the staff page's Excel workbook
        var completeness = await api.Admin.Completeness.GetAsync(r =>
        {
            r.QueryParameters.ProvinceCode = "90";
            r.QueryParameters.FiscalYear = 2569;
            r.QueryParameters.Round = 6;
        });
        Console.WriteLine($"{completeness!.Total!.RoundReported} of {completeness.Total.LaoCount} LAOs reported");
        var excel = api.Admin.Completeness.ToGetRequestInformation(r =>
        {
            r.QueryParameters.ProvinceCode = "90";
            r.QueryParameters.FiscalYear = 2569;
            r.QueryParameters.Round = 6;
            r.QueryParameters.Format = "xlsx";
        });
        await using (var workbook = await adapter.SendPrimitiveAsync<Stream>(excel))
        await using (var file = File.Create("completeness-90-2569-r6.xlsx"))
            await workbook!.CopyToAsync(file);

        // 7.2 every LAO's scores: the province report as data
        var report = await api.Reports.Province.GetAsync(r =>
        {
            r.QueryParameters.ProvinceCode = "90";
            r.QueryParameters.FiscalYear = 2569;
            r.QueryParameters.Round = 12;
        });
        foreach (var lao in report!.Districts!.SelectMany(d => d.Laos!))
            Console.WriteLine($"{lao.DlaCode} {lao.NameTh} {lao.Score} {lao.Band}");

        // 7.3 a batch of PDFs: start, poll, download
        var started = await api.Admin.ReportBatches.PostAsync(new CreateReportBatchCommand
        {
            Kind = "performance", FiscalYear = 2569, Round = 6, ProvinceCode = "90",
        });
        var id = started!.Id!.Value;
        ReportBatchAnswer batch;
        do
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            batch = (await api.Admin.ReportBatches[id].GetAsync())!;
        } while (batch.Status is ReportBatchAnswer_status.Queued or ReportBatchAnswer_status.Running);
        if (batch.Status != ReportBatchAnswer_status.Succeeded)
            throw new InvalidOperationException($"batch {id}: {batch.Failed} files failed");
        await using (var zip = await api.Admin.ReportBatches[id].Download.GetAsync())
        await using (var file = File.Create($"performance-2569-r6-90.zip"))
            await zip!.CopyToAsync(file);
        // guide: to here
    }
}
