using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.Reporting.Contracts;
using EPlanNacc.Modules.Reporting.Features.Batches;
using EPlanNacc.Modules.Reporting.Rendering;
using EPlanNacc.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace EPlanNacc.IntegrationTests.Reporting;

/// <summary>
/// Bulk reports (issue 8, section 6): a batch started through the API prints one PDF per LAO of the province (Phuket,
/// 83: its 19 LAOs) and the province's roll-up into a zip, with the right names; its progress and its zip are the
/// caller's only in scope; a run stopped midway resumes and produces every file exactly once.
/// </summary>
public sealed class ReportBatchTests(AppFixture app) : IntegrationTest(app)
{
    private const string Phuket = "83";
    private static readonly TimeSpan BatchTimeout = TimeSpan.FromMinutes(3);

    private sealed record Created(Guid Id);

    private async Task<IReadOnlyList<(string DlaCode, string Name)>> PhuketLaosAsync() =>
        (await App.QueryAsync<(string, string)>("""
            SELECT dla_code, name_th FROM local_authority_profile.registry_laos
            WHERE province_code = @Phuket ORDER BY dla_code
            """, new { Phuket })).ToList();

    private Task<ReportBatchDetails> BatchAsync(Guid id) =>
        App.SendAsync(TestUser.Admin(), new GetReportBatchQuery(id));

    private Task<ReportBatchDetails> FinishedAsync(Guid id) =>
        Eventually.Async(() => BatchAsync(id), b => b.Finished, $"batch {id} finished", BatchTimeout);

    [Fact]
    public async Task A_province_batch_prints_one_PDF_per_LAO_and_the_roll_up_into_a_zip_downloaded_from_the_API()
    {
        var laos = await PhuketLaosAsync();
        Assert.Equal(19, laos.Count);
        var year = App.CurrentYear;
        using var admin = await App.CreateApiClientAsync("admin", AppFixture.AdminPassword);

        var started = await admin.PostAsJsonAsync("/api/v1/admin/report-batches",
            new { kind = "performance", fiscalYear = year, round = 6, provinceCode = Phuket });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var id = (await started.Content.ReadFromJsonAsync<Created>())!.Id;
        var first = await admin.GetFromJsonAsync<ReportBatchAnswerJson>($"/api/v1/admin/report-batches/{id}");
        Assert.Equal(20, first!.Total);
        Assert.Contains(first.Status, new[] { "queued", "running", "succeeded" });

        await FinishedAsync(id);
        var answer = await admin.GetFromJsonAsync<ReportBatchAnswerJson>($"/api/v1/admin/report-batches/{id}");
        Assert.Equal(new ReportBatchAnswerJson(id, "succeeded", 20, 20, 0,
            $"/api/v1/admin/report-batches/{id}/download"), answer);

        var download = await admin.GetAsync(answer!.DownloadUrl);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/zip", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"performance-{year}-r6-{Phuket}.zip",
            download.Content.Headers.ContentDisposition?.FileNameStar ??
            download.Content.Headers.ContentDisposition?.FileName);
        using var zip = new ZipArchive(await download.Content.ReadAsStreamAsync());
        var expected = laos.Select(l => $"performance-{l.DlaCode}-{year}-r6.pdf")
            .Append($"province-{Phuket}-{year}-r6.pdf").Append("index.csv").Order().ToList();
        Assert.Equal(expected, zip.Entries.Select(e => e.FullName).Order().ToList());

        var (code, name) = laos[0];
        var pdf = await ReadAsync(zip.GetEntry($"performance-{code}-{year}-r6.pdf")!);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
        var text = await PdfTools.TextAsync(pdf);
        Assert.Contains("รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต", text);
        Assert.Contains(name, text);
        Assert.Contains("จังหวัดภูเก็ต", await PdfTools.TextAsync(
            await ReadAsync(zip.GetEntry($"province-{Phuket}-{year}-r6.pdf")!)));
        foreach (var entry in zip.Entries.Where(e => e.Name.EndsWith(".pdf", StringComparison.Ordinal)))
            Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString((await ReadAsync(entry))[..4]));
        var index = System.Text.Encoding.UTF8.GetString(await ReadAsync(zip.GetEntry("index.csv")!));
        Assert.Contains($"performance-{code}-{year}-r6.pdf,{code},{name} อำเภอ", index);
        Assert.Equal(21, index.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    /// <summary>The API's answer, as docs/api.md gives it.</summary>
    private sealed record ReportBatchAnswerJson(Guid Id, string Status, int Total, int Done, int Failed,
        string? DownloadUrl);

    private static async Task<byte[]> ReadAsync(ZipArchiveEntry entry)
    {
        await using var stream = entry.Open();
        using var memory = new MemoryStream();
        await stream.CopyToAsync(memory);
        return memory.ToArray();
    }

    [Fact]
    public async Task Only_admins_print_the_nation_a_provincial_office_only_its_province_and_sees_only_its_batches()
    {
        using var _ = App.HoldJobs<RunReportBatchCommand>(); // nothing is printed: this is about who may
        var year = App.CurrentYear;
        using var provincial = await App.CreateApiClientAsync("prov90", AppFixture.ProvincialPassword);
        using var admin = await App.CreateApiClientAsync("admin", AppFixture.AdminPassword);

        var nation = await (await provincial.PostAsJsonAsync("/api/v1/admin/report-batches",
                new { kind = "status", fiscalYear = year, round = 6, provinceCode = (string?)null }))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(ReportBatchScope.NationAdminOnly, nation.Detail);
        var other = await (await provincial.PostAsJsonAsync("/api/v1/admin/report-batches",
                new { kind = "status", fiscalYear = year, round = 6, provinceCode = Phuket }))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(AccessMessages.ProvinceNotFound, other.Detail);

        var own = await provincial.PostAsJsonAsync("/api/v1/admin/report-batches",
            new { kind = "status", fiscalYear = year, round = 6, provinceCode = "90" });
        Assert.Equal(HttpStatusCode.Accepted, own.StatusCode);
        var songkhla = (await own.Content.ReadFromJsonAsync<Created>())!.Id;
        var again = await provincial.PostAsJsonAsync("/api/v1/admin/report-batches",
            new { kind = "status", fiscalYear = year, round = 6, provinceCode = "90" });
        Assert.Equal(songkhla, (await again.Content.ReadFromJsonAsync<Created>())!.Id);
        var all = await admin.PostAsJsonAsync("/api/v1/admin/report-batches",
            new { kind = "province", fiscalYear = year, round = 12 });
        Assert.Equal(HttpStatusCode.Accepted, all.StatusCode);
        var nationId = (await all.Content.ReadFromJsonAsync<Created>())!.Id;

        // Songkhla: its 141 LAOs and its roll-up; the nation's roll-ups: every province that has LAOs
        var waiting = await provincial.GetFromJsonAsync<ReportBatchAnswerJson>(
            $"/api/v1/admin/report-batches/{songkhla}");
        Assert.Equal(new ReportBatchAnswerJson(songkhla, "queued", 142, 0, 0, null), waiting);
        var provinces = (await App.QueryAsync<int>(
            "SELECT count(DISTINCT province_code)::int FROM local_authority_profile.registry_laos")).Single();
        Assert.Equal(provinces, (await BatchAsync(nationId)).Total);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/admin/report-batches/{songkhla}")).StatusCode);
        foreach (var path in new[] { $"{nationId}", $"{nationId}/download", $"{Guid.NewGuid()}" })
        {
            var refused = await (await provincial.GetAsync($"/api/v1/admin/report-batches/{path}"))
                .AssertProblemAsync(HttpStatusCode.NotFound);
            Assert.Equal(ReportBatchScope.NotFound, refused.Detail);
        }
        var notYet = await (await provincial.GetAsync($"/api/v1/admin/report-batches/{songkhla}/download"))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(GetReportBatchZipHandler.NotReady, notYet.Detail);

        var chiangMai = TestUser.Provincial("50", "prov50");
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(chiangMai, new GetReportBatchQuery(songkhla)));
        Assert.Empty(await App.SendAsync(chiangMai, new ListReportBatchesQuery()));
        Assert.Equal([songkhla],
            (await App.SendAsync(TestUser.Provincial(), new ListReportBatchesQuery())).Select(b => b.Id));
        Assert.Equal([nationId, songkhla],
            (await App.SendAsync(TestUser.Admin(), new ListReportBatchesQuery())).Select(b => b.Id));

        // the staff desk's figure
        var desk = await App.SendAsync(TestUser.Provincial(), new ListRunningReportBatchesQuery());
        Assert.Equal(1, desk.Count);
        Assert.Equal(("จังหวัดสงขลา", "queued", 142), (desk.Batches[0].ScopeNameTh, desk.Batches[0].Status,
            desk.Batches[0].Total));
        Assert.Equal(2, (await App.SendAsync(TestUser.Admin(), new ListRunningReportBatchesQuery())).Count);
        Assert.Equal(0, (await App.SendAsync(chiangMai, new ListRunningReportBatchesQuery())).Count);

        await App.SetUpLaoAsync();
        using var lao = await App.CreateApiClientAsync(Samples.KohYo, Samples.Password);
        await (await lao.PostAsJsonAsync("/api/v1/admin/report-batches",
                new { kind = "status", fiscalYear = year, round = 6, provinceCode = "90" }))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await lao.GetAsync($"/api/v1/admin/report-batches/{songkhla}"))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        // the batches of the refused requests were never written; each batch started is in the audit trail, once
        Assert.Equal(2, (await App.QueryAsync<int>("SELECT count(*)::int FROM reporting.report_batches")).Single());
        Assert.Equal(
        [
            ("prov90", "provincial",
                $"ออกรายงานแบบกลุ่ม รายงานสถานะโครงการ/กิจกรรม/มาตรการ ประจำปีงบประมาณ ปีงบประมาณ พ.ศ. {year} " +
                "รอบ 6 เดือน จังหวัดสงขลา (142 ไฟล์)"),
            ("admin", "admin",
                $"ออกรายงานแบบกลุ่ม รายงานผลการนำแผนไปปฏิบัติระดับจังหวัด ปีงบประมาณ พ.ศ. {year} รอบ 12 เดือน " +
                $"ทั่วประเทศ ({provinces} ไฟล์)"),
        ], await App.QueryAsync<(string, string, string)>("""
            SELECT actor, actor_role, detail FROM identity.audit_log WHERE action = 'report_batch.started' ORDER BY at
            """));
    }

    [Fact]
    public async Task Bad_requests_get_400_with_each_fields_Thai_message_and_write_nothing()
    {
        using var admin = await App.CreateApiClientAsync("admin", AppFixture.AdminPassword);
        var bad = await (await admin.PostAsJsonAsync("/api/v1/admin/report-batches",
                new { kind = "summary", fiscalYear = 1999, round = 7, provinceCode = "9" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal([ReportBatchKinds.KindMessage], bad.Errors["kind"]);
        Assert.True(bad.Errors.ContainsKey("fiscalYear") && bad.Errors.ContainsKey("round")
            && bad.Errors.ContainsKey("provinceCode"), string.Join(", ", bad.Errors.Keys));
        var empty = await (await admin.PostAsync("/api/v1/admin/report-batches",
                new StringContent("{}", System.Text.Encoding.UTF8, "application/json")))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["fiscalYear", "kind", "round"], empty.Errors.Keys.Order());
        var text = await admin.PostAsync("/api/v1/admin/report-batches",
            new StringContent("""{"kind":"status","fiscalYear":"two","round":6}""", System.Text.Encoding.UTF8,
                "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, text.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await admin.GetAsync("/api/v1/admin/report-batches/not-a-guid")).StatusCode);
        Assert.Empty(await App.QueryAsync<Guid>("SELECT id FROM reporting.report_batches"));
    }

    [Fact]
    public async Task A_run_stopped_midway_resumes_from_the_sweep_and_produces_every_file_exactly_once()
    {
        var laos = await PhuketLaosAsync();
        var year = App.CurrentYear;
        var hold = App.HoldJobs<RunReportBatchCommand>();
        var id = await App.SendAsync(TestUser.Admin(),
            new CreateReportBatchCommand("status", year, 6, Phuket));
        Assert.Equal(new Mediator.IBaseCommand[] { new RunReportBatchCommand(id) }, App.HeldJobs.Kept);

        // the worker is stopped (its cancellation token fires) once three files are done
        using var stop = new CancellationTokenSource();
        var run = App.SendAsync<int>(SystemUser.Instance, new RunReportBatchCommand(id), stop.Token);
        await Eventually.Async(() => BatchAsync(id), b => b.Done >= 3 || b.Finished, "three files done",
            BatchTimeout);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        var stopped = await BatchAsync(id);
        Assert.Equal("running", stopped.Status);
        Assert.InRange(stopped.Done, 3, stopped.Total - 1);
        Assert.Null(stopped.FinishedAt);
        var doneBefore = await App.QueryAsync<(int Seq, string At)>("""
            SELECT seq, finished_at::text FROM reporting.report_batch_items
            WHERE batch_id = @id AND state = 'done' ORDER BY seq
            """, new { id });
        Assert.Equal(stopped.Done, doneBefore.Count);

        // started again: the sweep finds the batch that no run holds, and its jobs print what is left
        hold.Dispose();
        Assert.Equal(1, await App.SendAsync(SystemUser.Instance, new ResumeReportBatchesCommand()));
        var finished = await FinishedAsync(id);
        Assert.Equal(("succeeded", 20, 20, 0), (finished.Status, finished.Total, finished.Done, finished.Failed));

        var items = await App.QueryAsync<(int Seq, string State, int Attempts, string At)>("""
            SELECT seq, state, attempts, finished_at::text FROM reporting.report_batch_items
            WHERE batch_id = @id ORDER BY seq
            """, new { id });
        Assert.All(items, i => Assert.Equal(("done", 1), (i.State, i.Attempts)));
        // the files done before the stop were not printed again
        Assert.Equal(doneBefore, items.Where(i => doneBefore.Any(d => d.Seq == i.Seq)).Select(i => (i.Seq, i.At)));

        var zip = await App.SendAsync(TestUser.Admin(), new GetReportBatchZipQuery(id));
        using var archive = ZipFile.OpenRead(zip.FullPath);
        var names = archive.Entries.Select(e => e.FullName).ToList();
        Assert.Equal(names.Distinct().Count(), names.Count);
        Assert.Equal(laos.Select(l => $"status-{l.DlaCode}-{year}.pdf").Append($"province-{Phuket}-{year}-r6.pdf")
            .Append("index.csv").Order(), names.Order());
        // the printed files were packed, then removed
        Assert.False(Directory.Exists(Path.Combine(App.BatchFolder, id.ToString("N"), "items")));
        Assert.Equal(0, await App.SendAsync(SystemUser.Instance, new ResumeReportBatchesCommand()));
    }

    [Fact]
    public async Task Chromium_killed_in_the_middle_of_a_batch_the_batch_goes_on_with_a_fresh_one_every_file_once()
    {
        var laos = await PhuketLaosAsync();
        var year = App.CurrentYear;
        using var _ = App.HoldJobs<RunReportBatchCommand>();
        var id = await App.SendAsync(TestUser.Admin(), new CreateReportBatchCommand("status", year, 6, Phuket));
        var renderer = (ChromiumPdfRenderer)App.Services.GetRequiredService<IPdfRenderer>();

        var run = App.SendAsync<int>(SystemUser.Instance, new RunReportBatchCommand(id));
        var midway = await Eventually.Async(() => BatchAsync(id), b => b.Done >= 3 || b.Finished, "three files done",
            BatchTimeout);
        var killed = renderer.BrowserProcessId ?? throw new InvalidOperationException("no browser is running");
        var tree = ProcessTree.WithDescendants(killed);
        ProcessTree.Kill([killed]); // SIGKILL, as the kernel's OOM killer would
        Assert.InRange(midway.Done, 3, 19); // killed while the batch was printing

        Assert.Equal(20, await run); // the same run printed every file
        var finished = await BatchAsync(id);
        Assert.Equal(("succeeded", 20, 20, 0), (finished.Status, finished.Total, finished.Done, finished.Failed));
        var items = await App.QueryAsync<(string State, int Attempts)>(
            "SELECT state, attempts FROM reporting.report_batch_items WHERE batch_id = @id", new { id });
        // the reports Chromium was printing when it died were printed again on the fresh one: not a failed try
        Assert.All(items, i => Assert.Equal(("done", 1), (i.State, i.Attempts)));
        var zip = await App.SendAsync(TestUser.Admin(), new GetReportBatchZipQuery(id));
        using var archive = ZipFile.OpenRead(zip.FullPath);
        Assert.Equal(laos.Select(l => $"status-{l.DlaCode}-{year}.pdf").Append($"province-{Phuket}-{year}-r6.pdf")
            .Append("index.csv").Order(), archive.Entries.Select(e => e.FullName).Order());

        Assert.True(await ProcessTree.AllEndAsync(tree, TimeSpan.FromSeconds(10)), "the killed Chromium's processes");
        Assert.NotNull(renderer.BrowserProcessId);
        Assert.NotEqual(killed, renderer.BrowserProcessId);
    }

    [Fact]
    public async Task A_zip_is_kept_30_days_then_the_daily_clean_up_removes_it_with_its_batch()
    {
        var id = Guid.CreateVersion7();
        var finished = App.Clock.GetUtcNow();
        var zip = ReportFileStore.ZipFile(id);
        await App.ExecuteAsync("""
            INSERT INTO reporting.report_batches (id, kind, fiscal_year, round, province_code, requested_by,
                requested_at, status, total, done, started_at, finished_at, zip_file, zip_bytes, expires_at)
            VALUES (@id, 'status', 2570, 6, '83', 'admin', @finished, 'succeeded', 1, 1, @finished, @finished, @zip,
                    3, @expires)
            """, new { id, finished, zip, expires = finished.AddDays(30) });
        var path = Path.Combine(App.BatchFolder, zip);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, [1, 2, 3]);

        App.SetNow(finished.AddDays(29));
        Assert.Equal(0, await App.SendAsync(SystemUser.Instance, new DeleteExpiredReportFilesCommand()));
        Assert.Equal(path, (await App.SendAsync(TestUser.Admin(), new GetReportBatchZipQuery(id))).FullPath);

        App.SetNow(finished.AddDays(30).AddMinutes(1));
        Assert.Equal(1, await App.SendAsync(SystemUser.Instance, new DeleteExpiredReportFilesCommand()));
        Assert.False(File.Exists(path));
        Assert.Empty(await App.QueryAsync<Guid>("SELECT id FROM reporting.report_batches"));
        await Assert.ThrowsAsync<NotFoundException>(() =>
            App.SendAsync(TestUser.Admin(), new GetReportBatchQuery(id)));
    }
}
