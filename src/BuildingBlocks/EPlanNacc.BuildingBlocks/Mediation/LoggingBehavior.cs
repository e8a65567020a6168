using System.Diagnostics;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Security;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Logging;

namespace EPlanNacc.BuildingBlocks.Mediation;

/// <summary>Logs every message with its user and duration; expected outcomes (validation, not found, rule
/// violations) at information level, anything else as an error.</summary>
public sealed class LoggingBehavior<TMessage, TResponse>(ILogger<LoggingBehavior<TMessage, TResponse>> logger,
    ICurrentUser user)
    : IPipelineBehavior<TMessage, TResponse> where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        var name = typeof(TMessage).Name;
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken);
            logger.LogDebug("{Message} by {User} in {Elapsed:0.0} ms", name, user.Username ?? "-",
                Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception ex) when (ex is ValidationException or AppException or OperationCanceledException)
        {
            logger.LogInformation("{Message} by {User} refused: {Reason}", name, user.Username ?? "-",
                ex.GetType().Name);
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "{Message} by {User} failed after {Elapsed:0.0} ms", name, user.Username ?? "-",
                Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }
}
