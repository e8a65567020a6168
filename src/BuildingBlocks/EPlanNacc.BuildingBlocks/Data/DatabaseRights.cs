using Microsoft.Extensions.Configuration;
using Npgsql;

namespace EPlanNacc.BuildingBlocks.Data;

/// <summary>The two logins of the database (docs/adr/0021-two-database-logins.md): the application's
/// (<c>ConnectionStrings:Default</c>), which reads and writes rows and nothing more, and the owner's
/// (<c>ConnectionStrings:Migrations</c>), used only to migrate the schemas and grant the application its rights.
/// Without a migrations login the application's own runs the migrations, as one login did before; Production refuses
/// that (<see cref="DatabaseRights.ProblemsAsync"/>).</summary>
public sealed record DatabaseConnections(string Application, string Migrations)
{
    public static DatabaseConnections From(IConfiguration configuration)
    {
        var application = configuration.GetConnectionString("Default");
        if (string.IsNullOrWhiteSpace(application))
            throw new InvalidOperationException("ConnectionStrings:Default is not set.");
        var migrations = configuration.GetConnectionString("Migrations");
        return new DatabaseConnections(application,
            string.IsNullOrWhiteSpace(migrations) ? application : migrations);
    }

    /// <summary>The application's login name.</summary>
    public string ApplicationLogin => new NpgsqlConnectionStringBuilder(Application).Username ?? "";

    /// <summary>Whether the migrations run under a login of their own.</summary>
    public bool SeparateLogins =>
        !string.Equals(ApplicationLogin, new NpgsqlConnectionStringBuilder(Migrations).Username,
            StringComparison.Ordinal);
}

/// <summary>What the application's login may do: read and write the rows of every module schema and of Hangfire's,
/// nothing more. It owns no schema and no table, so it cannot create, alter or drop one; it cannot read or write the
/// DbUp journals (<see cref="DatabaseMigrator.JournalTable"/>); it can only add and read the rows of an append-only
/// table (the audit trail, <see cref="ModuleMigrations.AppendOnlyTables"/>).</summary>
public static class DatabaseRights
{
    /// <summary>Run by the owner after every migration, in one transaction: takes back whatever the application's
    /// login held on the tables and sequences of <paramref name="modules"/> and <paramref name="otherSchemas"/>,
    /// then grants exactly the rights above (tables created by the migrations just run included).</summary>
    public static void GrantApplicationAccess(string ownerConnectionString, string applicationLogin,
        IEnumerable<ModuleMigrations> modules, IEnumerable<string> otherSchemas)
    {
        var login = Quote(applicationLogin);
        var sql = new System.Text.StringBuilder();
        void Grant(string schema)
        {
            var s = Quote(schema);
            sql.Append($"""
                REVOKE ALL ON ALL TABLES IN SCHEMA {s} FROM {login};
                REVOKE ALL ON ALL SEQUENCES IN SCHEMA {s} FROM {login};
                GRANT USAGE ON SCHEMA {s} TO {login};
                GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {s} TO {login};
                GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {s} TO {login};

                """);
        }
        foreach (var module in modules)
        {
            Grant(module.Schema);
            var s = Quote(module.Schema);
            sql.Append($"REVOKE ALL ON TABLE {s}.{Quote(DatabaseMigrator.JournalTable)} FROM {login};\n");
            foreach (var table in module.AppendOnlyTables ?? [])
                sql.Append($"REVOKE UPDATE, DELETE ON TABLE {s}.{Quote(table)} FROM {login};\n");
        }
        foreach (var schema in otherSchemas) Grant(schema);

        using var connection = new NpgsqlConnection(ownerConnectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using (var command = new NpgsqlCommand(sql.ToString(), connection, transaction)) command.ExecuteNonQuery();
        transaction.Commit();
    }

    /// <summary>What the application's login holds that it does not need (empty when all is well): a superuser's,
    /// CREATEDB, CREATEROLE or BYPASSRLS attribute, or the ownership (its own or through a role it is a member of) of
    /// one of <paramref name="schemas"/> or of an object in them.</summary>
    public static async Task<IReadOnlyList<string>> ProblemsAsync(NpgsqlDataSource application,
        IReadOnlyList<string> schemas, CancellationToken ct = default)
    {
        await using var command = application.CreateCommand("""
            SELECT current_user, r.rolsuper, r.rolcreatedb, r.rolcreaterole, r.rolbypassrls,
                (SELECT count(*) FROM pg_namespace n
                 WHERE n.nspname = ANY(@schemas) AND pg_has_role(current_user, n.nspowner, 'MEMBER')) +
                (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = ANY(@schemas) AND pg_has_role(current_user, c.relowner, 'MEMBER'))
            FROM pg_roles r WHERE r.rolname = current_user
            """);
        command.Parameters.AddWithValue("schemas", schemas.ToArray());
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return ["the application's login is not a role of the server"];
        var login = reader.GetString(0);
        var problems = new List<string>();
        if (reader.GetBoolean(1)) problems.Add("is a superuser");
        if (reader.GetBoolean(2)) problems.Add("may create databases (CREATEDB)");
        if (reader.GetBoolean(3)) problems.Add("may create roles (CREATEROLE)");
        if (reader.GetBoolean(4)) problems.Add("bypasses row security (BYPASSRLS)");
        var owned = reader.GetInt64(5);
        if (owned > 0)
            problems.Add($"owns {owned} of the schemas and their objects (set ConnectionStrings:Migrations to the " +
                         "owner's login: the migrations run under it and grant this login its rights)");
        return problems.Select(p => $"The database login '{login}' of ConnectionStrings:Default {p}.").ToList();
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";
}
