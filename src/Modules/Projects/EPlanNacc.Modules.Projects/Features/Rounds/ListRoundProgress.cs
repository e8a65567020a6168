using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Validation;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Projects.Features.Projects;
using FluentValidation;
using Mediator;

namespace EPlanNacc.Modules.Projects.Features.Rounds;

public sealed class ListRoundProgressValidator : AbstractValidator<ListRoundProgressQuery>
{
    public ListRoundProgressValidator()
    {
        RuleFor(x => x.FiscalYear).ValidFiscalYear();
        RuleFor(x => x.Round).ValidRound();
    }
}

/// <summary>The contract of <see cref="ListRoundProgressQuery"/>: the counts per LAO as the database keeps them
/// (<c>projects.lao_round_counts</c>, recounted by triggers as projects and reports change: migration projects/0010,
/// docs/adr/0034-round-counts-kept-as-they-change.md), the round's calendar, and the on-time rule of
/// <see cref="RoundProgressRules"/>. With the names of the projects still to report (the reminders), one GROUP BY over
/// the year's live projects joined to their reports instead.</summary>
public sealed class ListRoundProgressHandler(DbSession db) : IQueryHandler<ListRoundProgressQuery, RoundProgress>
{
    // a class, not a positional record: Dapper sets an array column into a property, but cannot match it to a
    // constructor parameter
    private sealed class Row
    {
        public string DlaCode { get; init; } = "";
        public int ProjectCount { get; init; }
        public int NeedReport { get; init; }
        public int Reported { get; init; }
        public DateTimeOffset? LastFirstReportedAt { get; init; }
        public string[] Unreported { get; init; } = [];
    }

    /// <summary>The names of the projects still to report, by dimension and entry: read from the table, so only when
    /// asked (the counts alone are kept).</summary>
    private const string UnreportedNames = """
        ,
                   coalesce(array_agg(p.name ORDER BY string_to_array(p.dimension_code, '.')::integer[], p.entry_no)
                            FILTER (WHERE p.conformity <> 'non_conforming' AND r.project_id IS NULL),
                            '{}') AS unreported
        """;

    /// <summary>The counts as kept (the same figures as <see cref="CountedWithNames"/>; a test compares them).
    /// </summary>
    private const string KeptCounts = """
        SELECT dla_code, project_count, need_report, reported, last_first_reported_at
        FROM projects.lao_round_counts
        WHERE fiscal_year = @FiscalYear AND round = @Round AND project_count > 0
          AND (@All OR dla_code = ANY(@Codes))
        ORDER BY dla_code
        """;

    // "needs a report" is RoundCount.NeedsReport: every project but one screened non-conforming
    private const string CountedWithNames = """
        SELECT p.dla_code,
               count(*)::int AS project_count,
               count(*) FILTER (WHERE p.conformity <> 'non_conforming')::int AS need_report,
               count(r.project_id) FILTER (WHERE p.conformity <> 'non_conforming')::int AS reported,
               max(r.first_reported_at) FILTER (WHERE p.conformity <> 'non_conforming') AS last_first_reported_at
        """ + UnreportedNames + """

        FROM projects.projects p
        LEFT JOIN projects.round_reports r ON r.project_id = p.id AND r.round = @Round
        WHERE p.fiscal_year = @FiscalYear AND p.deleted_at IS NULL
          AND (@All OR p.dla_code = ANY(@Codes))
        GROUP BY p.dla_code
        ORDER BY p.dla_code
        """;

    public async ValueTask<RoundProgress> Handle(ListRoundProgressQuery query, CancellationToken ct)
    {
        var calendar = await RoundCalendarStore.LoadAsync(db, query.FiscalYear, query.DlaCodes, ct);
        if (query.DlaCodes is { Count: 0 })
            return Progress(calendar, query.Round, []);
        var parameters = new
        {
            query.FiscalYear, Round = (short)query.Round, All = query.DlaCodes is null,
            Codes = query.DlaCodes?.Distinct().ToArray() ?? [],
        };
        var rows = query.WithUnreportedNames
            ? await db.QueryAsync<Row>(CountedWithNames, parameters, ct)
            : await db.QueryAsync<Row>(KeptCounts, parameters, ct);
        return Progress(calendar, query.Round, rows);
    }

    private static RoundProgress Progress(RoundCalendar calendar, int round, IEnumerable<Row> rows)
    {
        var period = calendar.Round(round);
        var extensions = calendar.Extensions.Where(e => e.Round == round).ToDictionary(e => e.DlaCode, e => e.Until);
        var progress = new RoundProgress(calendar.FiscalYear, round, period.OpensOn, period.Deadline, [], extensions);
        return progress with
        {
            Laos = rows.Select(r =>
            {
                var state = RoundCount.StateOf(r.ProjectCount, r.NeedReport, r.Reported);
                var finishedAt = state == LaoRoundState.Complete ? r.LastFirstReportedAt : null;
                var done = state is LaoRoundState.Complete or LaoRoundState.NotRequired;
                var timing = RoundProgressRules.Timing(finishedAt, period.Deadline, progress.LastDayOf(r.DlaCode));
                return new LaoRoundProgress(r.DlaCode, r.ProjectCount, r.NeedReport, r.Reported, finishedAt,
                    progress.LastDayOf(r.DlaCode), OnTime: done && timing != ReportTiming.Late,
                    InExtension: done && timing == ReportTiming.InExtension)
                { Unreported = r.Unreported };
            }).ToList(),
        };
    }
}

public enum ReportTiming { ByDeadline, InExtension, Late }

/// <summary>Whether a round was finished in time: the day (Bangkok time) of the last first report against the round's
/// deadline and the LAO's own last day (its extension, when staff granted one). Both last days are included, as
/// for <see cref="RoundWindow"/>.</summary>
public static class RoundProgressRules
{
    /// <param name="finishedAt">When the last project that needed a report was first reported (null: nothing to
    /// report, which is never late).</param>
    public static ReportTiming Timing(DateTimeOffset? finishedAt, DateOnly deadline, DateOnly lastDay)
    {
        if (finishedAt is not { } at) return ReportTiming.ByDeadline;
        var day = ProjectChangeRules.DayInBangkok(at);
        return day <= deadline ? ReportTiming.ByDeadline
            : day <= lastDay ? ReportTiming.InExtension
            : ReportTiming.Late;
    }
}
