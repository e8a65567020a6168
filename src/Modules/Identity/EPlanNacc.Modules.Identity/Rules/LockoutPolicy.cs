namespace EPlanNacc.Modules.Identity.Rules;

/// <summary>The state of failed sign-ins kept on an account.</summary>
internal sealed record LockoutState(int FailedCount, DateTimeOffset? WindowStart, DateTimeOffset? LockedUntil);

/// <summary>N failed sign-ins within a window lock the account for a while (5 in 15 minutes lock 15 minutes).
/// While locked, every try is refused without being counted, even with the right password.</summary>
internal sealed class LockoutPolicy(int threshold, TimeSpan window, TimeSpan duration)
{
    public bool IsLocked(LockoutState state, DateTimeOffset now) => state.LockedUntil is { } until && until > now;

    public TimeSpan RemainingLock(LockoutState state, DateTimeOffset now) =>
        state.LockedUntil is { } until && until > now ? until - now : TimeSpan.Zero;

    /// <summary>The state after one more failure at <paramref name="now"/>; the returned state is locked when
    /// this failure reached the threshold.</summary>
    public LockoutState AfterFailure(LockoutState state, DateTimeOffset now)
    {
        var windowOpen = state.WindowStart is { } start && now - start < window;
        var count = windowOpen ? state.FailedCount + 1 : 1;
        var windowStart = windowOpen ? state.WindowStart : now;
        return count >= threshold
            ? new LockoutState(0, null, now + duration)
            : new LockoutState(count, windowStart, state.LockedUntil);
    }

    public static LockoutState AfterSuccess() => new(0, null, null);
}
