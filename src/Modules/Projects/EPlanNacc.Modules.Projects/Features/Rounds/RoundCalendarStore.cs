using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.Modules.Projects.Contracts;

namespace EPlanNacc.Modules.Projects.Features.Rounds;

/// <summary>Reads a fiscal year's round calendar: the dates NACC
/// set, else the domain default, and the extensions.</summary>
internal static class RoundCalendarStore
{
    private sealed class RoundRow
    {
        public short Round { get; init; }
        public DateOnly OpensOn { get; init; }
        public DateOnly Deadline { get; init; }
    }

    private sealed class ExtensionRow
    {
        public short Round { get; init; }
        public string DlaCode { get; init; } = "";
        public DateOnly Until { get; init; }
        public string? Reason { get; init; }
        public DateTimeOffset GrantedAt { get; init; }
        public string GrantedBy { get; init; } = "";
    }

    public static async Task<RoundCalendar> LoadAsync(DbSession db, int fiscalYear, IReadOnlyList<string>? dlaCodes,
        CancellationToken ct)
    {
        // the rounds and the extensions in one round trip (a save under a deadline's surge reads both)
        var (set, extensions) = await db.QueryTwoAsync<RoundRow, ExtensionRow>("""
            SELECT round, opens_on, deadline FROM projects.rounds WHERE fiscal_year = @fiscalYear;
            SELECT round, dla_code, until, reason, granted_at, granted_by
            FROM projects.round_extensions
            WHERE fiscal_year = @fiscalYear AND (@All OR dla_code = ANY(@Codes))
            ORDER BY round, dla_code
            """, new { fiscalYear, All = dlaCodes is null, Codes = dlaCodes?.ToArray() ?? [] }, ct);
        var rounds = RoundReportCodes.Rounds.Select(round =>
        {
            var row = set.FirstOrDefault(r => r.Round == round);
            if (row is not null) return new RoundPeriod(fiscalYear, round, row.OpensOn, row.Deadline, IsDefault: false);
            var (opensOn, deadline) = RoundWindow.DefaultDates(fiscalYear, round);
            return new RoundPeriod(fiscalYear, round, opensOn, deadline, IsDefault: true);
        }).ToList();
        return new RoundCalendar(fiscalYear, rounds,
            extensions.Select(e => new RoundExtension(fiscalYear, e.Round, e.DlaCode, e.Until, e.Reason, e.GrantedAt,
                e.GrantedBy)).ToList());
    }
}

