using System.Data.Common;
using Npgsql;

namespace EPlanNacc.BuildingBlocks.Data;

/// <summary>Server-side prepared statements for the application's pools, unless the connection string says otherwise
/// (docs/adr/0037-a-save-under-a-deadline-surge.md): a statement run <see cref="MinUsages"/> times on a connection is
/// prepared there, and PostgreSQL then skips its parse and plan (the SQL texts are constants, Dapper's parameters).
/// Safe across schema changes: PostgreSQL replans a prepared statement after DDL on what it reads; only a changed
/// result type (a column's type altered under a running instance) fails that statement on the connections that
/// prepared it until they close, and a rolling upgrade that changes a column's type restarts the instances anyway.
/// </summary>
public static class AutoPrepare
{
    /// <summary>The statements kept prepared per connection (the application's hot statements fit).</summary>
    public const int MaxStatements = 100;
    public const int MinUsages = 2;

    public static void Apply(NpgsqlDataSourceBuilder builder, string connectionString)
    {
        if (Names(connectionString, "maxautoprepare")) return;
        builder.ConnectionStringBuilder.MaxAutoPrepare = MaxStatements;
        if (!Names(connectionString, "autoprepareminusages"))
            builder.ConnectionStringBuilder.AutoPrepareMinUsages = MinUsages;
    }

    /// <summary>Whether the connection string sets the key itself (spaces and case aside).</summary>
    private static bool Names(string connectionString, string key) =>
        new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Any(k => string.Equals(k.Replace(" ", "", StringComparison.Ordinal), key,
                StringComparison.OrdinalIgnoreCase));
}
