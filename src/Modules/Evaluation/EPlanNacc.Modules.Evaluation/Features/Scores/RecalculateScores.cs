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

/// <summary>Recalculates the scores of every LAO of the registry for a fiscal year, in one statement that writes only
/// the rows that changed. Returns how many score rows it wrote or deleted.</summary>
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
        await ScoreSql.RecalculateAsync(db, sender, command.FiscalYear, [command.DlaCode], wholeYear: false,
            clock.GetUtcNow(), ct);
}

public sealed class RecalculateFiscalYearScoresHandler(DbSession db, ISender sender, TimeProvider clock,
    ILogger<RecalculateFiscalYearScoresHandler> logger)
    : ICommandHandler<RecalculateFiscalYearScoresCommand, int>
{
    public async ValueTask<int> Handle(RecalculateFiscalYearScoresCommand command, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var laos = await sender.Send(new ListLaosQuery(), ct);
        var rows = await ScoreSql.RecalculateAsync(db, sender, command.FiscalYear,
            laos.Select(l => l.DlaCode).ToList(), wholeYear: true, clock.GetUtcNow(), ct);
        logger.LogInformation("Scores of fiscal year {FiscalYear} recalculated for {Laos} LAOs ({Rows} " +
                              "rows written) in {Elapsed} ms",
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
            await ScoreSql.RecalculateAsync(db, sender, year.Key, codes, wholeYear: false, clock.GetUtcNow(), ct);
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

/// <summary>The set-based calculation. The Projects module counts the results where they live and answers per LAO,
/// round and dimension (<see cref="ListRoundTalliesQuery"/>: what <see cref="RoundCount"/> counts, some 61,000 rows
/// for a national year); each tally, and their sum per LAO and round (the plan's total), is scored by the one rule
/// (<see cref="ImplementationScoreFormula"/>, <see cref="ScoreBands"/>), and one statement writes the rows that
/// changed: inserted or updated in one upsert from arrays, those of a dimension or an LAO left without a live project
/// deleted. A lock per fiscal year makes two recalculations at once run one after the other: running twice gives the
/// same rows (docs/adr/0036-scores-from-tallies.md).
/// A recalculation of given LAOs (after their changes) writes every row of theirs with the time of this calculation;
/// the recalculation of a whole year writes only the rows whose figures changed (after the changes' own
/// recalculations, mostly none) and records the year's run in evaluation.score_runs, whose time the stored rows then
/// give as theirs (ScoreContractHandlers.cs: the later of the two), as if every row had been written again.
/// tests/EPlanNacc.IntegrationTests/Evaluation/ScoreRuleAgreementTests.cs and RoundTallyTests.cs compare the stored
/// rows with the rules applied to every project.</summary>
internal static class ScoreSql
{
    private const int LockClass = 0x45564131; // "EVA1"

    /// <summary>Recalculates the scores of <paramref name="dlaCodes"/> for a fiscal year. With
    /// <paramref name="wholeYear"/> the codes are every LAO of the registry: the tallies are asked for the whole year
    /// (the covering index read by range) and only the rows that changed are written. Returns how many score rows it
    /// wrote or deleted.</summary>
    public static async Task<int> RecalculateAsync(DbSession db, ISender sender, int fiscalYear,
        IReadOnlyList<string> dlaCodes, bool wholeYear, DateTimeOffset now, CancellationToken ct)
    {
        await db.ExecuteAsync("SELECT pg_advisory_xact_lock(@LockClass, @FiscalYear)",
            new { LockClass, FiscalYear = fiscalYear }, ct);
        // read after taking the lock: the later of two recalculations reads the later data
        var tallies = dlaCodes.Count == 0
            ? [] : await sender.Send(new ListRoundTalliesQuery(fiscalYear, wholeYear ? null : dlaCodes), ct);
        var written = await WriteAsync(db, fiscalYear, dlaCodes, tallies, now, everyRow: !wholeYear, ct);
        if (wholeYear)
            await db.ExecuteAsync("""
                INSERT INTO evaluation.score_runs (fiscal_year, calculated_at) VALUES (@FiscalYear, @Now)
                ON CONFLICT (fiscal_year) DO UPDATE SET calculated_at = excluded.calculated_at
                """, new { FiscalYear = fiscalYear, Now = now }, ct);
        return written;
    }

    /// <summary>Replaces the stored scores of <paramref name="dlaCodes"/> for a fiscal year with those of
    /// <paramref name="tallies"/> (of those LAOs or more: the others are left out): every row of theirs when
    /// <paramref name="everyRow"/>, else only the rows whose figures differ. Returns the rows written or deleted.
    /// </summary>
    public static async Task<int> WriteAsync(DbSession db, int fiscalYear, IReadOnlyList<string> dlaCodes,
        IReadOnlyList<RoundTally> tallies, DateTimeOffset now, bool everyRow, CancellationToken ct)
    {
        var rows = new ScoreColumns(tallies.Count + tallies.Count / 4);
        var wanted = dlaCodes.ToHashSet(StringComparer.Ordinal);
        foreach (var plan in tallies.Where(t => wanted.Contains(t.DlaCode)).GroupBy(t => (t.DlaCode, t.Round)))
        {
            foreach (var t in plan)
                rows.Add(t.DlaCode, t.Round, t.DimensionCode, t.ProjectCount, t.Budget, t.NeedReport, t.Completed,
                    t.InProgress, t.NotPossible);
            rows.Add(plan.Key.DlaCode, plan.Key.Round, "", plan.Sum(t => t.ProjectCount), plan.Sum(t => t.Budget),
                plan.Sum(t => t.NeedReport), plan.Sum(t => t.Completed), plan.Sum(t => t.InProgress),
                plan.Sum(t => t.NotPossible));
        }
        return await db.ExecuteScalarAsync<int>("""
            WITH fresh AS (
                SELECT * FROM unnest(@Dla, @Round, @Dimension, @Projects, @Budget, @Conforming, @Completed,
                                     @InProgress, @NotPossible, @Unreported, @Score, @Band)
                    AS f(dla_code, round, dimension_code, project_count, budget, conforming_count, completed_count,
                         in_progress_count, not_possible_count, unreported_count, score, band)
            ), removed AS (
                DELETE FROM evaluation.implementation_scores s
                WHERE s.fiscal_year = @FiscalYear AND s.dla_code = ANY(@Codes)
                  AND NOT EXISTS (SELECT FROM fresh f WHERE f.dla_code = s.dla_code AND f.round = s.round
                                                        AND f.dimension_code = s.dimension_code)
                RETURNING 1
            ), written AS (
                INSERT INTO evaluation.implementation_scores (
                    dla_code, fiscal_year, round, dimension_code, project_count, budget, conforming_count,
                    completed_count, in_progress_count, not_possible_count, unreported_count, score, band,
                    calculated_at)
                SELECT f.dla_code, @FiscalYear, f.round, f.dimension_code, f.project_count, f.budget,
                       f.conforming_count, f.completed_count, f.in_progress_count, f.not_possible_count,
                       f.unreported_count, f.score, f.band, @Now
                FROM fresh f
                LEFT JOIN evaluation.implementation_scores s
                    ON s.dla_code = f.dla_code AND s.fiscal_year = @FiscalYear AND s.round = f.round
                   AND s.dimension_code = f.dimension_code
                WHERE @EveryRow OR s.dla_code IS NULL
                   OR (s.project_count, s.budget, s.conforming_count, s.completed_count, s.in_progress_count,
                       s.not_possible_count, s.unreported_count, s.score, s.band)
                      IS DISTINCT FROM (f.project_count, f.budget, f.conforming_count, f.completed_count,
                                        f.in_progress_count, f.not_possible_count, f.unreported_count, f.score, f.band)
                ON CONFLICT (dla_code, fiscal_year, round, dimension_code) DO UPDATE
                SET project_count = excluded.project_count, budget = excluded.budget,
                    conforming_count = excluded.conforming_count, completed_count = excluded.completed_count,
                    in_progress_count = excluded.in_progress_count, not_possible_count = excluded.not_possible_count,
                    unreported_count = excluded.unreported_count, score = excluded.score, band = excluded.band,
                    calculated_at = excluded.calculated_at
                RETURNING 1
            )
            SELECT ((SELECT count(*) FROM removed) + (SELECT count(*) FROM written))::int
            """,
            new
            {
                FiscalYear = fiscalYear, Codes = dlaCodes.ToArray(), Now = now, EveryRow = everyRow,
                Dla = rows.Dla.ToArray(), Round = rows.Round.ToArray(), Dimension = rows.Dimension.ToArray(),
                Projects = rows.Projects.ToArray(), Budget = rows.Budget.ToArray(),
                Conforming = rows.Conforming.ToArray(), Completed = rows.Completed.ToArray(),
                InProgress = rows.InProgress.ToArray(), NotPossible = rows.NotPossible.ToArray(),
                Unreported = rows.Unreported.ToArray(), Score = rows.Score.ToArray(), Band = rows.Band.ToArray(),
            }, ct);
    }

    /// <summary>The score rows to write, column by column (the arrays the statement unnests; no object per row).
    /// </summary>
    private sealed class ScoreColumns(int capacity)
    {
        public List<string> Dla { get; } = new(capacity);
        public List<int> Round { get; } = new(capacity);
        public List<string> Dimension { get; } = new(capacity);
        public List<int> Projects { get; } = new(capacity);
        public List<decimal> Budget { get; } = new(capacity);
        public List<int> Conforming { get; } = new(capacity);
        public List<int> Completed { get; } = new(capacity);
        public List<int> InProgress { get; } = new(capacity);
        public List<int> NotPossible { get; } = new(capacity);
        public List<int> Unreported { get; } = new(capacity);
        public List<decimal?> Score { get; } = new(capacity);
        public List<string?> Band { get; } = new(capacity);

        /// <summary>One row, scored by <see cref="ImplementationScoreFormula"/>: a project that needs a report and
        /// has none counts 0.</summary>
        public void Add(string dla, int round, string dimension, int projects, decimal budget, int conforming,
            int completed, int inProgress, int notPossible)
        {
            var unreported = conforming - completed - inProgress - notPossible;
            var (score, band) = ImplementationScoreFormula.Evaluate(round, completed, inProgress, notPossible,
                unreported);
            Dla.Add(dla);
            Round.Add(round);
            Dimension.Add(dimension);
            Projects.Add(projects);
            Budget.Add(budget);
            Conforming.Add(conforming);
            Completed.Add(completed);
            InProgress.Add(inProgress);
            NotPossible.Add(notPossible);
            Unreported.Add(unreported);
            Score.Add(score);
            Band.Add(band);
        }
    }
}
