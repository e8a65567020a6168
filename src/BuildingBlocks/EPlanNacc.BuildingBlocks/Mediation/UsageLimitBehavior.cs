using System.Reflection;
using EPlanNacc.BuildingBlocks.Security;
using Mediator;

namespace EPlanNacc.BuildingBlocks.Mediation;

/// <summary>The step of the pipeline after authorization that applies <see cref="UsageMeter"/> to the messages a
/// page or an endpoint sends for a person (<see cref="LimitedAttribute"/>). The messages those handlers send on pass
/// (a report's PDF is one report, not the PDF and the report query its handler sends), and so does every message of
/// a job.</summary>
public sealed class UsageLimitBehavior<TMessage, TResponse>(ICurrentUser user, UsageMeter meter)
    : IPipelineBehavior<TMessage, TResponse> where TMessage : notnull, IMessage
{
    private static readonly LimitedAttribute? Limit =
        typeof(TMessage).GetCustomAttribute<LimitedAttribute>(inherit: false);

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken ct)
    {
        if (!UsageNesting.Inside.Value && Limit is not null && user.AsCaller() is not null && user.UserId is { } id)
            meter.Take(id, Limit.Usage);
        UsageNesting.Inside.Value = true;
        return await next(message, ct);
    }
}

internal static class UsageNesting
{
    /// <summary>True inside the handling of a message (an async local, one for every message type: set by the
    /// behaviour, it flows into the messages the handler sends, and is false again for the next message the page
    /// sends).</summary>
    public static readonly AsyncLocal<bool> Inside = new();
}
