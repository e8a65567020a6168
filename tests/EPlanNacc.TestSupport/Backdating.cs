using Npgsql;

namespace EPlanNacc.TestSupport;

/// <summary>Moves facts of the past that no command can set: a test that needs "this project was in the plan before
/// the round closed" records it now, then dates its creation back (the clock of the application is real).</summary>
public static class Backdating
{
    /// <summary>Dates the creation of each project <paramref name="days"/> days back.</summary>
    public static async Task RecordedDaysAgoAsync(this AppFixture app, int days, params Guid[] projectIds)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "UPDATE projects.projects SET created_at = created_at - make_interval(days => @days) WHERE id = ANY(@ids)",
            connection);
        command.Parameters.AddWithValue("days", days);
        command.Parameters.AddWithValue("ids", projectIds);
        var updated = await command.ExecuteNonQueryAsync();
        if (updated != projectIds.Length)
            throw new InvalidOperationException($"{projectIds.Length - updated} of the projects do not exist");
    }
}
