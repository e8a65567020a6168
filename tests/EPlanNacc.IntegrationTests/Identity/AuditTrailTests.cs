using EPlanNacc.BuildingBlocks.Auditing;
using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Host.Infrastructure;
using EPlanNacc.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace EPlanNacc.IntegrationTests.Identity;

/// <summary>The audit trail (BuildingBlocks/Auditing/IAuditTrail.cs) records who did what, about which LAO, when and
/// from where, in the transaction of the change: committed with it, rolled back with it.</summary>
public sealed class AuditTrailTests(AppFixture app) : IntegrationTest(app)
{
    private static readonly TestUser Officer = TestUser.Provincial() with { IpAddress = "203.0.113.7" };

    private sealed record Entry(DateTime At, string? Actor, string? ActorRole, string? ActorProvince, string Action,
        string? DlaCode, string? Detail, string? Address);

    private Task<IReadOnlyList<Entry>> EntriesAsync() => App.QueryAsync<Entry>("""
        SELECT at, actor, actor_role, actor_province, action, dla_code, detail, address FROM identity.audit_log
        ORDER BY at
        """);

    private Task<IReadOnlyList<string>> DisplayNameOfProv90Async() => App.QueryAsync<string>(
        "SELECT display_name FROM identity.users WHERE username = 'prov90'");

    /// <summary>In one transaction, as <paramref name="user"/>: a change (prov90's display name) and its audit entry,
    /// then a commit or a rollback.</summary>
    private async Task ChangeAndRecordAsync(ICurrentUser user, bool commit)
    {
        using var _ = CurrentUserProxy.RunAs(user);
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DbSession>();
        await db.BeginAsync();
        await db.ExecuteAsync("UPDATE identity.users SET display_name = 'ชื่อใหม่' WHERE username = 'prov90'");
        await scope.ServiceProvider.GetRequiredService<IAuditTrail>()
            .RecordAsync("account.renamed", "6900101", "เปลี่ยนชื่อเป็น ชื่อใหม่");
        if (commit) await db.CommitAsync();
        else await db.RollbackAsync();
    }

    [Fact]
    public async Task An_entry_is_committed_with_its_change_with_the_caller_the_time_and_the_address()
    {
        var before = App.Clock.GetUtcNow();

        await ChangeAndRecordAsync(Officer, commit: true);

        Assert.Equal(["ชื่อใหม่"], await DisplayNameOfProv90Async());
        var entry = Assert.Single(await EntriesAsync());
        Assert.Equal(new Entry(entry.At, "prov90", "provincial", "90", "account.renamed", "6900101",
            "เปลี่ยนชื่อเป็น ชื่อใหม่", "203.0.113.7"), entry);
        var at = new DateTimeOffset(entry.At.ToUniversalTime());
        Assert.InRange(at, before, App.Clock.GetUtcNow());
    }

    [Fact]
    public async Task An_entry_is_rolled_back_with_its_change()
    {
        await ChangeAndRecordAsync(Officer, commit: false);

        Assert.NotEqual(["ชื่อใหม่"], await DisplayNameOfProv90Async());
        Assert.Empty(await EntriesAsync());
    }

    [Fact]
    public async Task An_admin_has_no_province_and_a_job_is_recorded_as_the_system()
    {
        await ChangeAndRecordAsync(TestUser.Admin(), commit: true);
        await ChangeAndRecordAsync(SystemUser.Instance, commit: true);

        var entries = await EntriesAsync();
        Assert.Equal([("admin", "admin", (string?)null), ("system", "admin", null)],
            entries.Select(e => (e.Actor, e.ActorRole, e.ActorProvince)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("created")]
    [InlineData("Account.Created")]
    [InlineData("account..created")]
    [InlineData("account.created; DROP TABLE x")]
    public async Task An_action_that_is_not_a_dotted_code_is_refused_and_nothing_is_written(string action)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var audit = scope.ServiceProvider.GetRequiredService<IAuditTrail>();

        await Assert.ThrowsAsync<ArgumentException>(() => audit.RecordAsync(action, null, null));

        Assert.Empty(await EntriesAsync());
    }
}
