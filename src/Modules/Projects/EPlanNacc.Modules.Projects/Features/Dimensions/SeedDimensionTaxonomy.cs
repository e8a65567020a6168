using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Modules;
using EPlanNacc.BuildingBlocks.Security;
using Mediator;

namespace EPlanNacc.Modules.Projects.Features.Dimensions;

/// <summary>Seeds the plan periods and their taxonomies from the reference file, idempotently: a node already
/// present (perhaps edited by an admin) is left as it is. 2566-2570 starts from the 2561-2564 missions, with
/// dimension 2 renamed การบริหารราชการด้วยความโปร่งใส (domain reference).</summary>
[Allow(Caller.Module)]
public sealed record SeedDimensionTaxonomyCommand : ICommand<int>;

public sealed class SeedDimensionTaxonomyHandler(DbSession db, DimensionTreesRead read)
    : ICommandHandler<SeedDimensionTaxonomyCommand, int>
{
    internal static readonly (string Code, int First, int Last, string Name)[] Periods =
    [
        ("2561-2564", 2561, 2564, "แผนปฏิบัติการป้องกันการทุจริต 4 ปี (พ.ศ. 2561-2564)"),
        ("2566-2570", 2566, 2570, "แผนปฏิบัติการป้องกันการทุจริต 5 ปี (พ.ศ. 2566-2570)"),
    ];

    public async ValueTask<int> Handle(SeedDimensionTaxonomyCommand command, CancellationToken ct)
    {
        var rows = EmbeddedData.ReadCsv(typeof(SeedDimensionTaxonomyHandler).Assembly,
            "reference.dimensions_2561_2564.csv");
        await db.ExecuteAsync("""
            INSERT INTO projects.plan_periods (code, first_fiscal_year, last_fiscal_year, name_th)
            SELECT * FROM unnest(@Codes, @Firsts, @Lasts, @Names)
            ON CONFLICT (code) DO NOTHING
            """,
            new
            {
                Codes = Periods.Select(p => p.Code).ToArray(), Firsts = Periods.Select(p => p.First).ToArray(),
                Lasts = Periods.Select(p => p.Last).ToArray(), Names = Periods.Select(p => p.Name).ToArray(),
            }, ct);

        var inserted = 0;
        foreach (var period in Periods)
        {
            // parents first, so that the foreign key to the parent holds row by row
            var ordered = rows.OrderBy(r => r[0].Count(c => c == '.')).ToList();
            inserted += await db.ExecuteAsync("""
                INSERT INTO projects.dimension_nodes
                    (plan_period, code, level, parent_code, name_th, name_en, verification, sort_key)
                SELECT @Period, n.code, n.level, nullif(n.parent, ''), n.name_th, n.name_en, n.verification,
                       string_to_array(n.code, '.')::integer[]
                FROM unnest(@Codes, @Levels, @Parents, @NamesTh, @NamesEn, @Verifications) WITH ORDINALITY
                     AS n(code, level, parent, name_th, name_en, verification, ord)
                ORDER BY n.ord
                ON CONFLICT (plan_period, code) DO NOTHING
                """,
                new
                {
                    Period = period.Code,
                    Codes = ordered.Select(r => r[0]).ToArray(),
                    Levels = ordered.Select(r => r[1]).ToArray(),
                    Parents = ordered.Select(r => r[2]).ToArray(),
                    NamesTh = ordered.Select(r => NameFor(period.Code, r[0], r[3])).ToArray(),
                    NamesEn = ordered.Select(r => r[4]).ToArray(),
                    Verifications = ordered.Select(r => r[5]).ToArray(),
                }, ct);
        }
        read.Trees.Clear(); // the trees read before are read again
        return inserted;
    }

    private static string NameFor(string period, string code, string name) =>
        period == "2566-2570" && code == "2" ? "การบริหารราชการด้วยความโปร่งใส" : name;
}
