using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.DataGenerator;
using EPlanNacc.IntegrationTests.Pages;
using EPlanNacc.Modules.Evaluation.Features.Scores;
using EPlanNacc.TestSupport;
using Npgsql;

namespace EPlanNacc.IntegrationTests.Database;

/// <summary>The national data generator (tools/EPlanNacc.DataGenerator, docs/adr/0029-national-data-generator.md) on
/// a tiny set, into the test database: one seed gives the same rows in every table, and the application accepts what
/// it writes (a generated LAO signs in with the bench password and reads its summary and its projects, a provincial
/// office reads its province's completeness). The next test's reset puts the database back.</summary>
[Trait(AnyDay.Trait, AnyDay.Value)]
public sealed class GeneratedDataTests(AppFixture app) : IntegrationTest(app)
{
    private const string Password = "bench-national-2570";

    private static GeneratorOptions Tiny(int seed) =>
        new(GeneratorOptions.DefaultDatabase, seed, [2569, 2570], 40, Laos: 20, Replace: true, Password);

    [Fact]
    public async Task One_seed_gives_the_same_rows_in_every_table_and_another_seed_other_rows()
    {
        await Generator.RunAsync(App.ConnectionString, Tiny(7), TextWriter.Null);
        var first = await ChecksumsAsync();
        await Generator.RunAsync(App.ConnectionString, Tiny(7), TextWriter.Null);
        var again = await ChecksumsAsync();
        await Generator.RunAsync(App.ConnectionString, Tiny(8), TextWriter.Null);
        var other = await ChecksumsAsync();

        Assert.False(first["projects.projects"].StartsWith("0 rows", StringComparison.Ordinal));
        Assert.Equal(first, again);
        Assert.NotEqual(first["projects.projects"], other["projects.projects"]);
        Assert.NotEqual(first["projects.round_reports"], other["projects.round_reports"]);
    }

    [Fact]
    public async Task A_database_with_data_is_refused_without_replace_and_nothing_changes()
    {
        await Generator.RunAsync(App.ConnectionString, Tiny(3), TextWriter.Null);
        var before = await ChecksumsAsync();

        var refused = await Assert.ThrowsAsync<GeneratorRefusedException>(() =>
            Generator.RunAsync(App.ConnectionString, Tiny(4) with { Replace = false }, TextWriter.Null));

        Assert.Contains("--replace", refused.Message);
        Assert.Equal(before, await ChecksumsAsync());
    }

    [Fact]
    public async Task A_generated_LAO_and_its_provincial_office_use_the_data_through_the_host()
    {
        var result = await Generator.RunAsync(App.ConnectionString, Tiny(1), TextWriter.Null);
        Assert.Contains(result.Tables, t => t.Table == "projects.round_reports" && t.Rows > 0);
        foreach (var year in new[] { 2569, 2570 })
            await App.SendAsync(SystemUser.Instance, new RecalculateFiscalYearScoresCommand(year));
        await using var db = new NpgsqlConnection(App.ConnectionString);
        var (code, province) = await db.QueryFirstAsync<(string, string)>("""
            SELECT p.dla_code, r.province_code FROM projects.projects p
            JOIN local_authority_profile.registry_laos r USING (dla_code)
            WHERE p.fiscal_year = 2570 AND p.deleted_at IS NULL ORDER BY p.dla_code LIMIT 1
            """);
        var projects = await db.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM projects.projects " +
            "WHERE dla_code = @code AND fiscal_year = 2570 AND deleted_at IS NULL",
            new { code });
        Assert.True(await db.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM evaluation.implementation_scores WHERE dla_code = @code", new { code }) > 0);

        // the LAO: its projects through the API, its summary page, with no set-up or password change asked
        using var api = await App.CreateApiClientAsync(code, Password);
        var list = await api.GetFromJsonAsync<JsonElement>("/api/v1/projects?fiscalYear=2570");
        Assert.Equal(projects, list.GetArrayLength());
        using var pages = await App.SignedInClientAsync(code, Password);
        var summary = await pages.GetAsync("/summary?fiscalYear=2570");
        Assert.Equal(HttpStatusCode.OK, summary.StatusCode);
        Assert.Contains($"data-testid=\"info-projects\">{projects}<", await summary.Content.ReadAsStringAsync());

        // its provincial office: the completeness of its province, where the generated LAOs (the first 20 of the
        // registry) have their basic data saved and most reported
        var (registry, generated) = await db.QuerySingleAsync<(int, int)>("""
            SELECT count(*)::int, count(p.dla_code)::int FROM local_authority_profile.registry_laos r
            LEFT JOIN local_authority_profile.profiles p USING (dla_code) WHERE r.province_code = @province
            """, new { province });
        using var office = await App.CreateApiClientAsync("prov" + province, Password);
        var completeness = await office.GetFromJsonAsync<JsonElement>(
            "/api/v1/admin/completeness?fiscalYear=2570&round=6");
        var total = completeness.GetProperty("total");
        Assert.Equal(20, generated);
        Assert.Equal(registry, total.GetProperty("laoCount").GetInt32());
        Assert.Equal(generated, total.GetProperty("profileCompleted").GetInt32());
        Assert.InRange(total.GetProperty("roundReported").GetInt32(), generated / 2, generated);
        Assert.Equal(registry, completeness.GetProperty("rows").GetArrayLength());
    }

    /// <summary>The rows of every module table (a row's text, in order), but the password's hash: its salt is random
    /// by the hasher's design, the one value two runs of a seed do not share.</summary>
    private async Task<Dictionary<string, string>> ChecksumsAsync()
    {
        await using var db = new NpgsqlConnection(App.ConnectionString);
        var tables = await db.QueryAsync<string>("""
            SELECT table_schema || '.' || table_name FROM information_schema.tables
            WHERE table_type = 'BASE TABLE' AND table_name <> 'schema_versions'
              AND table_schema IN ('identity', 'local_authority_profile', 'projects', 'evaluation', 'reporting')
            ORDER BY 1
            """);
        var sums = new Dictionary<string, string>();
        foreach (var table in tables)
            sums[table] = await db.QuerySingleAsync<string>(
                "SELECT count(*) || ' rows ' || coalesce(md5(string_agg(r, E'\\n' ORDER BY r)), '') " +
                $"FROM (SELECT (to_jsonb(t) - 'password_hash')::text AS r FROM {table} t) s");
        return sums;
    }
}
