using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Security;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EPlanNacc.UnitTests.BuildingBlocks;

/// <summary>The per-user token buckets of the expensive work: the whole limit at once, then one token every window
/// divided by the limit, each user and each kind of work on its own, on the application's clock.</summary>
public sealed class UsageMeterTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.Zero));
    private readonly UsageMeter _meter;
    private static readonly Guid Alice = Guid.NewGuid();
    private static readonly Guid Bob = Guid.NewGuid();

    public UsageMeterTests() => _meter = new UsageMeter(Options.Create(new UsageLimitOptions
    {
        ReportsPerMinute = 6, DashboardsPerMinute = 60, ImportsPerHour = 3,
    }), _clock);

    [Fact]
    public void A_user_may_use_the_whole_limit_at_once_then_waits_for_the_next_token()
    {
        for (var i = 0; i < 6; i++) _meter.Take(Alice, Usage.Report);
        var refused = Assert.Throws<TryLaterException>(() => _meter.Take(Alice, Usage.Report));
        Assert.True(refused.CallersLimit);
        Assert.Equal(TimeSpan.FromSeconds(10), refused.RetryAfter); // 6 a minute
        Assert.Equal(UsageMeter.Message, refused.Message);

        _clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(TimeSpan.FromSeconds(1),
            Assert.Throws<TryLaterException>(() => _meter.Take(Alice, Usage.Report)).RetryAfter);
        _clock.Advance(TimeSpan.FromSeconds(1));
        _meter.Take(Alice, Usage.Report);
        Assert.Throws<TryLaterException>(() => _meter.Take(Alice, Usage.Report));
    }

    [Fact]
    public void Users_and_kinds_of_work_have_buckets_of_their_own()
    {
        for (var i = 0; i < 6; i++) _meter.Take(Alice, Usage.Report);
        _meter.Take(Bob, Usage.Report);
        _meter.Take(Alice, Usage.Dashboard);
        for (var i = 0; i < 3; i++) _meter.Take(Alice, Usage.Import);
        var import = Assert.Throws<TryLaterException>(() => _meter.Take(Alice, Usage.Import));
        Assert.Equal((UsageMeter.ImportMessage, TimeSpan.FromMinutes(20)), (import.Message, import.RetryAfter));
    }

    [Fact]
    public void A_bucket_never_holds_more_than_the_limit_and_a_clock_set_back_takes_nothing()
    {
        _clock.Advance(TimeSpan.FromHours(5));
        for (var i = 0; i < 6; i++) _meter.Take(Alice, Usage.Report);
        Assert.Throws<TryLaterException>(() => _meter.Take(Alice, Usage.Report));
        _clock.AdjustTime(_clock.GetUtcNow().AddDays(-1));
        Assert.Throws<TryLaterException>(() => _meter.Take(Alice, Usage.Report));
        _meter.Clear();
        _meter.Take(Alice, Usage.Report);
    }
}
