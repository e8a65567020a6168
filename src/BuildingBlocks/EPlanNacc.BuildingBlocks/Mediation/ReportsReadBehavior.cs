using EPlanNacc.BuildingBlocks.Data;
using Mediator;

namespace EPlanNacc.BuildingBlocks.Mediation;

/// <summary>Runs a message marked <see cref="IReadsReports"/>, and whatever it sends, on the reports' pool
/// (ConnectionStrings:Reports: a read-only replica, or the primary by default), after its authorization and
/// validation, which read the primary (docs/adr/0033-several-instances.md).</summary>
public sealed class ReportsReadBehavior<TMessage, TResponse>(DbSession db) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        if (message is not IReadsReports) return await next(message, cancellationToken);
        await using (await db.UseReportsAsync()) return await next(message, cancellationToken);
    }
}
