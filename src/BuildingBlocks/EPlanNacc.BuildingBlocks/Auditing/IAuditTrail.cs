using System.Text.RegularExpressions;

namespace EPlanNacc.BuildingBlocks.Auditing;

/// <summary>The audit trail every module writes to (implemented by Identity, table identity.audit_log): who did
/// what, to which LAO, when and from which address. Take it by constructor injection in a command handler and
/// record after the change, in the same transaction.</summary>
public interface IAuditTrail
{
    /// <summary>Records an action of the current caller (actor, role and client address from ICurrentUser, time from
    /// TimeProvider) in the current transaction: it is rolled back with the change it describes.</summary>
    /// <param name="action">A dotted code, lower case: <c>account.created</c>, <c>extension.granted</c>...
    /// (<see cref="AuditActions.IsValid"/>).</param>
    /// <param name="dlaCode">The 7-digit code of the LAO the action concerns, if any.</param>
    /// <param name="detail">What changed, in a line of Thai the staff can read (no passwords or tokens).</param>
    Task RecordAsync(string action, string? dlaCode, string? detail, CancellationToken ct = default);
}

/// <summary>The shape of an audit action code.</summary>
public static partial class AuditActions
{
    /// <summary>Two or more lower-case words joined by dots (letters, digits, underscores), at most 64 characters:
    /// <c>account.created</c>, <c>round.dates_changed</c>.</summary>
    public static bool IsValid(string? action) => action is { Length: > 0 and <= 64 } && Shape().IsMatch(action);

    [GeneratedRegex("^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
