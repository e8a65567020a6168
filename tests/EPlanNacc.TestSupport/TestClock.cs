using System.Globalization;
using EPlanNacc.BuildingBlocks.Thai;
using Microsoft.Extensions.Time.Testing;

namespace EPlanNacc.TestSupport;

/// <summary>The clock of the test host: a <see cref="FakeTimeProvider"/> that replaces the application's
/// <see cref="TimeProvider"/>, so that the suite passes on any day of the year. Every integration and browser test
/// starts on <see cref="DefaultToday"/> at 10:00 Bangkok time and sets the day its behaviour needs.
/// <para>The default day is <c>EPLAN_TEST_TODAY=YYYY-MM-DD</c> when set (scripts/test also runs the suite on
/// 2027-04-15, inside the default 6-month window, and on 2027-10-15, inside the default 12-month window of the
/// fiscal year that just ended), else <see cref="FixedDefaultDay"/>.</para>
/// <para>The clock advances by <see cref="Tick"/> each time it is read: two moments the application records
/// (history rows, account events) are never equal and keep their order, as with a real clock, while a test that
/// sets a moment reads it back first.</para></summary>
public static class TestClock
{
    public const string Variable = "EPLAN_TEST_TODAY";

    /// <summary>1 December 2026 (2569 BE): fiscal year 2570 has begun, both of its rounds are still ahead and
    /// both rounds of 2569 are closed (by the domain default dates).</summary>
    public static readonly DateOnly FixedDefaultDay = new(2026, 12, 1);

    /// <summary>The time of day every test starts at, Bangkok time.</summary>
    public static readonly TimeOnly DefaultTime = new(10, 0);

    /// <summary>How far the clock moves each time it is read.</summary>
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(1);

    /// <summary>The default day of the run: <c>EPLAN_TEST_TODAY</c>, or <see cref="FixedDefaultDay"/>.</summary>
    public static DateOnly DefaultToday { get; } = ReadDefaultDay(Environment.GetEnvironmentVariable(Variable));

    /// <summary>The moment every test starts at: <see cref="DefaultToday"/>, <see cref="DefaultTime"/> in
    /// Bangkok.</summary>
    public static DateTimeOffset DefaultNow => InBangkok(DefaultToday, DefaultTime);

    /// <summary>A new clock at <see cref="DefaultNow"/> that advances by <see cref="Tick"/> on each read.</summary>
    public static FakeTimeProvider Create() => new(DefaultNow) { AutoAdvanceAmount = Tick };

    /// <summary>A day and a time of day in Bangkok (UTC+7, no daylight saving) as a moment.</summary>
    public static DateTimeOffset InBangkok(DateOnly day, TimeOnly time) =>
        new DateTimeOffset(day.ToDateTime(time), ThaiFormat.BangkokTime.BaseUtcOffset).ToUniversalTime();

    /// <summary>Parses <c>EPLAN_TEST_TODAY</c>: empty means the fixed default day; anything but YYYY-MM-DD stops the
    /// run with a message instead of testing some other day.</summary>
    public static DateOnly ReadDefaultDay(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return FixedDefaultDay;
        var trimmed = value.Trim();
        if (DateOnly.TryParseExact(trimmed, "yyyy-MM-dd", CultureInfo.InvariantCulture,
            DateTimeStyles.None, out var day))
            return day;
        throw new InvalidOperationException(
            $"{Variable} must be a day as YYYY-MM-DD (e.g. 2027-04-15), not \"{value}\".");
    }
}
