using Dapper;
using EPlanNacc.Modules.Projects.Contracts;
using Npgsql;

namespace EPlanNacc.DataGenerator;

/// <summary>A registry LAO, with the names of its province and district.</summary>
public sealed record RegistryLao(string DlaCode, string NameTh, string NameShortTh, string LaoType,
    string ProvinceCode, string ProvinceNameTh, string DistrictCode, string DistrictNameTh);

/// <summary>A mission or sub-mission of the taxonomy under one of the four dimensions.</summary>
public sealed record Mission(string Code, int Dimension);

/// <summary>A round's dates: when it opens and its deadline.</summary>
public sealed record RoundDates(int FiscalYear, int Round, DateOnly OpensOn, DateOnly Deadline);

/// <summary>What the generated rows refer to, read from the migrated database: the LAO registry (loaded by the host's
/// start-up), the taxonomy of each fiscal year's plan period and the round calendar.</summary>
public sealed record Reference(IReadOnlyList<RegistryLao> Laos, IReadOnlyDictionary<int, string> PlanPeriods,
    IReadOnlyDictionary<int, IReadOnlyList<Mission>> Missions, IReadOnlyList<RoundDates> Rounds)
{
    public static async Task<Reference> ReadAsync(NpgsqlConnection connection, GeneratorOptions options)
    {
        var laos = (await connection.QueryAsync<RegistryLao>("""
            SELECT r.dla_code AS DlaCode, r.name_th AS NameTh, r.name_short_th AS NameShortTh, r.lao_type AS LaoType,
                   r.province_code AS ProvinceCode, p.name_th AS ProvinceNameTh, r.district_code AS DistrictCode,
                   d.name_th AS DistrictNameTh
            FROM local_authority_profile.registry_laos r
            JOIN local_authority_profile.provinces p ON p.code = r.province_code
            JOIN local_authority_profile.districts d ON d.code = r.district_code
            ORDER BY r.province_code, r.dla_code
            """)).ToList();
        if (laos.Count == 0)
            throw new InvalidOperationException("The LAO registry is empty: the host's start-up did not load it.");
        if (options.Laos is { } n) laos = laos.Take(n).ToList();

        var periods = new Dictionary<int, string>();
        var missions = new Dictionary<int, IReadOnlyList<Mission>>();
        foreach (var year in options.Years)
        {
            var period = await connection.QuerySingleOrDefaultAsync<string>("""
                SELECT code FROM projects.plan_periods WHERE @year BETWEEN first_fiscal_year AND last_fiscal_year
                ORDER BY code LIMIT 1
                """, new { year })
                ?? throw new InvalidOperationException($"No plan period covers fiscal year {year}.");
            periods[year] = period;
            missions[year] = (await connection.QueryAsync<(string Code, string Dimension)>("""
                SELECT code, split_part(code, '.', 1) FROM projects.dimension_nodes
                WHERE plan_period = @period AND level <> 'dimension' ORDER BY sort_key
                """, new { period })).Select(m => new Mission(m.Code, int.Parse(m.Dimension,
                    System.Globalization.CultureInfo.InvariantCulture))).ToList();
            if (!Enumerable.Range(1, 4).All(d => missions[year].Any(m => m.Dimension == d)))
                throw new InvalidOperationException($"The plan period {period} lacks the missions of a dimension.");
        }

        var set = (await connection.QueryAsync<(int Year, short Round, DateTime OpensOn, DateTime Deadline)>(
            "SELECT fiscal_year, round, opens_on::timestamp, deadline::timestamp FROM projects.rounds " +
            "WHERE fiscal_year = ANY(@Years)",
            new { Years = options.Years.ToArray() })).ToList();
        var rounds = options.Years.SelectMany(year => RoundReportCodes.Rounds.Select(round =>
        {
            var row = set.FirstOrDefault(r => r.Year == year && r.Round == round);
            var (opens, deadline) = row == default
                ? RoundWindow.DefaultDates(year, round)
                : (DateOnly.FromDateTime(row.OpensOn), DateOnly.FromDateTime(row.Deadline));
            return new RoundDates(year, round, opens, deadline);
        })).ToList();
        return new Reference(laos, periods, missions, rounds);
    }

    public RoundDates Round(int year, int round) => Rounds.Single(r => r.FiscalYear == year && r.Round == round);
}
