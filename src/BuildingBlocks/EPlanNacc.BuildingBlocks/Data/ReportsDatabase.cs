using Npgsql;

namespace EPlanNacc.BuildingBlocks.Data;

/// <summary>A message that only reads, for a report or a roll-up, and may read a replica of the database: its handler
/// and every query it sends run on <c>ConnectionStrings:Reports</c> (<see cref="ReportsDataSource"/>), unless a
/// transaction is already open (a command that prints a report reads what it wrote, on the primary). Such a handler
/// never writes: a replica refuses it (docs/adr/0033-several-instances.md).</summary>
public interface IReadsReports;

/// <summary>The pool of the report reads: <c>ConnectionStrings:Reports</c>, a read-only replica's connection string, or
/// the application's own pool when that is not set (the default).</summary>
public sealed class ReportsDataSource(NpgsqlDataSource dataSource)
{
    public NpgsqlDataSource DataSource { get; } = dataSource;
}
