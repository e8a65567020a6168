using Npgsql;

namespace EPlanNacc.TestSupport;

/// <summary>The PostgreSQL database a test project uses: created when absent, on the server scripts/ensure-deps
/// starts, by the owner's login (it has CREATEDB; EPLAN_DB_USER/EPLAN_DB_PASSWORD, or the checkout's .run/db-password
/// that scripts/lib/env.sh generates), which the tests also use to arrange and reset data and the application to run
/// its migrations. The application itself uses the application's login (<see cref="AppConnectionString"/>), as in
/// production: it has no CREATEDB and owns nothing (docs/adr/0021-two-database-logins.md).</summary>
public static class TestDatabase
{
    /// <summary>Each checkout tests in databases of its own (a suffix from its path, or EPLAN_TEST_DB_SUFFIX): two
    /// checkouts on one machine never empty each other's tables in the middle of a run.</summary>
    public static string ConnectionString(string database) =>
        Build(database, Environment.GetEnvironmentVariable("EPLAN_DB_USER") ?? "eplan", OwnerPassword());

    /// <summary>The application's login to the same database (EPLAN_DB_APP_USER/EPLAN_DB_APP_PASSWORD, else
    /// <c>eplan_app</c> with the password scripts/lib/env.sh derives from the owner's).</summary>
    public static string AppConnectionString(string database) =>
        Build(database, Environment.GetEnvironmentVariable("EPLAN_DB_APP_USER") ?? "eplan_app",
            Environment.GetEnvironmentVariable("EPLAN_DB_APP_PASSWORD") is { Length: > 0 } password
                ? password : DeriveAppPassword(OwnerPassword()));

    /// <summary>As scripts/lib/env.sh: the first 32 hex digits of the SHA-256 of "eplan-app-login:" and the owner's
    /// password, so that every checkout that shares the owner's password file agrees on the application's.</summary>
    public static string DeriveAppPassword(string ownerPassword) => Convert.ToHexString(
        System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes("eplan-app-login:" + ownerPassword)))[..32].ToLowerInvariant();

    private static string OwnerPassword() =>
        Environment.GetEnvironmentVariable("EPLAN_DB_PASSWORD") is { Length: > 0 } password ? password
            : ReadPasswordFile() ?? throw new InvalidOperationException(
                "No database password: run scripts/test (it sets EPLAN_DB_PASSWORD), or scripts/ensure-deps first.");

    private static string Build(string database, string user, string password) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = 5432,
        Database = database + (Environment.GetEnvironmentVariable("EPLAN_TEST_DB_SUFFIX") ?? CheckoutSuffix()),
        Username = user, Password = password, Pooling = true, MaxPoolSize = 40, IncludeErrorDetail = true,
    }.ConnectionString;

    public static async Task EnsureCreatedAsync(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var name = builder.Database!;
        builder.Database = "postgres";
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", name);
        if (await exists.ExecuteScalarAsync() is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "")}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
    }

    private static string CheckoutSuffix()
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(RepositoryRoot()));
        return "_" + Convert.ToHexString(hash, 0, 4).ToLowerInvariant();
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EPlanNacc.sln"))) dir = dir.Parent;
        return dir?.FullName
            ?? throw new InvalidOperationException("EPlanNacc.sln not found above " + AppContext.BaseDirectory);
    }

    private static string? ReadPasswordFile()
    {
        var file = Path.Combine(RepositoryRoot(), ".run", "db-password");
        return File.Exists(file) ? File.ReadAllText(file).Trim() : null;
    }
}
