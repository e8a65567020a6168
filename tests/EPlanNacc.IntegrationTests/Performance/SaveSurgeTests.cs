using System.Net.Http.Json;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Host.Infrastructure;
using EPlanNacc.Modules.Evaluation.Contracts;
using EPlanNacc.Modules.Evaluation.Features.Scores;
using EPlanNacc.Modules.Identity.Features.Provisioning;
using EPlanNacc.Modules.LocalAuthorityProfile.Features.Registry;
using EPlanNacc.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace EPlanNacc.IntegrationTests.Performance;

/// <summary>What a deadline's surge of round-report saves and a start cost (docs/adr/0037-a-save-under-a-deadline-
/// surge.md): the statements of one save, no Hangfire job per save (one drain in the process does the work of many
/// saves), and a start that skips the registry's reload and the accounts' provisioning when nothing changed.</summary>
[Trait(AnyDay.Trait, AnyDay.Value)]
public sealed class SaveSurgeTests(AppFixture app, ITestOutputHelper output) : IntegrationTest(app)
{
    /// <summary>The statements of one save through the API, the session's check left out: the authorization (the
    /// project's owner, the LAO in scope), the project locked, the round's calendar (dates and extensions in one round
    /// trip), the report with the new version and the history in one statement (three before), the pending
    /// recalculation, and the answer's read (the project with its reports; its owner is known from the authorization,
    /// ListProjectOwnersHandler). Each is a round trip to the database (docs/adr/0042-a-save-recounts-one-round.md).
    /// </summary>
    private const int SaveBudget = 7;

    private static object Body(decimal spent, int version) => new
    {
        ordinanceBudget = 50_000m, budgetSpent = spent, inLocalOrdinance = true, status = "in_progress",
        notPossibleReason = (string?)null, notPossibleReasonOther = (string?)null, remarks = (string?)null, version,
    };

    [Fact]
    public async Task A_save_runs_a_bounded_number_of_statements_and_queues_no_Hangfire_job()
    {
        await App.SetUpLaoAsync();
        await App.OpenRoundAsync(6);
        var id = await App.CreateProjectAsync();
        using var api = await App.CreateApiClientAsync(Samples.KohYo, Samples.Password);
        using var listening = App.Statements.Listen();
        var jobsBefore = await JobsAsync();

        var version = (await App.GetProjectAsync(id)).Version;
        var counts = new List<int>();
        for (var save = 0; save < 6; save++)
        {
            var (response, statements) = await App.Statements.SendAsync(api,
                new HttpRequestMessage(HttpMethod.Put, $"/api/v1/projects/{id}/rounds/6")
                {
                    Content = JsonContent.Create(Body(save, version)),
                });
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            version = (await response.Content.ReadFromJsonAsync<ProjectVersion>())!.Version;
            var counted = statements.Where(s => !s.Sql.Contains("identity.sessions", StringComparison.Ordinal))
                .ToList();
            counts.Add(counted.Count);
            if (save == 5)
                output.WriteLine(string.Join("\n", counted.Select(s => PageWalk.Short(s.Sql))));
        }
        output.WriteLine($"statements per save: {string.Join(", ", counts)}");
        Assert.All(counts.Skip(1), c => Assert.InRange(c, 1, SaveBudget));

        // six saves: no Hangfire job of their own; the drain in the process recalculated the scores
        await Eventually.Async(() => App.SendAsync(TestUser.Admin(),
                new GetImplementationScoresQuery(App.CurrentYear, [Samples.KohYo])),
            s => s.Any(r => r is { Round: 6, DimensionCode: null, InProgressCount: 1 }), "the scores recalculated",
            TimeSpan.FromSeconds(60));
        await NothingPendingAsync();
        Assert.Equal(jobsBefore, await JobsAsync());
    }

    private sealed record ProjectVersion(int Version);

    private Task<IReadOnlyList<long>> NothingPendingAsync() =>
        Eventually.Async(() => App.QueryAsync<long>("SELECT count(*) FROM evaluation.pending_recalculations"),
            n => n.Single() == 0, "every pending recalculation drained", TimeSpan.FromSeconds(60));

    private async Task<long> JobsAsync() => (await App.QueryAsync<long>(
        "SELECT count(*) FROM hangfire.job WHERE invocationdata::text LIKE '%RecalculatePendingScores%'")).Single();

    [Fact]
    public async Task Drains_asked_for_while_one_runs_are_one_more_run()
    {
        var runs = App.Services.GetRequiredService<CoalescedRuns>();
        await App.SetUpLaoAsync();
        await App.CreateProjectAsync(); // a pending recalculation
        await NothingPendingAsync();

        // fifty requests at once: at most one run starts (none if the change's run still pauses before its next)
        var answers = Enumerable.Range(0, 50).Select(_ => runs.Request(new RecalculatePendingScoresCommand())).ToList();
        Assert.InRange(answers.Count(a => a == "started"), 0, 1);
        Assert.Equal(49, answers.Skip(1).Count(a => a == "coalesced"));
    }

    [Fact]
    public async Task A_start_skips_the_registry_and_the_accounts_when_nothing_changed()
    {
        await App.SendAsync(SystemUser.Instance, new LoadRegistryCommand());
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BuildingBlocks.Data.DbSession>();
            Assert.True(await RegistryFile.IsLoadedAsync(db, CancellationToken.None));
            await App.ExecuteAsync("UPDATE local_authority_profile.registry_file SET checksum = 'another file'");
            Assert.False(await RegistryFile.IsLoadedAsync(db, CancellationToken.None));
        }
        await App.SendAsync(SystemUser.Instance, new LoadRegistryCommand()); // as the file has it again

        await App.SendAsync(SystemUser.Instance, new ProvisionAccountsCommand());
        using var listening = App.Statements.Listen();
        var again = await App.Statements.RunAsync(() =>
            App.SendAsync(SystemUser.Instance, new ProvisionAccountsCommand(SkipKnownLaos: true)));
        Assert.DoesNotContain(again, s => s.Sql.Contains("INSERT INTO identity.users", StringComparison.Ordinal));

        // an LAO's account gone: the start provisions it again
        await App.ExecuteAsync("DELETE FROM identity.users WHERE username = @KohYo", new { Samples.KohYo });
        var created = await App.SendAsync(SystemUser.Instance, new ProvisionAccountsCommand(SkipKnownLaos: true));
        Assert.Equal(1, created.LaoAccountsCreated);
    }
}
