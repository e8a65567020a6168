using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Jobs;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.Modules.Evaluation.Contracts;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts;
using EPlanNacc.Modules.Projects.Contracts;
using Mediator;
using Microsoft.Extensions.Logging;

namespace EPlanNacc.Modules.Evaluation.Features.Scores;

/// <summary>Recalculates the implementation scores of one LAO for a fiscal year, at once (after a change of its
/// projects, round reports or screenings, <see cref="RecalculatePendingScoresCommand"/> does it in the
/// background).</summary>
[Allow(Caller.Module)]
public sealed record RecalculateLaoScoresCommand(string DlaCode, int FiscalYear) : ICommand<int>;

/// <summary>Recalculates the scores of every LAO of the registry for a fiscal year, in one statement.</summary>
[Allow(Caller.Module)]
public sealed record RecalculateFiscalYearScoresCommand(int FiscalYear) : ICommand<int>;

/// <summary>The nightly job (02:00 Asia/Bangkok): recalculates the fiscal years still open, the current one and the
/// one before (whose 12-month round runs after it ends).</summary>
[Allow(Caller.Module)]
public sealed record RecalculateOpenYearsCommand : ICommand<int>;

public sealed class RecalculateLaoScoresHandler(DbSession db, ISender sender, TimeProvider clock)
    : ICommandHandler<RecalculateLaoScoresCommand, int>
{
    public async ValueTask<int> Handle(RecalculateLaoScoresCommand command, CancellationToken ct) =>
        await ScoreSql.RecalculateAsync(db, sender, command.FiscalYear, [command.DlaCode], clock.GetUtcNow(), ct);
}

public sealed class RecalculateFiscalYearScoresHandler(DbSession db, ISender sender, TimeProvider clock,
    ILogger<RecalculateFiscalYearScoresHandler> logger)
    : ICommandHandler<RecalculateFiscalYearScoresCommand, int>
{
    public async ValueTask<int> Handle(RecalculateFiscalYearScoresCommand command, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var laos = await sender.Send(new ListLaosQuery(), ct);
        var rows = await ScoreSql.RecalculateAsync(db, sender, command.FiscalYear, laos.Select(l => l.DlaCode).ToList(),
            clock.GetUtcNow(), ct);
        logger.LogInformation("Scores of fiscal year {FiscalYear} recalculated for {Laos} LAOs ({Rows} " +
                              "rows) in {Elapsed} ms",
            command.FiscalYear, laos.Count, rows, started.ElapsedMilliseconds);
        return rows;
    }
}

public sealed class RecalculateOpenYearsHandler(ISender sender, TimeProvider clock)
    : ICommandHandler<RecalculateOpenYearsCommand, int>
{
    public async ValueTask<int> Handle(RecalculateOpenYearsCommand command, CancellationToken ct)
    {
        var current = FiscalYear.Of(ThaiFormat.TodayInBangkok(clock));
        var rows = 0;
        foreach (var year in new[] { current - 1, current })
            rows += await sender.Send(new RecalculateFiscalYearScoresCommand(year), ct);
        return rows;
    }
}

/// <summary>Recalculates the scores of every LAO and fiscal year waiting in evaluation.pending_recalculations, then
/// deletes the rows it handled: queued after each change commits, and every minute by the sweep (what a crash
/// between a commit and its job left). Returns how many LAO-years were recalculated.</summary>
[Allow(Caller.Module)]
public sealed record RecalculatePendingScoresCommand : ICommand<int>, ICoalescedCommand;

/// <summary>One drain at a time (an advisory lock: a second one waits, then finds only what came after). A row is
/// deleted only at the version read before recalculating: a change that commits meanwhile has raised the version (or
/// holds the row until it commits, and then has), so its row stays for the next drain instead of being lost.</summary>
public sealed class RecalculatePendingScoresHandler(DbSession db, ISender sender, TimeProvider clock)
    : ICommandHandler<RecalculatePendingScoresCommand, int>
{
    private const int DrainLock = 0x45564132; // "EVA2"

    private sealed record Pending(string DlaCode, int FiscalYear, long Version);

    public async ValueTask<int> Handle(RecalculatePendingScoresCommand command, CancellationToken ct)
    {
        await db.ExecuteAsync("SELECT pg_advisory_xact_lock(@DrainLock)", new { DrainLock }, ct);
        var pending = await db.QueryAsync<Pending>("""
            SELECT dla_code, fiscal_year, version FROM evaluation.pending_recalculations ORDER BY fiscal_year, dla_code
            """, ct: ct);
        if (pending.Count == 0) return 0;
        foreach (var year in pending.GroupBy(p => p.FiscalYear))
        {
            var codes = year.Select(p => p.DlaCode).ToList();
            await ScoreSql.RecalculateAsync(db, sender, year.Key, codes, clock.GetUtcNow(), ct);
        }
        await db.ExecuteAsync("""
            DELETE FROM evaluation.pending_recalculations p
            USING unnest(@Codes, @Years, @Versions) AS h(dla_code, fiscal_year, version)
            WHERE p.dla_code = h.dla_code AND p.fiscal_year = h.fiscal_year AND p.version = h.version
            """,
            new
            {
                Codes = pending.Select(p => p.DlaCode).ToArray(),
                Years = pending.Select(p => p.FiscalYear).ToArray(),
                Versions = pending.Select(p => p.Version).ToArray(),
            }, ct);
        return pending.Count;
    }
}

/// <summary>A change of an LAO's results, in its own transaction: records the LAO and year as pending (committed or
/// rolled back with the change), and once the change commits queues the drain, so a user sees a fresh score within
/// seconds; if the process dies before the job is queued, the sweep finds the row within a minute.</summary>
public sealed class QueueRecalculationHandler(DbSession db, IJobScheduler jobs, TimeProvider clock)
    : INotificationHandler<ProjectResultsChangedNotification>
{
    public async ValueTask Handle(ProjectResultsChangedNotification notification, CancellationToken ct)
    {
        await db.ExecuteAsync("""
            INSERT INTO evaluation.pending_recalculations (dla_code, fiscal_year, requested_at)
            VALUES (@DlaCode, @FiscalYear, @now)
            ON CONFLICT (dla_code, fiscal_year) DO UPDATE
            SET requested_at = excluded.requested_at, version = evaluation.pending_recalculations.version + 1
            """, new { notification.DlaCode, notification.FiscalYear, now = clock.GetUtcNow() }, ct);
        await jobs.EnqueueAfterCommit(db, new RecalculatePendingScoresCommand());
    }
}

/// <summary>The set-based calculation: the Projects module's results (read through its query contract) go to
/// PostgreSQL as arrays, and one statement groups them per LAO, round and dimension (with the plan's total as the
/// ROLLUP row), computes each score and band, and replaces the stored scores of those LAOs. A lock per fiscal year
/// makes two recalculations at once run one after the other: running twice gives the same rows.
/// It is the set-based form of two C# rules, whose codes, weights, decimals and thresholds it is given as
/// parameters: what a round counts (<see cref="RoundCount"/>: only the projects that need a report count) and the
/// score and band (<see cref="ImplementationScoreFormula"/>, <see cref="ScoreBands"/>);
/// tests/EPlanNacc.IntegrationTests/Evaluation/ScoreRuleAgreementTests.cs compares both on generated plans.</summary>
internal static class ScoreSql
{
    private const int LockClass = 0x45564131; // "EVA1"

    public static async Task<int> RecalculateAsync(DbSession db, ISender sender, int fiscalYear,
        IReadOnlyList<string> dlaCodes, DateTimeOffset now, CancellationToken ct)
    {
        await db.ExecuteAsync("SELECT pg_advisory_xact_lock(@LockClass, @FiscalYear)",
            new { LockClass, FiscalYear = fiscalYear }, ct);
        // read after taking the lock: the later of two recalculations reads the later data
        var results = dlaCodes.Count == 0
            ? [] : await sender.Send(new ListProjectResultsQuery(fiscalYear, dlaCodes), ct);
        return await WriteAsync(db, fiscalYear, dlaCodes, results, now, ct);
    }

    /// <summary>Replaces the stored scores of <paramref name="dlaCodes"/> for a fiscal year with those of
    /// <paramref name="results"/> (the projects of those LAOs that year).</summary>
    public static async Task<int> WriteAsync(DbSession db, int fiscalYear, IReadOnlyList<string> dlaCodes,
        IReadOnlyList<ProjectResultItem> results, DateTimeOffset now, CancellationToken ct)
    {
        var (green6, orange6) = ScoreBands.Thresholds(6);
        var (green12, orange12) = ScoreBands.Thresholds(12);
        return await db.ExecuteAsync("""
            DELETE FROM evaluation.implementation_scores WHERE fiscal_year = @FiscalYear AND dla_code = ANY(@Codes);

            WITH projects AS (
                SELECT * FROM unnest(@Dla, @Dimension, @Budget, @Counts, @Status6, @Status12)
                    AS p(dla_code, dimension_code, budget, counts, status6, status12)
            ), by_round AS (
                SELECT p.dla_code, p.dimension_code, p.budget, p.counts, r.round,
                       CASE r.round WHEN 6 THEN p.status6 ELSE p.status12 END AS status
                FROM projects p CROSS JOIN (VALUES (6), (12)) AS r(round)
            ), counted AS (
                SELECT dla_code, round, coalesce(dimension_code, '') AS dimension_code,
                       count(*)::int AS project_count, sum(budget) AS budget,
                       count(*) FILTER (WHERE counts)::int AS conforming_count,
                       count(*) FILTER (WHERE counts AND status = @Completed)::int AS completed_count,
                       count(*) FILTER (WHERE counts AND status = @InProgress)::int AS in_progress_count,
                       count(*) FILTER (WHERE counts AND status = @NotPossible)::int AS not_possible_count,
                       count(*) FILTER (WHERE counts AND status IS NULL)::int AS unreported_count
                FROM by_round
                GROUP BY dla_code, round, ROLLUP (dimension_code)
            ), scored AS (
                SELECT c.*, CASE WHEN conforming_count = 0 THEN NULL
                                 ELSE round((completed_count * @CompletedWeight + in_progress_count * @InProgressWeight
                                             + not_possible_count * @NotPossibleWeight) * 100.0 / conforming_count,
                                            @Decimals) END AS score
                FROM counted c
            )
            INSERT INTO evaluation.implementation_scores (
                dla_code, fiscal_year, round, dimension_code, project_count, budget, conforming_count, completed_count,
                in_progress_count, not_possible_count, unreported_count, score, band, calculated_at)
            SELECT dla_code, @FiscalYear, round, dimension_code, project_count, budget, conforming_count,
                   completed_count, in_progress_count, not_possible_count, unreported_count, score,
                   CASE WHEN score IS NULL THEN NULL
                        WHEN score >= (CASE round WHEN 6 THEN @Green6 ELSE @Green12 END) THEN 'green'
                        WHEN score >= (CASE round WHEN 6 THEN @Orange6 ELSE @Orange12 END) THEN 'orange'
                        ELSE 'red' END,
                   @Now
            FROM scored;
            """,
            new
            {
                FiscalYear = fiscalYear, Codes = dlaCodes.ToArray(), Now = now,
                Dla = results.Select(r => r.DlaCode).ToArray(),
                Dimension = results.Select(r => r.DimensionCode).ToArray(),
                Budget = results.Select(r => r.Budget).ToArray(),
                Counts = results.Select(r => r.CountsAsConforming).ToArray(),
                Status6 = results.Select(r => r.Round6?.Status).ToArray(),
                Status12 = results.Select(r => r.Round12?.Status).ToArray(),
                Green6 = green6, Orange6 = orange6, Green12 = green12, Orange12 = orange12,
                RoundReportCodes.Completed, RoundReportCodes.InProgress, RoundReportCodes.NotPossible,
                ImplementationScoreFormula.CompletedWeight, ImplementationScoreFormula.InProgressWeight,
                ImplementationScoreFormula.NotPossibleWeight, ImplementationScoreFormula.Decimals,
            }, ct);
    }
}
