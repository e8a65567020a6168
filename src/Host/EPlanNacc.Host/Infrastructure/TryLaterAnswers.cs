using EPlanNacc.BuildingBlocks.Errors;

namespace EPlanNacc.Host.Infrastructure;

/// <summary>How the pages and the API answer a <see cref="TryLaterException"/>.</summary>
public static class TryLaterAnswers
{
    /// <summary>The status of a refusal to try later: 429 when the caller asked too much, 503 when the system is
    /// full for everyone; with its Retry-After header (whole seconds, at least one).</summary>
    public static int Answer(HttpResponse response, TryLaterException refusal)
    {
        var status = refusal.CallersLimit ? StatusCodes.Status429TooManyRequests
            : StatusCodes.Status503ServiceUnavailable;
        response.StatusCode = status;
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(refusal.RetryAfter.TotalSeconds))
            .ToString(System.Globalization.CultureInfo.InvariantCulture);
        return status;
    }
}
