using EPlanNacc.BuildingBlocks.Data;
using Mediator;

namespace EPlanNacc.BuildingBlocks.Mediation;

/// <summary>Wraps every command in one database transaction. A command sent from inside another command's
/// handler joins the transaction already open, so a slice that asks another module to act stays atomic. A command
/// marked <see cref="IOpensItsOwnTransaction"/> is left to open its transaction itself.</summary>
public sealed class TransactionBehavior<TMessage, TResponse>(DbSession db)
    : IPipelineBehavior<TMessage, TResponse> where TMessage : notnull, IBaseCommand
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken) =>
        message is IOpensItsOwnTransaction
            ? next(message, cancellationToken)
            : new ValueTask<TResponse>(db.InTransactionAsync(() => next(message, cancellationToken).AsTask(),
                cancellationToken));
}

/// <summary>A command whose handler first does work that needs no database and may take time (reading an uploaded
/// file), then opens its transaction itself with <see cref="DbSession.InTransactionAsync{T}"/>: the slow part
/// holds no transaction, no lock and no connection (docs/adr/0024-uploads-read-within-bounds.md).</summary>
public interface IOpensItsOwnTransaction;
