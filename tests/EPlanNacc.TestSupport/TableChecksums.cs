using System.Text;
using Dapper;
using Npgsql;

namespace EPlanNacc.TestSupport;

/// <summary>What a refusal must leave alone, proven: the checksum of every row of some tables, taken before and after
/// (equal checksums, nothing written).</summary>
public static class TableChecksums
{
    /// <summary>Each table of <paramref name="schemasOrTables"/> (a schema stands for all its tables, or
    /// <c>schema.table</c>) with its row count and the md5 of its rows in a stable order.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ChecksumAsync(this AppFixture app,
        params string[] schemasOrTables)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        var tables = await connection.QueryAsync<(string Schema, string Name)>("""
            SELECT table_schema, table_name FROM information_schema.tables
            WHERE table_type = 'BASE TABLE'
              AND (table_schema = ANY(@names) OR table_schema || '.' || table_name = ANY(@names))
            ORDER BY 1, 2
            """, new { names = schemasOrTables });
        var sums = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (schema, name) in tables)
        {
            var table = $"{Quote(schema)}.{Quote(name)}";
            sums[$"{schema}.{name}"] = await connection.QuerySingleAsync<string>(
                $"SELECT count(*) || ' rows ' || coalesce(md5(string_agg(t::text, E'\\n' ORDER BY t::text)), '') " +
                $"FROM {table} t");
        }
        if (sums.Count == 0) throw new InvalidOperationException("no table in " + string.Join(", ", schemasOrTables));
        return sums;
    }

    private static string Quote(string identifier) =>
        new StringBuilder("\"").Append(identifier.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"')
            .ToString();
}
