using EPlanNacc.BuildingBlocks.Data;
using Mediator;

namespace EPlanNacc.BuildingBlocks.Mediation;

/// <summary>Wraps every command in one database transaction. A command sent from inside another command's
/// handler joins the transaction already open, so a slice that asks another module to act stays atomic.</summary>
public sealed class TransactionBehavior<TMessage, TResponse>(DbSession db)
    : IPipelineBehavior<TMessage, TResponse> where TMessage : notnull, IBaseCommand
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        if (db.Transaction is not null) return await next(message, cancellationToken);

        await db.BeginAsync(ct: cancellationToken);
        try
        {
            var response = await next(message, cancellationToken);
            await db.CommitAsync(cancellationToken);
            return response;
        }
        catch
        {
            await db.RollbackAsync();
            throw;
        }
    }
}
