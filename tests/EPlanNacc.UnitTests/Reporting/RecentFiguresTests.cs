using EPlanNacc.Modules.Reporting.Features.Completeness;
using EPlanNacc.Modules.Reporting.Rendering;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EPlanNacc.UnitTests.Reporting;

/// <summary>The nation's figures a few seconds old (docs/adr/0038-national-pages-read-lightly.md): kept for the
/// setting's seconds with the time they were computed, computed once for everyone asking at once, never kept when
/// the computation failed, and computed at every request when the setting is 0.</summary>
public sealed class RecentFiguresTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2027, 3, 1, 3, 0, 0, TimeSpan.Zero));

    private RecentFigures Figures(int seconds) =>
        new(_clock, Options.Create(new ReportingOptions { NationalFiguresSeconds = seconds }));

    [Fact]
    public async Task Figures_are_kept_with_their_time_until_the_setting_s_seconds_have_passed()
    {
        var figures = Figures(30);
        var computed = 0;
        Task<string> Compute() => Task.FromResult($"figures {++computed}");
        var first = await figures.GetAsync("nation", Compute);
        var computedAt = _clock.GetUtcNow();

        _clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(("figures 1", computedAt), await figures.GetAsync("nation", Compute));
        Assert.Equal(("figures 1", computedAt), first);
        Assert.Equal("figures 2", (await figures.GetAsync("another key", Compute)).Value);

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(("figures 3", _clock.GetUtcNow()), await figures.GetAsync("nation", Compute));
    }

    [Fact]
    public async Task Those_asking_at_once_wait_for_one_computation()
    {
        var figures = Figures(30);
        var computed = 0;
        var release = new TaskCompletionSource<string>();
        Task<string> Compute()
        {
            Interlocked.Increment(ref computed);
            return release.Task;
        }
        var waiting = Enumerable.Range(0, 16).Select(_ => figures.GetAsync("nation", Compute)).ToList();
        Assert.All(waiting, w => Assert.False(w.IsCompleted));
        release.SetResult("figures");

        Assert.All(await Task.WhenAll(waiting), w => Assert.Equal("figures", w.Value));
        Assert.Equal(1, computed);
    }

    [Fact]
    public async Task A_failed_computation_is_not_kept()
    {
        var figures = Figures(30);
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            figures.GetAsync<string>("nation", () => throw new InvalidOperationException("the database is away")));
        Assert.Equal("figures", (await figures.GetAsync("nation", () => Task.FromResult("figures"))).Value);
    }

    [Fact]
    public async Task With_no_seconds_the_figures_are_computed_at_every_request()
    {
        var figures = Figures(0);
        var computed = 0;
        Task<string> Compute() => Task.FromResult($"figures {++computed}");
        Assert.Equal("figures 1", (await figures.GetAsync("nation", Compute)).Value);
        Assert.Equal("figures 2", (await figures.GetAsync("nation", Compute)).Value);
    }
}
