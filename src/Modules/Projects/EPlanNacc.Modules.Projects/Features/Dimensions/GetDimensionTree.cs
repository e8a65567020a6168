using System.Collections.Concurrent;
using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Validation;
using EPlanNacc.Modules.Projects.Contracts;
using FluentValidation;
using Mediator;

namespace EPlanNacc.Modules.Projects.Features.Dimensions;

/// <summary>The trees read so far, per fiscal year, for the life of the process: the taxonomy is written only by
/// <see cref="SeedDimensionTaxonomyCommand"/> when the host starts (which empties this), and every page and form
/// reads it (docs/adr/0038-national-pages-read-lightly.md).</summary>
public sealed class DimensionTreesRead
{
    internal ConcurrentDictionary<int, DimensionTree> Trees { get; } = new();
}

public sealed class GetDimensionTreeHandler(DbSession db, DimensionTreesRead read)
    : IQueryHandler<GetDimensionTreeQuery, DimensionTree>
{
    private sealed record Period(string Code, string NameTh);
    private sealed record Row(string Code, string Level, string? ParentCode, string NameTh);

    public async ValueTask<DimensionTree> Handle(GetDimensionTreeQuery query, CancellationToken ct) =>
        read.Trees.TryGetValue(query.FiscalYear, out var tree)
            ? tree
            : read.Trees.GetOrAdd(query.FiscalYear, await ReadAsync(query, ct));

    private async Task<DimensionTree> ReadAsync(GetDimensionTreeQuery query, CancellationToken ct)
    {
        var period = await db.QueryFirstOrDefaultAsync<Period>("""
            SELECT code, name_th FROM projects.plan_periods
            WHERE first_fiscal_year <= @FiscalYear
            ORDER BY (@FiscalYear <= last_fiscal_year) DESC, first_fiscal_year DESC
            LIMIT 1
            """, query, ct) ?? throw new NotFoundException("ไม่พบแผนปฏิบัติการที่ใช้ในปีงบประมาณนี้");
        var rows = await db.QueryAsync<Row>("""
            SELECT code, level, parent_code, name_th FROM projects.dimension_nodes
            WHERE plan_period = @Code ORDER BY sort_key
            """, new { period.Code }, ct);
        var byParent = rows.ToLookup(r => r.ParentCode ?? string.Empty);
        DimensionNode Build(Row r) => new(r.Code, r.NameTh, byParent[r.Code].Select(Build).ToList());
        return new DimensionTree(period.Code, period.NameTh, byParent[string.Empty].Select(Build).ToList());
    }
}

public sealed class GetDimensionTreeValidator : AbstractValidator<GetDimensionTreeQuery>
{
    public GetDimensionTreeValidator()
    {
        RuleFor(x => x.FiscalYear).ValidFiscalYear();
    }
}
