using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EPlanNacc.IntegrationTests.Database;

/// <summary>The login the application uses (ConnectionStrings:Default, its NpgsqlDataSource) owns nothing it does not
/// need (issue 9 §8): it cannot create a database, cannot create, alter, drop or empty anything in the module schemas
/// or Hangfire's, cannot touch the migrations' journals nor rewrite the audit trail; it reads and writes the rows of
/// every other table, which is its work (docs/adr/0021-two-database-logins.md).</summary>
[Trait(AnyDay.Trait, AnyDay.Value)]
public sealed class DatabaseLoginTests(AppFixture app) : IntegrationTest(app)
{
    private static readonly string[] Schemas = [.. AppFixture.ModuleSchemas, "hangfire"];

    private NpgsqlDataSource ApplicationLogin => App.Services.GetRequiredService<NpgsqlDataSource>();

    /// <summary>Runs <paramref name="sql"/> as the application, in a transaction rolled back whatever happens, and
    /// returns PostgreSQL's refusal (null when it was allowed).</summary>
    private async Task<PostgresException?> TryAsApplicationAsync(string sql)
    {
        await using var connection = await ApplicationLogin.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        try
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            await command.ExecuteNonQueryAsync();
            return null;
        }
        catch (PostgresException ex)
        {
            return ex;
        }
        finally
        {
            await transaction.RollbackAsync();
        }
    }

    private async Task AssertRefusedAsync(string sql)
    {
        var refusal = await TryAsApplicationAsync(sql);
        Assert.True(refusal is not null, $"The application's login was allowed: {sql}");
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refusal.SqlState);
    }

    [Fact]
    public async Task The_application_login_cannot_create_a_database()
    {
        var name = "eplannacc_login_probe_" + Guid.NewGuid().ToString("N")[..8];
        await using var connection = await ApplicationLogin.OpenConnectionAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        try
        {
            var refusal = await Assert.ThrowsAsync<PostgresException>(() => create.ExecuteNonQueryAsync());
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refusal.SqlState);
        }
        finally
        {
            // had it been allowed, the database is not left behind
            await using var owner = new NpgsqlConnection(App.ConnectionString);
            await owner.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name}", owner);
            await drop.ExecuteNonQueryAsync();
        }
    }

    [Theory]
    [InlineData("CREATE SCHEMA login_probe")]
    [InlineData("CREATE TABLE identity.login_probe (id int)")]
    [InlineData("CREATE TABLE local_authority_profile.login_probe (id int)")]
    [InlineData("CREATE TABLE projects.login_probe (id int)")]
    [InlineData("CREATE TABLE evaluation.login_probe (id int)")]
    [InlineData("CREATE TABLE reporting.login_probe (id int)")]
    [InlineData("CREATE TABLE hangfire.login_probe (id int)")]
    [InlineData("CREATE VIEW projects.login_probe AS SELECT 1 AS one")]
    [InlineData("CREATE FUNCTION identity.login_probe() RETURNS int LANGUAGE sql AS 'SELECT 1'")]
    [InlineData("CREATE INDEX login_probe ON identity.users (display_name)")]
    [InlineData("ALTER TABLE projects.projects ADD COLUMN login_probe int")]
    [InlineData("DROP TABLE identity.users")]
    [InlineData("DROP TABLE hangfire.job")]
    [InlineData("DROP SCHEMA reporting CASCADE")]
    [InlineData("TRUNCATE evaluation.implementation_scores")]
    [InlineData("CREATE TRIGGER login_probe BEFORE INSERT ON identity.audit_log FOR EACH ROW " +
                "EXECUTE FUNCTION suppress_redundant_updates_trigger()")]
    public async Task The_application_login_cannot_change_the_schemas(string sql) => await AssertRefusedAsync(sql);

    [Theory]
    [InlineData("UPDATE identity.audit_log SET detail = 'rewritten'")]
    [InlineData("DELETE FROM identity.audit_log")]
    [InlineData("UPDATE identity.account_events SET detail = 'rewritten'")]
    [InlineData("DELETE FROM identity.account_events")]
    [InlineData("SELECT count(*) FROM identity.schema_versions")]
    [InlineData("DELETE FROM projects.schema_versions")]
    [InlineData("INSERT INTO reporting.schema_versions (scriptname, applied) VALUES ('0099_x.sql', '2026-12-01')")]
    public async Task The_application_login_cannot_rewrite_the_audit_trail_nor_the_journals(string sql) =>
        await AssertRefusedAsync(sql);

    [Fact]
    public async Task The_application_login_adds_and_reads_audit_entries()
    {
        Assert.Null(await TryAsApplicationAsync("""
            INSERT INTO identity.audit_log (id, at, action, address)
            VALUES (gen_random_uuid(), '2026-12-01', 'probe.added', '192.0.2.1');
            SELECT count(*) FROM identity.audit_log;
            """));
    }

    [Fact]
    public async Task The_application_login_reads_and_writes_the_rows_of_every_other_table_and_owns_nothing()
    {
        await using var connection = await ApplicationLogin.OpenConnectionAsync();
        // every table of the schemas but the journals and the append-only ones, and every sequence
        await using var lacking = new NpgsqlCommand("""
            SELECT c.oid::regclass::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ANY(@schemas) AND (
                c.relkind IN ('r', 'p') AND c.relname <> 'schema_versions'
                    AND (n.nspname, c.relname) NOT IN (('identity', 'audit_log'), ('identity', 'account_events'))
                    AND NOT has_table_privilege(c.oid, 'SELECT, INSERT, UPDATE, DELETE')
                OR c.relkind = 'S' AND NOT has_sequence_privilege(c.oid, 'USAGE'))
            ORDER BY 1
            """, connection);
        lacking.Parameters.AddWithValue("schemas", Schemas);
        var missing = new List<string>();
        await using (var reader = await lacking.ExecuteReaderAsync())
            while (await reader.ReadAsync()) missing.Add(reader.GetString(0));
        Assert.Empty(missing);

        await using var owned = new NpgsqlCommand("""
            SELECT r.rolsuper OR r.rolcreatedb OR r.rolcreaterole,
                (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = ANY(@schemas) AND pg_has_role(current_user, c.relowner, 'MEMBER')) +
                (SELECT count(*) FROM pg_namespace n
                 WHERE n.nspname = ANY(@schemas) AND pg_has_role(current_user, n.nspowner, 'MEMBER'))
            FROM pg_roles r WHERE r.rolname = current_user
            """, connection);
        owned.Parameters.AddWithValue("schemas", Schemas);
        await using var answer = await owned.ExecuteReaderAsync();
        Assert.True(await answer.ReadAsync());
        Assert.Equal((false, 0L), (answer.GetBoolean(0), answer.GetInt64(1)));
    }

    [Fact]
    public async Task The_start_up_check_names_what_a_login_holds_beyond_its_needs()
    {
        Assert.Empty(await DatabaseRights.ProblemsAsync(ApplicationLogin, Schemas));

        await using var owner = NpgsqlDataSource.Create(App.ConnectionString);
        var problems = await DatabaseRights.ProblemsAsync(owner, Schemas);
        Assert.Contains(problems, p => p.Contains("may create databases (CREATEDB)"));
        Assert.Contains(problems, p => p.Contains(" owns ") && p.Contains("ConnectionStrings:Migrations"));
    }

    [Fact]
    public async Task Production_does_not_start_with_a_login_that_owns_the_schemas()
    {
        // the owner's login as the application's, and no migrations login: as one login did before
        await using var host = HostProcess.Start(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Default"] = App.ConnectionString,
            ["EPLAN_PUBLIC_BASE_URL"] = "https://eplan.example",
            ["EPLAN_ALLOWED_HOSTS"] = "eplan.example",
            ["EPLAN_SMTP_HOST"] = "127.0.0.1",
            ["Logging__LogLevel__Default"] = "Error",
        });

        Assert.NotEqual(0, await host.WaitForExitAsync());
        Assert.Contains("E-PlanNACC cannot start in Production", host.Log);
        Assert.Contains("may create databases (CREATEDB)", host.Log);
        Assert.Contains("set ConnectionStrings:Migrations", host.Log);
    }
}
