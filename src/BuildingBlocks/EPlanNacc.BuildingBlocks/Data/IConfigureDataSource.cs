using Npgsql;

namespace EPlanNacc.BuildingBlocks.Data;

/// <summary>Adds to the application's <see cref="NpgsqlDataSource"/> before it is built (every registered one, in
/// order): the tests record the statements a request runs through it (its tracing's command callback).</summary>
public interface IConfigureDataSource
{
    void Configure(NpgsqlDataSourceBuilder builder);
}
