using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.Modules.Reporting.Features.Completeness;
using EPlanNacc.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EPlanNacc.IntegrationTests.ScaleOut;

/// <summary>The report reads go through ConnectionStrings:Reports, which the test host sets to the application's
/// login named <see cref="AppFixture.ReportsApplicationName"/> in read-only transactions, as a replica's would be: the
/// reports read there, and nothing can write there, so every report test of the suite also proves that no report
/// writes (docs/adr/0033-several-instances.md).</summary>
[Trait(AnyDay.Trait, AnyDay.Value)]
public sealed class ReportsReplicaTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task A_report_reads_through_the_reports_connection_string()
    {
        // the application's own login sees everything of its own sessions in pg_stat_activity
        await using var observer = new NpgsqlConnection(App.AppConnectionString + ";Application Name=observer");
        await observer.OpenAsync();
        const string latest = """
            SELECT coalesce(max(state_change), '-infinity') FROM pg_stat_activity
            WHERE application_name = @name AND datname = current_database()
            """;
        async Task<DateTime> LatestAsync()
        {
            await using var command = new NpgsqlCommand(latest, observer);
            command.Parameters.AddWithValue("name", AppFixture.ReportsApplicationName);
            return (DateTime)(await command.ExecuteScalarAsync())!;
        }
        var before = await LatestAsync();

        var report = await App.SendAsync(TestUser.Provincial(), new GetCompletenessQuery(App.CurrentYear, 6));

        Assert.NotEmpty(report.Laos);
        Assert.True(await LatestAsync() > before, "the report did not read through ConnectionStrings:Reports");
    }

    [Fact]
    public async Task The_reports_pool_of_the_tests_cannot_write_and_a_command_never_uses_it()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DbSession>();
        await using (await db.UseReportsAsync())
        {
            Assert.Equal(AppFixture.ReportsApplicationName,
                await db.ExecuteScalarAsync<string>("SELECT current_setting('application_name')"));
            var refused = await Assert.ThrowsAsync<PostgresException>(() => db.ExecuteAsync(
                "INSERT INTO identity.request_counts (bucket, window_start, window_end, hits) " +
                "VALUES ('test', @at, @at, 1)", new { at = App.Clock.GetUtcNow() }));
            Assert.Equal(PostgresErrorCodes.ReadOnlySqlTransaction, refused.SqlState);
        }
        // back on the primary afterwards; and inside a transaction a report's reads stay on it
        Assert.NotEqual(AppFixture.ReportsApplicationName,
            await db.ExecuteScalarAsync<string>("SELECT current_setting('application_name')"));
        await db.InTransactionAsync(async () =>
        {
            Assert.Null(await db.UseReportsAsync());
            return 0;
        });
    }
}
