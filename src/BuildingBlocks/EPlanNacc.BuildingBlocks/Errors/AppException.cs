namespace EPlanNacc.BuildingBlocks.Errors;

/// <summary>An expected refusal, with a Thai message fit to show to the user. The Host maps each kind to its
/// HTTP status (API) or to a message on the page.</summary>
public abstract class AppException(string message) : Exception(message);

/// <summary>Absent, or not the caller's to see (404: an LAO asking for another LAO's data gets this too).</summary>
public sealed class NotFoundException(string message = "ไม่พบข้อมูลที่ต้องการ") : AppException(message);

/// <summary>Authenticated but not allowed (403).</summary>
public sealed class ForbiddenException(string message = "ท่านไม่มีสิทธิ์ดำเนินการนี้") : AppException(message);

/// <summary>A business rule refused the request (400), optionally tied to one field of the request.</summary>
public sealed class RuleViolationException(string message, string? field = null) : AppException(message)
{
    public string? Field { get; } = field;
}

/// <summary>A stale version or a closed period (409). <see cref="Details"/> says what changed, for the user.</summary>
public sealed class ConflictException(string message, IReadOnlyList<string>? details = null) : AppException(message)
{
    public IReadOnlyList<string> Details { get; } = details ?? [];
}
