namespace EPlanNacc.Modules.Identity.Rules;

/// <summary>The failed sign-ins an account remembers (those of the last window) and its lock.</summary>
internal sealed record LockoutState(IReadOnlyList<DateTimeOffset> RecentFailures, DateTimeOffset? LockedUntil)
{
    public static readonly LockoutState Clear = new([], null);
}

/// <summary>N failed sign-ins within a sliding window lock the account for a while (5 in 15 minutes lock it for
/// 15 minutes). While locked, every try is refused without being counted, even with the right password.</summary>
internal sealed class LockoutPolicy(int threshold, TimeSpan window, TimeSpan duration)
{
    public bool IsLocked(LockoutState state, DateTimeOffset now) => state.LockedUntil is { } until && until > now;

    public TimeSpan RemainingLock(LockoutState state, DateTimeOffset now) =>
        state.LockedUntil is { } until && until > now ? until - now : TimeSpan.Zero;

    /// <summary>The state after one more failure at <paramref name="now"/>: failures older than the window are
    /// forgotten; reaching the threshold locks the account and starts counting afresh.</summary>
    public LockoutState AfterFailure(LockoutState state, DateTimeOffset now)
    {
        var recent = state.RecentFailures.Where(t => now - t < window).Append(now).ToList();
        return recent.Count >= threshold
            ? new LockoutState([], now + duration)
            : new LockoutState(recent, state.LockedUntil);
    }

    public static LockoutState AfterSuccess() => LockoutState.Clear;
}
