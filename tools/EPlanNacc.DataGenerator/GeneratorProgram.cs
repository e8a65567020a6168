using System.Diagnostics;
using System.Globalization;
using Dapper;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Host.Infrastructure;
using EPlanNacc.Modules.Evaluation.Features.Scores;
using EPlanNacc.TestSupport;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EPlanNacc.DataGenerator;

/// <summary>scripts/generate: creates the database when absent, starts the host on it (its start-up migrates the
/// schemas, loads the reference data and provisions the accounts, exactly as at every start), generates, then has
/// the host recalculate the implementation scores of each fiscal year (the nightly set-based recalculation), and
/// prints the time and the rows per table.</summary>
public static class GeneratorProgram
{
    public static async Task<int> Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine(GeneratorOptions.Usage);
            return 0;
        }
        var (options, error) = GeneratorOptions.Parse(args,
            Environment.GetEnvironmentVariable(GeneratorOptions.PasswordVariable));
        if (options is null)
        {
            Console.Error.WriteLine($"generate: {error}\n{GeneratorOptions.Usage}");
            return 2;
        }

        var total = Stopwatch.StartNew();
        var owner = ConnectionString(options.Database, "EPLAN_DB_USER", "EPLAN_DB_PASSWORD", "eplan");
        var app = ConnectionString(options.Database, "EPLAN_DB_APP_USER", "EPLAN_DB_APP_PASSWORD", "eplan_app");
        await TestDatabase.EnsureCreatedAsync(owner);
        Console.WriteLine($"E-PlanNACC national data: database {options.Database}, seed {options.Seed}, " +
                          $"fiscal years {string.Join(", ", options.Years)}, {options.ProjectsPerLao} projects per " +
                          $"LAO and year, {(options.Laos is { } n ? $"{n:N0} LAOs" : "every registry LAO")}");
        var startup = Stopwatch.StartNew();
        await using var host = StartHost(owner, app, options.Password);
        Console.WriteLine(
            $"host start-up (migrations, reference data, accounts): {startup.Elapsed.TotalSeconds:0.0} s");

        GenerationResult result;
        try
        {
            result = await Generator.RunAsync(owner, options, Console.Out);
        }
        catch (GeneratorRefusedException refused)
        {
            Console.Error.WriteLine($"generate: {refused.Message}");
            return 3;
        }

        var scores = TimeSpan.Zero;
        long scoreRows = 0;
        if (options.Scores)
        {
            var watch = Stopwatch.StartNew();
            foreach (var year in options.Years)
            {
                Console.Write($"\rimplementation scores of {year}: the host's set-based recalculation...");
                await SendAsync(host, new RecalculateFiscalYearScoresCommand(year));
            }
            await using var connection = new NpgsqlConnection(owner);
            await connection.ExecuteAsync("VACUUM (ANALYZE) evaluation.implementation_scores", commandTimeout: 0);
            scoreRows = await connection.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM evaluation.implementation_scores");
            scores = watch.Elapsed;
            Console.WriteLine();
        }

        Console.WriteLine($"{"table",-42} {"rows",12} {"seconds",8}");
        foreach (var (table, rows, time) in result.Tables)
            Console.WriteLine($"{table,-42} {rows,12:N0} {time.TotalSeconds,8:0.0}");
        if (options.Scores)
            Console.WriteLine(
                $"{"evaluation.implementation_scores",-42} {scoreRows,12:N0} {scores.TotalSeconds,8:0.0}");
        Console.WriteLine($"{"total",-42} {result.Rows + scoreRows,12:N0}");
        Console.WriteLine($"planned in {result.Planning.TotalSeconds:0.0} s, written and indexed in " +
                          $"{(result.Elapsed - result.Planning).TotalSeconds:0.0} s, scores in " +
                          $"{scores.TotalSeconds:0.0} s; whole run {total.Elapsed.TotalSeconds:0.0} s " +
                          $"({Environment.ProcessorCount} cores)");
        Console.WriteLine($"marker: {BulkLoader.MarkerTable} (seed {options.Seed}); every account signs in with the " +
                          "given password: the LAOs' 7-digit codes, prov + province code, admin");
        return 0;
    }

    /// <summary>The connection string of scripts/lib/env.sh's logins (EPLAN_DB_HOST, EPLAN_DB_PORT and the user and
    /// password variables named).</summary>
    private static string ConnectionString(string database, string userVariable, string passwordVariable,
        string defaultUser) => new NpgsqlConnectionStringBuilder
    {
        Host = Environment.GetEnvironmentVariable("EPLAN_DB_HOST") ?? "127.0.0.1",
        Port = int.Parse(Environment.GetEnvironmentVariable("EPLAN_DB_PORT") ?? "5432", CultureInfo.InvariantCulture),
        Database = database,
        Username = Environment.GetEnvironmentVariable(userVariable) ?? defaultUser,
        Password = Environment.GetEnvironmentVariable(passwordVariable)
                   ?? throw new InvalidOperationException($"{passwordVariable} is not set: run scripts/generate"),
        IncludeErrorDetail = true,
    }.ConnectionString;

    /// <summary>The host in this process, started as at every start (no HTTP server, no job server): the owner's login
    /// migrates, the application's is the host's own; the first admin takes the bench password.</summary>
    private static WebApplicationFactory<Program> StartHost(string owner, string app, string password)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = app,
            ["ConnectionStrings:Migrations"] = owner,
            ["Jobs:RunServer"] = "false",
            ["Jobs:CatchUpAtStart"] = "false",
            ["Bootstrap:AdminPassword"] = password,
            ["Bootstrap:AdminMustChangePassword"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
            // nothing is sent at start-up; were it, into the checkout's ignored folder
            ["Email:PickupDirectory"] = Path.Combine(TestDatabase.RepositoryRoot(), ".run", "generator-mail"),
        };
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Generator");
            builder.UseContentRoot(Path.Combine(TestDatabase.RepositoryRoot(), "src", "Host", "EPlanNacc.Host"));
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
        });
        _ = factory.Services; // starts it: Program runs the start-up before serving
        return factory;
    }

    private static async Task SendAsync<T>(WebApplicationFactory<Program> host, Mediator.ICommand<T> command)
    {
        using var _ = CurrentUserProxy.RunAs(SystemUser.Instance);
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }
}
