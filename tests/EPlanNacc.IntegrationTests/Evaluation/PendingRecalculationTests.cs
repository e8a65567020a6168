using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Host.Infrastructure;
using EPlanNacc.Modules.Evaluation.Contracts;
using EPlanNacc.Modules.Evaluation.Features.Scores;
using EPlanNacc.TestSupport;

namespace EPlanNacc.IntegrationTests.Evaluation;

/// <summary>The recalculation a change asks for is recorded in the change's own transaction
/// (evaluation.pending_recalculations), so that neither a rollback nor a crash after the commit leaves the scores
/// wrong: a job queued after the commit drains it, and a sweep every minute drains what no job took.</summary>
public sealed class PendingRecalculationTests(AppFixture app) : IntegrationTest(app)
{
    private int Year => App.CurrentYear;

    private sealed record PendingRow(string DlaCode, int FiscalYear, long Version);

    private const string SelectPending =
        "SELECT dla_code, fiscal_year, version FROM evaluation.pending_recalculations ORDER BY dla_code, fiscal_year";

    private Task<IReadOnlyList<PendingRow>> PendingAsync() => App.QueryAsync<PendingRow>(SelectPending);

    /// <summary>As the transaction of <paramref name="change"/> sees them.</summary>
    private static Task<IReadOnlyList<PendingRow>> PendingAsync(TestTransaction change) =>
        change.Db.QueryAsync<PendingRow>(SelectPending);

    private Task<IReadOnlyList<PendingRow>> NothingPendingAsync() =>
        Eventually.Async(PendingAsync, p => p.Count == 0, "every pending recalculation drained",
            TimeSpan.FromSeconds(60));

    private Task<IReadOnlyList<ImplementationScoreItem>> ScoresWhenAsync(Func<ImplementationScoreItem, bool> total6) =>
        Eventually.Async(() => App.SendAsync(TestUser.Admin(), new GetImplementationScoresQuery(Year, [Samples.KohYo])),
            s => s.Any(r => r is { Round: 6, DimensionCode: null } && total6(r)), "the scores recalculated",
            TimeSpan.FromSeconds(60));

    /// <summary>Stages what a crash between a commit and its job leaves: the pending row, and no job.</summary>
    private Task LeavePendingRowAsync() => App.ExecuteAsync("""
        INSERT INTO evaluation.pending_recalculations (dla_code, fiscal_year, requested_at)
        VALUES (@KohYo, @Year, '2026-01-01T00:00:00+07:00')
        """, new { Samples.KohYo, Year });

    [Fact]
    public async Task A_change_records_its_recalculation_in_its_own_transaction()
    {
        await App.SetUpLaoAsync();
        await using (var change = await TestTransaction.BeginAsync(App, TestUser.Lao(Samples.KohYo)))
        {
            await change.SendAsync(App.Project());
            Assert.Equal([new PendingRow(Samples.KohYo, Year, 1)], await PendingAsync(change));
            Assert.Empty(await PendingAsync()); // not visible outside the transaction
            await change.RollbackAsync();
            Assert.Empty(change.EnqueuedJobs);
        }
        Assert.Empty(await PendingAsync());

        await using (var change = await TestTransaction.BeginAsync(App, TestUser.Lao(Samples.KohYo)))
        {
            await change.SendAsync(App.Project("โครงการ ก"));
            await change.SendAsync(App.Project("โครงการ ข"));
            Assert.Equal([new PendingRow(Samples.KohYo, Year, 2)], await PendingAsync(change));
            Assert.Empty(change.EnqueuedJobs);
            await change.CommitAsync();
            Assert.Equal([new RecalculatePendingScoresCommand()], change.EnqueuedJobs); // one drain for both
        }
        await ScoresWhenAsync(total => total.ProjectCount == 2);
        await NothingPendingAsync();
    }

    [Fact]
    public async Task A_recalculation_left_without_its_job_is_done_by_the_sweep()
    {
        await App.SetUpLaoAsync();
        await App.CreateProjectAsync();
        await ScoresWhenAsync(total => total.ProjectCount == 1);
        await NothingPendingAsync();
        await App.ExecuteAsync("DELETE FROM evaluation.implementation_scores");

        await LeavePendingRowAsync();
        App.TriggerRecurring(RecurringJobs.PendingScores);
        await ScoresWhenAsync(total => total.ProjectCount == 1);
        await NothingPendingAsync();
    }

    [Fact]
    public async Task A_change_that_commits_while_a_drain_runs_stays_pending_and_is_recalculated()
    {
        await App.SetUpLaoAsync();
        await App.OpenRoundAsync(6);
        var id = await App.CreateProjectAsync();
        await ScoresWhenAsync(total => total is { ConformingCount: 1, CompletedCount: 0 });
        await NothingPendingAsync();
        await LeavePendingRowAsync(); // an earlier change, waiting for its drain (version 1)

        // a change in flight: its transaction has raised the pending row to version 2 and holds it until it commits
        await using var change = await TestTransaction.BeginAsync(App, TestUser.Lao(Samples.KohYo));
        await change.SendAsync(ProjectSamples.Report(id, 6, "completed"));
        // a drain reads version 1, recalculates without the change (not committed), then waits for the row
        var drain = App.SendAsync(SystemUser.Instance, new RecalculatePendingScoresCommand());
        await Eventually.Async(async () => drain.IsCompleted || (await App.QueryAsApplicationAsync<int>("""
            SELECT pid FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'
              AND query LIKE '%DELETE FROM evaluation.pending_recalculations%'
            """)).Count > 0, waiting => waiting, "a drain waiting for the change's row");
        Assert.False(drain.IsCompleted, "the drain did not wait for the change in flight");

        await change.CommitAsync();
        Assert.Equal(1, await drain);
        // the change's row was not deleted with the version the drain read: it is recalculated in turn
        await ScoresWhenAsync(total => total.CompletedCount == 1);
        await NothingPendingAsync();
    }
}
